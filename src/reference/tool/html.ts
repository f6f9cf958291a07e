// Replies are plain values; server.ts writes them. Pages are tiny and never echo tokens or keys.
import { escapeHtml, type Reply } from '../shared/http.js';

export { escapeHtml, parseCookies, type Reply } from '../shared/http.js';



export function page(status: number, title: string, text: string, setCookies: string[] = []): Reply {
  const body =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>\n`;
  const headers: Reply['headers'] = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  return { status, headers, body };
}

/** A refusal: the title never contains "Launched", so a body matcher cannot mistake it for success. */
export function refuse(status: 400 | 401 | 404 | 405, reason: string): Reply {
  const title = status === 401 ? 'Unauthorized' : status === 404 ? 'Not found' : 'Request refused';
  return page(status, title, reason);
}

export function redirect(location: string, setCookies: string[] = []): Reply {
  const headers: Reply['headers'] = { location, 'cache-control': 'no-store' };
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  return { status: 302, headers, body: '' };
}

export function json(value: unknown): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'max-age=300' },
    body: JSON.stringify(value),
  };
}

/** A JSON answer that is never cached (trigger routes). */
export function jsonReply(status: number, value: unknown): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(value),
  };
}

/**
 * The deep linking return: an auto-submitting form POST with the single field JWT, as the Security
 * Framework prescribes for tool-originating messages.
 */
export function autoPost(action: string, jwt: string, setCookies: string[] = []): Reply {
  const body =
    '<!doctype html><html><head><meta charset="utf-8"><title>Returning to the platform</title></head>' +
    '<body onload="document.forms[0].submit()">' +
    `<form method="POST" action="${escapeHtml(action)}">` +
    `<input type="hidden" name="JWT" value="${escapeHtml(jwt)}">` +
    '<noscript><button type="submit">Continue</button></noscript></form></body></html>\n';
  const headers: Reply['headers'] = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  return { status: 200, headers, body };
}

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
}

// SameSite=Lax and no Secure flag on http: otherwise the browser (or a cookie jar) drops the cookie on
// loopback http, and the state could never be bound to the browser.
export function cookie(name: string, value: string, opts: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${opts.maxAgeSeconds}`];
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

