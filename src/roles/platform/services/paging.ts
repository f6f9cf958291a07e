// Paging with opaque next links ([AGS] §3.2.4, [NRPS] §2.4.2). The next URL carries a random cursor
// that holds the filters and position, so only a tool that follows the link verbatim gets page 2;
// one that rebuilds the URL from the first request is refused (NT-T-47).
import { randomBytes } from 'node:crypto';
import { positiveInt, refuse } from './http.js';
import type { InboundResponse } from '../../inbound-server.js';

export interface PageState {
  /** What is paged, e.g. "lineitems ctx-1"; a cursor only works where it was issued. */
  scope: string;
  filters: Record<string, string>;
  offset: number;
  size: number;
  /** 1-based page number. */
  index: number;
}

export interface Page<T> {
  items: T[];
  index: number;
  hasNext: boolean;
  /** The Link header, when there is a next page. */
  headers: Record<string, string>;
}

export class Pager {
  private readonly cursors = new Map<string, PageState>();
  /** Every next URL we handed out, for the judge. */
  readonly nextLinks: string[] = [];

  /**
   * The page this request asks for: the first page (filters from the query, size from `limit` and our
   * page size) or the one its cursor names; a 400 answer for a cursor we never issued.
   */
  resolve(query: URLSearchParams, scope: string, filterNames: readonly string[], pageSize: number): PageState | InboundResponse {
    const cursor = query.get('cursor');
    const page = query.get('page');
    if (cursor !== null || page !== null) {
      const st = cursor === null ? undefined : this.cursors.get(cursor);
      if (!st || st.scope !== scope || page !== String(st.index)) {
        return refuse(400, 'invalid_request', 'page/cursor do not name a page we issued: follow the rel="next" link exactly as given');
      }
      return st;
    }
    const limit = positiveInt(query, 'limit');
    if (Number.isNaN(limit)) return refuse(400, 'invalid_request', `limit must be a positive integer, got ${JSON.stringify(query.get('limit'))}`);
    const filters: Record<string, string> = {};
    for (const f of filterNames) {
      const v = query.get(f);
      if (v !== null) filters[f] = v;
    }
    return { scope, filters, offset: 0, size: Math.min(pageSize, limit ?? Number.POSITIVE_INFINITY), index: 1 };
  }

  /** Cuts the page; when more remain, issues a cursor and a next link `${firstUrl}&page=n&cursor=...`. */
  cut<T>(all: readonly T[], st: PageState, firstUrl: string): Page<T> {
    const items = all.slice(st.offset, st.offset + st.size);
    const hasNext = st.offset + st.size < all.length;
    if (!hasNext) return { items, index: st.index, hasNext, headers: {} };
    const cursor = randomBytes(12).toString('base64url');
    const next: PageState = { ...st, offset: st.offset + st.size, index: st.index + 1 };
    if (this.cursors.size >= 10_000) this.cursors.delete(this.cursors.keys().next().value!);
    this.cursors.set(cursor, next);
    const url = `${firstUrl}${firstUrl.includes('?') ? '&' : '?'}page=${next.index}&cursor=${cursor}`;
    this.nextLinks.push(url);
    return { items, index: st.index, hasNext, headers: { link: `<${url}>; rel="next"` } };
  }
}

export const isResponse = (x: PageState | InboundResponse): x is InboundResponse => 'status' in x;
