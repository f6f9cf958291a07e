import { decodeJwt } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redactTokenBody, requestToken, TokenCache } from '../../../src/actions/tool/token.js';
import { HarnessError } from '../../../src/core/errors.js';
import { KeyStore } from '../../../src/keys/store.js';
import { MEDIA_TYPE, OAUTH, SCOPE } from '../../../src/lti/vocab.js';
import { reply, startLoopback, type Loopback, type LoopbackHandler } from '../http/loopback.js';
import { clientContext, NOW } from './support.js';

const TOKEN = 'tok-ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789';
let keys: KeyStore;
let server: Loopback | undefined;

beforeAll(async () => {
  keys = await KeyStore.inMemory();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const granting = (expiresIn = 3600): LoopbackHandler => (_req, res) =>
  reply(res, 200, { 'content-type': MEDIA_TYPE.json, 'cache-control': 'no-store' }, JSON.stringify({ access_token: TOKEN, token_type: 'Bearer', expires_in: expiresIn, scope: SCOPE.score }));

async function platform(handler: LoopbackHandler) {
  server = await startLoopback(handler);
  return clientContext(server.base, keys);
}

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('requestToken', () => {
  it('POSTs a form-encoded client-credentials request with a signed assertion and the scopes', async () => {
    const ctx = await platform(granting());
    const r = await requestToken(ctx, { scopes: [SCOPE.lineItem, SCOPE.score] });
    const seen = server!.seen[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/token');
    expect(seen.headers['content-type']).toBe(MEDIA_TYPE.formUrlEncoded);
    const f = form(seen.body);
    expect(Object.keys(f).sort()).toEqual(['client_assertion', 'client_assertion_type', 'grant_type', 'scope']);
    expect(f).toMatchObject({ grant_type: OAUTH.grantClientCredentials, client_assertion_type: OAUTH.clientAssertionTypeJwtBearer, scope: `${SCOPE.lineItem} ${SCOPE.score}` });
    expect(f.client_assertion).toBe(r.assertion.jwt);
    expect(decodeJwt(f.client_assertion!)).toMatchObject({ iss: 'tool-123', sub: 'tool-123', aud: `${server!.base}/token`, iat: NOW });
    expect(r).toMatchObject({ status: 200, json: { access_token: TOKEN }, exchangeId: 'x1' });
    expect(r.body).toContain(TOKEN);
  });

  it('records evidence with the access token and the assertion signature redacted', async () => {
    const ctx = await platform(granting());
    const r = await requestToken(ctx, { scopes: [SCOPE.score] });
    const { exchanges, jwts } = ctx.evidence.snapshot();
    expect(exchanges).toHaveLength(1);
    const x = exchanges[0]!;
    expect(x).toMatchObject({ id: r.exchangeId, direction: 'outbound', method: 'POST', status: 200 });
    expect(x.responseBody).not.toContain(TOKEN);
    expect(JSON.parse(x.responseBody!)).toMatchObject({ access_token: '<redacted>', token_type: 'Bearer', expires_in: 3600 });
    const signature = r.assertion.jwt.split('.')[2]!;
    expect(x.requestBody).not.toContain(signature);
    expect(jwts).toEqual([{ label: 'client assertion', header: r.assertion.header, payload: r.assertion.payload }]);
  });

  it('lets a scenario rewrite the form (grant_type=password, no client_assertion_type)', async () => {
    const ctx = await platform((_q, res) => reply(res, 400, { 'content-type': MEDIA_TYPE.json }, '{"error":"unsupported_grant_type"}'));
    const r = await requestToken(ctx, {
      scopes: [SCOPE.score],
      form: ({ client_assertion_type: _t, ...f }) => ({ ...f, grant_type: 'password' }),
    });
    const f = form(server!.seen[0]!.body);
    expect(f.grant_type).toBe('password');
    expect('client_assertion_type' in f).toBe(false);
    expect(r).toMatchObject({ status: 400, json: { error: 'unsupported_grant_type' } });
  });

  it('sends a mutated assertion and labels it in the evidence', async () => {
    const ctx = await platform(granting());
    const r = await requestToken(ctx, { scopes: [SCOPE.score], mutation: 'wrong-aud' });
    expect(decodeJwt(form(server!.seen[0]!.body).client_assertion!).aud).toBe(r.assertion.payload.aud);
    expect(ctx.evidence.snapshot().jwts[0]!.label).toBe('client assertion (wrong-aud)');
  });

  it('replays an assertion verbatim (same jti)', async () => {
    const ctx = await platform(granting());
    const first = await requestToken(ctx, { scopes: [SCOPE.score] });
    const again = await requestToken(ctx, { scopes: [SCOPE.score], reuseAssertion: first.assertion.jwt });
    expect(form(server!.seen[1]!.body).client_assertion).toBe(first.assertion.jwt);
    expect(again.assertion.payload.jti).toBe(first.assertion.payload.jti);
  });

  it('omits scope when none is asked for; leaves a non-JSON body without json', async () => {
    const ctx = await platform((_q, res) => reply(res, 500, { 'content-type': 'text/plain' }, 'oops'));
    const r = await requestToken(ctx, { scopes: [] });
    expect('scope' in form(server!.seen[0]!.body)).toBe(false);
    expect(r.status).toBe(500);
    expect('json' in r).toBe(false);
  });
});

describe('redactTokenBody', () => {
  it.each([
    ['compact JSON', `{"access_token":"${TOKEN}","token_type":"bearer"}`, '{"access_token":"<redacted>","token_type":"bearer"}'],
    ['spaced JSON with a refresh token', `{ "access_token" : "${TOKEN}", "refresh_token": "r-1\\"x" }`, '{ "access_token" : "<redacted>", "refresh_token": "<redacted>" }'],
    ['a number token', '{"access_token":123456789012345}', '{"access_token":"<redacted>"}'],
    ['a form-encoded answer', `access_token=${TOKEN}&token_type=bearer`, 'access_token=<redacted>&token_type=bearer'],
    ['an error', '{"error":"invalid_client"}', '{"error":"invalid_client"}'],
  ])('%s', (_n, body, expected) => expect(redactTokenBody(body)).toBe(expected));
});

describe('TokenCache', () => {
  it('reuses a token per scope set (order and duplicates ignored) until it is about to expire', async () => {
    const ctx = await platform(granting(600));
    const cache = new TokenCache(ctx);
    expect(await cache.token([SCOPE.score, SCOPE.lineItem])).toBe(TOKEN);
    expect(await cache.token([SCOPE.lineItem, SCOPE.score, SCOPE.score])).toBe(TOKEN);
    expect(server!.seen).toHaveLength(1);
    await cache.token([SCOPE.score]);
    expect(server!.seen).toHaveLength(2);
    ctx.clock.now = NOW + 600 - 10;
    await cache.token([SCOPE.score]);
    expect(server!.seen).toHaveLength(3);
  });

  it('shares one request between concurrent callers; drop() forces a new one', async () => {
    const ctx = await platform(granting());
    const cache = new TokenCache(ctx);
    const [a, b] = await Promise.all([cache.get([SCOPE.nrps]), cache.get([SCOPE.nrps])]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ accessToken: TOKEN, scopes: [SCOPE.nrps], expiresAt: NOW + 3600 });
    cache.drop([SCOPE.nrps]);
    await cache.get([SCOPE.nrps]);
    expect(server!.seen).toHaveLength(2);
  });

  it('is a harness error (naming the evidence) when the platform issues no token', async () => {
    const ctx = await platform((_q, res) => reply(res, 401, { 'content-type': MEDIA_TYPE.json }, '{"error":"invalid_client"}'));
    const err = await new TokenCache(ctx).get([SCOPE.score]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect(err).toMatchObject({ code: 'ERR_UNEXPECTED_RESPONSE', message: expect.stringContaining('answered 401 without an access token') });
  });
});
