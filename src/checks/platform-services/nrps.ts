// The roster a platform returns ([NRPS] §2.2-2.4): container, members, role filter, paging, access.
import { fail, pass, type Check } from '../../core/check.js';
import { CONTEXT_ROLE_NAMESPACE, MEDIA_TYPE, MEMBER_STATUS } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { authChecks } from './access.js';
import { isNonBlank, isObject, mediaTypeIs, notJudged, show, statusIs, type ServiceAnswer } from './input.js';
import { pagingComplete, pagingNext, type PagingInput } from './paging.js';
import { nrpsMediaRef, nrpsStatusRef } from './refs.js';

/** One GET of the context membership URL, and the launch context id when known. */
export interface MembershipsInput {
  answer: ServiceAnswer;
  contextId?: string;
}

export const membershipsStatusOk = statusIs<MembershipsInput>('platform-nrps.memberships.status-ok', 'the membership URL answers GET with 200', [200], [rule('LTI-NRPS-002')]);

export const membershipsMediaType = mediaTypeIs<MembershipsInput>('platform-nrps.memberships.media-type', 'membership container', MEDIA_TYPE.membershipContainer, [nrpsMediaRef, rule('LTI-NRPS-013')]);

/** The members array of a 200 container, when there is one. */
export function membersOf(answer: ServiceAnswer): unknown[] | undefined {
  return answer.status === 200 && isObject(answer.json) && Array.isArray(answer.json.members) ? answer.json.members : undefined;
}

export const membershipsContainer: Check<MembershipsInput> = {
  id: 'platform-nrps.memberships.container',
  title: 'the answer is a container with context.id (the launch context) and a members array',
  refs: [rule('LTI-NRPS-002')],
  run: ({ answer, contextId }) => {
    if (answer.status !== 200) return notJudged(`the platform answered ${answer.status}`);
    const c = answer.json;
    if (!isObject(c)) return fail('the body is not a JSON object', '{ id, context: { id }, members: [] }', c ?? null);
    const p: string[] = [];
    // The container id is not among the required members (LTI-NRPS-002: context.id, members with user_id and roles).
    const ctx = isObject(c.context) ? c.context.id : undefined;
    if (!isNonBlank(ctx)) p.push(`context.id is ${show(ctx)}`);
    else if (contextId !== undefined && ctx !== contextId) p.push(`context.id is "${ctx}", not the launch context "${contextId}"`);
    if (!Array.isArray(c.members)) p.push(`members is ${show(c.members)}, not an array`);
    return p.length === 0 ? pass() : fail(`the membership container is invalid: ${p.join('; ')}`, '{ id, context: { id }, members: [] }', p);
  },
};

/** "member 2 (u-2): ..." for each member the predicate finds fault with. */
function memberFaults(members: unknown[], faultOf: (m: Record<string, unknown>) => string | undefined): string[] {
  return members.flatMap((m, i) => {
    const fault = isObject(m) ? faultOf(m) : 'not a JSON object';
    const who = isObject(m) && isNonBlank(m.user_id) ? ` (${m.user_id})` : '';
    return fault ? [`member ${i + 1}${who}: ${fault}`] : [];
  });
}

function judgeMembers(id: string, title: string, refs: Check<MembershipsInput>['refs'], faultOf: (m: Record<string, unknown>) => string | undefined, expected: unknown): Check<MembershipsInput> {
  return {
    id,
    title,
    refs,
    run: ({ answer }) => {
      const members = membersOf(answer);
      if (!members) return notJudged('no members array (see platform-nrps.memberships.container)');
      const faults = memberFaults(members, faultOf);
      return faults.length === 0 ? pass() : fail(faults.join('; '), expected, faults);
    },
  };
}

export const membersRequired = judgeMembers('platform-nrps.members.required', 'every member has a user_id and a roles array of strings', [rule('LTI-NRPS-002')], (m) => {
  if (!isNonBlank(m.user_id)) return `user_id is ${show(m.user_id)}`;
  if (!Array.isArray(m.roles) || m.roles.some((r) => typeof r !== 'string')) return `roles is ${show(m.roles)}`;
  return undefined;
}, 'user_id (non-empty string) and roles (array of strings)');

export const membersStatusKnown = judgeMembers('platform-nrps.members.status-known', `a member status, when present, is one of ${MEMBER_STATUS.join(', ')}`, [nrpsStatusRef], (m) =>
  m.status === undefined || (MEMBER_STATUS as readonly unknown[]).includes(m.status) ? undefined : `status is ${show(m.status)}`, MEMBER_STATUS);

export const membersNoDeleted = judgeMembers('platform-nrps.members.no-deleted', 'an ordinary roster lists no Deleted members', [rule('LTI-NRPS-004')], (m) =>
  m.status === 'Deleted' ? 'status is "Deleted"' : undefined, 'no member with status Deleted');

/** The members of a GET with `role=<role>` (all pages). */
export interface RoleFilterInput {
  members: unknown[];
  role: string;
}

const simpleName = (role: string): string | undefined => (role.startsWith(CONTEXT_ROLE_NAMESPACE) ? role.slice(CONTEXT_ROLE_NAMESPACE.length) : !role.includes(':') ? role : undefined);

/** A member role satisfies a filter given as a URI or as a context role's simple name (`Learner`). */
export function roleMatches(filter: string, role: string): boolean {
  if (filter === role) return true;
  const a = simpleName(filter);
  return a !== undefined && a === simpleName(role);
}

export const roleFilterMatches: Check<RoleFilterInput> = {
  id: 'platform-nrps.role-filter.matches',
  title: 'a role filter returns only members with that role',
  refs: [rule('LTI-NRPS-005')],
  run: ({ members, role }) => {
    const faults = memberFaults(members, (m) => (Array.isArray(m.roles) && m.roles.some((r) => typeof r === 'string' && roleMatches(role, r)) ? undefined : `roles ${show(m.roles)} lack ${role}`));
    return faults.length === 0 ? pass() : fail(`members without the role asked for: ${faults.join('; ')}`, role, faults);
  },
};

export const membershipsPagingNext = pagingNext('platform-nrps.memberships', [rule('LTI-NRPS-006')]);
export const membershipsPagingComplete = pagingComplete('platform-nrps.memberships', [rule('LTI-NRPS-006')]);
export const [nrpsAuthRefused, nrpsAuthStatus401] = authChecks('platform-nrps');

/** Checks on each roster GET (NT-P-34). */
export const MEMBERSHIPS_CHECKS = [membershipsStatusOk, membershipsMediaType, membershipsContainer, membersRequired, membersStatusKnown, membersNoDeleted] as const;
/** Check on a role-filtered roster (NT-P-37). */
export const ROLE_FILTER_CHECKS = [roleFilterMatches] as const;
/** Checks on a roster read with limit (NT-P-35). */
export const MEMBERSHIPS_PAGING_CHECKS: readonly Check<PagingInput>[] = [membershipsPagingNext, membershipsPagingComplete];
/** Checks on a roster call without / with a bogus token (NT-P-19). */
export const NRPS_AUTH_CHECKS = [nrpsAuthRefused, nrpsAuthStatus401] as const;
