import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { HarnessError, isHarnessError } from '../../core/errors.js';
import { send, type HttpResponse } from '../../http/client.js';
import { MEDIA_TYPE } from '../../lti/vocab.js';
import type { PlatformTestEnv } from './env.js';

/**
 * Every asymmetric JWS algorithm: the signature is judged on its own; whether RS256 was used is the
 * id-token.alg.rs256 check's business (CERT), as the Security Framework allows stronger ones.
 */
const SIGNATURE_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

export interface PlatformJwksFetch {
  status: number;
  contentType: string;
  /** The parsed body; undefined when it is not JSON (whether it is a JWKS is for the checks). */
  jwks?: unknown;
  exchangeId: string;
}

/** GET target.jwksUrl, recorded as evidence. A network failure is a harness error; any answer is data. */
export async function fetchPlatformJwks(env: PlatformTestEnv): Promise<PlatformJwksFetch> {
  const url = env.target.jwksUrl;
  const headers = { accept: MEDIA_TYPE.json };
  const sent = { direction: 'outbound' as const, method: 'GET', url, requestHeaders: headers };
  let res: HttpResponse;
  try {
    res = await send({ method: 'GET', url, headers, timeoutMs: env.timeoutMs, signal: env.signal });
  } catch (e) {
    const he = isHarnessError(e) ? e : new HarnessError('ERR_TARGET_UNREACHABLE', (e as Error).message);
    env.evidence.record({ ...sent, error: he.message });
    throw he;
  }
  const exchangeId = env.evidence.record({ ...sent, status: res.status, responseHeaders: res.headers, responseBody: res.body, durationMs: res.durationMs });
  let jwks: unknown;
  try {
    jwks = JSON.parse(res.body);
  } catch {
    jwks = undefined;
  }
  return { status: res.status, contentType: res.headers['content-type'] ?? '', ...(jwks !== undefined ? { jwks } : {}), exchangeId };
}

export interface ReceivedIdToken {
  jwt: string;
  /** Undefined when the token does not decode (not a compact JWS with JSON header and payload). */
  header?: JWTHeaderParameters;
  payload?: JWTPayload;
  signatureValid: boolean;
  /** The header's kid names a key in the platform's JWKS. */
  kidFound: boolean;
  verifyError?: string;
}

function decode(jwt: string): { header?: JWTHeaderParameters; payload?: JWTPayload; error?: string } {
  try {
    return { header: decodeProtectedHeader(jwt) as JWTHeaderParameters, payload: decodeJwt(jwt) };
  } catch (e) {
    return { error: `not a decodable JWT: ${(e as Error).message}` };
  }
}

function keysOf(jwks: unknown): unknown[] | undefined {
  const keys = (jwks as { keys?: unknown } | null | undefined)?.keys;
  return Array.isArray(keys) ? keys : undefined;
}

/**
 * Decodes the id_token and verifies it against the platform's JWKS (RS256 only, LTI-SEC-003). Never
 * throws for the token or the JWKS: a bad one is a finding, reported through verifyError.
 */
export async function verifyIdToken(env: PlatformTestEnv, jwt: string): Promise<ReceivedIdToken> {
  const d = decode(jwt);
  if (d.error !== undefined || !d.header || !d.payload) return { jwt, signatureValid: false, kidFound: false, verifyError: d.error ?? 'not a JWT' };
  const base = { jwt, header: d.header, payload: d.payload };
  env.evidence.jwt('id_token from the platform', d.header, d.payload);
  let fetched: PlatformJwksFetch;
  try {
    fetched = await fetchPlatformJwks(env);
  } catch (e) {
    return { ...base, signatureValid: false, kidFound: false, verifyError: `platform JWKS not fetched: ${(e as Error).message}` };
  }
  const keys = keysOf(fetched.jwks);
  const kid = d.header.kid;
  const kidFound = kid !== undefined && (keys ?? []).some((k) => (k as { kid?: unknown } | null)?.kid === kid);
  if (!keys) return { ...base, signatureValid: false, kidFound, verifyError: `platform JWKS (HTTP ${fetched.status}) has no "keys" array` };
  try {
    await compactVerify(jwt, createLocalJWKSet(fetched.jwks as JSONWebKeySet), { algorithms: SIGNATURE_ALGORITHMS });
    return { ...base, signatureValid: true, kidFound };
  } catch (e) {
    return { ...base, signatureValid: false, kidFound, verifyError: (e as Error).message };
  }
}
