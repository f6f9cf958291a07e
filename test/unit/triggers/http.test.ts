import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrigger } from '../../../src/actions/triggers/index.js';
import type { TriggerConfig } from '../../../src/config/types.js';
import { closedPort, reply, startLoopback, type Loopback } from '../http/loopback.js';
import { harnessError, makeCtx } from './helpers.js';

let server: Loopback;

beforeAll(async () => {
  server = await startLoopback((req, res) => {
    if (req.path.startsWith('/ok')) return reply(res, 200, { 'content-type': 'text/plain' }, 'queued');
    if (req.path === '/fail') return reply(res, 500, { 'content-type': 'text/plain' }, `boom ${'x'.repeat(300)}`);
    if (req.path === '/silent') return; // never answers
    return reply(res, 404, {}, '');
  });
});

afterAll(() => server.close());

const http = (path: string, extra: Partial<Extract<TriggerConfig, { kind: 'http' }>['http']> = {}): TriggerConfig => ({
  kind: 'http',
  http: { method: 'POST', url: `${server.base}${path}`, ...extra },
});

describe('http trigger', () => {
  it('templates url, header values and body, and records the exchange', async () => {
    const ctx = makeCtx();
    const cfg = http('/ok/{{launch.sub}}?li={{ags.lineitem|url}}', {
      headers: { 'content-type': 'application/json', authorization: 'Bearer s3cr3t-{{launch.sub}}', 'x-sub': '{{launch.sub}}' },
      body: '{"sub":"{{launch.sub|json}}","li":"{{ags.lineitem|json}}"}',
    });
    expect(await runTrigger(cfg, ctx)).toEqual({ kind: 'done', detail: 'HTTP 200' });

    const seen = server.seen.at(-1);
    expect(seen?.method).toBe('POST');
    expect(seen?.path).toBe('/ok/user-1?li=https%3A%2F%2Ftool.example%2Fli%2F1%3Fx%3Da%20b');
    expect(seen?.headers['x-sub']).toBe('user-1');
    expect(seen?.headers.authorization).toBe('Bearer s3cr3t-user-1');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ sub: 'user-1', li: 'https://tool.example/li/1?x=a b' });

    const [x] = ctx.evidence.snapshot().exchanges;
    expect(x).toMatchObject({ direction: 'outbound', method: 'POST', status: 200, responseBody: 'queued' });
    expect(x?.url).toContain('/ok/user-1');
    expect(x?.requestHeaders?.authorization).toBe('Bearer <redacted>');
    expect(x?.requestBody).toContain('"sub":"user-1"');
  });

  it('fails on a non-2xx answer with the status and the start of the body', async () => {
    const ctx = makeCtx();
    const e = await harnessError(runTrigger(http('/fail'), ctx));
    expect(e.code).toBe('ERR_TRIGGER_FAILED');
    expect(e.message).toBe(`triggers.grade: POST ${server.base}/fail answered 500`);
    expect(e.hint).toBe(`Response body: boom ${'x'.repeat(195)}…`);
    expect(ctx.evidence.snapshot().exchanges[0]?.status).toBe(500);
  });

  it('keeps the client code for an unreachable target, prefixed with the trigger', async () => {
    const ctx = makeCtx();
    const port = await closedPort();
    const e = await harnessError(runTrigger({ kind: 'http', http: { method: 'GET', url: `http://127.0.0.1:${port}/x` } }, ctx));
    expect(e.code).toBe('ERR_TARGET_UNREACHABLE');
    expect(e.message).toBe(`triggers.grade: GET http://127.0.0.1:${port}/x: connection refused`);
    expect(ctx.evidence.snapshot().exchanges[0]?.error).toMatch(/connection refused/);
  });

  it('uses the trigger timeout over the context default', async () => {
    const ctx = makeCtx({ timeoutMs: 20_000 });
    const started = Date.now();
    const e = await harnessError(runTrigger({ ...http('/silent'), timeoutMs: 300 }, ctx));
    expect(e.code).toBe('ERR_TIMEOUT');
    expect(e.message).toMatch(/^triggers\.grade: POST .*\/silent: no answer within 300 ms$/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses an unknown variable before sending', async () => {
    const before = server.seen.length;
    const e = await harnessError(runTrigger(http('/ok/{{nope}}'), makeCtx()));
    expect(e.code).toBe('ERR_TRIGGER_TEMPLATE');
    expect(server.seen.length).toBe(before);
  });
});
