import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { HarnessError } from '../../core/errors.js';
import { send } from '../../http/client.js';
import type { ToolTestEnv } from './env.js';

/** A JWT the tool signed (deep-linking response), decoded and checked against the tool's JWKS. */
export interface ToolJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signatureValid: boolean;
  kidFound: boolean;
  verifyError?: string;
}

async function fetchToolJwks(env: ToolTestEnv): Promise<JSONWebKeySet> {
  const url = env.tool.jwksUrl;
  if (!url) throw new HarnessError('ERR_CONFIG_INVALID', 'target.jwksUrl is not configured, so the tool\'s signatures cannot be verified', 'Add the tool\'s JWKS URL to target.jwksUrl.');
  const headers = { accept: 'application/json' };
  const res = await send({ method: 'GET', url, headers, timeoutMs: env.timeoutMs, signal: env.signal });
  env.evidence.record({ direction: 'outbound', method: 'GET', url, requestHeaders: headers, status: res.status, responseHeaders: res.headers, responseBody: res.body, durationMs: res.durationMs });
  try {
    const jwks = JSON.parse(res.body) as JSONWebKeySet;
    if (res.status === 200 && Array.isArray(jwks.keys)) return jwks;
  } catch {
    // reported below
  }
  throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the tool's JWKS at ${url} answered ${res.status} without a {"keys": [...]} document`, 'Check target.jwksUrl.');
}

/** Decodes without trusting, then verifies the signature alone (claims are the checks' business). */
export async function verifyToolJwt(env: ToolTestEnv, jwt: string): Promise<ToolJwt | undefined> {
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jwt) as Record<string, unknown>;
    payload = decodeJwt(jwt) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const jwks = await fetchToolJwks(env);
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const kidFound = kid !== undefined && jwks.keys.some((k) => k.kid === kid);
  try {
    await compactVerify(jwt, createLocalJWKSet(jwks), { algorithms: ['RS256'] });
    return { header, payload, signatureValid: true, kidFound };
  } catch (e) {
    return { header, payload, signatureValid: false, kidFound, verifyError: (e as Error).message };
  }
}
