// The common path of every AGS and NRPS call: classify, authorize, find the tenant and context, answer,
// and record the call raw (refused ones too) for the judge.
import type { InboundRequest, InboundResponse } from '../../inbound-server.js';
import { authProblem, tokenUse } from './auth.js';
import type { Contexts, CourseContext } from './contexts.js';
import { refuse } from './http.js';
import type { Pager } from './paging.js';
import { TENANT } from './paths.js';
import type { ServiceCallRecord, ServiceOperation } from './records.js';
import type { ServiceLog } from './service-log.js';
import type { TokenStore } from './token-store.js';

export interface ServiceDeps {
  base(): string;
  now(): number;
  tokens: TokenStore;
  contexts: Contexts;
  pager: Pager;
  log: ServiceLog;
  pageSize: { lineItems: number; members: number };
}

/** What the URL and method name; `allow` set when the resource exists but not with this method. */
export interface Classified<Extra> {
  operation: ServiceOperation;
  contextId?: string;
  scopes: readonly string[];
  allow?: string;
  extra?: Extra;
}

export type Answer<Extra> = (req: InboundRequest, call: Classified<Extra> & { extra: Extra }, ctx: CourseContext, rec: ServiceCallRecord) => InboundResponse;

function errorOf(res: InboundResponse): { error?: string; errorDescription?: string } {
  if (res.status < 400 || res.body === undefined) return {};
  try {
    const b = JSON.parse(res.body) as { error?: unknown; error_description?: unknown };
    return { ...(typeof b.error === 'string' ? { error: b.error } : {}), ...(typeof b.error_description === 'string' ? { errorDescription: b.error_description } : {}) };
  } catch {
    return {};
  }
}

export function serveCall<Extra>(
  deps: ServiceDeps, service: 'ags' | 'nrps', req: InboundRequest, call: Classified<Extra>, answer: Answer<Extra>,
): InboundResponse {
  const rec: ServiceCallRecord = {
    // Under our base (the public URL when one is set), so it compares with the URLs we handed out.
    exchangeId: req.exchangeId, at: deps.now(), service, operation: call.operation, method: req.method, url: `${deps.base()}${req.url.pathname}${req.url.search}`,
    headers: req.headers, body: req.body, token: tokenUse(req.headers, deps.tokens), status: 0,
    ...(call.contextId !== undefined ? { contextId: call.contextId } : {}),
  };
  const res = decide();
  Object.assign(rec, { status: res.status }, errorOf(res));
  deps.log.push('call', rec);
  return res;

  function decide(): InboundResponse {
    if (call.operation === 'unknown' && call.allow === undefined) return refuse(404, 'not_found', `${req.url.pathname} is not a ${service.toUpperCase()} resource`);
    if (call.allow !== undefined) return refuse(405, 'invalid_request', `${req.method} is not allowed here`, { allow: call.allow });
    const denied = authProblem(rec.token, call.scopes);
    if (denied) return denied;
    // The tenant selects the gradebook, as on multi-tenant platforms: a URL that lost its query finds nothing.
    if (req.url.searchParams.get(TENANT.name) !== TENANT.value) {
      return refuse(404, 'not_found', `no ${TENANT.name} in the query: use the service URL exactly as given, query included`);
    }
    const ctx = call.contextId === undefined ? undefined : deps.contexts.get(call.contextId);
    if (!ctx || call.extra === undefined) return refuse(404, 'not_found', `context ${JSON.stringify(call.contextId)} is not known to this platform`);
    return answer(req, call as Classified<Extra> & { extra: Extra }, ctx, rec);
  }
}
