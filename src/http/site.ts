import { getPublicSuffix } from 'tough-cookie';

/**
 * The "site" of a URL as browsers judge SameSite cookies: scheme plus registrable domain
 * (lms.example.edu and tool.example.com are cross-site; a.example.com and b.example.com are not).
 * IP addresses and single-label hosts are their own site.
 */
export function siteOf(url: string): string {
  const u = new URL(url);
  const host = u.hostname;
  let domain = host;
  if (host.includes('.') && !/^[\d.]+$/.test(host) && !host.startsWith('[')) {
    try {
      domain = getPublicSuffix(host) ?? host;
    } catch {
      domain = host; // special-use names such as *.localhost
    }
  }
  return `${u.protocol}//${domain}`;
}

export function sameSite(a: string, b: string): boolean {
  return siteOf(a) === siteOf(b);
}

/** Default referrer policy (strict-origin-when-cross-origin): the full URL only within one origin. */
export function refererFor(from: string, to: string): string | undefined {
  const f = new URL(from);
  const t = new URL(to);
  if (f.protocol === 'https:' && t.protocol === 'http:') return undefined;
  return f.origin === t.origin ? `${f.origin}${f.pathname}${f.search}` : `${f.origin}/`;
}
