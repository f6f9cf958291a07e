// The OAuth 2 token endpoint: client_credentials with a JWT client assertion ([SEC] §4.1, RFC 7523).
// Refusals are RFC 6749 §5.2 errors with HTTP 400; tokens are opaque, scoped, and expire in an hour.
import { MEDIA_TYPE, OAUTH, SCOPE } from '../../lti/vocab.js';
import { ACCESS_TOKEN_TTL_S, CLOCK_LEEWAY_S, PATHS, nowSeconds, platformUrl, type PlatformContext } from './context.js';
import { jsonError, jsonReply, type Reply } from './html.js';
import { randomToken } from './store.js';
import { audContains, verifyToolJwt } from './tool-jwt.js';

/** Every scope this platform grants to its tool. */
export const ALLOWED_SCOPES: readonly string[] = Object.values(SCOPE);

const NO_STORE = { pragma: 'no-cache' };
const oauthError = (error: string, description: string): Reply => jsonError(400, error, description, NO_STORE);

/** Judges the assertion's claims; undefined when they hold. */
function claimProblem(ctx: PlatformContext, c: Record<string, unknown>): string | undefined {
  const { flaws, tool } = ctx;
  const { iss, sub, aud, exp, iat, jti } = c;
  const issOk = iss === tool.clientId;
  const subOk = sub === tool.clientId;
  if (flaws.has('as-accepts-iss-sub-mismatch') ? !issOk && !subOk : !issOk || !subOk) {
    return 'iss and sub must both be the client id';
  }
  if (!flaws.has('as-accepts-wrong-aud') && !audContains(aud, platformUrl(ctx, PATHS.token)) && !audContains(aud, ctx.issuer)) {
    return 'aud must be the token endpoint';
  }
  if (typeof exp !== 'number') return 'exp is required';
  if (exp + CLOCK_LEEWAY_S <= nowSeconds(ctx) && !flaws.has('as-accepts-expired-assertion')) return 'the assertion has expired';
  if (typeof iat !== 'number') return 'iat is required';
  if (typeof jti !== 'string' || jti === '') return 'jti is required';
  if (ctx.store.assertionJtis.has(jti) && !flaws.has('as-accepts-replayed-jti')) return 'jti was already used';
  return undefined;
}

export async function handleToken(ctx: PlatformContext, form: URLSearchParams): Promise<Reply> {
  const { flaws } = ctx;
  const grant = form.get('grant_type');
  if (grant === null || grant === '') return oauthError('invalid_request', 'grant_type is required');
  if (grant !== OAUTH.grantClientCredentials && !flaws.has('as-accepts-wrong-grant-type')) {
    return oauthError('unsupported_grant_type', 'only client_credentials is supported');
  }
  if (form.get('client_assertion_type') !== OAUTH.clientAssertionTypeJwtBearer && !flaws.has('as-accepts-missing-assertion-type')) {
    return oauthError('invalid_request', 'client_assertion_type must be the JWT bearer type');
  }
  const assertion = form.get('client_assertion');
  if (assertion === null || assertion === '') return oauthError('invalid_request', 'client_assertion is required');

  const verified = await verifyToolJwt(ctx, assertion, {
    acceptAlgNone: flaws.has('as-accepts-alg-none'),
    acceptHs256: flaws.has('as-accepts-hs256'),
    skipSignature: flaws.has('as-accepts-unknown-key'),
  });
  if (!verified.ok) return oauthError('invalid_client', verified.reason);
  const claims = verified.payload as Record<string, unknown>;
  const problem = claimProblem(ctx, claims);
  if (problem !== undefined) return oauthError('invalid_client', problem);

  const requested = (form.get('scope') ?? '').split(' ').filter((s) => s !== '');
  const allowed = requested.filter((s) => ALLOWED_SCOPES.includes(s));
  if (allowed.length === 0) return oauthError('invalid_scope', 'none of the requested scopes can be granted');
  const granted = flaws.has('as-grants-unrequested-scope') ? [...ALLOWED_SCOPES] : [...new Set(allowed)];

  // The jti is spent only by an accepted assertion, and remembered for as long as it could be replayed.
  const now = nowSeconds(ctx);
  const exp = claims.exp as number;
  ctx.store.assertionJtis.set(claims.jti as string, true, (Math.max(exp, now) + CLOCK_LEEWAY_S + 3600) * 1000);

  const accessToken = randomToken(32);
  ctx.store.accessTokens.set(accessToken, { clientId: ctx.tool.clientId, scopes: new Set(granted) }, ctx.now() + ACCESS_TOKEN_TTL_S * 1000);
  return jsonReply(
    200,
    {
      access_token: accessToken,
      token_type: 'Bearer',
      ...(flaws.has('as-omits-expires-in') ? {} : { expires_in: ACCESS_TOKEN_TTL_S }),
      scope: granted.join(' '),
    },
    MEDIA_TYPE.json,
    NO_STORE,
  );
}
