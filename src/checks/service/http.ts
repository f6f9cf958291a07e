// Reading HTTP details of recorded exchanges: header lookup, media types, URL derivation.

/** Header value by case-insensitive name. */
export function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** `type/subtype` of a Content-Type value, lower-cased, parameters dropped; undefined when blank. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const t = contentType?.split(';')[0]?.trim().toLowerCase();
  return t ? t : undefined;
}

/** The media ranges an Accept header lists (parameters and q-values dropped). */
export function acceptedRanges(accept: string | undefined): string[] {
  return (accept ?? '').split(',').map((r) => mediaTypeOf(r)).filter((r): r is string => r !== undefined);
}

/** Whether a media range (`image/*`, `*\/*`, `text/html`) covers a media type. */
export function rangeCovers(range: string, type: string): boolean {
  const [rt, rs] = range.toLowerCase().split('/');
  const [tt, ts] = type.toLowerCase().split('/');
  if (!rt || !rs || !tt || !ts) return false;
  return (rt === '*' || rt === tt) && (rs === '*' || rs === ts);
}

export function parseUrl(u: string): URL | undefined {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
}

/** `name=value` pairs of a query, as a multiset for comparison. */
function queryPairs(u: URL): string[] {
  return [...u.searchParams.entries()].map(([k, v]) => `${k}=${v}`);
}

/**
 * Whether `actual` is the service URL derived from a line item URL ([AGS] §3.3.1, §3.4.1): same origin,
 * the line item path with `/<leaf>` appended, and every query parameter of the line item URL kept
 * (the tool may add its own, e.g. `user_id` or `limit` on results).
 */
export function isDerivedUrl(lineItemUrl: string, leaf: string, actual: string): boolean {
  const base = parseUrl(lineItemUrl);
  const got = parseUrl(actual);
  if (!base || !got || base.origin !== got.origin) return false;
  const paths = [`${base.pathname}/${leaf}`, `${base.pathname.replace(/\/+$/, '')}/${leaf}`];
  if (!paths.includes(got.pathname)) return false;
  const have = queryPairs(got);
  return queryPairs(base).every((p) => {
    const i = have.indexOf(p);
    if (i < 0) return false;
    have.splice(i, 1);
    return true;
  });
}

/** The URL a tool should call: the line item path plus `/<leaf>`, its query kept. */
export function derivedUrl(lineItemUrl: string, leaf: string): string {
  const base = parseUrl(lineItemUrl);
  if (!base) return `${lineItemUrl}/${leaf}`;
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/${leaf}`;
  return base.href;
}

/** URLs compared after parsing (so percent-encoding a client applies does not count as a change). */
export function sameUrl(a: string, b: string): boolean {
  const x = parseUrl(a);
  const y = parseUrl(b);
  return x !== undefined && y !== undefined ? x.href === y.href : a === b;
}

/** Origin and path equal, query ignored. */
export function samePath(a: string, b: string): boolean {
  const x = parseUrl(a);
  const y = parseUrl(b);
  return x !== undefined && y !== undefined && x.origin === y.origin && x.pathname === y.pathname;
}
