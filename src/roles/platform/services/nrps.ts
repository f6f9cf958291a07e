// Names and Role Provisioning Services 2.0: the context membership container ([NRPS] §2, §3).
import { CLAIM, MEDIA_TYPE, MESSAGE_TYPE, SCOPE } from '../../../lti/vocab.js';
import type { InboundRequest, InboundResponse } from '../../inbound-server.js';
import { serveCall, type Classified, type ServiceDeps } from './calls.js';
import { refuse, typed } from './http.js';
import { isResponse } from './paging.js';
import { membershipsUrl, segments } from './paths.js';
import { hasRole, type Member } from './roster.js';

/** `/nrps/{ctx}/memberships`, GET only. */
export function classifyNrps(req: InboundRequest): Classified<true> {
  const s = segments(req.url.pathname);
  if (!s || s.length !== 2 || s[0] === '' || s[1] !== 'memberships') return { operation: 'unknown', scopes: [] };
  const contextId = s[0]!;
  if (req.method !== 'GET') return { operation: 'unknown', scopes: [], contextId, allow: 'GET' };
  return { operation: 'memberships.get', scopes: [SCOPE.nrps], contextId, extra: true };
}

export class NrpsService {
  constructor(private readonly deps: ServiceDeps) {}

  handle(req: InboundRequest): InboundResponse {
    return serveCall(this.deps, 'nrps', req, classifyNrps(req), (r, _call, ctx, rec) => {
      const st = this.deps.pager.resolve(r.url.searchParams, `memberships ${ctx.id}`, ['role', 'rlid'], this.deps.pageSize.members);
      if (isResponse(st)) return st;
      const { role, rlid } = st.filters;
      // A resource-link query must name a link of this context ([NRPS] §3.1).
      if (rlid !== undefined && !ctx.gradebook.links.has(rlid)) return refuse(404, 'not_found', `rlid ${JSON.stringify(rlid)} is not a resource link of context ${ctx.id}`);
      const all = ctx.members.filter((m) => role === undefined || hasRole(m, role));
      const url = membershipsUrl(this.deps.base(), ctx.id);
      const page = this.deps.pager.cut(all, st, url);
      rec.page = { index: page.index, hasNext: page.hasNext };
      const members = page.items.map((m) => (rlid === undefined ? m : withMessage(m, rlid)));
      return typed(200, MEDIA_TYPE.membershipContainer, { id: url, context: { id: ctx.id, label: ctx.label, title: ctx.title }, members }, page.headers);
    });
  }
}

/** With `rlid`, each member carries the launch message it would get for that link ([NRPS] §3.2). */
function withMessage(m: Member, rlid: string): Member & { message: Record<string, unknown>[] } {
  return { ...m, message: [{ [CLAIM.messageType]: MESSAGE_TYPE.resourceLink, [CLAIM.resourceLink]: { id: rlid }, [CLAIM.custom]: {} }] };
}
