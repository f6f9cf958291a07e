import { mkdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useCliWorkspace } from './support/cli-workspace.js';
import { runCli, stackLines, type CliResult } from './support/cli.js';
import { closedPortUrl } from './support/targets.js';

// Configuration errors stop `test tool` before anything runs: exit 2, and stderr names the field or the
// variable (never a value).

const ws = useCliWorkspace();

const both = (r: CliResult): string => `${r.stdout}\n${r.stderr}`;

function expectConfigError(r: CliResult, ...mentions: (string | RegExp)[]): void {
  expect(r.code, both(r)).toBe(2);
  for (const m of mentions) expect(r.stderr).toMatch(m);
  expect(stackLines(both(r))).toEqual([]);
  expect(r.stdout).not.toMatch(/passed|failed/); // nothing ran
}

const VALID = [
  'target:',
  '  kind: tool',
  '  clientId: e2e-client',
  '  deploymentId: e2e-deployment',
  '  loginInitiationUrl: http://127.0.0.1:9/login',
  '  targetLinkUri: http://127.0.0.1:9/launch',
  '  redirectUris: [http://127.0.0.1:9/launch]',
  'emulator:',
  '  port: 0',
];

async function config(lines: string[], name = 'lti-conform.config.yaml'): Promise<string> {
  await writeFile(ws().path(name), `${lines.join('\n')}\n`);
  return ws().path(name);
}

const test = (...args: string[]): Promise<CliResult> => runCli(['test', 'tool', ...args], { cwd: ws().dir, env: { LTI_E2E_SECRET: 'hunter2-do-not-print' } });

describe('test tool without a usable configuration', () => {
  it('exits 2 naming the file names it looked for when no config exists up to the .git folder', async () => {
    const r = await test();
    expectConfigError(r, /No configuration file found/, /lti-conform\.config\.(json|yaml|yml)/, ws().dir);
  });

  it('exits 2 when --config names a file that does not exist', async () => {
    expectConfigError(await test('--config', ws().path('missing.yaml')), /missing\.yaml/);
  });

  it('names target.clientId when it is missing', async () => {
    const file = await config(VALID.filter((l) => !l.includes('clientId')));
    expectConfigError(await test('--config', file), /target\.clientId/, /required/);
  });

  it('names an unknown key and where it is', async () => {
    const file = await config([...VALID.slice(0, 7), '  colour: blue', ...VALID.slice(7), '  prot: 9400']);
    expectConfigError(await test('--config', file), /target.*colour/, /emulator.*prot/);
  });

  it('names a field with a value of the wrong shape', async () => {
    const file = await config(VALID.map((l) => l.replace('loginInitiationUrl: http://127.0.0.1:9/login', 'loginInitiationUrl: not a url')));
    expectConfigError(await test('--config', file), /target\.loginInitiationUrl/);
  });

  it('names an unset ${VAR} and never prints the values of variables that are set', async () => {
    const file = await config(VALID.map((l) => l.replace('clientId: e2e-client', 'clientId: ${LTI_E2E_UNSET_VARIABLE}')).concat(['  publicUrl: http://${LTI_E2E_SECRET}.example']));
    const r = await test('--config', file);
    expectConfigError(r, /LTI_E2E_UNSET_VARIABLE/);
    expect(both(r)).not.toContain('hunter2-do-not-print');
  });

  it('uses ${VAR:-default} when the variable is unset', async () => {
    const base = await closedPortUrl();
    const file = await config(VALID.map((l) => l.replace('clientId: e2e-client', 'clientId: ${LTI_E2E_UNSET_VARIABLE:-from-default}').replaceAll('http://127.0.0.1:9', base)));
    const r = await test('--config', file, '--only', 'tool.launch.login-get', '--reporter', 'none');
    expect(r.code, both(r)).toBe(1); // configuration accepted; the run reached the (absent) target
    expect(r.stderr).not.toMatch(/LTI_E2E_UNSET_VARIABLE/);
  });

  it('names the line of a file that does not parse', async () => {
    await writeFile(ws().path('broken.json'), '{ "target": {\n  "kind": "tool",\n');
    expectConfigError(await test('--config', ws().path('broken.json')), /broken\.json/, /2:|3:|line/);
  });

  it('refuses a platform target for test tool', async () => {
    const file = await config([
      'target:', '  kind: platform', '  issuer: https://lms.example', '  clientId: c', '  deploymentId: d',
      '  authorizationUrl: https://lms.example/auth', '  tokenUrl: https://lms.example/token', '  jwksUrl: https://lms.example/jwks',
    ]);
    expectConfigError(await test('--config', file), /target\.kind/);
  });
});

describe('finding the configuration', () => {
  it('finds lti-conform.config.yaml in a parent folder below the .git folder', async () => {
    const base = await closedPortUrl();
    await config(VALID.map((l) => l.replaceAll('http://127.0.0.1:9', base)).concat([`  keyFile: ${JSON.stringify(ws().path('keys.json'))}`]));
    await mkdir(ws().path('deep', 'er'), { recursive: true });
    const r = await runCli(['test', 'tool', '--only', 'tool.launch.login-get', '--reporter', 'none', '--report-json', '-'], { cwd: ws().path('deep', 'er') });
    expect(r.code, both(r)).toBe(1);
    const report = JSON.parse(r.stdout) as { results: { tests: { testId: string }[] } };
    expect(report.results.tests.map((t) => t.testId)).toEqual(['tool.launch.login-get']);
  });

  it('does not look above the folder holding .git', async () => {
    await config(VALID);
    const inner = ws().path('repo');
    await mkdir(`${inner}/.git`, { recursive: true });
    const r = await runCli(['test', 'tool'], { cwd: inner });
    expectConfigError(r, /No configuration file found/);
  });

  it('exits 2 when two config files sit in the same folder', async () => {
    await config(VALID, 'lti-conform.config.yaml');
    await config(VALID, 'lti-conform.config.yml');
    expectConfigError(await test(), /More than one configuration file/);
  });
});
