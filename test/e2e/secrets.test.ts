import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_LTI11 } from '../../src/cli/commands/demo.js';
import { DEMO_PLATFORM_LTI11 } from '../../src/cli/commands/demo-platform.js';
import { ensureBuilt } from './support/build.js';
import { runCli, spawnCli, type CliResult } from './support/cli.js';
import { E2E_LTI11_SECRET, startTarget, workspace, type HostileTarget, type Workspace } from './support/targets.js';

// No private key and no JWT signature reaches the terminal or a report, even when a target echoes the
// signed id_token back in its pages, headers, cookies and redirect URLs.

const JWT_WITH_SIGNATURE = /eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{20,}/;
const PRIVATE_MEMBER = /"(d|p|q|dp|dq|qi)"\s*:/;

let ws: Workspace;
let target: HostileTarget | undefined;

beforeAll(async () => {
  await ensureBuilt();
}, 240_000);

beforeEach(async () => {
  ws = await workspace();
});

afterEach(async () => {
  await target?.close();
  target = undefined;
  await ws.remove();
});

function expectNoSecrets(label: string, text: string, signatures: string[] = []): void {
  expect(text, label).not.toMatch(PRIVATE_MEMBER);
  expect(text, label).not.toContain('-----BEGIN PRIVATE KEY');
  expect(text, label).not.toContain('PRIVATE KEY-----');
  expect(text.match(JWT_WITH_SIGNATURE)?.[0], label).toBeUndefined();
  for (const sig of signatures) expect(text.includes(sig), `${label} contains a signature the target echoed`).toBe(false);
}

async function outputsOf(r: CliResult, json: string, junit: string): Promise<[string, string][]> {
  return [['stdout', r.stdout], ['stderr', r.stderr], ['CTRF JSON', await readFile(json, 'utf8')], ['JUnit XML', await readFile(junit, 'utf8')]];
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => resolve(body));
  });

/** A careless tool: proper OIDC login, then it shows the raw id_token everywhere it can. */
function echoingTool(self: () => string, tokens: string[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', self());
    const body = req.method === 'POST' ? await readBody(req) : '';
    const params = new URLSearchParams(req.method === 'POST' ? body : url.search);
    if (url.pathname === '/login') {
      const iss = params.get('iss');
      if (!iss) return void res.writeHead(400).end('missing iss');
      const auth = new URL(`${iss}/auth`);
      auth.search = new URLSearchParams({
        scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: params.get('client_id') ?? '',
        redirect_uri: `${self()}/launch`, login_hint: params.get('login_hint') ?? '', nonce: `n-${Date.now()}-${Math.random()}`, state: 'echo-state',
        ...(params.get('lti_message_hint') !== null ? { lti_message_hint: params.get('lti_message_hint')! } : {}),
      }).toString();
      return void res.writeHead(302, { location: auth.toString() }).end();
    }
    if (url.pathname === '/launch') {
      const token = params.get('id_token') ?? '';
      tokens.push(token);
      return void res.writeHead(302, { location: `/landing?id_token=${token}`, 'set-cookie': `token=${token}; Path=/`, 'x-echo-token': token }).end();
    }
    const token = url.searchParams.get('id_token') ?? '';
    res.writeHead(200, { 'content-type': 'text/html', 'x-echo-token': token });
    res.end(`<h1>Welcome</h1><p>Your token: ${token}</p><pre>${JSON.stringify({ id_token: token, form: body })}</pre>`);
  };
}

describe('secrets stay out of output and reports', () => {
  it('a verbose demo run with both reports shows no private key member, PEM or JWT signature', async () => {
    const json = ws.path('demo.json');
    const junit = ws.path('demo.xml');
    const r = await runCli(['demo', '-v', '--report-json', json, '--report-junit', junit], { cwd: ws.dir, killAfterMs: 90_000 });
    expect(r.code, r.stderr).toBe(0);
    const outputs = await outputsOf(r, json, junit);
    for (const [label, text] of outputs) expectNoSecrets(label, text);
    // The demo signs lti1p1 claims with LTI 1.1 secrets on both sides: neither ever shows.
    for (const [label, text] of outputs) for (const secret of [DEMO_LTI11.secret, DEMO_PLATFORM_LTI11.secret]) expect(text.includes(secret), `${label} holds an LTI 1.1 secret`).toBe(false);
    expect(outputs[2]![1]).toContain('oauth_consumer_key_sign'); // the claim itself is in the evidence
    // The tokens are there as evidence (header and payload), just without their signatures.
    expect(outputs[2]![1]).toMatch(/eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\./);
  }, 120_000);

  it('a target that echoes the id_token in bodies, headers, cookies and URLs never gets a signature into output', async () => {
    const tokens: string[] = [];
    target = await startTarget(echoingTool(() => target!.url, tokens));
    const config = await ws.toolConfig(target.url);
    const json = ws.path('echo.json');
    const junit = ws.path('echo.xml');
    const r = await runCli(['test', 'tool', '--config', config, '-v', '--report-json', json, '--report-junit', junit], { cwd: ws.dir, killAfterMs: 90_000 });
    expect(r.code, r.stderr).toBe(1); // it accepts every forged token, so refusal scenarios fail
    const signatures = tokens.map((t) => t.split('.')[2] ?? '').filter((s) => s.length >= 20);
    expect(signatures.length).toBeGreaterThan(5); // the echo really happened
    const outputs = await outputsOf(r, json, junit);
    expect(outputs[0]![1]).toMatch(/tool\.launch\.rejects-/); // failures are shown in detail
    expect(outputs[2]![1]).toMatch(/\/landing\?id_token=eyJ/); // the echoing hops are in the evidence
    expect(outputs[2]![1]).toContain('x-echo-token');
    for (const [label, text] of outputs) expectNoSecrets(label, text, signatures);
    for (const [label, text] of outputs) expect(text.includes(E2E_LTI11_SECRET), `${label} holds the LTI 1.1 secret`).toBe(false);
  }, 120_000);

  it('serve platform publishes a JWKS without private members and prints no private key', async () => {
    const keyFile = ws.path('keys', 'emulator.json');
    const config = await ws.toolConfig('http://127.0.0.1:9');
    const run = spawnCli(['serve', 'platform', '--config', config, '--json'], { cwd: ws.dir, killAfterMs: 30_000 });
    let stdout = '';
    run.child.stdout!.on('data', (d: Buffer | string) => (stdout += d.toString()));
    const deadline = Date.now() + 15_000;
    while (!/\}\s*$/.test(stdout) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const values = JSON.parse(stdout) as { jwksUrl: string; issuer: string };
    const jwks = (await (await fetch(values.jwksUrl)).json()) as { keys: Record<string, unknown>[] };
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(0);

    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const k of jwks.keys) for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(k).not.toHaveProperty(m);
    const stored = JSON.parse(await readFile(keyFile, 'utf8')) as { keys: { d: string }[] };
    expect(stored.keys[0]!.d.length).toBeGreaterThan(20); // the key file does hold the private key...
    for (const [label, text] of [['stdout', r.stdout], ['stderr', r.stderr], ['JWKS', JSON.stringify(jwks)]] as const) {
      expectNoSecrets(label, text);
      expect(text.includes(stored.keys[0]!.d), label).toBe(false); // ...and it goes nowhere else
    }
  }, 60_000);
});
