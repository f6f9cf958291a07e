// Launch start: a user opens an activity. The platform signs the user in (session cookie) and begins
// OIDC third-party-initiated login with a 302 to the tool's login initiation URL ([SEC] §5.1.1.1).
import { PERSONA_USER, DEFAULT_CONTEXT, defaultLinkId, findCourse, type Persona } from './data.js';
import { SESSION_COOKIE, SESSION_TTL_S, type PlatformContext } from './context.js';
import { makeMessageHint, type LaunchIntent, type MessageKind } from './hint.js';
import { redirect, refuse, sessionCookie, type Reply } from './html.js';
import { reviewedLineItem, reviewTarget } from './review.js';
import { randomToken } from './store.js';

export interface LaunchOptions {
  persona?: Persona;
  pii?: boolean;
  message?: MessageKind;
  context?: string;
  /** A resource link id of that course, or 'latest' (the most recently created one). */
  link?: string;
}

/** The query of a launch trigger URL. */
export function launchQuery(opts: LaunchOptions = {}): URLSearchParams {
  const q = new URLSearchParams();
  q.set('persona', opts.persona ?? 'instructor');
  q.set('pii', String(opts.pii ?? true));
  q.set('message', opts.message ?? 'resource-link');
  q.set('context', opts.context ?? DEFAULT_CONTEXT);
  if (opts.link !== undefined) q.set('link', opts.link);
  return q;
}

/** Where the launch goes: the deep linking URL, the link's own url, or the registered target. */
export function launchTarget(ctx: PlatformContext, intent: LaunchIntent): string {
  if (intent.message === 'deep-linking') return ctx.tool.deepLinkingUrl ?? ctx.tool.targetLinkUri;
  if (intent.message === 'submission-review' && intent.linkId !== undefined) return reviewTarget(ctx, reviewedLineItem(ctx, intent.contextId, intent.linkId));
  const link = intent.linkId === undefined ? undefined : ctx.store.links.get(intent.linkId);
  if (ctx.flaws.has('dl-link-ignores-item-url')) return ctx.tool.targetLinkUri;
  return link?.url ?? ctx.tool.targetLinkUri;
}

function parseBool(v: string | null): boolean | undefined {
  if (v === null || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

export function handleLaunchStart(ctx: PlatformContext, q: URLSearchParams, cookies: ReadonlyMap<string, string>): Reply {
  const persona = q.get('persona') ?? 'instructor';
  if (persona !== 'instructor' && persona !== 'student') return refuse(400, 'persona must be instructor or student');
  const pii = parseBool(q.get('pii'));
  if (pii === undefined) return refuse(400, 'pii must be true or false');
  const message = q.get('message') ?? 'resource-link';
  if (message !== 'resource-link' && message !== 'deep-linking' && message !== 'submission-review') return refuse(400, 'message must be resource-link, deep-linking or submission-review');
  const contextId = q.get('context') ?? DEFAULT_CONTEXT;
  if (findCourse(contextId) === undefined) return refuse(400, 'no such course');

  let linkId: string | undefined;
  if (message === 'resource-link' || message === 'submission-review') {
    const asked = q.get('link');
    const link =
      asked === null
        ? ctx.store.links.get(defaultLinkId(contextId))
        : asked === 'latest'
          ? ctx.store.latestLink(contextId)
          : ctx.store.links.get(asked);
    if (link === undefined || link.contextId !== contextId) return refuse(400, 'no such resource link in this course');
    linkId = link.id;
  }

  // Sign the browser in as the persona (a session already held by this browser is reused).
  const userId = PERSONA_USER[persona];
  const held = cookies.get(SESSION_COOKIE);
  const sessionId = held !== undefined && ctx.store.sessions.has(held) ? held : randomToken();
  ctx.store.sessions.set(sessionId, { userId });

  const intent: LaunchIntent = { userId, message, contextId, linkId, pii, issuedAt: ctx.now() };
  const { tool, flaws } = ctx;
  const location = new URL(tool.loginInitiationUrl);
  const p = location.searchParams;
  p.set('iss', ctx.issuer);
  if (!flaws.has('initiation-omits-login-hint')) p.set('login_hint', userId);
  p.set('target_link_uri', launchTarget(ctx, intent));
  p.set('lti_message_hint', makeMessageHint(ctx, intent));
  p.set('client_id', tool.clientId);
  p.set('lti_deployment_id', flaws.has('initiation-deployment-mismatch') ? `${tool.deploymentId}-other` : tool.deploymentId);
  return redirect(location.toString(), [sessionCookie(SESSION_COOKIE, sessionId, SESSION_TTL_S)]);
}
