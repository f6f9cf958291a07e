import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE } from '../../../src/lti/vocab.js';
import { KeyStore } from '../../../src/keys/store.js';
import { PATHS, PlatformEmulator } from '../../../src/roles/platform/emulator.js';
import type { InboundRequest, InboundResponse } from '../../../src/roles/inbound-server.js';
import { PlatformServices } from '../../../src/roles/platform/services/index.js';
import { assertion, call, CLIENT_ID, CONTEXT, FakeToolJwks, getToken, LINK, postForm, startEmulator, tokenForm, toolKey, type ToolKey } from './support.js';

let jwks: FakeToolJwks;
let e: PlatformEmulator;
let key: ToolKey;

beforeAll(async () => {
  key = await toolKey('k1');
  jwks = await new FakeToolJwks().start();
  jwks.keys = [key.publicJwk];
  e = await startEmulator(jwks.url);
});

afterAll(async () => {
  await e.close();
  await jwks.close();
});

describe('deep-link return', () => {
  it('records the form post with its query and answers 200 HTML', async () => {
    const ret = new URL(e.services.urls(CONTEXT, LINK).deepLinkReturn);
    expect(ret.toString()).toBe(e.url(PATHS.deepLinkReturn));
    ret.searchParams.set('session', 's-1');
    const r = await postForm(ret.toString(), { JWT: 'a.b.c' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.text).toContain('Deep linking response received');
    expect(e.services.deepLinkReturns.at(-1)).toMatchObject({ method: 'POST', contentType: 'application/x-www-form-urlencoded', form: { JWT: 'a.b.c' }, query: { session: 's-1' }, status: 200 });
  });

  it('answers GET with 405 and still records it', async () => {
    const r = await call('GET', `${e.url(PATHS.deepLinkReturn)}?JWT=x`);
    expect([r.status, r.headers.allow]).toEqual([405, 'POST']);
    expect(e.services.deepLinkReturns.at(-1)).toMatchObject({ method: 'GET', status: 405, query: { JWT: 'x' }, form: {} });
  });
});

describe('waitFor and marks', () => {
  it('resolves on a record that arrives later, counting only from `since`', async () => {
    const since = e.services.marks().token;
    const waiting = e.services.waitFor('token', (r) => r.status === 200, { timeoutMs: 5_000, since });
    await getToken(e, key, [SCOPE.score]);
    const rec = await waiting;
    expect(rec?.grantedScopes).toEqual([SCOPE.score]);
    expect(e.services.marks().token).toBe(since + 1);
    // Already logged at or after `since`: resolves at once.
    expect(await e.services.waitFor('token', (r) => r.status === 200, { timeoutMs: 1, since })).toBe(rec);
  });

  it('returns undefined on timeout and on abort; a throwing matcher is a non-match', async () => {
    const since = e.services.marks().call;
    const t0 = Date.now();
    expect(await e.services.waitFor('call', () => true, { timeoutMs: 50, since })).toBeUndefined();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    const ac = new AbortController();
    const waiting = e.services.waitFor('deepLinkReturn', () => { throw new Error('bad matcher'); }, { timeoutMs: 10_000, signal: ac.signal });
    await postForm(e.url(PATHS.deepLinkReturn), { JWT: 'x' });
    ac.abort();
    expect(await waiting).toBeUndefined();
  });

  it('matches service calls, refused ones included', async () => {
    const since = e.services.marks().call;
    const waiting = e.services.waitFor('call', (r) => r.operation === 'memberships.get', { timeoutMs: 5_000, since });
    await call('GET', e.services.urls(CONTEXT, LINK).memberships);
    expect(await waiting).toMatchObject({ status: 401, token: { present: false } });
  });
});

describe('behind a public URL', () => {
  it('issues URLs under it, takes it as the assertion audience and records calls under it', async () => {
    const pub = await PlatformEmulator.start({ host: '127.0.0.1', port: 0, publicUrl: 'https://lti.example/', keys: await KeyStore.inMemory(), tool: { ...e.tool } });
    try {
      const u = pub.services.urls(CONTEXT, LINK);
      expect(u.lineItems).toBe(`https://lti.example/ags/${CONTEXT}/lineitems?tenant=lti-conform`);
      const local = (url: string) => url.replace('https://lti.example', `http://127.0.0.1:${pub.server.port}`);
      const jwt = await assertion(pub, key);
      const t = await postForm(local(u.token), tokenForm(jwt, SCOPE.lineItemReadOnly));
      expect(t.status).toBe(200);
      const r = await call('GET', local(u.lineItems), { token: (t.json() as { access_token: string }).access_token });
      expect(r.status).toBe(200);
      expect(pub.services.calls[0]!.url).toBe(u.lineItems);
      expect(r.headers.link).toMatch(/^<https:\/\/lti\.example\/ags\//);
    } finally {
      await pub.close();
    }
  });
});

describe('PlatformServices alone', () => {
  it('encodes context ids into its URLs and knows only prepared contexts', () => {
    const s = new PlatformServices({ base: () => 'http://platform.test', tool: () => ({ clientId: 'c', deploymentId: 'd' }) });
    expect(s.offeredScopes).toEqual([SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.nrps]);
    const u = s.urls('course with spaces/and slash', 'link-9');
    expect(u.lineItems).toBe('http://platform.test/ags/course%20with%20spaces%2Fand%20slash/lineitems?tenant=lti-conform');
    expect(u.token).toBe('http://platform.test/token');
    expect(s.data.lineItemIds('course with spaces/and slash')).toHaveLength(5);
    expect(s.data.lineItemIds('unknown')).toEqual([]);
    expect(s.routes().map((r) => r.path)).toEqual(['/token', '/deep-link/return', '/ags/*', '/nrps/*']);
  });

  it('expires tokens by the injected clock and lifetime', async () => {
    let now = Date.now();
    const base = 'http://platform.test';
    const s = new PlatformServices({ base: () => base, tool: () => ({ clientId: CLIENT_ID, deploymentId: 'd', jwksUrl: jwks.url }), now: () => now, tokenLifetimeSeconds: 60, pageSize: { lineItems: 10 } });
    const u = s.urls(CONTEXT, LINK);
    const [token, , ags] = s.routes();
    const req = (method: string, url: string, headers: Record<string, string>, body = ''): InboundRequest =>
      ({ method, url: new URL(url), headers, body, params: new URLSearchParams(), exchangeId: '' });
    const jwt = await new SignJWT({ iss: CLIENT_ID, sub: CLIENT_ID, aud: u.token, exp: Math.floor(now / 1000) + 300, jti: 'clock-1' })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey);
    const got = await token!.handle(req('POST', u.token, { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams(tokenForm(jwt, SCOPE.lineItem)).toString()));
    const issued = JSON.parse(got.body!) as { access_token: string; expires_in: number };
    expect(issued.expires_in).toBe(60);
    const list = () => ags!.handle(req('GET', u.lineItems, { authorization: `Bearer ${issued.access_token}` })) as InboundResponse;
    const first = list();
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body!)).toHaveLength(5);
    expect(first.headers?.link).toBeUndefined();
    now += 59_000;
    expect(list().status).toBe(200);
    now += 1_000;
    expect(list().status).toBe(401);
    expect(s.calls.at(-1)?.token).toMatchObject({ expired: true, issuedBy: 0 });
  });
});
