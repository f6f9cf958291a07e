// limit/offset paging with a Link rel="next" header ([AGS] §3.2.4, [NRPS] §2.4.2). The next URL keeps
// every query parameter of the request (filters included), so a client follows it as given.
export type Paged<T> = { ok: true; items: T[]; link?: string } | { ok: false; reason: string };

export function paginate<T>(all: readonly T[], url: URL, omitNext: boolean): Paged<T> {
  const limitRaw = url.searchParams.get('limit');
  const offsetRaw = url.searchParams.get('offset');
  if (limitRaw !== null && !/^[1-9]\d{0,5}$/.test(limitRaw)) return { ok: false, reason: 'limit must be a positive integer' };
  if (offsetRaw !== null && !/^\d{1,9}$/.test(offsetRaw)) return { ok: false, reason: 'offset must be a non-negative integer' };
  const offset = offsetRaw === null ? 0 : Number(offsetRaw);
  if (limitRaw === null) return { ok: true, items: all.slice(offset) };
  const end = offset + Number(limitRaw);
  const items = all.slice(offset, end);
  if (end >= all.length || omitNext) return { ok: true, items };
  const next = new URL(url);
  next.searchParams.set('offset', String(end));
  return { ok: true, items, link: `<${next.toString()}>; rel="next"` };
}
