// Where our services live under the emulator base. The tenant query is deliberate: a tool must keep a
// service URL's query when it derives URLs from it ([AGS] §3.3.1, §3.4.1; NT-T-48).

export const SERVICE_PATHS = {
  token: '/token',
  deepLinkReturn: '/deep-link/return',
  ags: '/ags',
  nrps: '/nrps',
} as const;

export const TENANT = { name: 'tenant', value: 'lti-conform' } as const;
const TENANT_QUERY = `${TENANT.name}=${TENANT.value}`;

const seg = (s: string): string => encodeURIComponent(s);

export function lineItemsUrl(base: string, contextId: string): string {
  return `${base}${SERVICE_PATHS.ags}/${seg(contextId)}/lineitems?${TENANT_QUERY}`;
}

export function lineItemUrl(base: string, contextId: string, n: number): string {
  return `${base}${SERVICE_PATHS.ags}/${seg(contextId)}/lineitems/${n}/lineitem?${TENANT_QUERY}`;
}

export function resultsUrl(base: string, contextId: string, n: number): string {
  return `${base}${SERVICE_PATHS.ags}/${seg(contextId)}/lineitems/${n}/lineitem/results?${TENANT_QUERY}`;
}

export function resultUrl(base: string, contextId: string, n: number, userId: string): string {
  return `${base}${SERVICE_PATHS.ags}/${seg(contextId)}/lineitems/${n}/lineitem/results/${seg(userId)}?${TENANT_QUERY}`;
}

export function membershipsUrl(base: string, contextId: string): string {
  return `${base}${SERVICE_PATHS.nrps}/${seg(contextId)}/memberships?${TENANT_QUERY}`;
}

/** Path segments after the service prefix, decoded; undefined when a segment is not valid percent-encoding. */
export function segments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').slice(2).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}
