import { createHmac } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader, exportJWK, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSERTION_LIFETIME_S, ASSERTION_MUTATIONS, buildAssertion, WRONG_AUDIENCE, type AssertionMutation } from '../../../src/actions/tool/assertion.js';
import { KeyStore } from '../../../src/keys/store.js';
import { CLAIM } from '../../../src/lti/vocab.js';

const NOW = 1_700_000_000;
const OPTS = { clientId: 'tool-123', tokenUrl: 'https://lms.example/token', deploymentId: 'deploy-1', now: NOW };
let keys: KeyStore;

beforeAll(async () => {
  keys = await KeyStore.inMemory();
});

const ourKey = async () => importJWK(keys.jwks().keys[0]!, 'RS256');
const verifies = (jwt: string, key: Parameters<typeof compactVerify>[1]) => compactVerify(jwt, key).then(() => true, () => false);
/** Everything but the jti, which is fresh on every assertion. */
const withoutJti = (p: Record<string, unknown>) => {
  const { jti: _jti, ...rest } = p;
  return rest;
};

describe('buildAssertion (default)', () => {
  it('is RS256 with our current kid, iss = sub = client id, aud = token URL, 5-minute life, jti and deployment_id', async () => {
    const a = await buildAssertion(keys, OPTS);
    const { protectedHeader, payload } = await compactVerify(a.jwt, await ourKey());
    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: keys.current.kid });
    const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    expect(claims).toEqual({
      iss: 'tool-123', sub: 'tool-123', aud: OPTS.tokenUrl, iat: NOW, exp: NOW + ASSERTION_LIFETIME_S, jti: expect.stringMatching(/^[0-9a-f-]{36}$/), [CLAIM.deploymentId]: 'deploy-1',
    });
    expect(a.header).toEqual(protectedHeader);
    expect(a.payload).toEqual(claims);
  });

  it('addresses the authorization server when the platform names one other than its token URL', async () => {
    expect((await buildAssertion(keys, { ...OPTS, audience: 'https://auth.lms.example/token' })).payload.aud).toBe('https://auth.lms.example/token');
    expect((await buildAssertion(keys, { ...OPTS, audience: 'https://auth.lms.example/token', mutation: 'wrong-aud' })).payload.aud).toBe(WRONG_AUDIENCE);
  });

  it('uses a fresh jti every time, unless one is injected', async () => {
    const [a, b] = await Promise.all([buildAssertion(keys, OPTS), buildAssertion(keys, OPTS)]);
    expect(a.payload.jti).not.toBe(b.payload.jti);
    expect((await buildAssertion(keys, { ...OPTS, jti: 'jti-1' })).payload.jti).toBe('jti-1');
  });
});

describe('buildAssertion mutations change what they are named after, and nothing else', () => {
  const EXPECTED: Record<AssertionMutation, { header?: Record<string, unknown>; payload?: Record<string, unknown> }> = {
    'unknown-key': {},
    'wrong-aud': { payload: { aud: WRONG_AUDIENCE } },
    expired: { payload: { iat: NOW - 600, exp: NOW - 600 + ASSERTION_LIFETIME_S } },
    'iss-not-sub': { payload: { sub: 'tool-123-not-the-issuer' } },
    'alg-none': { header: { alg: 'none' } },
    hs256: { header: { alg: 'HS256' } },
  };

  it('covers every mutation', () => expect(Object.keys(EXPECTED).sort()).toEqual([...ASSERTION_MUTATIONS].sort()));

  it.each(ASSERTION_MUTATIONS)('%s: header and payload differ from the default only as named', async (mutation) => {
    const base = await buildAssertion(keys, OPTS);
    const m = await buildAssertion(keys, { ...OPTS, mutation });
    expect(decodeProtectedHeader(m.jwt)).toEqual({ ...base.header, ...EXPECTED[mutation].header });
    expect(withoutJti(decodeJwt(m.jwt))).toEqual({ ...withoutJti(base.payload), ...EXPECTED[mutation].payload });
    expect(m.header).toEqual(decodeProtectedHeader(m.jwt));
  });

  it.each(['wrong-aud', 'expired', 'iss-not-sub'] as const)('%s is still signed with our key', async (mutation) => {
    const m = await buildAssertion(keys, { ...OPTS, mutation });
    expect(await verifies(m.jwt, await ourKey())).toBe(true);
  });

  it('expired: exp is in the past beyond clock skew, the lifetime unchanged', async () => {
    const { payload } = await buildAssertion(keys, { ...OPTS, mutation: 'expired' });
    expect(payload.exp as number).toBeLessThan(NOW - 60);
    expect((payload.exp as number) - (payload.iat as number)).toBe(ASSERTION_LIFETIME_S);
  });

  it('unknown-key: keeps our kid but verifies only with the foreign key', async () => {
    const m = await buildAssertion(keys, { ...OPTS, mutation: 'unknown-key' });
    expect(m.header.kid).toBe(keys.current.kid);
    expect(await verifies(m.jwt, await ourKey())).toBe(false);
    const { kty, n, e } = await exportJWK(await keys.foreignKey());
    expect(await verifies(m.jwt, await importJWK({ kty, n, e }, 'RS256'))).toBe(true);
  });

  it('alg-none: empty signature', async () => {
    const m = await buildAssertion(keys, { ...OPTS, mutation: 'alg-none' });
    expect(m.jwt.endsWith('.')).toBe(true);
    expect(await verifies(m.jwt, await ourKey())).toBe(false);
  });

  it('hs256: HMAC-SHA256 keyed with our public key PEM', async () => {
    const m = await buildAssertion(keys, { ...OPTS, mutation: 'hs256' });
    const [h, p, sig] = m.jwt.split('.');
    const pem = await keys.publicPem(keys.current.kid);
    expect(sig).toBe(createHmac('sha256', pem!).update(`${h}.${p}`).digest('base64url'));
  });
});
