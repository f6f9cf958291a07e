// Calls our emulated tool makes to the platform's AGS and NRPS endpoints. Each records one evidence
// exchange and returns the answer raw; judging it is the checks' job (src/checks/platform-services).
import type { EvidenceRecorder } from '../../core/evidence.js';
import { send, type HttpResponse } from '../../http/client.js';
import { MEDIA_TYPE } from '../../lti/vocab.js';
import { parseJson } from './token.js';

export interface ServiceContext {
  evidence: EvidenceRecorder;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Link header targets by relation (`next`, `prev`, `first`, `last`, `differences`, ...). */
export type LinkRels = Partial<Record<string, string>> & { next?: string };

export interface ServiceResponse {
  /** The URL requested (after query parameters were added). */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed, when it is JSON. */
  json?: unknown;
  link: LinkRels;
  exchangeId: string;
}

export interface ServiceRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** Bearer token; absent = no Authorization header at all. */
  token?: string;
  accept?: string;
  contentType?: string;
  body?: string;
}

/** A token no platform issued, for the 401 checks (LTI-TOK-014). */
export const BOGUS_TOKEN = 'lti-conform-bogus-token-0000000000';
/** How many pages `getAllPages` reads at most. */
export const MAX_PAGES = 50;

/**
 * Parses Link header values (`<url>; rel="next", <url2>; rel="prev last"`). Absolute targets are kept
 * verbatim (a next link is followed as given, [AGS] §3.2.4); relative ones resolve against `base`.
 * The first link of each relation wins.
 */
export function parseLinkHeader(value: string | undefined, base?: string): LinkRels {
  const out: LinkRels = {};
  if (!value) return out;
  for (const m of value.matchAll(/<([^>]*)>([^<]*)/g)) {
    const params = m[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i.exec(params);
    const target = resolve(m[1] ?? '', base);
    for (const r of (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean)) out[r] ??= target;
  }
  return out;
}

function resolve(target: string, base: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || base === undefined) return target;
  try {
    return new URL(target, base).href;
  } catch {
    return target;
  }
}

