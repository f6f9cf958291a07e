// The deep linking return ([DL] §2.3, §4.5; [SEC] §5.2.3): verify the tool's LtiDeepLinkingResponse,
// check that its data is the data sent to this browser's session, then absorb the content items.
import {
  CLAIM,
  CONTENT_ITEM_TYPE,
  LTI_VERSION,
  MESSAGE_TYPE,
  TOOL_MESSAGE_FORM_FIELD,
} from '../../lti/vocab.js';
import { CLOCK_LEEWAY_S, PATHS, SESSION_COOKIE, nowSeconds, platformUrl, type PlatformContext } from './context.js';
import { DEFAULT_CONTEXT, PERSONA_USER, type Persona } from './data.js';
import { escapeHtml, page, type Reply } from './html.js';
import { launchQuery } from './launch.js';
import { verifyToolJwt } from './tool-jwt.js';

const NONCE_MIN_TTL_S = 10 * 60;

function refused(reason: string): Reply {
  return page(400, 'Deep linking refused', [reason]);
}

/** Judges the response claims; a reason, or undefined when they hold. */
function claimProblem(ctx: PlatformContext, c: Record<string, unknown>): string | undefined {
  const { flaws, tool } = ctx;
  if (c.iss !== tool.clientId && !flaws.has('dl-accepts-wrong-iss')) return 'iss must be the client id';
  // The platform must be an audience, and the only one ([SEC] §5.2.3 (3)).
  const aud: unknown[] = typeof c.aud === 'string' ? [c.aud] : Array.isArray(c.aud) ? c.aud : [];
  if (!flaws.has('dl-accepts-wrong-aud') && (!aud.includes(ctx.issuer) || aud.some((a) => a !== ctx.issuer))) {
    return 'aud must be the platform issuer';
  }
  if (typeof c.exp !== 'number') return 'exp is required';
  if (c.exp + CLOCK_LEEWAY_S <= nowSeconds(ctx) && !flaws.has('dl-accepts-expired')) return 'the response has expired';
  if (typeof c.iat !== 'number') return 'iat is required';
  if (typeof c.nonce !== 'string' || c.nonce === '') return 'nonce is required';
  if (ctx.store.deepLinkNonces.has(c.nonce) && !flaws.has('dl-accepts-replayed-nonce')) return 'nonce was already used';
  if (c[CLAIM.messageType] !== MESSAGE_TYPE.deepLinkingResponse && !flaws.has('dl-accepts-wrong-message-type')) {
    return `message_type must be ${MESSAGE_TYPE.deepLinkingResponse}`;
  }
  if (c[CLAIM.version] !== LTI_VERSION) return `version must be ${LTI_VERSION}`;
  if (c[CLAIM.deploymentId] !== tool.deploymentId && !flaws.has('dl-accepts-wrong-deployment-id')) return 'deployment_id is not this deployment';
  return undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function personaOf(userId: string): Persona {
  return userId === PERSONA_USER.student ? 'student' : 'instructor';
}

/** Absorbs the items into the course; one escaped line per item for the result page. */
function absorb(ctx: PlatformContext, contextId: string, userId: string, items: readonly unknown[]): string[] {
  return items.map((raw) => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const title = text(item.title);
    if (item.type !== CONTENT_ITEM_TYPE.ltiResourceLink) {
      const known = Object.values(CONTENT_ITEM_TYPE).includes(item.type as never);
      // Never rendered: html and embed markup are shown as text only, so no tool script can run here.
      return escapeHtml(known ? `${String(item.type)}: ${title ?? text(item.url) ?? 'untitled'}` : `ignored an item of type ${String(item.type)}`);
    }
    const custom: Record<string, string> = {};
    if (typeof item.custom === 'object' && item.custom !== null) {
      for (const [k, v] of Object.entries(item.custom)) if (typeof v === 'string') custom[k] = v;
    }
    const url = typeof item.url === 'string' && /^https?:\/\//i.test(item.url) ? item.url : undefined;
    const link = ctx.store.addLink({ contextId, title: title ?? 'Untitled activity', url, custom });
    let note = '';
    const li = item.lineItem as Record<string, unknown> | undefined;
    if (typeof li === 'object' && li !== null) {
      const max = li.scoreMaximum;
      if (typeof max === 'number' && Number.isFinite(max) && max > 0) {
        const fields: Record<string, unknown> = { label: text(li.label) ?? link.title, scoreMaximum: max, resourceLinkId: link.id };
        if (typeof li.resourceId === 'string') fields.resourceId = li.resourceId;
        if (typeof li.tag === 'string') fields.tag = li.tag;
        if (typeof li.gradesReleased === 'boolean') fields.gradesReleased = li.gradesReleased;
        ctx.store.addLineItem({ contextId, clientId: ctx.tool.clientId, fields });
        note = ' with a gradebook column';
      } else note = ' (its line item was ignored: scoreMaximum must be a positive number)';
    }
    const href = platformUrl(ctx, `${PATHS.launch}?${launchQuery({ persona: personaOf(userId), context: contextId, link: link.id })}`);
    return `${escapeHtml(`activity "${link.title}" (resource link ${link.id})${note}`)} <a href="${escapeHtml(href)}">launch</a>`;
  });
}

export async function handleDeepLinkReturn(ctx: PlatformContext, form: URLSearchParams, cookies: ReadonlyMap<string, string>): Promise<Reply> {
  const { flaws } = ctx;
  const jwt = form.get(TOOL_MESSAGE_FORM_FIELD);
  if (jwt === null || jwt === '') return refused(`the ${TOOL_MESSAGE_FORM_FIELD} form field is missing`);
  const verified = await verifyToolJwt(ctx, jwt, { skipSignature: flaws.has('dl-accepts-bad-signature'), acceptUnknownKid: flaws.has('dl-accepts-unknown-kid') });
  if (!verified.ok) return refused(verified.reason);
  const c = verified.payload as Record<string, unknown>;
  const problem = claimProblem(ctx, c);
  if (problem !== undefined) return refused(problem);

  // data must be what we sent for a deep linking launch of this very browser session (LTI-DLR-012).
  const data = c[CLAIM.dlData];
  const launch = typeof data === 'string' ? ctx.store.deepLinkLaunches.get(data) : undefined;
  if (!flaws.has('dl-accepts-changed-data')) {
    if (launch === undefined) return refused('data is not the data sent with a deep linking request');
    if (cookies.get(SESSION_COOKIE) !== launch.sessionId) return refused('data was sent to another session');
  }
  const items = c[CLAIM.dlContentItems] ?? [];
  if (!Array.isArray(items)) return refused('content_items must be an array');

  const nonce = c.nonce as string;
  const now = nowSeconds(ctx);
  ctx.store.deepLinkNonces.set(nonce, true, (Math.max((c.exp as number) + CLOCK_LEEWAY_S, now + NONCE_MIN_TTL_S)) * 1000);

  const contextId = launch?.contextId ?? DEFAULT_CONTEXT;
  const lines = absorb(ctx, contextId, launch?.userId ?? PERSONA_USER.instructor, items);
  const paragraphs: string[] = [];
  const msg = text(c[CLAIM.dlMsg]);
  const errormsg = text(c[CLAIM.dlErrorMsg]);
  if (msg !== undefined) paragraphs.push(msg);
  if (errormsg !== undefined) paragraphs.push(`The tool reported an error: ${errormsg}`);
  paragraphs.push(lines.length === 0 ? 'No content was added.' : `Added ${lines.length} item(s) to ${contextId}:`);
  return page(200, 'Deep linking complete', paragraphs, lines);
}
