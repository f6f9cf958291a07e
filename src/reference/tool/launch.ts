// Step 3: the authentication response (form POST to the redirect URI) becomes a launch or a refusal.
import { CLAIM, MESSAGE_TYPE } from '../../lti/vocab.js';
import {
  onOrigin,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  STATE_COOKIE,
  type ToolContext,
} from './context.js';
import { handleDeepLinking } from './deep-link.js';
import { cookie, page, redirect, refuse, type Reply } from './html.js';
import { judgeLti1p1 } from './lti1p1.js';
import { judgeClaims } from './rules.js';
import { randomToken, type LoginState } from './state-store.js';
import { verifyIdToken } from './verify.js';

const NONCE_MIN_TTL_MS = 10 * 60_000;
const NONCE_MAX_TTL_MS = 24 * 60 * 60_000;

export async function handleLaunch(
  ctx: ToolContext,
  form: URLSearchParams,
  cookies: ReadonlyMap<string, string>,
): Promise<Reply> {
  const { flaws } = ctx;

  // An OIDC error response is never a launch (LTI-OIDC-022).
  const error = form.get('error');
  if (error !== null) {
    if (flaws.has('launch-treats-error-as-launch')) return page(200, 'Launched', 'Launched as an unknown user.');
    return refuse(400, `The platform refused the login: ${error.slice(0, 64)}`);
  }

  // Rule "state": the form's state is the one this browser's cookie carries, issued by us, unexpired.
  let login: LoginState | undefined;
  const state = form.get('state') ?? '';
  if (!flaws.has('launch-ignores-state')) {
    if (state === '') return refuse(401, 'state is missing');
    if (cookies.get(STATE_COOKIE) !== state) return refuse(401, 'state is not bound to this browser');
    login = ctx.states.get(state);
    if (login === undefined) return refuse(401, 'state is unknown or expired');
  }

  const token = form.get('id_token');
  if (token === null || token === '') return refuse(400, 'id_token is missing');
  const verified = await verifyIdToken(ctx, token);
  if (!verified.ok) return refuse(verified.status, verified.reason);
  const { payload } = verified;

  const verdict = judgeClaims(ctx, { payload, expectedNonce: login?.nonce });
  if (!verdict.ok) return refuse(verdict.status, verdict.reason);
  const migration = verdict.guest ? { kind: 'none' as const } : judgeLti1p1(ctx, payload);
  if (migration.kind === 'refuse') return refuse(401, migration.reason);

  // Accepted: the state and the nonce are single-use (replay guard).
  if (!flaws.has('launch-allows-replay')) {
    if (login !== undefined) ctx.states.delete(state);
    if (typeof payload.nonce === 'string') {
      const exp = typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
      const now = ctx.now();
      const until = Math.min(Math.max(exp + 60_000, now + NONCE_MIN_TTL_MS), now + NONCE_MAX_TTL_MS);
      ctx.nonces.set(payload.nonce, true, until);
    }
  }

  const secure = ctx.secureCookies;
  // The replay flaw keeps the state cookie too, or the browser itself would block the replay.
  const clearState = flaws.has('launch-allows-replay') ? [] : [cookie(STATE_COOKIE, '', { maxAgeSeconds: 0, secure })];
  const claims = payload as Record<string, unknown>;
  if (!verdict.guest && claims[CLAIM.messageType] === MESSAGE_TYPE.deepLinkingRequest) {
    return handleDeepLinking(ctx, payload, clearState);
  }

  const claimTarget = claims[CLAIM.targetLinkUri];
  let landing: string;
  if (flaws.has('launch-lands-on-login-target') && login !== undefined) landing = login.loginTarget;
  else if (!verdict.guest && typeof claimTarget === 'string') landing = claimTarget;
  else landing = login?.loginTarget ?? ctx.targetLinkUri;
  // Defence in depth: judgeClaims already checked the claim; the flawed paths may not have.
  if (!onOrigin(landing, ctx.origin) && !flaws.has('launch-lands-on-login-target')) landing = ctx.targetLinkUri;

  const session = randomToken();
  const forUser = claims[CLAIM.forUser];
  const reviewOf = claims[CLAIM.messageType] === MESSAGE_TYPE.submissionReview && typeof forUser === 'object' && forUser !== null ? (forUser as { user_id?: unknown }).user_id : undefined;
  ctx.sessions.set(session, {
    sub: typeof payload.sub === 'string' ? payload.sub : undefined,
    ...(migration.kind === 'linked' ? { lti11UserId: migration.userId } : {}),
    ...(typeof reviewOf === 'string' ? { reviewOf } : {}),
  });
  const sessionCookie = cookie(SESSION_COOKIE, session, { maxAgeSeconds: SESSION_TTL_MS / 1000, secure });
  return redirect(landing, [sessionCookie, ...clearState]);
}

/** The landing page (the tool's target_link_uri): shows who launched, from the session cookie. */
export function handleResource(ctx: ToolContext, cookies: ReadonlyMap<string, string>): Reply {
  const id = cookies.get(SESSION_COOKIE);
  const session = id === undefined ? undefined : ctx.sessions.get(id);
  if (session === undefined) return refuse(401, 'No launch session.');
  const who = `Launched as ${session.sub ?? 'an anonymous user'}.`;
  const review = session.reviewOf === undefined ? '' : ` Reviewing the submission of ${session.reviewOf}.`;
  const linked = session.lti11UserId === undefined ? '' : ` Linked to LTI 1.1 user ${session.lti11UserId}.`;
  return page(200, 'Launched', `${who}${review}${linked}`);
}
