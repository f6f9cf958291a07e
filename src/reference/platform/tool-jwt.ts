// The JOSE layer of a tool-signed JWT (client assertion, deep linking response): RS256 only, the key
// chosen by kid from the tool's key set, the signature verified. Claims are judged by the caller.
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWTPayload } from 'jose';
import type { PlatformContext } from './context.js';

export type ToolJwt = { ok: true; payload: JWTPayload } | { ok: false; reason: string };

export interface ToolJwtOptions {
  /** as-accepts-alg-none: an unsecured JWT is taken at its word. */
  acceptAlgNone?: boolean;
  /** A flaw that trusts the payload whatever the key or the signature (unknown key, bad signature). */
  skipSignature?: boolean;
  /** as-accepts-hs256: an HS256 JWT (keyed with a public key) is taken at its word. */
  acceptHs256?: boolean;
  /** dl-accepts-unknown-kid: a kid missing from the tool's key set is not looked for further. */
  acceptUnknownKid?: boolean;
}

function decodePayload(token: string): ToolJwt {
  try {
    return { ok: true, payload: decodeJwt(token) };
  } catch {
    return { ok: false, reason: 'the JWT payload is not a JSON object' };
  }
}

export async function verifyToolJwt(ctx: PlatformContext, token: string, opts: ToolJwtOptions = {}): Promise<ToolJwt> {
  let alg: unknown;
  let kid: unknown;
  try {
    if (token.split('.').length !== 3) throw new Error('not compact');
    ({ alg, kid } = decodeProtectedHeader(token));
  } catch {
    return { ok: false, reason: 'not a compact JWS' };
  }
  if (alg === 'none' && opts.acceptAlgNone === true) return decodePayload(token);
  if (alg === 'HS256' && opts.acceptHs256 === true) return decodePayload(token);
  // RS256 only: alg none and HS* (keyed with a public key) are refused outright.
  if (alg !== 'RS256') return { ok: false, reason: 'the JWT must be signed with RS256' };
  if (opts.skipSignature === true) return decodePayload(token);
  if (typeof kid !== 'string' || kid === '') return { ok: false, reason: 'the JWT header has no kid' };
  const jwk = await ctx.toolJwks.find(kid);
  if (jwk === undefined) return opts.acceptUnknownKid === true ? decodePayload(token) : { ok: false, reason: 'kid is not in the tool key set' };
  try {
    // Public members only: a key set that leaks private members still verifies as a public key.
    const key = await importJWK({ kty: jwk.kty, n: jwk.n, e: jwk.e }, 'RS256');
    await compactVerify(token, key, { algorithms: ['RS256'] });
  } catch {
    return { ok: false, reason: 'the JWT signature is invalid' };
  }
  return decodePayload(token);
}

/** True when `aud` (string or array) contains `want`. */
export function audContains(aud: unknown, want: string): boolean {
  return aud === want || (Array.isArray(aud) && aud.includes(want));
}
