import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useCliWorkspace } from './support/cli-workspace.js';
import { ROOT } from './support/build.js';
import { runCli, stackLines, type CliResult } from './support/cli.js';

// The command-line contract of DESIGN.md: commands, flags, exit codes (0 ok, 2 usage/config error).

const ws = useCliWorkspace();

const cli = (...args: string[]): Promise<CliResult> => runCli(args, { cwd: ws().dir });
const both = (r: CliResult): string => `${r.stdout}\n${r.stderr}`;

function expectUsageError(r: CliResult, message: RegExp): void {
  expect(r.code, both(r)).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(stackLines(both(r))).toEqual([]);
}

describe('help and version', () => {
  it('--help prints usage with the exit codes and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: lti-conform');
    expect(r.stdout).toMatch(/Exit codes:.*130/);
  });

  it('test tool --help lists the shared run flags and exits 0', async () => {
    const r = await cli('test', 'tool', '--help');
    expect(r.code).toBe(0);
    for (const flag of ['--config', '--report-json', '--report-junit', '--reporter', '--grep', '--only', '--bail', '--timeout', '--strict']) expect(r.stdout).toContain(flag);
  });

  it('--version prints the package version and exits 0', async () => {
    const pkg = JSON.parse(await readFile(`${ROOT}/package.json`, 'utf8')) as { version: string };
    const r = await cli('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});

describe('usage errors exit 2 with a message', () => {
  it('an unknown flag', async () => {
    expectUsageError(await cli('--bogus'), /unknown option '--bogus'/);
    expectUsageError(await cli('test', 'tool', '--frobnicate'), /unknown option '--frobnicate'/);
  });

  it('an unknown command', async () => {
    expectUsageError(await cli('frobnicate'), /unknown command 'frobnicate'/);
  });

  it('a missing argument', async () => {
    expectUsageError(await cli('explain'), /missing required argument/);
  });

  it('--only with an id no scenario has', async () => {
    expectUsageError(await cli('test', 'tool', '--only', 'no.such.id'), /no\.such\.id: no such scenario/);
    expectUsageError(await cli('list', '--only', 'no.such.id'), /no\.such\.id/);
  });

  it('--profile with an unknown profile', async () => {
    expectUsageError(await cli('test', 'tool', '--profile', 'bogus'), /bogus/);
    expectUsageError(await cli('demo', '--profile', 'bogus'), /bogus/);
  });

  it('--timeout, --bail and --grep with values they cannot take', async () => {
    expectUsageError(await cli('demo', '--timeout', 'soon'), /--timeout/);
    expectUsageError(await cli('demo', '--bail', '0'), /--bail/);
    expectUsageError(await cli('list', '--grep', '(unclosed'), /--grep/);
  });

  it('validate of input that is neither a JWT nor JSON (nor a file)', async () => {
    expectUsageError(await cli('validate', 'x'), /neither a JWT .* nor JSON/);
  });

  it('test platform without a configuration is a configuration error naming the problem', async () => {
    expectUsageError(await cli('test', 'platform'), /No configuration file found/);
  });
});

describe('explain', () => {
  it('explains a scenario with its spec references and links (exit 0)', async () => {
    const r = await cli('explain', 'tool.launch.rejects-alg-none');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('tool.launch.rejects-alg-none');
    expect(r.stdout).toMatch(/https?:\/\/\S+/);
  });

  it('rejects an id that is neither a scenario nor a check (exit 2)', async () => {
    expectUsageError(await cli('explain', 'nope'), /nope/);
  });
});

describe('list', () => {
  it('--json prints a JSON array of scenarios with unique ids', async () => {
    const r = await cli('list', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; title: string }[];
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.length).toBeGreaterThan(10);
    const ids = rows.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(tool|platform)\.[a-z-]+\.[a-z0-9-]+$/);
    expect(ids).toContain('platform.token.rejects-alg-none');
    expect(ids).toContain('tool.launch.rejects-alg-none');
  });

  it('--grep filters on "id title"', async () => {
    const all = JSON.parse((await cli('list', '--json')).stdout) as unknown[];
    const r = await cli('list', '--json', '--grep', 'expired');
    const rows = JSON.parse(r.stdout) as { id: string; title: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(all.length);
    for (const row of rows) expect(`${row.id} ${row.title}`).toMatch(/expired/i);
    const text = await cli('list', '--grep', 'expired');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('tool.launch.rejects-expired');
    expect(text.stdout).not.toContain('tool.launch.accepts-student ');
  });

  it('--only picks exact ids and prefixes ending in *', async () => {
    const r = await cli('list', '--json', '--only', 'tool.launch.rejects-expired', '--only', 'tool.launch.login-*');
    const ids = (JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id);
    expect(ids).toContain('tool.launch.rejects-expired');
    expect(ids).toContain('tool.launch.login-get');
    for (const id of ids) expect(id === 'tool.launch.rejects-expired' || id.startsWith('tool.launch.login-')).toBe(true);
  });
});

describe('keys generate', () => {
  const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

  it('writes a private JWK and PEM readable only by the owner, and a public JWKS without private members', async () => {
    const out = ws().path('keys');
    const r = await cli('keys', 'generate', '--out', out, '--kid', 'e2e-kid');
    expect(r.code, r.stderr).toBe(0);
    expect((await stat(`${out}/private.jwk.json`)).mode & 0o777).toBe(0o600);
    expect((await stat(`${out}/private.pem`)).mode & 0o777).toBe(0o600);
    const jwk = JSON.parse(await readFile(`${out}/private.jwk.json`, 'utf8')) as Record<string, unknown>;
    expect(jwk.kid).toBe('e2e-kid');
    expect(typeof jwk.d).toBe('string');
    expect(await readFile(`${out}/private.pem`, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const jwks = JSON.parse(await readFile(`${out}/jwks.json`, 'utf8')) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: 'e2e-kid' });
    for (const m of PRIVATE_MEMBERS) expect(jwks.keys[0]).not.toHaveProperty(m);
    expect(both(r)).not.toContain('BEGIN PRIVATE KEY');
    expect(both(r)).not.toContain(jwk.d as string);
  });

  it('refuses to overwrite existing keys without --force (exit 2)', async () => {
    const out = ws().path('keys');
    expect((await cli('keys', 'generate', '--out', out)).code).toBe(0);
    expectUsageError(await cli('keys', 'generate', '--out', out), /already exists/);
  });

  it('--force replaces the keys and leaves the private files at mode 600 even if they were readable', async () => {
    const out = ws().path('keys');
    expect((await cli('keys', 'generate', '--out', out)).code).toBe(0);
    await chmod(`${out}/private.jwk.json`, 0o644);
    await chmod(`${out}/private.pem`, 0o644);
    const before = await readFile(`${out}/private.pem`, 'utf8');
    const r = await cli('keys', 'generate', '--out', out, '--force');
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(`${out}/private.pem`, 'utf8')).not.toBe(before);
    expect((await stat(`${out}/private.jwk.json`)).mode & 0o777).toBe(0o600);
    expect((await stat(`${out}/private.pem`)).mode & 0o777).toBe(0o600);
  });

  it('names the problem when --out is a file, not a folder (exit 2)', async () => {
    await writeFile(ws().path('not-a-folder'), '');
    expectUsageError(await cli('keys', 'generate', '--out', ws().path('not-a-folder')), /not-a-folder/);
  });
});
