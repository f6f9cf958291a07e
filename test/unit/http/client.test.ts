import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessError } from '../../../src/core/errors.js';
import { MAX_BODY_BYTES, send } from '../../../src/http/client.js';
import { closedPort, reply, startLoopback, type Loopback } from './loopback.js';

let server: Loopback;

beforeAll(async () => {
  server = await startLoopback((req, res) => {
    if (req.path === '/ok') return reply(res, 201, { 'content-type': 'text/plain', 'x-multi': ['a', 'b'], 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] }, `echo ${req.method} ${req.body}`);
    if (req.path === '/big') return reply(res, 200, { 'content-type': 'text/plain' }, 'x'.repeat(2048));
    if (req.path === '/exact') return reply(res, 200, { 'content-type': 'text/plain' }, 'x'.repeat(1024));
    if (req.path === '/huge') return reply(res, 200, { 'content-type': 'application/octet-stream' }, 'y'.repeat(MAX_BODY_BYTES + 1));
    if (req.path === '/silent') return; // never answers
    return reply(res, 404, {}, 'nope');
  });
});

afterAll(() => server.close());

async function harnessError(p: Promise<unknown>): Promise<HarnessError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HarnessError);
    return e as HarnessError;
  }
  throw new Error('expected a HarnessError');
}

describe('send', () => {
  it('returns status, flattened headers, every Set-Cookie, the body and a duration', async () => {
    const res = await send({ method: 'POST', url: `${server.base}/ok`, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, timeoutMs: 2000 });
    expect(res.status).toBe(201);
    expect(res.body).toBe('echo POST a=1');
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['x-multi']).toBe('a, b');
    expect(res.setCookie).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(res.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a 404 is an answer, not an error', async () => {
    const res = await send({ method: 'GET', url: `${server.base}/missing`, timeoutMs: 2000 });
    expect([res.status, res.body, res.setCookie]).toEqual([404, 'nope', []]);
  });

  it('a body exactly at the cap is read', async () => {
    const res = await send({ method: 'GET', url: `${server.base}/exact`, timeoutMs: 2000, maxBodyBytes: 1024 });
    expect(res.body).toHaveLength(1024);
  });

  it('a body over maxBodyBytes is ERR_RESPONSE_TOO_LARGE', async () => {
    const e = await harnessError(send({ method: 'GET', url: `${server.base}/big`, timeoutMs: 2000, maxBodyBytes: 1024 }));
    expect(e.code).toBe('ERR_RESPONSE_TOO_LARGE');
    expect(e.message).toBe(`response from ${server.base}/big exceeds 1024 bytes`);
    expect(e.hint).toBeTruthy();
  });

  it('the default cap is MAX_BODY_BYTES', async () => {
    const e = await harnessError(send({ method: 'GET', url: `${server.base}/huge`, timeoutMs: 5000 }));
    expect(e.code).toBe('ERR_RESPONSE_TOO_LARGE');
  });

  it('a server that never answers is ERR_TIMEOUT after timeoutMs', async () => {
    const started = Date.now();
    const e = await harnessError(send({ method: 'GET', url: `${server.base}/silent`, timeoutMs: 200 }));
    expect(e.code).toBe('ERR_TIMEOUT');
    expect(e.message).toBe(`GET ${server.base}/silent: no answer within 200 ms`);
    expect(e.hint).toMatch(/--timeout/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('an aborted caller signal ends the request as ERR_TIMEOUT (aborted)', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await harnessError(send({ method: 'GET', url: `${server.base}/silent`, timeoutMs: 5000, signal: ac.signal }));
    expect(e.code).toBe('ERR_TIMEOUT');
  });

  it('a closed port is ERR_TARGET_UNREACHABLE (connection refused) with a hint', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/login`;
    const e = await harnessError(send({ method: 'GET', url, timeoutMs: 2000 }));
    expect(e.code).toBe('ERR_TARGET_UNREACHABLE');
    expect(e.message).toBe(`GET ${url}: connection refused`);
    expect(e.hint).toBe('Is the target running and listening on that port?');
  });

  it('a host that does not resolve is ERR_TARGET_UNREACHABLE (DNS), fast', async () => {
    const url = 'http://lti-conform-no-such-host.invalid/login';
    const started = Date.now();
    const e = await harnessError(send({ method: 'GET', url, timeoutMs: 10_000 }));
    expect(e.code).toBe('ERR_TARGET_UNREACHABLE');
    expect(e.message).toBe(`GET ${url}: host name not found (DNS)`);
    expect(e.hint).toMatch(/host name/);
    expect(Date.now() - started).toBeLessThan(8000);
  });
});
