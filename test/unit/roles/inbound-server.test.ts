import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceRecorder } from '../../../src/core/evidence.js';
import { HarnessError } from '../../../src/core/errors.js';
import { html, InboundServer, json, type InboundRequest } from '../../../src/roles/inbound-server.js';

let server: InboundServer;
let base: string;
const seen: InboundRequest[] = [];

beforeAll(async () => {
  server = new InboundServer([
    { method: 'GET', path: '/params', handle: (r) => { seen.push(r); return json(200, Object.fromEntries(r.params)); } },
    { method: 'POST', path: '/params', handle: (r) => { seen.push(r); return json(201, Object.fromEntries(r.params)); } },
    { method: '*', path: '/any', handle: (r) => html(200, `<p>${r.method}</p>`) },
    { method: 'GET', path: '/boom', handle: () => { throw new Error('kaput'); } },
    { method: 'GET', path: '/async-boom', handle: async () => { throw new Error('later kaput'); } },
  ], '127.0.0.1', 0);
  const port = await server.listen();
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => server.close());

async function call(method: string, path: string, body?: string, contentType = 'application/x-www-form-urlencoded') {
  const res = await request(`${base}${path}`, { method: method as 'GET', ...(body !== undefined ? { body, headers: { 'content-type': contentType } } : {}) });
  const text = await res.body.text();
  return { status: res.statusCode, type: String(res.headers['content-type']), text, json: () => JSON.parse(text) as unknown };
}

describe('InboundServer', () => {
  it('listens on a free port when asked for port 0', () => {
    expect(server.port).toBeGreaterThan(0);
  });

  it('reads params from the query for GET and from a urlencoded body for POST', async () => {
    const get = await call('GET', '/params?a=1&b=two');
    expect([get.status, get.json()]).toEqual([200, { a: '1', b: 'two' }]);
    const post = await call('POST', '/params?ignored=1', 'login_hint=a+b&iss=https%3A%2F%2Flms.example');
    expect([post.status, post.json()]).toEqual([201, { login_hint: 'a b', iss: 'https://lms.example' }]);
    expect(seen[seen.length - 1]?.body).toBe('login_hint=a+b&iss=https%3A%2F%2Flms.example');
  });

  it('a POST that is not urlencoded falls back to the query', async () => {
    const post = await call('POST', '/params?q=1', '{"a":1}', 'application/json');
    expect(post.json()).toEqual({ q: '1' });
  });

  it('a * route takes any method', async () => {
    for (const m of ['GET', 'POST', 'PUT', 'DELETE']) expect((await call(m, '/any')).text).toBe(`<p>${m}</p>`);
  });

  it('an unknown path is 404 JSON', async () => {
    const r = await call('GET', '/nope');
    expect(r.status).toBe(404);
    expect(r.type).toBe('application/json');
    expect(r.json()).toEqual({ error: 'not_found', error_description: 'GET /nope is not served here' });
  });

  it('answers a request with a malformed Host header instead of crashing', async () => {
    const { connect } = await import('node:net');
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = connect(server.port, '127.0.0.1', () => sock.end('GET /params?x=1 HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n'));
      let out = '';
      sock.on('data', (d) => (out += d.toString()));
      sock.on('end', () => resolve(out));
      sock.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 (200|400) /);
    expect((await call('GET', '/params?still=up')).status).toBe(200);
  });

  it('a known path with the wrong method is 405 JSON', async () => {
    const r = await call('DELETE', '/params');
    expect(r.status).toBe(405);
    expect(r.type).toBe('application/json');
    expect(r.json()).toMatchObject({ error_description: 'DELETE is not allowed on /params' });
  });

  it('a body over 1 MB is 413 JSON and the server keeps serving', async () => {
    const r = await call('POST', '/params', `a=${'x'.repeat(1024 * 1024 + 10)}`);
    expect(r.status).toBe(413);
    expect(r.type).toBe('application/json');
    expect(r.json()).toEqual({ error: 'invalid_request', error_description: 'body larger than 1048576 bytes' });
    expect((await call('GET', '/params?after=413')).json()).toEqual({ after: '413' });
  });

  it('a body of exactly 1 MB is served', async () => {
    const r = await call('POST', '/params', `a=${'x'.repeat(1024 * 1024 - 2)}`);
    expect(r.status).toBe(201);
  });

  it.each([['/boom', 'kaput'], ['/async-boom', 'later kaput']])('a handler that throws (%s) is 500 JSON and the server keeps serving', async (path, message) => {
    const r = await call('GET', path);
    expect(r.status).toBe(500);
    expect(r.type).toBe('application/json');
    expect(r.json()).toEqual({ error: 'server_error', error_description: message });
    expect((await call('GET', '/params?after=500')).json()).toEqual({ after: '500' });
  });

  it('records each request into the recorder when one is set, with the answer', async () => {
    const recorder = new EvidenceRecorder();
    server.recorder = recorder;
    try {
      await call('POST', '/params', 'x=1');
      await call('GET', '/boom');
      await call('GET', '/nope');
    } finally {
      server.recorder = undefined;
    }
    const xs = recorder.snapshot().exchanges;
    expect(xs.map((x) => [x.id, x.direction, x.method, new URL(x.url).pathname, x.status])).toEqual([
      ['x1', 'inbound', 'POST', '/params', 201],
      ['x2', 'inbound', 'GET', '/boom', 500],
      ['x3', 'inbound', 'GET', '/nope', 404],
    ]);
    expect(xs[0]).toMatchObject({ requestBody: 'x=1', responseBody: '{"x":"1"}', responseHeaders: { 'content-type': 'application/json' } });
    expect(seen[seen.length - 1]?.exchangeId).toBe('x1');
  });

  it('records nothing when no recorder is set', async () => {
    const recorder = new EvidenceRecorder();
    server.recorder = recorder;
    server.recorder = undefined;
    await call('GET', '/params?a=1');
    expect(recorder.snapshot().exchanges).toEqual([]);
    expect(seen[seen.length - 1]?.exchangeId).toBe('');
  });

  it('a port in use is ERR_PORT_IN_USE', async () => {
    const other = new InboundServer([], '127.0.0.1', server.port);
    const e = await other.listen().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(HarnessError);
    expect((e as HarnessError).code).toBe('ERR_PORT_IN_USE');
    expect((e as HarnessError).message).toContain(String(server.port));
  });

  it('close() is safe to call twice', async () => {
    const s = new InboundServer([], '127.0.0.1', 0);
    await s.listen();
    await s.close();
    await expect(s.close()).resolves.toBeUndefined();
  });
});
