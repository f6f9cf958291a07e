// Step 1 -> 2: OIDC third-party-initiated login, answered with the authentication request (302).
import { OIDC } from '../../lti/vocab.js';
import type { ToolFlaw } from './flaws.js';
import { cookie, redirect, refuse, type Reply } from './html.js';
import { onOrigin, STATE_COOKIE, STATE_TTL_MS, type ToolContext } from './context.js';
import { randomToken } from './state-store.js';

interface LoginParams {
  iss: string | undefined;
  loginHint: string | undefined;
  targetLinkUri: string | undefined;
  clientId: string | undefined;
  messageHint: string | undefined;
}

interface LoginRule {
  name: string;
  /** The flaw that switches this rule off. */
  off: ToolFlaw | undefined;
  /** Reason for refusing, or undefined when the rule holds. Value rules hold when the value is absent. */
  check(p: LoginParams, ctx: ToolContext): string | undefined;
}

const LOGIN_RULES: readonly LoginRule[] = [
  {
    name: 'iss-present',
    off: 'login-accepts-missing-iss',
    check: (p) => (p.iss === undefined ? 'iss is required' : undefined),
  },
  {
    name: 'iss-registered',
    off: 'login-accepts-unknown-issuer',
    check: (p, ctx) => (p.iss !== undefined && p.iss !== ctx.platform.issuer ? 'unknown issuer' : undefined),
  },
  {
    name: 'login-hint-present',
    off: 'login-accepts-missing-login-hint',
    check: (p) => (p.loginHint === undefined ? 'login_hint is required' : undefined),
  },
  {
    name: 'target-link-uri-present',
    off: 'login-accepts-missing-target-link-uri',
    check: (p) => (p.targetLinkUri === undefined ? 'target_link_uri is required' : undefined),
  },
  {
    name: 'target-link-uri-on-origin',
    // A tool that trusts the unsigned login target also skips this check (NT-T-33's defect).
    off: 'launch-lands-on-login-target',
    check: (p, ctx) =>
      p.targetLinkUri !== undefined && !onOrigin(p.targetLinkUri, ctx.origin)
        ? 'target_link_uri is not on this tool'
        : undefined,
  },
  {
    name: 'client-id-registered',
    off: 'login-accepts-unknown-client-id',
    check: (p, ctx) =>
      p.clientId !== undefined && p.clientId !== ctx.platform.clientId ? 'unknown client_id' : undefined,
  },
];

/** Empty values count as missing: an empty iss or login_hint identifies nothing. */
function param(params: URLSearchParams, name: string): string | undefined {
  const v = params.get(name);
  return v === null || v === '' ? undefined : v;
}

export function handleLogin(ctx: ToolContext, method: string, params: URLSearchParams): Reply {
  if (method === 'POST' && ctx.flaws.has('login-refuses-post')) return refuse(405, 'POST login is not supported');
  const p: LoginParams = {
    iss: param(params, 'iss'),
    loginHint: param(params, 'login_hint'),
    targetLinkUri: param(params, 'target_link_uri'),
    clientId: param(params, 'client_id'),
    // Echoed exactly as received, so it is read raw (an empty hint is still a hint).
    messageHint: params.get('lti_message_hint') ?? undefined,
  };
  for (const rule of LOGIN_RULES) {
    if (rule.off !== undefined && ctx.flaws.has(rule.off)) continue;
    const reason = rule.check(p, ctx);
    if (reason !== undefined) return refuse(400, reason);
  }

  const state = randomToken();
  const nonce = randomToken();
  ctx.states.set(state, { nonce, loginTarget: p.targetLinkUri ?? ctx.targetLinkUri });

  const auth = new URL(ctx.platform.authorizationUrl);
  const q = auth.searchParams;
  q.set('scope', OIDC.scope);
  q.set('response_type', OIDC.responseType);
  q.set('response_mode', OIDC.responseMode);
  if (!ctx.flaws.has('login-omits-prompt')) q.set('prompt', OIDC.prompt);
  q.set('client_id', ctx.platform.clientId);
  q.set('redirect_uri', ctx.launchUrl);
  if (p.loginHint !== undefined) q.set('login_hint', p.loginHint);
  q.set('state', state);
  q.set('nonce', nonce);
  if (p.messageHint !== undefined && !ctx.flaws.has('login-drops-message-hint')) {
    q.set('lti_message_hint', p.messageHint);
  }
  const stateCookie = cookie(STATE_COOKIE, state, {
    maxAgeSeconds: STATE_TTL_MS / 1000,
    secure: ctx.secureCookies,
  });
  return redirect(auth.toString(), [stateCookie]);
}
