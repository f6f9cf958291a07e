import { BOGUS_TOKEN, getAllPages, getMemberships } from '../../src/actions/tool/services.js';
import { MEMBERSHIPS_CHECKS, MEMBERSHIPS_PAGING_CHECKS, membersOf, NRPS_AUTH_CHECKS, ROLE_FILTER_CHECKS } from '../../src/checks/platform-services/index.js';
import { MEDIA_TYPE, ROLE, SCOPE } from '../../src/lti/vocab.js';
import { rule } from '../../src/spec/rules.js';
import type { PlatformScenario } from './kinds.js';
import { serviceTarget, tokens } from './services-setup.js';

const SUITE = 'platform.nrps';
const answer = (r: { status: number; headers: Record<string, string>; json?: unknown }) => ({ status: r.status, headers: r.headers, json: r.json });
const userIds = (r: { status: number; headers: Record<string, string>; json?: unknown }): string[] =>
  (membersOf(answer(r)) ?? []).map((m) => (m as { user_id?: unknown }).user_id).filter((x): x is string => typeof x === 'string');

export const nrpsScenarios: PlatformScenario[] = [
  {
    id: 'platform.nrps.reads-roster', title: 'serves the roster as a membership container', role: 'platform', suite: SUITE, refs: [rule('LTI-NRPS-002')],
    summary: 'NT-P-34: media type; id, context.id; members with user_id and roles; status values known; no Deleted members. Needs target.services.membershipsUrl.',
    async run(ctx) {
      const s = await serviceTarget(ctx.env, 'nrps');
      const r = await getMemberships(ctx.env, s.membershipsUrl!, { token: await tokens(ctx.env).token([SCOPE.nrps]) });
      for (const c of MEMBERSHIPS_CHECKS) ctx.judge(c, { answer: answer(r) }, { evidence: [r.exchangeId] });
    },
  },
  {
    id: 'platform.nrps.pages-roster', title: 'pages the roster with limit and rel="next" to the end', role: 'platform', suite: SUITE, refs: [rule('LTI-NRPS-006')],
    summary: 'NT-P-35: limit=1 must give rel="next" links until every member has been listed. Needs target.services.membershipsUrl.',
    async run(ctx) {
      const s = await serviceTarget(ctx.env, 'nrps');
      const token = await tokens(ctx.env).token([SCOPE.nrps]);
      const all = await getMemberships(ctx.env, s.membershipsUrl!, { token });
      const url = new URL(s.membershipsUrl!);
      url.searchParams.set('limit', '1');
      const paged = await getAllPages(ctx.env, url.toString(), { token, accept: MEDIA_TYPE.membershipContainer });
      const pages = paged.pages.map((p) => ({ ids: userIds(p), next: p.link.next !== undefined }));
      for (const c of MEMBERSHIPS_PAGING_CHECKS) ctx.judge(c, { limit: 1, pages, expectedIds: userIds(all), truncated: paged.truncated }, { evidence: paged.pages.map((p) => p.exchangeId) });
    },
  },
  {
    id: 'platform.nrps.filters-by-role', title: 'filters the roster by role', role: 'platform', suite: SUITE, refs: [rule('LTI-NRPS-005')],
    summary: 'NT-P-37: role=Learner (full URI) returns only learners (a SHOULD). Needs target.services.membershipsUrl.',
    async run(ctx) {
      const s = await serviceTarget(ctx.env, 'nrps');
      const r = await getMemberships(ctx.env, s.membershipsUrl!, { token: await tokens(ctx.env).token([SCOPE.nrps]), role: ROLE.learner });
      for (const c of ROLE_FILTER_CHECKS) ctx.judge(c, { members: membersOf(answer(r)) ?? [], role: ROLE.learner }, { evidence: [r.exchangeId] });
    },
  },
  {
    id: 'platform.nrps.requires-token', title: 'refuses roster calls without a valid access token', role: 'platform', suite: SUITE, refs: [rule('LTI-TOK-014')],
    summary: 'NT-P-19: without a token and with a token never issued, the roster must get 401. Needs target.services.membershipsUrl.',
    async run(ctx) {
      const s = await serviceTarget(ctx.env, 'nrps');
      const none = await getMemberships(ctx.env, s.membershipsUrl!, { token: undefined });
      for (const c of NRPS_AUTH_CHECKS) ctx.judge(c, { status: none.status, credential: 'none' as const }, { evidence: [none.exchangeId] });
      const bogus = await getMemberships(ctx.env, s.membershipsUrl!, { token: BOGUS_TOKEN });
      for (const c of NRPS_AUTH_CHECKS) ctx.judge(c, { status: bogus.status, credential: 'bogus' as const }, { evidence: [bogus.exchangeId] });
    },
  },
];
