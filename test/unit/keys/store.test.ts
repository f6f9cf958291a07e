import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../../../src/core/errors.js';
import { KeyStore } from '../../../src/keys/store.js';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lti-conform-keys-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function configError(p: Promise<unknown>): Promise<HarnessError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(HarnessError);
  expect((e as HarnessError).code).toBe('ERR_CONFIG_INVALID');
  return e as HarnessError;
}

describe('KeyStore.persistent', () => {
  it('creates the key file (and its folder) with mode 0600 on first run and reloads the same kid on the second', async () => {
    const file = join(dir, 'nested', 'keys.json');
    const first = await KeyStore.persistent(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { keys: Record<string, unknown>[] };
    expect(saved.keys.map((k) => k.kid)).toEqual([first.current.kid]);
    expect(saved.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(saved.keys[0]?.d).toBeTypeOf('string');

    const second = await KeyStore.persistent(file);
    expect(second.current.kid).toBe(first.current.kid);
    expect(second.jwks()).toEqual(first.jwks());
  });

  it('rotation is saved: a reload sees both kids, newest signing', async () => {
    const file = join(dir, 'rotated.json');
    const store = await KeyStore.persistent(file);
    const old = store.current.kid;
    const fresh = await store.rotate();
    const reloaded = await KeyStore.persistent(file);
    expect(reloaded.jwks().keys.map((k) => k.kid)).toEqual([old, fresh.kid]);
    expect(reloaded.current.kid).toBe(fresh.kid);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['not JSON', '{ this is not json'],
    ['no keys array', '{"keys": "nope"}'],
    ['an empty keys array', '{"keys": []}'],
    ['a public key only', '{"keys": [{"kty":"RSA","kid":"k","n":"AQAB","e":"AQAB"}]}'],
    ['a key without kid', '{"keys": [{"kty":"RSA","d":"AQAB","n":"AQAB","e":"AQAB"}]}'],
    ['an EC key', '{"keys": [{"kty":"EC","kid":"k","d":"AQAB","crv":"P-256","x":"AQAB","y":"AQAB"}]}'],
  ])('a corrupt file (%s) is ERR_CONFIG_INVALID naming the file', async (_name, text) => {
    const file = join(dir, `corrupt-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, text);
    const e = await configError(KeyStore.persistent(file));
    expect(e.message).toContain(`emulator.keyFile: ${file} is not a key file written by lti-conform`);
    expect(e.hint).toMatch(/Delete it/);
  });

  it('an unreadable path (a directory) is ERR_CONFIG_INVALID', async () => {
    const e = await configError(KeyStore.persistent(dir));
    expect(e.message).toContain(`emulator.keyFile: cannot read ${dir}`);
  });
});

describe('KeyStore keys', () => {
  let store: KeyStore;
  beforeAll(async () => {
    store = await KeyStore.inMemory();
  });

  it('jwks() publishes public RSA members only', () => {
    const { keys } = store.jwks();
    expect(keys).toHaveLength(1);
    for (const k of keys) {
      for (const m of PRIVATE_MEMBERS) expect(k, m).not.toHaveProperty(m);
      expect(Object.keys(k).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(k).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: store.current.kid });
    }
  });

  it('byKid finds the current key and nothing else', () => {
    expect(store.byKid(store.current.kid)).toBe(store.current);
    expect(store.byKid('unknown')).toBeUndefined();
  });

  it('publicPem is an SPKI PEM for a known kid and undefined otherwise', async () => {
    expect(await store.publicPem(store.current.kid)).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/);
    expect(await store.publicPem('unknown')).toBeUndefined();
  });

  it('rotate() adds a new kid that signs from then on and keeps at most two keys', async () => {
    const s = await KeyStore.inMemory();
    const k1 = s.current.kid;
    const k2 = (await s.rotate()).kid;
    expect(k2).not.toBe(k1);
    expect(s.current.kid).toBe(k2);
    expect(s.jwks().keys.map((k) => k.kid)).toEqual([k1, k2]);
    const k3 = (await s.rotate()).kid;
    expect(new Set([k1, k2, k3]).size).toBe(3);
    expect(s.jwks().keys.map((k) => k.kid)).toEqual([k2, k3]);
    expect(s.byKid(k1)).toBeUndefined();
    for (const k of s.jwks().keys) for (const m of PRIVATE_MEMBERS) expect(k).not.toHaveProperty(m);
  });
});
