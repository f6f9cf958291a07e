import { writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DR } from '../../src/lti/vocab.js';
import { ensureBuilt } from './support/build.js';
import { ANSI_ESCAPE, runCli, stackLines, type CliResult } from './support/cli.js';
import { errorOf, readCtrf, readJunit, type CtrfLike, type CtrfTestLike } from './support/reports.js';
import { closedPortUrl, startTarget, workspace, type HostileTarget, type Workspace } from './support/targets.js';

// Dynamic Registration against hostile counterparts, through the built CLI: a tool registration URL (test
// tool) or a platform configuration / registration endpoint (test platform) that is not there, hangs,
// answers HTML or 500, redirects forever or answers too much. Registration must end with a reason that
// names the problem, the scenarios after it must skip saying why, and both reports must be written.

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const TIMEOUT_MS = 1500;
const html = (body: string, status = 200): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};
const hang: Handler = () => undefined;
const redirectForever: Handler = (req, res) => {
  res.writeHead(302, { location: `/again-${(req.url ?? '').length}` });
  res.end();
};
const json = (body: unknown, status = 200): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

let ws: Workspace;
const targets: HostileTarget[] = [];

beforeAll(async () => {
  await ensureBuilt();
}, 240_000);

beforeEach(async () => {
  ws = await workspace();
});

afterEach(async () => {
  await Promise.all(targets.splice(0).map((t) => t.close()));
  await ws.remove();
});

async function serve(handler: Handler): Promise<HostileTarget> {
  const t = await startTarget(handler);
  targets.push(t);
  return t;
}

const idOf = (t: CtrfTestLike): string => t.name.split(' ')[0]!;
/** The whole reason: the message may be shortened, the skip reason and the error are not. */
const reasonOf = (t: CtrfTestLike): string => {
  const ours = t.extra?.['lti-conform'] as { skipReason?: string } | undefined;
  return [t.message, ours?.skipReason, errorOf(t)?.message].filter(Boolean).join(' | ');
};

/** Runs `test <kind>` with `target` and checks what must hold whatever the counterpart did. */
async function run(kind: 'tool' | 'platform', target: string[], only: string[], exitCode = 1): Promise<{ res: CliResult; ctrf: CtrfLike; byId: Map<string, CtrfTestLike> }> {
  const config = ws.path('lti-conform.config.yaml');
  await writeFile(config, ['target:', `  kind: ${kind}`, ...target.map((l) => `  ${l}`), 'emulator:', '  host: 127.0.0.1', '  port: 0', `  keyFile: ${JSON.stringify(ws.path('keys.json'))}`, ''].join('\n'));
  const jsonReport = ws.path('reports', 'run.json');
  const junit = ws.path('reports', 'run.xml');
  const args = ['test', kind, '--config', config, '--report-json', jsonReport, '--report-junit', junit, '--timeout', String(TIMEOUT_MS), ...only.flatMap((o) => ['--only', o])];
  const res = await runCli(args, { cwd: ws.dir, killAfterMs: 25_000, env: { NO_COLOR: '1' } });
  const out = `${res.stdout}\n${res.stderr}`;
  expect(res.signal, out).toBeNull();
  expect(res.code, out).toBe(exitCode);
  // Every wait is bounded by --timeout: a few of them at most, never the 25 s kill.
  expect(res.ms).toBeLessThan(15_000);
  expect(stackLines(out)).toEqual([]);
  expect(out).not.toMatch(ANSI_ESCAPE);
  const ctrf = await readCtrf(jsonReport);
  expect((await readJunit(junit)).testcases).toBe(ctrf.results.tests.length);
  expect(ctrf.results.summary.tests).toBe(ctrf.results.tests.length);
  expect(ctrf.results.extra?.['lti-conform']?.interrupted).toBe(false);
  for (const t of ctrf.results.tests) {
    if (t.status !== 'passed') expect(t.message, idOf(t)).toBeTruthy();
    expect(errorOf(t)?.code, `${idOf(t)}: ${t.message}`).not.toBe('ERR_INTERNAL');
  }
  return { res, ctrf, byId: new Map(ctrf.results.tests.map((t) => [idOf(t), t])) };
}

/** The scenario did not pass (failed check or harness error) and its reason matches `reason`. */
function expectNotPassed(t: CtrfTestLike | undefined, reason: RegExp, code?: string): void {
  expect(t, 'scenario missing from the report').toBeDefined();
  expect(t!.status, reasonOf(t!)).toBe('failed');
  expect(reasonOf(t!)).toMatch(reason);
  if (code) expect(errorOf(t!)?.code, reasonOf(t!)).toBe(code);
}

function expectSkipped(t: CtrfTestLike | undefined, reason: RegExp): void {
  expect(t, 'scenario missing from the report').toBeDefined();
  expect(t!.status, reasonOf(t!)).toBe('skipped');
  expect(reasonOf(t!)).toMatch(reason);
}

// ---------------------------------------------------------------------------------------------------------
// test tool: we play the platform and open the tool's registration initiation URL.

