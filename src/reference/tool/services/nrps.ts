// Names and Role Provisioning Services 2.0: the context's memberships, every page.
import { MEDIA_TYPE, SCOPE } from '../../../lti/vocab.js';
import type { NextPage, ServiceClient } from './client.js';
import { jsonBody, nextLink, PlatformError } from './http.js';

export interface Member {
  userId: string;
  roles: string[];
  status: string;
}

export async function readRoster(svc: ServiceClient, url: string): Promise<{ members: Member[]; pages: number }> {
  const { flaws } = svc.deps;
  const next: NextPage = flaws.has('roster-first-page-only') ? () => undefined : (res) => nextLink(res);
  const accept = flaws.has('nrps-wrong-accept') ? MEDIA_TYPE.json : MEDIA_TYPE.membershipContainer;
  const pages = await svc.readAll('roster', [SCOPE.nrps], url, accept, next);
  const members: Member[] = [];
  for (const page of pages) {
    const body = jsonBody('roster', page) as { members?: unknown } | null;
    if (!Array.isArray(body?.members)) throw new PlatformError('roster', page.url, page.status, page.body);
    for (const m of body.members as Record<string, unknown>[]) {
      if (typeof m !== 'object' || m === null || typeof m.user_id !== 'string') continue;
      const roles = Array.isArray(m.roles) ? m.roles.filter((r): r is string => typeof r === 'string') : [];
      // An absent status means Active ([NRPS] §2.3).
      members.push({ userId: m.user_id, roles, status: typeof m.status === 'string' ? m.status : 'Active' });
    }
  }
  return { members, pages: pages.length };
}
