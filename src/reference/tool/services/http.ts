// Outbound HTTP to the platform's token endpoint and services. Any answer the tool cannot use becomes a
// PlatformError, which the trigger routes report as 502 with the platform's status and body.
import { request } from 'undici';

const TIMEOUT_MS = 10_000;
const MAX_BODY_CHARS = 1_000_000;

export interface HttpResult {
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class PlatformError extends Error {
  constructor(
    /** What the tool was doing: 'token', 'score', 'line-items', ... */
    readonly step: string,
    readonly url: string,
    /** The platform's HTTP status; 0 when it could not be reached. */
    readonly status: number,
    readonly body: string,
  ) {
    super(`${step}: ${url} answered ${status}`);
  }
}

export async function send(
  step: string,
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<HttpResult> {
  try {
    const res = await request(url, { method, headers, body, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
    const text = await res.body.text();
    return { url, status: res.statusCode, headers: res.headers, body: text.slice(0, MAX_BODY_CHARS) };
  } catch (e) {
    throw new PlatformError(step, url, 0, e instanceof Error ? e.message : 'unreachable');
  }
}

/** The body as JSON, or a PlatformError naming the answer that could not be read. */
export function jsonBody(step: string, res: HttpResult): unknown {
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    throw new PlatformError(step, res.url, res.status, res.body);
  }
}

/** The URL of the `Link: <...>; rel="next"` entry, resolved against the page it came with. */
export function nextLink(res: HttpResult): string | undefined {
  const raw = res.headers['link'];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const value of values) {
    for (const m of value.matchAll(/<([^>]*)>([^<]*)/g)) {
      const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i.exec(m[2] ?? '');
      const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
      if (!rels.includes('next')) continue;
      const target = m[1] ?? '';
      // Verbatim when absolute ([AGS] §3.2.4: no filters re-applied); relative ones need a base.
      try {
        new URL(target);
        return target;
      } catch {
        return new URL(target, res.url).href;
      }
    }
  }
  return undefined;
}
