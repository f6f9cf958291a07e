import { describe, expect, it } from 'vitest';
import { JWKS_CHECKS, jwksDocument, jwksKidPresent, jwksKidUnique, jwksPublicOnly, jwksRsaMembers, type PlatformJwksInput } from '../../../src/checks/platform/jwks.js';
import { checkLevel } from '../../../src/core/check.js';
import { MEDIA_TYPE } from '../../../src/lti/vocab.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';

const N1 = 'oNqXxxWuX7LlovO5reRNau5f96K_o3DJx-wK7lrjBmp0qKwNszbbp8MvfrlVs-oYXfj1rzqAeY6GJF5BETViDTT0i2fEz37J0HGAeTrO7Z5zI5Ure9Cb0lulLOZj1hF8piZzWW';
const N2 = 'kMfHwTp2dIYybtvU-xzF2E3dRJBNBtNbb-d3-Rm6nRUraxnTwZ6Fr1YpFBd1pnWzLzdtMv7ofCd28nx-1mfYZ6qhqPWF1RpGe2vVOSTmcu-QpA9h-rouqRKlv3jvXPn623Z2U1Wml0E';
const rsa = (kid: string, n: string): Record<string, unknown> => ({ kty: 'RSA', kid, use: 'sig', alg: 'RS256', e: 'AQAB', n });

function valid(): PlatformJwksInput {
  return { status: 200, contentType: `${MEDIA_TYPE.json}; charset=utf-8`, jwks: { keys: [rsa('1516918956_0', N1), rsa('1516918956_1', N2)] } };
}
const keys = (...list: Record<string, unknown>[]): PlatformJwksInput => ({ ...valid(), jwks: { keys: list } });
const NO_KEYS = bad('no key set could be read (jwks.document.keys-array says why)', 'a JWK Set with a keys array', null);
const KEY_CHECKS = [jwksKidPresent, jwksKidUnique, jwksRsaMembers, jwksPublicOnly];
const WANT = 'HTTP 200 with {"keys": [...]}';

const FAILING: Case<PlatformJwksInput>[] = [
  { name: '404', check: jwksDocument, input: { ...valid(), status: 404 }, verdict: bad('the JWKS URL answered 404', WANT, 404), alsoFails: KEY_CHECKS },
  { name: 'HTML body', check: jwksDocument, input: { ...valid(), contentType: MEDIA_TYPE.html, jwks: '<html>login</html>' }, verdict: bad('the JWKS body is not JSON', WANT, '<html>login</html>'), alsoFails: KEY_CHECKS },
  { name: 'a bare JWK, not a set', check: jwksDocument, input: { ...valid(), jwks: rsa('k', N1) }, verdict: bad('the JWKS body is not an object with a keys array', WANT, rsa('k', N1)), alsoFails: KEY_CHECKS },
  {
    name: 'a key without kty', check: jwksDocument, input: keys(rsa('a', N1), { kid: 'b', n: N2, e: 'AQAB' }),
    verdict: bad('key(s) that are not JWK objects with a kty: [1]', 'JWK objects, each with kty (RFC 7517 §4.1)', [rsa('a', N1), { kid: 'b', n: N2, e: 'AQAB' }]),
  },
  { name: 'a key without kid', check: jwksKidPresent, input: keys(rsa('a', N1), { kty: 'RSA', e: 'AQAB', n: N2 }), verdict: bad('key(s) without a kid: [1]', 'a non-empty kid on every key', [null]) },
  { name: 'kid reused for another key', check: jwksKidUnique, input: keys(rsa('same', N1), rsa('same', N2)), verdict: bad('kid(s) naming different keys of the same kty: "same"', 'one key per kid and kty', ['same']) },
  { name: 'RSA key without n', check: jwksRsaMembers, input: keys(rsa('a', N1), { kty: 'RSA', kid: 'b', e: 'AQAB' }), verdict: bad('RSA key(s) without modulus or exponent: [1] kid "b" lacks n', 'n and e (base64url) on every RSA key', ['[1] kid "b" lacks n']) },
  {
    name: 'private RSA key published', check: jwksPublicOnly, input: keys(rsa('a', N1), { ...rsa('b', N2), d: 'secret', p: 'secret', q: 'secret', dp: 'x', dq: 'x', qi: 'x' }),
    verdict: bad('the key set publishes private key material: [1] kid "b": d, p, q, dp, dq, qi', 'public members only (kty, kid, use, alg, n, e, ...)', ['[1] kid "b": d, p, q, dp, dq, qi']),
  },
  {
    name: 'symmetric secret published', check: jwksPublicOnly, input: keys(rsa('a', N1), { kty: 'oct', kid: 'h', k: 'c2VjcmV0' }),
    verdict: bad('the key set publishes private key material: [1] kid "h": k', 'public members only (kty, kid, use, alg, n, e, ...)', ['[1] kid "h": k']),
  },
];

describe('platform JWKS checks', () => {
  checkTable(JWKS_CHECKS, valid, FAILING, /^jwks\.[a-z-]+\.[a-z0-9-]+$/);

  it('without a readable key set every key check says so', () => {
    for (const c of KEY_CHECKS) expect(c.run({ ...valid(), status: 500 }, CTX), c.id).toEqual(NO_KEYS);
  });

  it('accepts what the framework allows', () => {
    const ok = (i: PlatformJwksInput) => { for (const c of JWKS_CHECKS) expect(c.run(i, CTX).ok, `${c.id} ${JSON.stringify(c.run(i, CTX))}`).toBe(true); };
    ok({ ...valid(), jwks: JSON.stringify(valid().jwks) }); // a body not parsed yet
    ok({ ...valid(), contentType: 'application/jwk-set+json' });
    ok(keys(rsa('a', N1), { kty: 'EC', kid: 'a', crv: 'P-256', x: 'x', y: 'y' })); // same kid, another kty
    expect(jwksKidUnique.run(keys(rsa('a', N1), rsa('a', N1)), CTX)).toEqual({ ok: true, note: '1 key(s) listed twice with the same kid and material' });
    expect(jwksDocument.run({ ...valid(), contentType: 'text/plain' }, CTX)).toEqual({ ok: true, note: 'served as text/plain, not a JSON media type' });
    expect(jwksDocument.run(keys(), CTX)).toEqual({ ok: true, note: 'the key set is empty' });
  });

  it('never echoes private key values', () => {
    const v = jwksPublicOnly.run(keys({ ...rsa('b', N2), d: 'TOP-SECRET-D' }), CTX);
    expect(JSON.stringify(v)).not.toContain('TOP-SECRET-D');
  });

  it('every JWKS rule is a MUST', () => {
    for (const c of JWKS_CHECKS) expect(checkLevel(c.refs, 'spec'), c.id).toBe('fail');
  });
});