/** Adds query parameters after any the URL already has (undefined values are left out). */
export function withQuery(url: string, params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
  if (defined.length === 0) return url;
  const hash = url.indexOf('#');
  const [head, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  const query = new URLSearchParams(defined.map(([k, v]): [string, string] => [k, String(v)])).toString();
  const sep = !head.includes('?') ? '?' : head.endsWith('?') || head.endsWith('&') ? '' : '&';
  return `${head}${sep}${query}${fragment}`;
}

/** The line item URL's path plus `/<leaf>`, its query kept as is ([AGS] §3.3.1, §3.4.1). */
export function lineItemServiceUrl(lineItemUrl: string, leaf: 'scores' | 'results'): string {
  const cut = lineItemUrl.search(/[?#]/);
  const [path, rest] = cut < 0 ? [lineItemUrl, ''] : [lineItemUrl.slice(0, cut), lineItemUrl.slice(cut)];
  return `${path.replace(/\/+$/, '')}/${leaf}${rest}`;
}

/** Any call, with or without a token: the base of every function below. */
export async function serviceRequest(ctx: ServiceContext, r: ServiceRequest): Promise<ServiceResponse> {
  const headers: Record<string, string> = { accept: r.accept ?? MEDIA_TYPE.json };
  if (r.token !== undefined) headers.authorization = `Bearer ${r.token}`;
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  const exchange = { direction: 'outbound' as const, method: r.method, url: r.url, requestHeaders: headers, requestBody: r.body };
  let res: HttpResponse;
  try {
    res = await send({ method: r.method, url: r.url, headers, body: r.body, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
  } catch (e) {
    ctx.evidence.record({ ...exchange, error: (e as Error).message });
    throw e;
  }
  const exchangeId = ctx.evidence.record({ ...exchange, status: res.status, responseHeaders: res.headers, responseBody: res.body, durationMs: res.durationMs });
  const json = parseJson(res.body);
  return { url: r.url, status: res.status, headers: res.headers, body: res.body, ...(json !== undefined ? { json } : {}), link: parseLinkHeader(res.headers.link, r.url), exchangeId };
}

export interface LineItemsQuery {
  resource_link_id?: string;
  resource_id?: string;
  tag?: string;
  limit?: number;
}

export interface CallOptions {
  /** Bearer token; absent = no Authorization header. */
  token?: string;
  accept?: string;
}

export function listLineItems(ctx: ServiceContext, url: string, o: CallOptions & { query?: LineItemsQuery }): Promise<ServiceResponse> {
  return serviceRequest(ctx, { method: 'GET', url: withQuery(url, { ...o.query }), token: o.token, accept: o.accept ?? MEDIA_TYPE.lineItemContainer });
}

export interface PagedRead {
  pages: ServiceResponse[];
  /** Reading stopped at `maxPages` (or at a next link already read) although a next link remained. */
  truncated: boolean;
}

/**
 * Reads `first`, then every `rel="next"` link exactly as given, until a page has none, answers other
 * than 200, or `maxPages` pages were read. A next link seen before ends the read (a loop), as truncated.
 */
export async function getAllPages(ctx: ServiceContext, first: string, o: CallOptions, maxPages = MAX_PAGES): Promise<PagedRead> {
  const pages: ServiceResponse[] = [];
  const seen = new Set<string>();
  let url: string | undefined = first;
  while (url !== undefined) {
    if (pages.length >= maxPages || seen.has(url)) return { pages, truncated: true };
    seen.add(url);
    const page = await serviceRequest(ctx, { method: 'GET', url, token: o.token, accept: o.accept ?? MEDIA_TYPE.json });
    pages.push(page);
    url = page.status === 200 ? page.link.next : undefined;
  }
  return { pages, truncated: false };
}

export function createLineItem(ctx: ServiceContext, url: string, body: unknown, token: string | undefined): Promise<ServiceResponse> {
  return serviceRequest(ctx, { method: 'POST', url, token, accept: MEDIA_TYPE.lineItem, contentType: MEDIA_TYPE.lineItem, body: JSON.stringify(body) });
}

export function getLineItem(ctx: ServiceContext, url: string, token: string | undefined): Promise<ServiceResponse> {
  return serviceRequest(ctx, { method: 'GET', url, token, accept: MEDIA_TYPE.lineItem });
}

export function putLineItem(ctx: ServiceContext, url: string, body: unknown, token: string | undefined): Promise<ServiceResponse> {
  return serviceRequest(ctx, { method: 'PUT', url, token, accept: MEDIA_TYPE.lineItem, contentType: MEDIA_TYPE.lineItem, body: JSON.stringify(body) });
}

export function deleteLineItem(ctx: ServiceContext, url: string, token: string | undefined): Promise<ServiceResponse> {
  return serviceRequest(ctx, { method: 'DELETE', url, token });
}

/** POSTs a score to the line item's `/scores` URL. `score` is sent as given (malformed ones too). */
export function postScore(ctx: ServiceContext, lineItemUrl: string, score: unknown, token: string | undefined): Promise<ServiceResponse> {
  return serviceRequest(ctx, { method: 'POST', url: lineItemServiceUrl(lineItemUrl, 'scores'), token, contentType: MEDIA_TYPE.score, body: JSON.stringify(score) });
}

export function getResults(ctx: ServiceContext, lineItemUrl: string, o: CallOptions & { userId?: string; limit?: number }): Promise<ServiceResponse> {
  const url = withQuery(lineItemServiceUrl(lineItemUrl, 'results'), { user_id: o.userId, limit: o.limit });
  return serviceRequest(ctx, { method: 'GET', url, token: o.token, accept: o.accept ?? MEDIA_TYPE.resultContainer });
}

export function getMemberships(ctx: ServiceContext, url: string, o: CallOptions & { role?: string; limit?: number; rlid?: string }): Promise<ServiceResponse> {
  return serviceRequest(ctx, { method: 'GET', url: withQuery(url, { role: o.role, limit: o.limit, rlid: o.rlid }), token: o.token, accept: o.accept ?? MEDIA_TYPE.membershipContainer });
}
