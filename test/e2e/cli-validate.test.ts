import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateStrict } from 'ctrf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM } from '../../src/lti/vocab.js';
import { NOW, resourceLink, score, signer, type Signer } from '../unit/validate/support.js';
import { BIN, ensureBuilt, ROOT } from './support/build.js';
import { runCli, stackLines, type CliResult } from './support/cli.js';

// `lti-conform validate` through the built CLI: exit codes 0/1/2, the text report, --jwks, stdin, CTRF.

let s: Signer;
let dir: string;
let token: string;

beforeAll(async () => {
  await ensureBuilt();
  s = await signer();
  dir = await mkdtemp(join(tmpdir(), 'lti-validate-e2e-'));
  token = await s.sign(resourceLink());
  await writeFile(join(dir, 'jwks.json'), JSON.stringify(s.jwks));
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const both = (r: CliResult): string => `${r.stdout}\n${r.stderr}`;
const validate = (...args: string[]): Promise<CliResult> => runCli(['validate', ...args], { cwd: dir });
const file = async (name: string, content: string | Buffer): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};

function expectUsage(r: CliResult, message: RegExp): void {
  expect(r.code, both(r)).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  expect(stackLines(both(r))).toEqual([]);
}

/** The CLI with `input` on stdin. */
function withStdin(args: string[], input: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
    child.stdin.end(input);
  });
}

describe('validate a resource link id_token', () => {
  it('a valid one exits 0 and shows claims with their checks', async () => {
    const r = await validate(token, '--now', String(NOW + 10));
    expect(r.code, both(r)).toBe(0);
    expect(r.stdout).toContain('LtiResourceLinkRequest id_token');
    expect(r.stdout).toMatch(/resource_link: \{"id":"rl-1"\}/);
    expect(r.stdout).toContain('✓ id-token.resource-link.id-present');
    expect(r.stdout).toContain('give --issuer <value> to check it');
    expect(both(r)).not.toContain(token.split('.')[2]);
  });

  it('a broken one exits 1 naming the rule', async () => {
    const broken = await s.sign(resourceLink({ [CLAIM.resourceLink]: { id: '' } }));
    const r = await validate(await file('broken.jwt', `  Bearer ${broken}\n`), '--now', String(NOW + 10));
    expect(r.code, both(r)).toBe(1);
    expect(r.stdout).toContain('id-token.resource-link.id-present');
    expect(r.stdout).toContain('LTI-RL-004');
  });

  it('a value given by flag is compared: a wrong issuer exits 1', async () => {
    const r = await validate(token, '--now', String(NOW + 10), '--issuer', 'https://other.example');
    expect(r.code, both(r)).toBe(1);
    expect(r.stdout).toContain('id-token.iss.matches');
  });

  it('an expired one exits 0 and says it expired', async () => {
    const r = await validate(`id_token=${token}`, '--now', String(NOW + 3 * 86_400));
    expect(r.code, both(r)).toBe(0);
    expect(r.stdout).toMatch(/expired 2 days ago at 2023-11-14T22:18:20Z/);
  });

  it('--jwks verifies the signature, and a foreign key fails it', async () => {
    const jwks = join(dir, 'jwks.json');
    const ok = await validate(token, '--now', String(NOW + 10), '--jwks', jwks);
    expect(ok.code, both(ok)).toBe(0);
    expect(ok.stdout).toContain('verified with --jwks');
    const other = await signer();
    const forged = await other.sign(resourceLink());
    const bad = await validate(forged, '--now', String(NOW + 10), '--jwks', jwks);
    expect(bad.code, both(bad)).toBe(1);
    expect(bad.stdout).toContain('id-token.signature.valid');
  });

  it('reads stdin with -', async () => {
    const r = await withStdin(['validate', '-', '--now', String(NOW + 10)], `${token}\n`);
    expect(r.code, both(r)).toBe(0);
    expect(r.stdout).toContain('from stdin');
  });
});

describe('validate JSON messages', () => {
  it('a valid score exits 0, an invalid one 1', async () => {
    const ok = await validate(await file('score.json', JSON.stringify(score())));
    expect(ok.code, both(ok)).toBe(0);
    expect(ok.stdout).toContain('AGS score');
    const bad = await validate(await file('bad-score.json', JSON.stringify(score({ gradingProgress: 'Done' }))));
    expect(bad.code, both(bad)).toBe(1);
    expect(bad.stdout).toContain('ags.score.schema-valid');
  });
});

describe('unreadable input exits 2 with one line, never a stack trace', () => {
  it('garbage', async () => expectUsage(await validate('hello world'), /neither a JWT .* nor JSON/));
  it('a truncated JWT', async () => expectUsage(await validate(token.split('.').slice(0, 2).join('.')), /truncated/));
  it('an invalid base64 segment', async () => expectUsage(await validate(`${token.split('.')[0]}.!!!.x`), /not base64url/));
  it('a 10 MB file', async () => expectUsage(await validate(await file('big.txt', Buffer.alloc(10 * 1024 * 1024, 0x61))), /at most 1\.0 MB/));
  it('a binary file', async () => expectUsage(await validate(await file('bin.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))), /binary/));
  it('an unknown --type', async () => expectUsage(await validate(token, '--type', 'nope'), /no such kind/));
});

describe('reports', () => {
  it('--report-json writes CTRF that passes strict validation', async () => {
    const path = join(dir, 'report.json');
    const r = await validate(token, '--now', String(NOW + 10), '--report-json', path);
    expect(r.code, both(r)).toBe(0);
    const doc = JSON.parse(await readFile(path, 'utf8')) as { results: { tests: { name: string }[] } };
    expect(() => validateStrict(doc)).not.toThrow();
    expect(doc.results.tests.map((t) => t.name)).toEqual(['validate.resource-link LtiResourceLinkRequest id_token is valid']);
  });

  it('--report-json - puts CTRF on stdout and the text on stderr', async () => {
    const r = await validate(token, '--now', String(NOW + 10), '--report-json', '-');
    expect(r.code, both(r)).toBe(0);
    expect(() => validateStrict(JSON.parse(r.stdout))).not.toThrow();
    expect(r.stderr).toContain('LtiResourceLinkRequest id_token');
  });

  it('--help teaches with examples', async () => {
    const r = await validate('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--jwks');
  });
});
