import { fail, pass, type Check, type Verdict } from '../../core/check.js';
import type { SpecRef } from '../../spec/specs.js';
import { rule } from '../../spec/rules.js';
import { isObject, type Json } from './input.js';

// The platform's published key set ([SEC] §6.2-6.3; RFC 7517 §4-5; RFC 7518 §6.3).

/** What the platform's JWKS URL answered. `jwks` is the parsed body (a string body is parsed here). */
export interface PlatformJwksInput {
  status: number;
  contentType: string;
  jwks: unknown;
}

/** Private and secret key members (RFC 7518 §6.3.2 RSA private, §6.2.2 EC private `d`, §6.4 symmetric `k`). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

const NO_KEYS = 'no key set could be read (jwks.document.keys-array says why)';

function parsed(jwks: unknown): unknown {
  if (typeof jwks !== 'string') return jwks;
  try {
    return JSON.parse(jwks) as unknown;
  } catch {
    return undefined;
  }
}

/** The keys array when the document is a JWK Set whose keys are all objects. */
function keysOf(input: PlatformJwksInput): Json[] | undefined {
  const doc = parsed(input.jwks);
  if (input.status !== 200 || !isObject(doc) || !Array.isArray(doc.keys)) return undefined;
  return doc.keys.every(isObject) ? (doc.keys as Json[]) : undefined;
}

const label = (key: Json, i: number): string => (typeof key.kid === 'string' ? `[${i}] kid ${JSON.stringify(key.kid)}` : `[${i}]`);

function keysCheck(id: string, title: string, refs: readonly [SpecRef, ...SpecRef[]], judge: (keys: Json[]) => Verdict): Check<PlatformJwksInput> {
  return { id, title, refs, run: (input) => {
    const keys = keysOf(input);
    return keys ? judge(keys) : fail(NO_KEYS, 'a JWK Set with a keys array', null);
  } };
}

export const jwksDocument: Check<PlatformJwksInput> = {
  id: 'jwks.document.keys-array',
  title: 'the JWKS URL answers 200 with a JSON JWK Set: a keys array of JWKs with kty',
  refs: [rule('PLT-JWKS-DOC')],
  run: ({ status, contentType, jwks }) => {
    const want = 'HTTP 200 with {"keys": [...]}';
    if (status !== 200) return fail(`the JWKS URL answered ${status}`, want, status);
    const doc = parsed(jwks);
    if (doc === undefined) return fail('the JWKS body is not JSON', want, typeof jwks === 'string' ? jwks.slice(0, 200) : null);
    if (!isObject(doc) || !Array.isArray(doc.keys)) return fail('the JWKS body is not an object with a keys array', want, doc);
    const bad = doc.keys.map((k, i) => (isObject(k) && typeof k.kty === 'string' && k.kty !== '' ? undefined : `[${i}]`)).filter((x) => x !== undefined);
    if (bad.length > 0) return fail(`key(s) that are not JWK objects with a kty: ${bad.join(', ')}`, 'JWK objects, each with kty (RFC 7517 §4.1)', doc.keys);
    if (doc.keys.length === 0) return pass('the key set is empty');
    return /json/i.test(contentType) ? pass() : pass(`served as ${contentType || 'no content type'}, not a JSON media type`);
  },
};

export const jwksKidPresent = keysCheck(
  'jwks.keys.kid-present',
  'every key has a kid',
  [rule('LTI-SEC-007')],
  (keys) => {
    const missing = keys.map((k, i) => (typeof k.kid === 'string' && k.kid !== '' ? undefined : i)).filter((i) => i !== undefined);
    return missing.length === 0 ? pass() : fail(`key(s) without a kid: ${missing.map((i) => `[${i}]`).join(', ')}`, 'a non-empty kid on every key', missing.map((i) => keys[i]?.kid ?? null));
  },
);

const publicPart = (k: Json): string => JSON.stringify({ kty: k.kty, n: k.n, e: k.e, crv: k.crv, x: k.x, y: k.y, k: k.k });

export const jwksKidUnique = keysCheck(
  'jwks.keys.kid-unique',
  'no kid names two different keys of the same kty',
  [rule('LTI-SEC-008')],
  (keys) => {
    const seen = new Map<string, string>();
    const clashes = new Set<string>();
    let copies = 0;
    for (const k of keys) {
      if (typeof k.kid !== 'string') continue;
      const slot = `${String(k.kty)} ${k.kid}`;
      const before = seen.get(slot);
      if (before === undefined) seen.set(slot, publicPart(k));
      else if (before === publicPart(k)) copies += 1;
      else clashes.add(k.kid);
    }
    if (clashes.size > 0) return fail(`kid(s) naming different keys of the same kty: ${[...clashes].map((k) => JSON.stringify(k)).join(', ')}`, 'one key per kid and kty', [...clashes]);
    return copies > 0 ? pass(`${copies} key(s) listed twice with the same kid and material`) : pass();
  },
);

export const jwksRsaMembers = keysCheck(
  'jwks.keys.rsa-n-e',
  'every RSA key has n and e',
  [rule('LTI-SEC-009')],
  (keys) => {
    const bad = keys.flatMap((k, i) => {
      if (k.kty !== 'RSA') return [];
      const lacking = (['n', 'e'] as const).filter((m) => typeof k[m] !== 'string' || k[m] === '');
      return lacking.length > 0 ? [`${label(k, i)} lacks ${lacking.join(' and ')}`] : [];
    });
    return bad.length === 0 ? pass() : fail(`RSA key(s) without modulus or exponent: ${bad.join('; ')}`, 'n and e (base64url) on every RSA key', bad);
  },
);

export const jwksPublicOnly = keysCheck(
  'jwks.keys.public-only',
  'no key carries private or secret members',
  [rule('PLT-JWKS-PRIVATE')],
  (keys) => {
    const leaks = keys.flatMap((k, i) => {
      const members = PRIVATE_MEMBERS.filter((m) => k[m] !== undefined);
      return members.length > 0 ? [`${label(k, i)}: ${members.join(', ')}`] : [];
    });
    // The values are never echoed: a leaked private key must not spread into reports.
    return leaks.length === 0 ? pass() : fail(`the key set publishes private key material: ${leaks.join('; ')}`, 'public members only (kty, kid, use, alg, n, e, ...)', leaks);
  },
);

export const JWKS_CHECKS = [jwksDocument, jwksKidPresent, jwksKidUnique, jwksRsaMembers, jwksPublicOnly] as const;
