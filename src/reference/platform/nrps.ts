// Names and Role Provisioning Services 2.0: the course roster as a membership container ([NRPS] §2),
// with role filter, paging, and resource link queries (rlid, [NRPS] §3).
import { CLAIM, MEDIA_TYPE, MESSAGE_TYPE, SCOPE } from '../../lti/vocab.js';
import { authenticate, requireScope } from './bearer.js';
import type { PlatformContext } from './context.js';
import { findCourse, findUser, type Member } from './data.js';
import { jsonError, jsonReply, type Reply } from './html.js';
import type { ServiceRequest } from './http.js';
import { paginate } from './paging.js';
import type { ResourceLink } from './store.js';

const NRPS_PATH = /^\/nrps\/([^/]+)\/memberships\/?$/;

export function isNrpsPath(path: string): boolean {
  return path.startsWith('/nrps/');
}

/** A role filter is a full role URI, or a context role's simple name ([NRPS] §2.4.1). */
function hasRole(member: Member, filter: string): boolean {
  return member.roles.some((r) => r === filter || (!filter.includes('#') && r.slice(r.lastIndexOf('#') + 1) === filter));
}

function presentMember(ctx: PlatformContext, m: Member, link: ResourceLink | undefined): Record<string, unknown> {
  const user = findUser(m.userId);
  const out: Record<string, unknown> = {
    status: ctx.flaws.has('nrps-no-status-enum') ? 'active' : 'Active',
    user_id: m.userId,
    roles: [...m.roles],
  };
  if (user !== undefined) {
    out.name = `${user.givenName} ${user.familyName}`;
    out.given_name = user.givenName;
    out.family_name = user.familyName;
    out.email = user.email;
  }
  // A resource link query adds the member's launch-specific claims ([NRPS] §3.2).
  if (link !== undefined) {
    out.message = [{ [CLAIM.messageType]: MESSAGE_TYPE.resourceLink, [CLAIM.custom]: { ...link.custom } }];
  }
  return out;
}

export function handleNrps(ctx: PlatformContext, req: ServiceRequest): Reply {
  const { flaws } = ctx;
  const authn = authenticate(ctx, req.headers.authorization, flaws.has('nrps-no-auth'));
  if (!authn.ok) return authn.reply;
  if (req.method !== 'GET') return jsonError(405, 'method_not_allowed', 'use GET', { allow: 'GET' });
  const denied = requireScope(authn.caller, [SCOPE.nrps]);
  if (denied !== undefined) return denied;
  const m = NRPS_PATH.exec(req.url.pathname);
  let course;
  try {
    course = m?.[1] === undefined ? undefined : findCourse(decodeURIComponent(m[1]));
  } catch {
    course = undefined;
  }
  if (course === undefined) return jsonError(404, 'not_found', 'no such context');

  const q = req.url.searchParams;
  const rlid = q.get('rlid');
  let link: ResourceLink | undefined;
  if (rlid !== null) {
    link = ctx.store.links.get(rlid);
    // Only a link of this course (all links here belong to the one tool) may be queried ([NRPS] §3.1).
    if (link === undefined || link.contextId !== course.id) {
      return jsonError(403, 'forbidden', 'rlid does not name a resource link of this context');
    }
  }
  const role = flaws.has('nrps-ignores-role-filter') ? null : q.get('role');
  const members = course.members.filter((mem) => role === null || hasRole(mem, role));
  const paged = paginate(members, req.url, flaws.has('nrps-no-next-link'));
  if (!paged.ok) return jsonError(400, 'invalid_request', paged.reason);
  const body = {
    id: req.url.toString(),
    context: { id: course.id, label: course.label, title: course.title },
    members: paged.items.map((mem) => presentMember(ctx, mem, link)),
  };
  return jsonReply(200, body, MEDIA_TYPE.membershipContainer, paged.link === undefined ? {} : { link: paged.link });
}
