import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, parseMessage, readInput, unwrap } from '../../../src/validate/input.js';

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const TOKEN = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ iss: 'x' })}.c2lnbmF0dXJlLWJ5dGVz`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lti-validate-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('unwrap', () => {
  it.each([
    [`  ${TOKEN}\n`],
    [`Bearer ${TOKEN}`],
    [`id_token=${TOKEN}&state=abc`],
    [`JWT=${TOKEN}`],
    [`"${TOKEN}"`],
  ])('drops what surrounds a copied token: %s', (raw) => {
    expect(unwrap(raw)).toBe(TOKEN);
  });
});

describe('parseMessage', () => {
  it('decodes a JWT header and payload, and JSON documents', () => {
    expect(parseMessage(TOKEN)).toMatchObject({ form: 'jwt', header: { alg: 'RS256' }, payload: { iss: 'x' } });
    expect(parseMessage(' {"a":1} ')).toMatchObject({ form: 'json', value: { a: 1 } });
  });

  it.each([
    ['garbage', 'hello world', /neither a JWT .* nor JSON/],
    ['truncated JWT', TOKEN.split('.').slice(0, 2).join('.'), /truncated/],
    ['invalid base64url', `${TOKEN.split('.')[0]}.@@@.sig`, /payload is not base64url/],
    ['a segment that is not JSON', `${Buffer.from('not json').toString('base64url')}.${b64({})}.sig`, /header does not decode to JSON/],
    ['bad JSON', '{"a":', /not valid JSON/],
    ['empty', '   ', /empty/],
    ['a JWE', 'a.b.c.d.e', /encrypted JWT/],
  ])('%s is a usage error with one line', (_name, input, message) => {
    let err: (Error & { code?: string }) | undefined;
    try {
      parseMessage(input);
    } catch (e) {
      err = e as Error & { code?: string };
    }
    expect(err?.code).toBe('ERR_USAGE');
    expect(err?.message).toMatch(message);
    expect(err?.message).not.toContain('\n');
  });

  it('never echoes the signature in an error', () => {
    const sig = 'c2lnbmF0dXJlLWJ5dGVzLWxvbmctZW5vdWdo';
    expect(() => parseMessage(`${b64({ a: 1 })}.${b64({})}.${sig}.x`)).toThrow();
    try {
      parseMessage(`${b64({ a: 1 })} ${b64({})}.${sig}`);
    } catch (e) {
      expect((e as Error).message).not.toContain(sig);
    }
  });
});

describe('readInput', () => {
  it('reads a file, an inline value and stdin', async () => {
    const f = join(dir, 't.jwt');
    await writeFile(f, `${TOKEN}\n`);
    expect(await readInput(f)).toEqual({ text: `${TOKEN}\n`, source: f });
    expect(await readInput(TOKEN)).toEqual({ text: TOKEN, source: 'the argument' });
    expect(await readInput('-', Readable.from([Buffer.from(TOKEN)]))).toEqual({ text: TOKEN, source: 'stdin' });
  });

  it('refuses large, binary and non-UTF-8 input', async () => {
    const big = join(dir, 'big');
    await writeFile(big, Buffer.alloc(MAX_INPUT_BYTES + 1, 0x61));
    await expect(readInput(big)).rejects.toMatchObject({ code: 'ERR_USAGE', message: expect.stringContaining('at most 1.0 MB') });
    await expect(readInput('-', Readable.from([Buffer.alloc(MAX_INPUT_BYTES + 10, 0x61)]))).rejects.toMatchObject({ code: 'ERR_USAGE' });
    const bin = join(dir, 'bin');
    await writeFile(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await expect(readInput(bin)).rejects.toMatchObject({ code: 'ERR_USAGE', message: expect.stringContaining('binary') });
    const latin = join(dir, 'latin');
    await writeFile(latin, Buffer.from([0x65, 0xe9, 0x65]));
    await expect(readInput(latin)).rejects.toMatchObject({ code: 'ERR_USAGE', message: expect.stringContaining('UTF-8') });
    await expect(readInput(dir)).rejects.toMatchObject({ code: 'ERR_USAGE', message: expect.stringContaining('folder') });
  });
});
