// AGS routing: /ags/{context}/lineitems[/{n}[/scores|/results]]. Authentication first (401), then the
// method (405), the scope (403), and the resource (404).
import { SCOPE } from '../../../lti/vocab.js';
import { authenticate, requireScope } from '../bearer.js';
import type { PlatformContext } from '../context.js';
import { findCourse } from '../data.js';
import { jsonError, type Reply } from '../html.js';
import type { ServiceRequest } from '../http.js';
import { createLineItem, deleteLineItem, getLineItem, listLineItems, putLineItem } from './line-items.js';
import { listResults, postScore } from './scores.js';

const AGS_PATH = /^\/ags\/([^/]+)\/lineitems(?:\/(\d{1,9})(?:\/(scores|results))?)?\/?$/;
const READ = [SCOPE.lineItem, SCOPE.lineItemReadOnly];
const WRITE = [SCOPE.lineItem];

export function isAgsPath(path: string): boolean {
  return path.startsWith('/ags/');
}

function notAllowed(allow: string): Reply {
  return jsonError(405, 'method_not_allowed', `use ${allow}`, { allow });
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export async function handleAgs(ctx: PlatformContext, req: ServiceRequest): Promise<Reply> {
  const authn = authenticate(ctx, req.headers.authorization, ctx.flaws.has('ags-no-auth'));
  if (!authn.ok) return authn.reply;
  const { caller } = authn;
  const m = AGS_PATH.exec(req.url.pathname);
  const contextId = m?.[1] === undefined ? undefined : decode(m[1]);
  if (m === null || contextId === undefined) return jsonError(404, 'not_found', 'no such service');
  const [, , n, sub] = m;
  const { method } = req;

  if (n === undefined) {
    if (method !== 'GET' && method !== 'POST') return notAllowed('GET, POST');
    const denied = requireScope(caller, method === 'GET' ? READ : WRITE);
    if (denied !== undefined) return denied;
    if (findCourse(contextId) === undefined) return jsonError(404, 'not_found', 'no such context');
    return method === 'GET' ? listLineItems(ctx, caller, contextId, req.url) : createLineItem(ctx, caller, contextId, req);
  }

  const allow = sub === 'scores' ? 'POST' : sub === 'results' ? 'GET' : 'GET, PUT, DELETE';
  if (!allow.split(', ').includes(method)) return notAllowed(allow);
  const scopes = sub === 'scores' ? [SCOPE.score] : sub === 'results' ? [SCOPE.resultReadOnly] : method === 'GET' ? READ : WRITE;
  const denied = requireScope(caller, scopes);
  if (denied !== undefined) return denied;
  const item = ctx.store.lineItems.get(Number(n));
  if (item === undefined || item.contextId !== contextId || item.clientId !== caller.clientId) {
    return jsonError(404, 'not_found', 'no such line item');
  }
  if (sub === 'scores') return postScore(ctx, item, req);
  if (sub === 'results') return listResults(ctx, item, req.url);
  if (method === 'GET') return getLineItem(ctx, item);
  if (method === 'PUT') return putLineItem(ctx, item, req);
  return deleteLineItem(ctx, item);
}
