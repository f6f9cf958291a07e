// The id_token's JOSE layer: algorithm, key selection by kid, signature. Each step names the single
// flaw that weakens it; claims are judged afterwards by rules.ts.
import {
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  importJWK,
  type JWK,
  type CryptoKey,
  type JWTPayload,
} from 'jose';
import type { ToolContext } from './context.js';
import { JwksUnavailableError } from './jwks-cache.js';

export type Verified =
  | { ok: true; payload: JWTPayload }
  | { ok: false; status: 400 | 401; reason: string };

const fail = (status: 400 | 401, reason: string): Verified => ({ ok: false, status, reason });

export async function verifyIdToken(ctx: ToolContext, token: string): Promise<Verified> {
  const { flaws } = ctx;
  let alg: unknown;
  let kid: unknown;
  try {
    if (token.split('.').length !== 3) throw new Error('not compact');
    ({ alg, kid } = decodeProtectedHeader(token));
  } catch {
    return fail(400, 'id_token is not a compact JWS');
  }

  // Rule "alg": RS256 only. alg none and HS256 (keyed with the public key) are the classic downgrades.
  const algNone = alg === 'none' && flaws.has('launch-accepts-alg-none');
  const algHs256 = alg === 'HS256' && flaws.has('launch-accepts-hs256');
  if (alg !== 'RS256' && !algNone && !algHs256) return fail(401, 'id_token must be signed with RS256');
  if (algNone) return decodePayload(token);

  // Rule "kid-present" then "kid-known": the key is chosen by kid, never guessed.
  let jwk: JWK | undefined;
  try {
    if (typeof kid !== 'string' || kid === '') {
      if (!flaws.has('launch-accepts-missing-kid')) return fail(401, 'id_token header has no kid');
      jwk = await ctx.jwks.first();
    } else {
      jwk = await ctx.jwks.find(kid);
      if (jwk === undefined && flaws.has('launch-accepts-unknown-kid')) jwk = await ctx.jwks.first();
    }
  } catch (e) {
    if (e instanceof JwksUnavailableError) return fail(401, 'platform keys are unavailable');
    throw e;
  }
  if (jwk === undefined) return fail(401, 'kid is not in the platform key set');

  let key: CryptoKey;
  try {
    key = (await importJWK(jwk, 'RS256', { extractable: true })) as CryptoKey;
  } catch {
    return fail(401, 'platform key is not a usable RS256 key');
  }

  // Rule "signature".
  try {
    if (algHs256) {
      // The key-confusion bug: the public key's PEM text used as an HMAC secret.
      const secret = new TextEncoder().encode(await exportSPKI(key));
      await compactVerify(token, secret, { algorithms: ['HS256'] });
    } else if (!flaws.has('launch-skips-signature')) {
      await compactVerify(token, key, { algorithms: ['RS256'] });
    }
  } catch {
    return fail(401, 'id_token signature is invalid');
  }
  return decodePayload(token);
}

function decodePayload(token: string): Verified {
  try {
    return { ok: true, payload: decodeJwt(token) };
  } catch {
    return fail(400, 'id_token payload is not a JSON object');
  }
}
