// Assignment and Grade Services 2.0: line item container, line items, scores and results, answered as a
// careful platform would ([AGS] §3).
import { MEDIA_TYPE, SCOPE } from '../../../lti/vocab.js';
import type { InboundRequest, InboundResponse } from '../../inbound-server.js';
import { serveCall, type Classified, type ServiceDeps } from './calls.js';
import type { CourseContext } from './contexts.js';
import { applyScore, lineItemFields, type LineItemRow } from './gradebook.js';
import { noContent, readObject, refuse, typed } from './http.js';
import { isResponse } from './paging.js';
import { lineItemsUrl, lineItemUrl, resultsUrl, resultUrl, segments } from './paths.js';
import type { ServiceCallRecord } from './records.js';

type Target = { kind: 'container' } | { kind: 'item' | 'scores' | 'results'; n: number };

const READ_ITEMS = [SCOPE.lineItem, SCOPE.lineItemReadOnly] as const;
const FILTERS = ['resource_link_id', 'resource_id', 'tag'] as const;
const FILTER_FIELD: Record<(typeof FILTERS)[number], string> = { resource_link_id: 'resourceLinkId', resource_id: 'resourceId', tag: 'tag' };

/** `/ags/{ctx}/lineitems[/{n}/lineitem[/scores|/results]]` and the operation the method asks for. */
export function classifyAgs(req: InboundRequest): Classified<Target> {
  const s = segments(req.url.pathname);
  const unknown: Classified<Target> = { operation: 'unknown', scopes: [] };
  if (!s || s.length < 2 || s[0] === '' || s[1] !== 'lineitems') return unknown;
  const contextId = s[0]!;
  const m = req.method;
  if (s.length === 2) {
    const c = { contextId, extra: { kind: 'container' } as Target };
    if (m === 'GET') return { ...c, operation: 'lineitems.get', scopes: READ_ITEMS };
    if (m === 'POST') return { ...c, operation: 'lineitems.post', scopes: [SCOPE.lineItem] };
    return { ...unknown, contextId, allow: 'GET, POST' };
  }
  if (!/^[1-9]\d{0,8}$/.test(s[2]!) || s[3] !== 'lineitem' || s.length > 5) return { ...unknown, contextId };
  const n = Number(s[2]);
  if (s.length === 4) {
    const c = { contextId, extra: { kind: 'item', n } as Target };
    if (m === 'GET') return { ...c, operation: 'lineitem.get', scopes: READ_ITEMS };
    if (m === 'PUT') return { ...c, operation: 'lineitem.put', scopes: [SCOPE.lineItem] };
    if (m === 'DELETE') return { ...c, operation: 'lineitem.delete', scopes: [SCOPE.lineItem] };
    return { ...unknown, contextId, allow: 'GET, PUT, DELETE' };
  }
  if (s[4] === 'scores') {
    return m === 'POST'
      ? { contextId, extra: { kind: 'scores', n }, operation: 'scores.post', scopes: [SCOPE.score] }
      : { ...unknown, contextId, allow: 'POST' };
  }
  if (s[4] === 'results') {
    return m === 'GET'
      ? { contextId, extra: { kind: 'results', n }, operation: 'results.get', scopes: [SCOPE.resultReadOnly] }
      : { ...unknown, contextId, allow: 'GET' };
  }
  return { ...unknown, contextId };
}

export class AgsService {
  constructor(private readonly deps: ServiceDeps) {}

  handle(req: InboundRequest): InboundResponse {
    return serveCall(this.deps, 'ags', req, classifyAgs(req), (r, call, ctx, rec) => {
      const t = call.extra;
      if (t.kind === 'container') return call.operation === 'lineitems.get' ? this.list(r, ctx, rec) : this.create(r, ctx);
      const row = ctx.gradebook.get(t.n);
      if (!row) return refuse(404, 'not_found', `line item ${t.n} does not exist in context ${ctx.id}`);
      rec.lineItemId = this.view(ctx, row).id;
      if (t.kind === 'scores') return this.score(r, ctx, row);
      if (t.kind === 'results') return this.results(r, ctx, row, rec);
      if (call.operation === 'lineitem.get') return typed(200, MEDIA_TYPE.lineItem, this.view(ctx, row));
      if (call.operation === 'lineitem.delete') {
        ctx.gradebook.delete(row.n);
        return noContent();
      }
      return this.update(r, ctx, row);
    });
  }