const TOOL_ONLY = ['tool.registration.*', 'tool.launch.accepts-student'];
const NO_TOOL_REGISTRATION = /no registration: tool\.registration\.registers did not complete/;

async function runTool(registrationUrl: string, exitCode = 1) {
  const r = await run('tool', [`registrationUrl: ${registrationUrl}`], TOOL_ONLY, exitCode);
  expect([...r.byId.keys()]).toEqual(['tool.registration.registers', 'tool.registration.accepts-registered-launch', 'tool.registration.rejects-issuer-mismatch', 'tool.registration.stops-on-error', 'tool.launch.accepts-student']);
  expectSkipped(r.byId.get('tool.registration.accepts-registered-launch'), NO_TOOL_REGISTRATION);
  expectSkipped(r.byId.get('tool.launch.accepts-student'), NO_TOOL_REGISTRATION);
  return r;
}

describe('test tool against a hostile registration URL', () => {
  it('closed port: registration errors with ERR_TARGET_UNREACHABLE, the rest skips', async () => {
    const { byId } = await runTool(`${await closedPortUrl()}/register`);
    expectNotPassed(byId.get('tool.registration.registers'), /connection refused/, 'ERR_TARGET_UNREACHABLE');
  });

  it('hang: registration times out (ERR_TIMEOUT) within the step timeout, the rest skips', async () => {
    const t = await serve(hang);
    const { res, byId } = await runTool(`${t.url}/register`);
    expectNotPassed(byId.get('tool.registration.registers'), new RegExp(`${TIMEOUT_MS} ms`), 'ERR_TIMEOUT');
    expect(res.ms).toBeLessThan(20_000);
  });

  it('HTML 500: registration fails (a check, not a harness error) saying no registration request came', async () => {
    const t = await serve(html('<h1>Internal Server Error</h1>', 500));
    const { byId } = await runTool(`${t.url}/register`);
    const registers = byId.get('tool.registration.registers');
    expectNotPassed(registers, /no registration request reached our registration_endpoint \(the tool's page ended at \S+ with 500\)/);
    expect(errorOf(registers!)).toBeUndefined();
    // The negative scenarios cannot observe anything and say why.
    expectNotPassed(byId.get('tool.registration.rejects-issuer-mismatch'), /never fetched/, 'ERR_UNEXPECTED_RESPONSE');
    expectNotPassed(byId.get('tool.registration.stops-on-error'), /sent no registration request/, 'ERR_UNEXPECTED_RESPONSE');
  });

  it('an HTML 200 page that neither reads our configuration nor registers: an error naming the URL, never a green run', async () => {
    // A wrong registrationUrl or a sign-in wall: nothing Dynamic Registration could drive headless.
    const t = await serve(html('<form method="get" action="/login"><input name="user"></form>'));
    const { byId } = await runTool(`${t.url}/register`);
    expectNotPassed(byId.get('tool.registration.registers'), /the tool answered a page \(200 \S+\) without reading our configuration or registering/, 'ERR_UNEXPECTED_RESPONSE');
    expect(errorOf(byId.get('tool.registration.registers')!)?.hint).toMatch(/triggers\.register: manual/);
  });

  it('a tool that reads our configuration, then shows a set-up form: skipped as waiting for a person, the negatives too', async () => {
    const t = await serve((req, res) => {
      const config = new URL(req.url ?? '/', 'http://x').searchParams.get('openid_configuration');
      void (config ? fetch(config).then((r) => r.text()) : Promise.resolve('')).finally(() => html('<form method="post" action="/confirm"><button>Register</button></form>')(req, res));
    });
    const { byId } = await runTool(`${t.url}/register`, 0);
    expectSkipped(byId.get('tool.registration.registers'), /the tool answered a page \(200 \S+\) and sent no registration; .*triggers\.register: manual/);
    for (const id of ['tool.registration.rejects-issuer-mismatch', 'tool.registration.stops-on-error'])
      expectSkipped(byId.get(id), /the tool waits for a person after reading our configuration/);
  });

  it('redirect loop: registration errors with ERR_REDIRECT_LOOP after bounded hops', async () => {
    const t = await serve(redirectForever);
    const { byId } = await runTool(`${t.url}/register`);
    expectNotPassed(byId.get('tool.registration.registers'), /more than 20 redirects/, 'ERR_REDIRECT_LOOP');
    expect(errorOf(byId.get('tool.registration.registers')!)?.hint).toMatch(/registration URL/);
    expect(t.hits).toBeLessThanOrEqual(3 * 21);
  });

  it('10 MB answer: registration errors with ERR_RESPONSE_TOO_LARGE', async () => {
    const t = await serve(html('<p>'.padEnd(10 * 1024 * 1024, 'x')));
    const { byId } = await runTool(`${t.url}/register`);
    expectNotPassed(byId.get('tool.registration.registers'), /exceeds \d+ bytes/, 'ERR_RESPONSE_TOO_LARGE');
    expect(errorOf(byId.get('tool.registration.registers')!)?.hint).not.toMatch(/launch/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// test platform: we play the tool, read the platform's OpenID configuration and post to its endpoint.

const PLATFORM_ONLY = ['platform.registration.*', 'platform.launch.*'];
const NO_PLATFORM_REGISTRATION = /no registration to test with: Dynamic Registration failed \(.+\)/;
const LATER = ['platform.launch.jwks', 'platform.launch.resource-link', 'platform.launch.deep-linking'];

async function runPlatform(openidConfigurationUrl: string) {
  const r = await run('platform', [`registration: { openidConfigurationUrl: ${JSON.stringify(openidConfigurationUrl)}, registrationToken: t }`], PLATFORM_ONLY);
  for (const id of LATER) expectSkipped(r.byId.get(id), NO_PLATFORM_REGISTRATION);
  return r;
}

/** A configuration that looks right, served at /.well-known/openid-configuration; everything else goes to `endpoint`. */
async function platformWithEndpoint(endpoint: Handler): Promise<HostileTarget> {
  const t = await serve((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      const base = t.url;
      return json({
        issuer: base, authorization_endpoint: `${base}/auth`, token_endpoint: `${base}/token`, jwks_uri: `${base}/jwks`, registration_endpoint: `${base}/register`,
        response_types_supported: ['id_token'], subject_types_supported: ['public', 'pairwise'], id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'], token_endpoint_auth_signing_alg_values_supported: ['RS256'], scopes_supported: ['openid'],
        claims_supported: ['iss', 'sub', 'aud'],
        [DR.platformConfiguration]: { product_family_code: 'hostile', version: '1', messages_supported: [{ type: 'LtiResourceLinkRequest' }] },
      })(req, res);
    }
    endpoint(req, res);
  });
  return t;
}

describe('test platform against a hostile OpenID configuration URL', () => {
  it('redirecting forever: ERR_REDIRECT_LOOP, the rest skips with the reason', async () => {
    const t = await serve(redirectForever);
    const { byId } = await runPlatform(`${t.url}/.well-known/openid-configuration`);
    expectNotPassed(byId.get('platform.registration.configuration'), /redirected more than 5 times/, 'ERR_REDIRECT_LOOP');
    expect(errorOf(byId.get('platform.registration.configuration')!)?.hint).toBeTruthy();
    expectNotPassed(byId.get('platform.registration.registers'), /redirected more than 5 times/, 'ERR_REDIRECT_LOOP');
    expectSkipped(byId.get('platform.registration.refuses-missing-token'), /OpenID configuration could not be read: .*redirected/);
    expect(t.hits).toBe(6);
  });

  it('answering HTML: says it is not JSON', async () => {
    const t = await serve(html('<html><body>Please log in</body></html>'));
    const { byId } = await runPlatform(`${t.url}/.well-known/openid-configuration`);
    expectNotPassed(byId.get('platform.registration.configuration'), /answered HTTP 200 text\/html; charset=utf-8, not JSON/, 'ERR_UNEXPECTED_RESPONSE');
    expectNotPassed(byId.get('platform.registration.registers'), /not JSON/, 'ERR_UNEXPECTED_RESPONSE');
  });

  it('answering 10 MB: stops reading (ERR_RESPONSE_TOO_LARGE)', async () => {
    const t = await serve(json({ issuer: 'x'.repeat(10 * 1024 * 1024) }));
    const { byId } = await runPlatform(`${t.url}/.well-known/openid-configuration`);
    expectNotPassed(byId.get('platform.registration.configuration'), /exceeds \d+ bytes/, 'ERR_RESPONSE_TOO_LARGE');
  });

  it('hanging: ERR_TIMEOUT within the step timeout', async () => {
    const t = await serve(hang);
    const { res, byId } = await runPlatform(`${t.url}/.well-known/openid-configuration`);
    expectNotPassed(byId.get('platform.registration.configuration'), new RegExp(`${TIMEOUT_MS} ms`), 'ERR_TIMEOUT');
    expect(res.ms).toBeLessThan(20_000);
  });
});

describe('test platform against a hostile registration endpoint', () => {
  const endpoints: [string, Handler, RegExp, string?][] = [
    ['hangs', hang, new RegExp(`${TIMEOUT_MS} ms`), 'ERR_TIMEOUT'],
    ['answers HTML with status 200', html('<html><body>Registered!</body></html>'), /JSON|client_id/],
    ['answers 500', html('<h1>Internal Server Error</h1>', 500), /500/],
    ['resets the connection', (req) => req.socket.resetAndDestroy(), /ECONNRESET|reset|closed/i, 'ERR_TARGET_UNREACHABLE'],
  ];

  it.each(endpoints)('registration endpoint that %s: registers fails with a reason, the rest skips', async (_name, handler, reason, code) => {
    const t = await platformWithEndpoint(handler);
    const { byId } = await runPlatform(`${t.url}/.well-known/openid-configuration`);
    expect(byId.get('platform.registration.configuration')?.status).toBe('passed');
    expectNotPassed(byId.get('platform.registration.registers'), reason, code);
  });
});
