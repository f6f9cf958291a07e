import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './support/build.js';
import { ANSI_ESCAPE, runCli, stackLines, type CliResult } from './support/cli.js';
import { errorOf, readCtrf, readJunit, type CtrfLike } from './support/reports.js';
import { closedPortUrl, startTarget, workspace, type HostileTarget, type Workspace } from './support/targets.js';

// `test tool` against deliberately broken tools: every scenario must end with a reason (a failed check or
// a harness error with a stable code), the run must go on to the end, and both reports must be written.

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const FEW = ['--only', 'tool.launch.login-get', '--only', 'tool.launch.accepts-student', '--only', 'tool.launch.rejects-expired'];
const fixture = (name: string): string => readFileSync(`${ROOT}/fixtures/hostile/${name}`, 'utf8');
const html = (body: string, status = 200): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};
const raw = (bytes: string): Handler => (req) => req.socket.end(bytes);

/** Without target.registrationUrl (these configs have none) the Dynamic Registration scenarios skip. */
const registrationSkipped = (t: CtrfLike['results']['tests'][number]): boolean => t.name.startsWith('tool.registration.') && t.status === 'skipped';

let ws: Workspace;
let target: HostileTarget | undefined;
let scenarioCount = 0;

beforeAll(async () => {
  await ensureBuilt();
  const list = await runCli(['list', '--json']);
  scenarioCount = (JSON.parse(list.stdout) as { id: string }[]).filter((s) => s.id.startsWith('tool.')).length;
}, 240_000);

beforeEach(async () => {
  ws = await workspace();
});

afterEach(async () => {
  await target?.close();
  target = undefined;
  await ws.remove();
});

interface Run {
  res: CliResult;
  ctrf: CtrfLike;
}

/** Runs `test tool` against `base` and checks what must hold whatever the target did. */
async function runAgainst(base: string, args: string[], killAfterMs = 90_000): Promise<Run> {
  const config = await ws.toolConfig(base);
  const json = ws.path('reports', 'run.json');
  const junit = ws.path('reports', 'run.xml');
  const res = await runCli(['test', 'tool', '--config', config, '--report-json', json, '--report-junit', junit, ...args], { cwd: ws.dir, killAfterMs, env: { NO_COLOR: '1' } });
  expect(res.signal, res.stderr).toBeNull();
  expect(res.code, `${res.stdout}\n${res.stderr}`).toBe(1);
  expect(stackLines(res.stdout + res.stderr)).toEqual([]);
  expect(res.stdout + res.stderr).not.toMatch(ANSI_ESCAPE);
  const ctrf = await readCtrf(json);
  const junitSummary = await readJunit(junit);
  expect(junitSummary.testcases).toBe(ctrf.results.tests.length);
  for (const t of ctrf.results.tests) {
    if (registrationSkipped(t)) continue;
    expect(t.status, t.name).toBe('failed');
    expect(t.message, t.name).toBeTruthy();
    expect(errorOf(t)?.code, `${t.name}: ${t.message}`).not.toBe('ERR_INTERNAL');
  }
  return { res, ctrf };
}

function expectAllErrored(ctrf: CtrfLike, code: string, reason?: RegExp): void {
  expect(ctrf.results.tests.length).toBeGreaterThan(0);
  for (const t of ctrf.results.tests) {
    if (registrationSkipped(t)) continue;
    expect(t.rawStatus, t.name).toBe('error');
    const err = errorOf(t);
    expect(err?.code, `${t.name}: ${t.message}`).toBe(code);
    if (reason) expect(err?.message).toMatch(reason);
  }
}

describe('test tool against a target that is not there', () => {
  it('errors every scenario with ERR_TARGET_UNREACHABLE and a hint, runs them all, exits 1', async () => {
    const { res, ctrf } = await runAgainst(await closedPortUrl(), []);
    expect(ctrf.results.tests).toHaveLength(scenarioCount);
    expectAllErrored(ctrf, 'ERR_TARGET_UNREACHABLE', /connection refused/);
    for (const t of ctrf.results.tests) if (!registrationSkipped(t)) expect(errorOf(t)?.hint, t.name).toBeTruthy();
    expect(ctrf.results.extra?.['lti-conform']?.interrupted).toBe(false);
    expect(res.stdout + res.stderr).toContain('ERR_TARGET_UNREACHABLE');
  }, 120_000);
});

describe('test tool against a target that is too slow', () => {
  it('times out a login URL that never answers (ERR_TIMEOUT) and finishes in bounded time', async () => {
    target = await startTarget(() => undefined);
    const { res, ctrf } = await runAgainst(target.url, [...FEW, '--timeout', '300'], 60_000);
    expect(ctrf.results.tests).toHaveLength(3);
    expectAllErrored(ctrf, 'ERR_TIMEOUT', /300 ms/);
    expect(res.ms).toBeLessThan(30_000);
  }, 90_000);

  it('times out a body that trickles a byte at a time forever (ERR_TIMEOUT)', async () => {
    target = await startTarget((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const drip = setInterval(() => res.write('<'), 50);
      res.on('close', () => clearInterval(drip));
    });
    const { res, ctrf } = await runAgainst(target.url, [...FEW.slice(0, 2), '--timeout', '400'], 60_000);
    expectAllErrored(ctrf, 'ERR_TIMEOUT');
    expect(res.ms).toBeLessThan(30_000);
  }, 90_000);
});

