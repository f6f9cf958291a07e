// Service access: a bearer token from our token endpoint (401 otherwise) whose scope covers the call
// (403 otherwise). The *-no-auth flaws let a call without a valid token through as the tool.
import type { PlatformContext } from './context.js';
import { jsonError, type Reply } from './html.js';
import type { AccessToken } from './store.js';
import { ALLOWED_SCOPES } from './token.js';

export type Caller = AccessToken;
export type Authn = { ok: true; caller: Caller } | { ok: false; reply: Reply };

export function authenticate(ctx: PlatformContext, authorization: string | undefined, open: boolean): Authn {
  const token = /^Bearer +([^\s]+)$/i.exec(authorization ?? '')?.[1];
  const stored = token === undefined ? undefined : ctx.store.accessTokens.get(token);
  if (stored !== undefined) return { ok: true, caller: stored };
  if (open) return { ok: true, caller: { clientId: ctx.tool.clientId, scopes: new Set(ALLOWED_SCOPES) } };
  const missing = token === undefined;
  return {
    ok: false,
    reply: jsonError(401, 'invalid_token', missing ? 'a bearer access token is required' : 'the access token is unknown or expired', {
      'www-authenticate': missing ? 'Bearer' : 'Bearer error="invalid_token"',
    }),
  };
}

/** undefined when the caller holds one of `anyOf`; else a 403 naming the scopes that would do. */
export function requireScope(caller: Caller, anyOf: readonly string[]): Reply | undefined {
  if (anyOf.some((s) => caller.scopes.has(s))) return undefined;
  return jsonError(403, 'insufficient_scope', 'the access token does not grant this operation', {
    'www-authenticate': `Bearer error="insufficient_scope", scope="${anyOf.join(' ')}"`,
  });
}
