// The OIDC authorization endpoint ([SEC] §5.1.1.2–3): checks the tool's authentication request and
// answers with a form post of the id_token, or of an OIDC error (OIDC Core 3.1.2.6). Nothing is ever
// posted to a redirect_uri that is not registered for the client.
import { OIDC } from '../../lti/vocab.js';
import { SESSION_COOKIE, type PlatformContext } from './context.js';
import type { PlatformFlaw } from './flaws.js';
import { checkMessageHint, type LaunchIntent } from './hint.js';
import { autoPost, refuse, type Reply } from './html.js';
import { signIdToken } from './id-token.js';
import { randomToken } from './store.js';
import { DEFAULT_CONTEXT, defaultLinkId } from './data.js';

interface AuthRule {
  /** The flaw that switches this rule off. */
  off: PlatformFlaw;
  /** [error, description] when the rule is broken. */
  check(p: URLSearchParams): [string, string] | undefined;
}

const value = (p: URLSearchParams, name: string): string => p.get(name) ?? '';

// The fixed request values of [SEC] §5.1.1.2; each broken value is answered with an OIDC error.
const REQUEST_RULES: readonly AuthRule[] = [
  {
    off: 'auth-accepts-wrong-scope',
    check: (p) => (value(p, 'scope').split(' ').includes(OIDC.scope) ? undefined : ['invalid_scope', 'scope must be openid']),
  },
  {
    off: 'auth-accepts-wrong-response-type',
    check: (p) =>
      value(p, 'response_type') === OIDC.responseType ? undefined : ['unsupported_response_type', 'response_type must be id_token'],
  },
  {
    off: 'auth-accepts-wrong-response-mode',
    check: (p) => (value(p, 'response_mode') === OIDC.responseMode ? undefined : ['invalid_request', 'response_mode must be form_post']),
  },
  {
    off: 'auth-accepts-missing-prompt',
    check: (p) => (value(p, 'prompt') === OIDC.prompt ? undefined : ['invalid_request', 'prompt must be none']),
  },
  {
    off: 'auth-accepts-missing-nonce',
    check: (p) => (value(p, 'nonce') !== '' ? undefined : ['invalid_request', 'nonce is required']),
  },
];

export async function handleAuth(ctx: PlatformContext, p: URLSearchParams, cookies: ReadonlyMap<string, string>): Promise<Reply> {
  const { tool, flaws } = ctx;
  // Client and redirect URI first: until both are known good, errors are a page, never a post.
  if (value(p, 'client_id') !== tool.clientId && !flaws.has('auth-ignores-client-id')) {
    return refuse(400, 'client_id is not registered with this platform');
  }
  const redirectUri = value(p, 'redirect_uri');
  if (redirectUri === '') return refuse(400, 'redirect_uri is required');
  if (!tool.redirectUris.includes(redirectUri) && !flaws.has('auth-accepts-unregistered-redirect')) {
    return refuse(400, 'redirect_uri is not registered for this client');
  }

  const state = p.get('state');
  const withState = (fields: Array<[string, string]>): Array<[string, string]> =>
    state === null ? fields : [...fields, ['state', state]];
  const error = (code: string, description: string): Reply =>
    autoPost(redirectUri, withState([['error', code], ['error_description', description]]));

  for (const rule of REQUEST_RULES) {
    if (flaws.has(rule.off)) continue;
    const broken = rule.check(p);
    if (broken !== undefined) return error(...broken);
  }

  // prompt=none: the user must already be signed in, and be the one the login_hint names.
  const sessionId = cookies.get(SESSION_COOKIE);
  const session = sessionId === undefined ? undefined : ctx.store.sessions.get(sessionId);
  if (sessionId === undefined || session === undefined) return error('login_required', 'no user is signed in');
  if (value(p, 'login_hint') !== session.userId && !flaws.has('auth-ignores-login-hint')) {
    return error('login_required', 'login_hint does not name the signed-in user');
  }

  const hint = p.get('lti_message_hint');
  if (hint === null || hint === '') return error('invalid_request', 'lti_message_hint is required');
  let intent: LaunchIntent;
  const checked = checkMessageHint(ctx, hint, session.userId);
  if (checked.ok) intent = checked.intent;
  else if (flaws.has('auth-accepts-tampered-message-hint')) {
    const fallback = { message: 'resource-link' as const, contextId: DEFAULT_CONTEXT, pii: true, issuedAt: ctx.now() };
    intent = { ...fallback, ...checked.decoded, userId: session.userId };
    if (intent.message === 'resource-link' && intent.linkId === undefined) intent.linkId = defaultLinkId(intent.contextId);
  } else return error('invalid_request', checked.reason);

  // Deep linking: the opaque data is bound to this browser session and course (LTI-DLR-012).
  let dlData: string | undefined;
  if (intent.message === 'deep-linking') {
    dlData = randomToken(24);
    ctx.store.deepLinkLaunches.set(dlData, { sessionId, contextId: intent.contextId, userId: session.userId });
  }
  const nonce = p.get('nonce') ?? undefined;
  const idToken = await signIdToken(ctx, { intent, nonce: nonce === '' ? undefined : nonce, dlData });
  return autoPost(redirectUri, withState([['id_token', idToken]]));
}