  private view(ctx: CourseContext, row: LineItemRow): { id: string } & Record<string, unknown> {
    return { id: lineItemUrl(this.deps.base(), ctx.id, row.n), ...row.item };
  }

  private list(req: InboundRequest, ctx: CourseContext, rec: ServiceCallRecord): InboundResponse {
    const st = this.deps.pager.resolve(req.url.searchParams, `lineitems ${ctx.id}`, FILTERS, this.deps.pageSize.lineItems);
    if (isResponse(st)) return st;
    const all = ctx.gradebook.list().filter((row) => FILTERS.every((f) => st.filters[f] === undefined || row.item[FILTER_FIELD[f]] === st.filters[f]));
    const page = this.deps.pager.cut(all, st, lineItemsUrl(this.deps.base(), ctx.id));
    rec.page = { index: page.index, hasNext: page.hasNext };
    return typed(200, MEDIA_TYPE.lineItemContainer, page.items.map((row) => this.view(ctx, row)), page.headers);
  }

  private create(req: InboundRequest, ctx: CourseContext): InboundResponse {
    const body = readObject(req.headers, req.body, MEDIA_TYPE.lineItem);
    if (!body.ok) return body.response;
    const fields = lineItemFields(body.value);
    if (!fields.ok) return refuse(400, 'invalid_request', fields.description);
    const link = fields.item.resourceLinkId;
    if (link !== undefined && (typeof link !== 'string' || !ctx.gradebook.links.has(link))) {
      return refuse(404, 'not_found', `resourceLinkId ${JSON.stringify(link)} is not a resource link of context ${ctx.id}`);
    }
    const item = this.view(ctx, ctx.gradebook.create(fields.item));
    return typed(201, MEDIA_TYPE.lineItem, item, { location: item.id });
  }

  private update(req: InboundRequest, ctx: CourseContext, row: LineItemRow): InboundResponse {
    const body = readObject(req.headers, req.body, MEDIA_TYPE.lineItem);
    if (!body.ok) return body.response;
    const fields = lineItemFields(body.value);
    if (!fields.ok) return refuse(400, 'invalid_request', fields.description);
    ctx.gradebook.replace(row, fields.item);
    return typed(200, MEDIA_TYPE.lineItem, this.view(ctx, row));
  }

  private score(req: InboundRequest, ctx: CourseContext, row: LineItemRow): InboundResponse {
    const body = readObject(req.headers, req.body, MEDIA_TYPE.score);
    if (!body.ok) return body.response;
    const userId = body.value.userId;
    if (typeof userId === 'string' && userId !== '' && !ctx.members.some((m) => m.user_id === userId)) {
      return refuse(400, 'invalid_request', `userId ${JSON.stringify(userId)} is not a member of context ${ctx.id}`);
    }
    const out = applyScore(row, body.value);
    return out.ok ? noContent() : refuse(out.status, out.status === 409 ? 'conflict' : 'invalid_request', out.description);
  }

  private results(req: InboundRequest, ctx: CourseContext, row: LineItemRow, rec: ServiceCallRecord): InboundResponse {
    const st = this.deps.pager.resolve(req.url.searchParams, `results ${ctx.id} ${row.n}`, ['user_id'], Number.POSITIVE_INFINITY);
    if (isResponse(st)) return st;
    const base = this.deps.base();
    const all = [...row.results.values()].filter((r) => st.filters.user_id === undefined || r.userId === st.filters.user_id);
    const page = this.deps.pager.cut(all, st, resultsUrl(base, ctx.id, row.n));
    rec.page = { index: page.index, hasNext: page.hasNext };
    const results = page.items.map((r) => ({
      id: resultUrl(base, ctx.id, row.n, r.userId), scoreOf: lineItemUrl(base, ctx.id, row.n), userId: r.userId,
      ...(r.resultScore !== undefined ? { resultScore: r.resultScore } : {}), resultMaximum: r.resultMaximum,
      ...(r.comment !== undefined ? { comment: r.comment } : {}), ...(r.scoringUserId !== undefined ? { scoringUserId: r.scoringUserId } : {}),
    }));
    return typed(200, MEDIA_TYPE.resultContainer, results, page.headers);
  }
}
