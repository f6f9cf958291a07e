import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAUTH, SCOPE } from '../../../src/lti/vocab.js';
import { PATHS, type PlatformEmulator } from '../../../src/roles/platform/emulator.js';
import { assertion, call, CLIENT_ID, FakeToolJwks, postForm, startEmulator, tokenForm, toolKey, type ToolKey } from './support.js';

let jwks: FakeToolJwks;
let e: PlatformEmulator;
let key: ToolKey;
let tokenUrl: string;

beforeAll(async () => {
  key = await toolKey('tool-key-1');
  jwks = await new FakeToolJwks().start();
  jwks.keys = [key.publicJwk];
  e = await startEmulator(jwks.url);
  tokenUrl = e.url(PATHS.token);
});

afterAll(async () => {
  await e.close();
  await jwks.close();
});

const last = () => e.services.tokenRequests[e.services.tokenRequests.length - 1]!;

async function refused(form: Record<string, string>, error: string, status = 400) {
  const r = await postForm(tokenUrl, form);
  expect(r.status).toBe(status);
  const body = r.json() as { error: string; error_description: string };
  expect(body.error).toBe(error);
  expect(body.error_description).toEqual(expect.any(String));
  expect(last()).toMatchObject({ status, error });
  return body;
}

describe('token endpoint', () => {
  it('issues a Bearer token for a valid client assertion and records the request', async () => {
    const jwt = await assertion(e, key);
    const r = await postForm(tokenUrl, tokenForm(jwt, `${SCOPE.lineItem} ${SCOPE.score}`));
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    const body = r.json() as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: `${SCOPE.lineItem} ${SCOPE.score}` });
    expect(body.access_token).toMatch(/^[\x20-\x7a]{32,}$/);
    const rec = last();
    expect(rec).toMatchObject({ status: 200, method: 'POST', grantedScopes: [SCOPE.lineItem, SCOPE.score], accessToken: body.access_token, assertionJwt: jwt });
    expect(rec.assertion).toMatchObject({ signatureValid: true, kidFound: true, header: { alg: 'RS256', kid: 'tool-key-1' }, payload: { iss: CLIENT_ID } });
    expect(rec.form.client_assertion).toBe(jwt);
  });

  it('accepts the issuer as the audience too', async () => {
    const r = await postForm(tokenUrl, tokenForm(await assertion(e, key, { aud: [e.issuer] }), SCOPE.nrps));
    expect(r.status).toBe(200);
  });

  it('grants only offered scopes that were requested, never more', async () => {
    const r = await postForm(tokenUrl, tokenForm(await assertion(e, key), `${SCOPE.resultReadOnly} https://example.com/scope/other`));
    expect((r.json() as { scope: string }).scope).toBe(SCOPE.resultReadOnly);
    expect(last().grantedScopes).toEqual([SCOPE.resultReadOnly]);
    expect(last().requestedScopes).toEqual([SCOPE.resultReadOnly, 'https://example.com/scope/other']);
  });

  it('refuses when no requested scope is offered, or none is requested', async () => {
    await refused(tokenForm(await assertion(e, key), 'https://example.com/scope/other'), 'invalid_scope');
    const { scope: _s, ...noScope } = tokenForm(await assertion(e, key), '');
    await refused(noScope, 'invalid_scope');
  });

  it('refuses a wrong or missing grant_type', async () => {
    await refused({ ...tokenForm(await assertion(e, key), SCOPE.score), grant_type: 'authorization_code' }, 'unsupported_grant_type');
    const { grant_type: _g, ...noGrant } = tokenForm(await assertion(e, key), SCOPE.score);
    await refused(noGrant, 'invalid_request');
  });

  it('refuses a wrong client_assertion_type and a missing assertion', async () => {
    await refused({ ...tokenForm(await assertion(e, key), SCOPE.score), client_assertion_type: 'urn:wrong' }, 'invalid_request');
    const { client_assertion: _a, ...noAssertion } = tokenForm('', SCOPE.score);
    await refused(noAssertion, 'invalid_client');
  });

  it('refuses a body that is not form-encoded, and GET (still recorded)', async () => {
    const r = await call('POST', tokenUrl, { body: JSON.stringify(tokenForm(await assertion(e, key), SCOPE.score)), type: 'application/json' });
    expect([r.status, (r.json() as { error: string }).error]).toEqual([400, 'invalid_request']);
    expect(last()).toMatchObject({ status: 400, contentType: 'application/json', form: {} });
    const g = await call('GET', `${tokenUrl}?grant_type=client_credentials`);
    expect([g.status, g.headers.allow]).toEqual([405, 'POST']);
    expect(last()).toMatchObject({ method: 'GET', status: 405 });
  });

  it('refuses repeated parameters', async () => {
    const form = new URLSearchParams(tokenForm(await assertion(e, key), SCOPE.score));
    form.append('scope', SCOPE.lineItem);
    const r = await call('POST', tokenUrl, { body: form.toString(), type: 'application/x-www-form-urlencoded' });
    expect((r.json() as { error: string }).error).toBe('invalid_request');
  });

  it.each([
    ['iss', { iss: 'someone-else' }],
    ['sub', { sub: 'someone-else' }],
    ['aud', { aud: 'https://elsewhere.example/token' }],
    ['expired exp', { exp: Math.floor(Date.now() / 1000) - 120 }],
    ['missing exp', { exp: undefined }],
    ['missing jti', { jti: undefined }],
  ])('refuses an assertion with a bad %s', async (_name, claims) => {
    await refused(tokenForm(await assertion(e, key, claims), SCOPE.score), 'invalid_client');
  });

  it('accepts exp within the 60 s leeway', async () => {
    const r = await postForm(tokenUrl, tokenForm(await assertion(e, key, { exp: Math.floor(Date.now() / 1000) - 30 }), SCOPE.score));
    expect(r.status).toBe(200);
  });

  it('refuses a reused jti', async () => {
    const jwt = await assertion(e, key, { jti: 'once-only' });
    expect((await postForm(tokenUrl, tokenForm(jwt, SCOPE.score))).status).toBe(200);
    const body = await refused(tokenForm(await assertion(e, key, { jti: 'once-only' }), SCOPE.score), 'invalid_client');
    expect(body.error_description).toMatch(/jti/);
  });

  it('refuses a signature by a key that is not in the tool JWKS, and records why', async () => {
    const other = await toolKey('tool-key-1');
    await refused(tokenForm(await assertion(e, other), SCOPE.score), 'invalid_client');
    expect(last().assertion).toMatchObject({ signatureValid: false, kidFound: true, verifyError: expect.stringMatching(/signature/) });
  });

  it('refuses alg other than RS256 and an assertion that is not a JWT, without crashing', async () => {
    const hs = await new SignJWT({ iss: CLIENT_ID, sub: CLIENT_ID, aud: tokenUrl, exp: Math.floor(Date.now() / 1000) + 60, jti: 'hs' })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough'));
    await refused(tokenForm(hs, SCOPE.score), 'invalid_client');
    expect(last().assertion).toMatchObject({ header: { alg: 'HS256' }, signatureValid: false });
    await refused(tokenForm('not.a-jwt', SCOPE.score), 'invalid_client');
    expect(last().assertion).toBeUndefined();
    expect(last().assertionJwt).toBe('not.a-jwt');
    const header = Buffer.from('{"alg":"RS256"}').toString('base64url');
    await refused(tokenForm(`${header}.${Buffer.from('[1]').toString('base64url')}.sig`, SCOPE.score), 'invalid_client');
    expect(last().assertion).toBeUndefined();
    expect((await postForm(tokenUrl, tokenForm(await assertion(e, key), SCOPE.score))).status).toBe(200);
  });

  it('refetches the JWKS once for an unknown kid (the tool rotated its key)', async () => {
    const rotated = await toolKey('tool-key-2');
    jwks.keys = [key.publicJwk, rotated.publicJwk];
    const before = jwks.fetches;
    const r = await postForm(tokenUrl, tokenForm(await assertion(e, rotated), SCOPE.score));
    expect(r.status).toBe(200);
    expect(jwks.fetches).toBe(before + 1);
    await postForm(tokenUrl, tokenForm(await assertion(e, rotated), SCOPE.score));
    expect(jwks.fetches).toBe(before + 1);
    await refused(tokenForm(await assertion(e, rotated, {}, { kid: 'nobody' }), SCOPE.score), 'invalid_client');
    expect(last().assertion).toMatchObject({ kidFound: false, verifyError: expect.stringMatching(/nobody/) });
  });

  it('without a jwksUrl, or with an unreachable one, records signatureValid false with the reason', async () => {
    const bare = await startEmulator(undefined);
    try {
      const r = await postForm(bare.url(PATHS.token), tokenForm(await assertion(bare, key), SCOPE.score));
      expect((r.json() as { error: string }).error).toBe('invalid_client');
      expect(bare.services.tokenRequests[0]!.assertion).toMatchObject({ signatureValid: false, verifyError: expect.stringMatching(/jwksUrl/) });
      bare.tool = { ...bare.tool, jwksUrl: 'http://127.0.0.1:1/jwks' };
      await postForm(bare.url(PATHS.token), tokenForm(await assertion(bare, key), SCOPE.score));
      expect(bare.services.tokenRequests[1]!.assertion).toMatchObject({ signatureValid: false, verifyError: expect.stringMatching(/could not be fetched/) });
    } finally {
      await bare.close();
    }
  });

  it('every issued token is distinct and the jwt-bearer URN comes from vocab', async () => {
    const tokens = e.services.tokenRequests.filter((r) => r.status === 200).map((r) => r.accessToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(OAUTH.clientAssertionTypeJwtBearer).toMatch(/^urn:ietf:params:oauth:/);
  });
});