describe('test tool against a target that answers too much', () => {
  it('stops reading a 5 MB answer (ERR_RESPONSE_TOO_LARGE)', async () => {
    target = await startTarget(html('<p>'.padEnd(5 * 1024 * 1024, 'x')));
    const { ctrf } = await runAgainst(target.url, FEW);
    expectAllErrored(ctrf, 'ERR_RESPONSE_TOO_LARGE');
  }, 90_000);

  it('stops following a redirect loop after a bounded number of hops (ERR_REDIRECT_LOOP)', async () => {
    let n = 0;
    target = await startTarget((_req, res) => {
      res.writeHead(302, { location: `/login?again=${n++}` });
      res.end();
    });
    const { ctrf } = await runAgainst(target.url, FEW);
    expectAllErrored(ctrf, 'ERR_REDIRECT_LOOP');
    expect(target.hits).toBeLessThanOrEqual(3 * 21);
  }, 90_000);

  it('stops a page that auto-submits a form to itself (ERR_REDIRECT_LOOP)', async () => {
    target = await startTarget(html('<form method="post" action="/login"></form><script>document.forms[0].submit()</script>'));
    const { ctrf } = await runAgainst(target.url, FEW);
    expectAllErrored(ctrf, 'ERR_REDIRECT_LOOP');
  }, 90_000);
});

describe('test tool against a target that answers with the wrong thing', () => {
  const answers: [string, Handler][] = [
    ['JSON with status 200', (_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true,"login":"done"}'); }],
    ['plain text with status 200', (_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('hello'); }],
    ['binary bytes without a content type', (_req, res) => { res.writeHead(200); res.end(Buffer.from([0, 1, 2, 0xff, 0xfe, 0x3c, 0x66, 0x6f, 0x72, 0x6d])); }],
    ['an empty 204', (_req, res) => { res.writeHead(204); res.end(); }],
    ['malformed HTML (tag soup)', html(fixture('tag-soup.html'))],
    ['HTML full of control characters and terminal escapes', html('<p>\u001b[2J\u001b]0;pwned\u0007 \u0000\u0008\u000b\u001f\u007f\u0085 \ud800</p>')],
    ['HTML nested 300 000 elements deep', html('<div>'.repeat(300_000))],
    ['a 999 status line', raw('HTTP/1.1 999 Whatever\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi')],
  ];

  it.each(answers)('fails or errors every scenario with a reason on %s, without crashing', async (_name, handler) => {
    target = await startTarget(handler);
    const { ctrf } = await runAgainst(target.url, FEW.slice(0, 4));
    expect(ctrf.results.tests).toHaveLength(2);
  }, 90_000);

  const badUrls: [string, Handler][] = [
    ['a Location header that is not a URL', raw('HTTP/1.1 302 Found\r\nLocation: http://[::1/launch\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')],
    ['a Location header with an ftp: URL', (_req, res) => { res.writeHead(302, { location: 'ftp://127.0.0.1/launch' }); res.end(); }],
    ['an auto-submitted form whose action is not a URL', html(fixture('form-invalid-action.html'))],
    ['an auto-submitted form posting to javascript:', html(fixture('form-javascript-action.html'))],
    ['a meta refresh to a URL that does not parse', html(fixture('meta-refresh-invalid.html'))],
  ];

  it.each(badUrls)('reports ERR_UNEXPECTED_RESPONSE, not an internal error, for %s', async (_name, handler) => {
    target = await startTarget(handler);
    const { ctrf } = await runAgainst(target.url, FEW.slice(0, 4));
    expectAllErrored(ctrf, 'ERR_UNEXPECTED_RESPONSE', /URL/);
  }, 90_000);
});

describe('test tool against a target that drops connections', () => {
  const drops: [string, Handler][] = [
    ['resets the connection on every request', (req) => req.socket.resetAndDestroy()],
    ['closes the socket without answering', (req) => req.socket.destroy()],
    ['sends headers, then drops the connection mid-body', (req) => {
      req.socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html>');
      setTimeout(() => req.socket.destroy(), 20);
    }],
    ['answers with bytes that are not HTTP', raw('SSH-2.0-OpenSSH_9.6\r\n\r\n')],
  ];

  it.each(drops)('errors every scenario with ERR_TARGET_UNREACHABLE and a reason when the target %s', async (_name, handler) => {
    target = await startTarget(handler);
    const { ctrf } = await runAgainst(target.url, FEW);
    expectAllErrored(ctrf, 'ERR_TARGET_UNREACHABLE', /^(GET|POST) http:\/\/127\.0\.0\.1:\d+\/\S*: \S+/);
    expect(target.hits).toBeGreaterThan(0);
  }, 90_000);
});
