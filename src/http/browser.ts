import { CookieJar } from 'tough-cookie';
import { HarnessError } from '../core/errors.js';
import type { EvidenceRecorder } from '../core/evidence.js';
import { send, type HttpResponse } from './client.js';
import { readForms } from './forms.js';
import { refererFor, sameSite } from './site.js';

export interface BrowserOptions {
  evidence: EvidenceRecorder;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Redirects plus auto-submitted forms followed before we call it a loop. */
  maxHops?: number;
  userAgent?: string;
}

export interface Hop {
  exchangeId: string;
  method: string;
  url: string;
  status: number;
  /** Names of the form fields a POST carried (a deep-linking response carries JWT). */
  fields?: string[];
}

export interface Navigation {
  hops: Hop[];
  /** The last response, after redirects and auto-submitted forms. */
  final: HttpResponse & { url: string };
}

/**
 * initiator: the page that caused this request (a link, a form, a script on it). Cookies and headers
 * follow from it as in a browser: a cross-site POST carries only SameSite=None cookies.
 */
export type Request = {
  method: 'GET' | 'POST';
  url: string;
  form?: [string, string][];
  initiator?: string;
  /** Extra headers for this request only (a configured trigger's); redirects and forms do not inherit them. */
  headers?: Record<string, string>;
};

/** Where the target sends the browser next, if a browser could go there (http or https). */
function nextUrl(raw: string, from: string, how: string): string {
  const shown = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  let url: URL;
  try {
    url = new URL(raw, from);
  } catch {
    throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `${how} at ${from} points at an invalid URL: ${shown}`, 'The target sent a malformed URL; see its redirect or form.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `${how} at ${from} points at a ${url.protocol} URL, not http(s): ${shown}`, 'The target must send the browser to an http(s) URL.');
  return url.toString();
}

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 lti-conform';

/**
 * A headless browser as far as a web app can tell: cookie jar, redirects, auto-submitting forms,
 * meta refresh. It runs no other JavaScript.
 */
export class Browser {
  readonly jar = new CookieJar();
  constructor(private readonly opts: BrowserOptions) {}

  async navigate(first: Request): Promise<Navigation> {
    const hops: Hop[] = [];
    const max = this.opts.maxHops ?? 20;
    let req: Request | undefined = first;
    for (;;) {
      if (hops.length >= max) throw new HarnessError('ERR_REDIRECT_LOOP', `more than ${max} redirects or auto-submitted forms starting at ${first.url}`, 'The target keeps redirecting; check the route the chain started at (login, launch or registration URL).');
      const res = await this.fetch(req);
      hops.push({ exchangeId: res.exchangeId, method: req.method, url: req.url, status: res.status, ...(req.form ? { fields: req.form.map(([k]) => k) } : {}) });
      req = this.nextRequest(req, res);
      if (!req) return { hops, final: { ...res, url: hops[hops.length - 1]!.url } };
    }
  }

  private nextRequest(prev: Request, res: HttpResponse): Request | undefined {
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      const url = nextUrl(location, prev.url, `the ${res.status} redirect`);
      const keep = (res.status === 307 || res.status === 308) && prev.method === 'POST';
      // A redirect keeps the navigation's initiator: a cross-site launch stays cross-site.
      const initiator = prev.initiator ? { initiator: prev.initiator } : {};
      return keep ? { method: 'POST', url, ...initiator, ...(prev.form ? { form: prev.form } : {}) } : { method: 'GET', url, ...initiator };
    }
    if (res.status < 200 || res.status >= 300 || !/html/i.test(res.headers['content-type'] ?? 'text/html')) return undefined;
    const page = readForms(res.body, prev.url);
    const form = page.forms[0];
    if (page.autoSubmit && form) {
      const action = nextUrl(form.action, prev.url, 'the auto-submitted form');
      if (form.method === 'POST') return { method: 'POST', url: action, form: form.fields, initiator: prev.url };
      const url = new URL(action);
      url.search = new URLSearchParams(form.fields).toString(); // a GET form replaces the action's query
      return { method: 'GET', url: url.toString(), initiator: prev.url };
    }
    if (page.refresh) return { method: 'GET', url: nextUrl(page.refresh, prev.url, 'the meta refresh'), initiator: prev.url };
    return page.scriptRedirect ? { method: 'GET', url: nextUrl(page.scriptRedirect, prev.url, 'the script redirect'), initiator: prev.url } : undefined;
  }

  private async fetch(req: Request): Promise<HttpResponse & { exchangeId: string }> {
    const headers: Record<string, string> = { 'user-agent': this.opts.userAgent ?? UA, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    const crossSite = req.initiator !== undefined && !sameSite(req.initiator, req.url);
    // Top-level navigation: Lax cookies go on a cross-site GET, only None cookies on a cross-site POST.
    const sameSiteContext = !crossSite ? 'strict' : req.method === 'GET' ? 'lax' : 'none';
    const cookie = await this.jar.getCookieString(req.url, { sameSiteContext });
    if (cookie) headers.cookie = cookie;
    const referer = req.initiator ? refererFor(req.initiator, req.url) : undefined;
    if (referer) headers.referer = referer;
    let body: string | undefined;
    if (req.method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = new URL(req.initiator ?? req.url).origin;
      body = new URLSearchParams(req.form ?? []).toString();
    }
    const record = { direction: 'outbound' as const, method: req.method, url: req.url, requestHeaders: headers, ...(body !== undefined ? { requestBody: body } : {}) };
    let res: HttpResponse;
    try {
      res = await send({ method: req.method, url: req.url, headers, ...(body !== undefined ? { body } : {}), timeoutMs: this.opts.timeoutMs, ...(this.opts.signal ? { signal: this.opts.signal } : {}) });
    } catch (e) {
      this.opts.evidence.record({ ...record, error: (e as Error).message });
      throw e;
    }
    for (const c of res.setCookie) await this.jar.setCookie(c, req.url, { ignoreError: true });
    const exchangeId = this.opts.evidence.record({ ...record, status: res.status, responseHeaders: res.headers, responseBody: res.body, durationMs: res.durationMs });
    return { ...res, exchangeId };
  }
}
