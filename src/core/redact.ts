// Reports are shared in CI logs: credentials never reach them.

const JWT = /\b(eyJ[A-Za-z0-9_-]*)\.(eyJ[A-Za-z0-9_-]*|[A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{8,})/g;
/** A credential after "Bearer": anything token-like, but not prose such as "bearer access token". */
const BEARER = /(Bearer\s+)(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-]|[A-Za-z0-9._~+/=-]{20,})[A-Za-z0-9._~+/=-]+/gi;
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Credentials by name: a token response's JSON members, and query or form parameters (a registration token travels in a URL). */
const SECRET_NAMES = 'access_token|refresh_token|registration_token|client_secret';
const SECRET_MEMBER = new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*")[^"]*`, 'g');
/** A value ends at a delimiter; punctuation just before one (a URL quoted in prose: "(… ?registration_token=x) and") is prose. */
const SECRET_PARAM = new RegExp(`((?:^|[?&#\\s])(?:${SECRET_NAMES})=)[^&#\\s"'<>]+?(?=[).,;]*(?:[&#\\s"'<>]|$))`, 'g');

/** Keeps a JWT's header and payload (they are evidence) but drops the signature and credentials. */
export function redactText(text: string): string {
  return text
    .replace(JWT, '$1.$2.<signature redacted>')
    .replace(BEARER, '$1<redacted>')
    .replace(SECRET_MEMBER, '$1<redacted>')
    .replace(SECRET_PARAM, '$1<redacted>');
}

export function redactHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const key = k.toLowerCase();
    if (SECRET_HEADERS.has(key)) {
      // Keep the scheme ("Bearer") when there is one: it is evidence; the credential never is.
      const scheme = /^([A-Za-z][A-Za-z0-9-]*)\s+\S/.exec(v)?.[1];
      out[key] = key.endsWith('authorization') && scheme ? `${scheme} <redacted>` : '<redacted>';
    } else {
      out[key] = redactText(v);
    }
  }
  return out;
}
