// Replies are plain values; server.ts writes them. Pages are tiny and never echo tokens or keys.
import { escapeHtml, type Reply } from '../shared/http.js';

export { escapeHtml, parseCookies, type Reply } from '../shared/http.js';
import { MEDIA_TYPE } from '../../lti/vocab.js';


const HTML = `${MEDIA_TYPE.html}; charset=utf-8`;


function withCookies(headers: Reply['headers'], setCookies: readonly string[]): Reply['headers'] {
  if (setCookies.length > 0) headers['set-cookie'] = [...setCookies];
  return headers;
}

/** A page of paragraphs; `items` become a list (each already escaped HTML). */
export function page(status: number, title: string, paragraphs: readonly string[], items: readonly string[] = []): Reply {
  const list = items.length > 0 ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '';
  const body =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}${list}</body></html>\n`;
  return { status, headers: { 'content-type': HTML, 'cache-control': 'no-store' }, body };
}

/** A refusal page; it never posts anything anywhere. */
export function refuse(status: 400 | 401 | 403 | 404 | 405 | 413 | 415, reason: string): Reply {
  const title = status === 404 ? 'Not found' : status === 405 ? 'Method not allowed' : 'Request refused';
  return page(status, title, [reason]);
}

export function redirect(location: string, setCookies: readonly string[] = []): Reply {
  return { status: 302, headers: withCookies({ location, 'cache-control': 'no-store' }, setCookies), body: '' };
}

/**
 * An auto-submitting form that POSTs `fields` (form-encoded) to `action`: the OIDC form_post response
 * mode, used for the authentication response and its errors.
 */
export function autoPost(action: string, fields: ReadonlyArray<readonly [string, string]>): Reply {
  const inputs = fields
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const body =
    '<!doctype html><html><head><meta charset="utf-8"><title>Continuing to the tool</title></head>' +
    '<body onload="document.forms[0].submit()">' +
    `<form method="POST" action="${escapeHtml(action)}">${inputs}` +
    '<noscript><button type="submit">Continue</button></noscript></form></body></html>\n';
  return { status: 200, headers: { 'content-type': HTML, 'cache-control': 'no-store' }, body };
}

/** A JSON answer; `type` is the media type (services use their own). */
export function jsonReply(status: number, value: unknown, type: string = MEDIA_TYPE.json, extra: Reply['headers'] = {}): Reply {
  return { status, headers: { 'content-type': type, 'cache-control': 'no-store', ...extra }, body: JSON.stringify(value) };
}

/** An OAuth-style error body: `{ error, error_description }`. */
export function jsonError(status: number, error: string, description: string, extra: Reply['headers'] = {}): Reply {
  return jsonReply(status, { error, error_description: description }, MEDIA_TYPE.json, extra);
}

export function noContent(): Reply {
  return { status: 204, headers: { 'cache-control': 'no-store' }, body: '' };
}

// SameSite=Lax without Secure: the platform serves plain http on loopback, where tool and platform are
// the same site (ports do not count), so the cookie rides along with the tool's form posts back to us.
export function sessionCookie(name: string, value: string, maxAgeSeconds: number): string {
  return [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`].join('; ');
}

