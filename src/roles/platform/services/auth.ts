// Bearer-token protection of AGS and NRPS (RFC 6750): every platform service needs a token we issued
// (LTI-TOK-014), and each operation its scope.
import type { InboundResponse } from '../../inbound-server.js';
import { refuse } from './http.js';
import type { TokenUse } from './records.js';
import type { TokenStore } from './token-store.js';

const REALM = 'realm="lti-conform"';

/** What the request's Authorization header amounts to. */
export function tokenUse(headers: Record<string, string>, tokens: TokenStore): TokenUse {
  const m = /^Bearer +([\x21-\x7e]+) *$/i.exec(headers.authorization ?? '');
  if (!m) return { present: false, valid: false, expired: false, scopes: [] };
  const t = tokens.find(m[1]!);
  if (!t) return { present: true, valid: false, expired: false, scopes: [] };
  const expired = tokens.isExpired(t);
  return { present: true, valid: !expired, expired, scopes: [...t.scopes], issuedBy: t.issuedBy, ...(t.revoked ? { revoked: true } : {}) };
}

/**
 * 401 or 403 when the token does not allow the operation, else undefined. Without any credentials the
 * challenge carries no error code (RFC 6750 §3.1); a bad or expired token gets invalid_token.
 */
export function authProblem(use: TokenUse, anyOf: readonly string[]): InboundResponse | undefined {
  if (!use.present) {
    return refuse(401, 'invalid_token', 'a bearer access token from our token endpoint is required', { 'www-authenticate': `Bearer ${REALM}` });
  }
  if (!use.valid) {
    const why = use.expired ? 'the access token has expired' : 'the access token was not issued by this platform';
    return refuse(401, 'invalid_token', why, { 'www-authenticate': `Bearer ${REALM}, error="invalid_token", error_description="${why}"` });
  }
  if (!anyOf.some((s) => use.scopes.includes(s))) {
    const need = anyOf.join(' ');
    return refuse(403, 'insufficient_scope', `this operation needs one of the scopes: ${need}`, { 'www-authenticate': `Bearer ${REALM}, error="insufficient_scope", scope="${need}"` });
  }
  return undefined;
}
