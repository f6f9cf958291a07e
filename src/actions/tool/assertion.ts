// The JWT client assertion our emulated tool presents at the platform's token endpoint ([SEC] §4.1.1,
// [CORE] §6.2), and its negative variants, each wrong in exactly one way and named after what it breaks.
import { randomUUID } from 'node:crypto';
import { signJwt, type SigningMode } from '../../keys/sign.js';
import type { KeyStore } from '../../keys/store.js';
import { CLAIM } from '../../lti/vocab.js';

export type AssertionMutation =
  /** Signed with a key nobody registered (our kid, so only the key is wrong). */
  | 'unknown-key'
  /** aud names neither the token endpoint nor the platform. */
  | 'wrong-aud'
  /** Made ten minutes ago, expired five minutes ago (lifetime unchanged). */
  | 'expired'
  /** sub differs from iss (iss stays the client id). */
  | 'iss-not-sub'
  /** alg none, empty signature. */
  | 'alg-none'
  /** HS256 keyed with our public key PEM (key confusion). */
  | 'hs256';

export const ASSERTION_MUTATIONS: readonly AssertionMutation[] = ['unknown-key', 'wrong-aud', 'expired', 'iss-not-sub', 'alg-none', 'hs256'];

/** Typical lifetime ([SEC] §4.1.1: exp is typically iat + 5 minutes). */
export const ASSERTION_LIFETIME_S = 300;
/** How far back an expired assertion was made: its exp is this minus the lifetime ago, beyond any clock skew. */
const EXPIRED_AGE_S = 600;
/** An audience that is no authorization server (reserved TLD, RFC 2606). */
export const WRONG_AUDIENCE = 'https://wrong-audience.lti-conform.invalid/token';
const OTHER_SUBJECT_SUFFIX = '-not-the-issuer';

export interface AssertionOptions {
  clientId: string;
  tokenUrl: string;
  /** The aud the authorization server wants when it is not the token URL (DR's authorization_server). */
  audience?: string;
  deploymentId: string;
  /** Seconds since the epoch. */
  now: number;
  mutation?: AssertionMutation;
  /** The jti; a fresh random UUID when absent (tests inject one for determinism). */
  jti?: string;
}

export interface BuiltAssertion {
  jwt: string;
  /** The JOSE header as sent (alg reflects the signing used). */
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

const SIGNING: Partial<Record<AssertionMutation, { mode: SigningMode; alg: string }>> = {
  'unknown-key': { mode: 'foreign-key', alg: 'RS256' },
  'alg-none': { mode: 'none', alg: 'none' },
  hs256: { mode: 'hs256-public-pem', alg: 'HS256' },
};

function claims(o: AssertionOptions): Record<string, unknown> {
  const iat = o.mutation === 'expired' ? o.now - EXPIRED_AGE_S : o.now;
  return {
    iss: o.clientId,
    sub: o.mutation === 'iss-not-sub' ? `${o.clientId}${OTHER_SUBJECT_SUFFIX}` : o.clientId,
    aud: o.mutation === 'wrong-aud' ? WRONG_AUDIENCE : (o.audience ?? o.tokenUrl),
    iat,
    exp: iat + ASSERTION_LIFETIME_S,
    jti: o.jti ?? randomUUID(),
    [CLAIM.deploymentId]: o.deploymentId,
  };
}

/** Builds and signs a client assertion: RS256 with our current key unless a mutation says otherwise. */
export async function buildAssertion(keys: KeyStore, o: AssertionOptions): Promise<BuiltAssertion> {
  const signing = (o.mutation && SIGNING[o.mutation]) ?? { mode: 'rs256' as const, alg: 'RS256' };
  const header = { alg: signing.alg, typ: 'JWT', kid: keys.current.kid };
  const payload = claims(o);
  const jwt = await signJwt(header, payload, signing.mode, keys);
  return { jwt, header, payload };
}
