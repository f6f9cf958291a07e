import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAUTH, SCOPE } from '../../../src/lti/vocab.js';
import { startReferencePlatform } from '../../../src/reference/platform/index.js';
import { json, send, tokenRequest, tokenWith, type Env } from './client.js';
import { FakeTool, type SignMode } from './fake-tool.js';

let env: Env;
beforeAll(async () => {
  const tool = await FakeTool.start();
  env = { tool, platform: await startReferencePlatform({ tool: tool.registration }) };
});
afterAll(async () => {
  await env.platform.close();
  await env.tool.close();
});

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

const now = (): number => Math.floor(Date.now() / 1000);

describe('reference platform: token endpoint', () => {
  it('grants a bearer token for a valid client assertion', async () => {
    const hop = await tokenWith(env, `${SCOPE.lineItem} ${SCOPE.score}`);
    expect(hop.status).toBe(200);
    expect(hop.headers['content-type']).toBe('application/json');
    expect(hop.headers['cache-control']).toBe('no-store');
    const body = json<TokenBody>(hop);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
    expect(body.scope.split(' ').sort()).toEqual([SCOPE.lineItem, SCOPE.score].sort());
    expect(body.access_token.length).toBeGreaterThanOrEqual(32);
    expect(/^[\x20-\x7a]+$/.test(body.access_token)).toBe(true);
  });

  it('narrows the grant to the scopes it knows', async () => {
    const body = json<TokenBody>(await tokenWith(env, `${SCOPE.nrps} https://example.org/unknown-scope`));
    expect(body.scope).toBe(SCOPE.nrps);
  });

  it.each([
    ['aud = issuer', { aud: 'ISSUER' }],
    ['aud as an array with the token URL', { aud: ['TOKEN'] }],
  ])('accepts %s', async (_n, change: Record<string, unknown>) => {
    const aud = JSON.stringify(change.aud).replace('ISSUER', env.platform.issuer).replace('TOKEN', env.platform.tokenUrl);
    expect((await tokenWith(env, SCOPE.score, { aud: JSON.parse(aud) as unknown })).status).toBe(200);
  });

  it('answers a body that is not a form with a JSON invalid_request', async () => {
    const hop = await send(env.platform.tokenUrl, { method: 'POST', body: '{"grant_type":"client_credentials"}', type: 'application/json' });
    expect([hop.status, hop.headers['content-type'], json<{ error: string }>(hop).error]).toEqual([400, 'application/json', 'invalid_request']);
  });

  it('learns a rotated tool key (refetch on an unknown kid)', async () => {
    await env.tool.rotate();
    expect((await tokenWith(env, SCOPE.score)).status).toBe(200);
  });

  it.each<[string, Record<string, unknown>, SignMode, Record<string, unknown>, string]>([
    ['signed by an unregistered key (known kid)', {}, 'foreign-key', {}, 'invalid_client'],
    ['signed under an unknown kid', {}, 'rs256', { kid: 'nobody' }, 'invalid_client'],
    ['without kid', {}, 'rs256', { kid: undefined }, 'invalid_client'],
    ['with alg none', {}, 'none', {}, 'invalid_client'],
    ['with HS256', {}, 'hs256', {}, 'invalid_client'],
    ['with a foreign aud', { aud: 'https://elsewhere.example/token' }, 'rs256', {}, 'invalid_client'],
    ['expired', { iat: now() - 600, exp: now() - 300 }, 'rs256', {}, 'invalid_client'],
    ['without exp', { exp: undefined }, 'rs256', {}, 'invalid_client'],
    ['without iat', { iat: undefined }, 'rs256', {}, 'invalid_client'],
    ['without jti', { jti: undefined }, 'rs256', {}, 'invalid_client'],
    ['with iss different from sub', { iss: 'someone-else' }, 'rs256', {}, 'invalid_client'],
    ['with an unknown sub', { sub: 'someone-else' }, 'rs256', {}, 'invalid_client'],
    ['for another client', { iss: 'other', sub: 'other' }, 'rs256', {}, 'invalid_client'],
  ])('refuses an assertion %s', async (_n, change, mode, header, error) => {
    const hop = await tokenWith(env, SCOPE.score, change, mode, header);
    expect(hop.status).toBe(400);
    expect(json<{ error: string }>(hop).error).toBe(error);
  });

  it('refuses a replayed jti', async () => {
    const jti = `jti-${Math.random()}`;
    expect((await tokenWith(env, SCOPE.score, { jti })).status).toBe(200);
    const replay = await tokenWith(env, SCOPE.score, { jti });
    expect([replay.status, json<{ error: string }>(replay).error]).toEqual([400, 'invalid_client']);
  });

  it.each<[string, Record<string, string | undefined>, string]>([
    ['grant_type=password', { grant_type: 'password' }, 'unsupported_grant_type'],
    ['no grant_type', { grant_type: undefined }, 'invalid_request'],
    ['no client_assertion_type', { client_assertion_type: undefined }, 'invalid_request'],
    ['another client_assertion_type', { client_assertion_type: 'urn:example:other' }, 'invalid_request'],
    ['no client_assertion', { client_assertion: undefined }, 'invalid_request'],
    ['only unknown scopes', { scope: 'https://example.org/unknown-scope' }, 'invalid_scope'],
    ['no scope', { scope: undefined }, 'invalid_scope'],
  ])('refuses a request with %s', async (_n, change, error) => {
    const assertion = await env.tool.sign(env.tool.assertionClaims(env.platform));
    const hop = await tokenRequest(env, {
      grant_type: OAUTH.grantClientCredentials,
      client_assertion_type: OAUTH.clientAssertionTypeJwtBearer,
      client_assertion: assertion,
      scope: SCOPE.score,
      ...change,
    });
    expect(hop.status).toBe(400);
    expect(json<{ error: string }>(hop).error).toBe(error);
  });
});
