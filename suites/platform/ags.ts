import { BOGUS_TOKEN, createLineItem, deleteLineItem, getAllPages, getLineItem, getResults, listLineItems, postScore, putLineItem } from '../../src/actions/tool/services.js';
import {
  AGS_AUTH_CHECKS, AGS_CONTEXT_CHECKS, foreignResourceLinkRefused, invalidLineItemRefused, AGS_SCOPE_CHECKS, LINE_ITEM_CREATE_CHECKS, LINE_ITEM_DELETE_CHECKS, LINE_ITEM_READ_CHECKS, LINE_ITEM_UPDATE_CHECKS,
  LINE_ITEMS_FILTER_CHECKS, LINE_ITEMS_GET_CHECKS, LINE_ITEMS_NO_MATCH_CHECKS, LINE_ITEMS_PAGING_CHECKS, MALFORMED_SCORE_CHECKS, RESULTS_CHECKS, SCORE_CHECKS, SCORE_OVER_MAXIMUM_CHECKS,
} from '../../src/checks/platform-services/index.js';
import type { Check } from '../../src/core/check.js';
import { updateIdsUnchanged } from '../../src/checks/platform-services/ags-line-item.js';
import { HarnessError, ScenarioSkipped } from '../../src/core/errors.js';
import type { ScenarioContext } from '../../src/core/scenario.js';
import type { PlatformTestEnv } from '../../src/actions/tool/env.js';
import { MEDIA_TYPE, SCOPE } from '../../src/lti/vocab.js';
import { rule } from '../../src/spec/rules.js';
import type { SpecRef } from '../../src/spec/specs.js';
import type { PlatformScenario } from './kinds.js';
import { idOf, learner, Litter, serviceTarget, tokens, type ServiceTarget } from './services-setup.js';

type Ctx = ScenarioContext<PlatformTestEnv>;
const SUITE = 'platform.ags';
const answer = (r: { status: number; headers: Record<string, string>; json?: unknown }) => ({ status: r.status, headers: r.headers, json: r.json });
const judgeAll = <In>(ctx: Ctx, checks: readonly Check<In>[], input: In, evidence: string[]): void => {
  for (const c of checks) ctx.judge(c, input, { evidence });
};
const stamp = (): string => new Date().toISOString();
const uniq = (): string => `lti-conform-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

interface Tools {
  s: ServiceTarget;
  lineItems: string;
  token: (scopes: string[]) => Promise<string>;
  litter: Litter;
}

/** A scenario with the course's services, tokens on demand, and cleanup of whatever it created. */
function agsScenario(id: string, title: string, summary: string, refs: readonly [SpecRef, ...SpecRef[]], body: (ctx: Ctx, t: Tools) => Promise<void>): PlatformScenario {
  return {
    id: `platform.ags.${id}`, title, summary: `${summary} Needs target.services.lineItemsUrl; everything created is deleted again.`, role: 'platform', suite: SUITE, refs,
    async run(ctx) {
      const s = await serviceTarget(ctx.env, 'ags');
      const cache = tokens(ctx.env);
      const token = (scopes: string[]): Promise<string> => cache.token(scopes);
      const litter = new Litter(ctx.env, () => token([SCOPE.lineItem]));
      try {
        await body(ctx, { s, lineItems: s.lineItemsUrl!, token, litter });
      } finally {
        await litter.clean();
      }
    },
  };
}

const newItem = (s: ServiceTarget, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  label: 'lti-conform probe', scoreMaximum: 10, resourceId: uniq(), tag: 'lti-conform', ...(s.resourceLinkId ? { resourceLinkId: s.resourceLinkId } : {}), ...extra,
});

const scenarios: PlatformScenario[] = [
  agsScenario('lists-line-items', 'lists line items as a container of valid items', 'NT-P-25: GET of the line item container.', [rule('LTI-AGS-005')], async (ctx, t) => {
    const r = await listLineItems(ctx.env, t.lineItems, { token: await t.token([SCOPE.lineItemReadOnly]) });
    judgeAll(ctx, LINE_ITEMS_GET_CHECKS, { answer: answer(r) }, [r.exchangeId]);
  }),
  agsScenario('line-item-lifecycle', 'creates, reads, updates and deletes a line item', 'NT-P-24, NT-P-27, NT-P-28: POST (201, id, resourceId and tag unchanged, media type), GET, PUT (applied, id unchanged), DELETE (204, then 404).', [rule('LTI-AGS-011'), rule('LTI-AGS-018')], async (ctx, t) => {
    const token = await t.token([SCOPE.lineItem]);
    const sent = newItem(t.s);
    const created = await createLineItem(ctx.env, t.lineItems, sent, token);
    const url = t.litter.add(created);
    judgeAll(ctx, LINE_ITEM_CREATE_CHECKS, { answer: answer(created), sent }, [created.exchangeId]);
    if (!url) return;
    const read = await getLineItem(ctx.env, url, token);
    judgeAll(ctx, LINE_ITEM_READ_CHECKS, { answer: answer(read), expected: created.json as Record<string, unknown> }, [read.exchangeId]);
    const update = { ...(created.json as Record<string, unknown>), label: 'lti-conform probe (renamed)' };
    const put = await putLineItem(ctx.env, url, update, token);
    const after = await getLineItem(ctx.env, url, token);
    judgeAll(ctx, LINE_ITEM_UPDATE_CHECKS, { answer: answer(put), original: created.json as Record<string, unknown>, sent: update, after: answer(after) }, [put.exchangeId, after.exchangeId]);
    // NT-P-27: a PUT that tries to change id and resourceLinkId must leave both as they were.
    const moved = { ...(after.json as Record<string, unknown>), id: `${url}-moved`, resourceLinkId: 'lti-conform-other-link' };
    const put2 = await putLineItem(ctx.env, url, moved, token);
    const after2 = await getLineItem(ctx.env, url, token);
    ctx.judge(updateIdsUnchanged, { answer: answer(put2), original: after.json as Record<string, unknown>, sent: moved, after: answer(after2) }, { evidence: [put2.exchangeId, after2.exchangeId] });
    const del = await deleteLineItem(ctx.env, url, token);
    const gone = await getLineItem(ctx.env, url, token);
    if (del.status < 300) t.litter.forget(url);
    judgeAll(ctx, LINE_ITEM_DELETE_CHECKS, { deleteStatus: del.status, afterStatus: gone.status }, [del.exchangeId, gone.exchangeId]);
  }),
  agsScenario('pages-and-filters-line-items', 'pages with limit and filters by resource_id and tag', 'NT-P-25: three line items are created (two bound to the configured resource link); limit=1 must page with rel="next" until all are read; resource_id, tag and resource_link_id filters return exactly the matching items; a filter matching nothing returns [].', [rule('LTI-AGS-005'), rule('LTI-AGS-008')], async (ctx, t) => {
    const token = await t.token([SCOPE.lineItem]);
    const tag = uniq();
    const created: string[] = [];
    const resourceIds: string[] = [];
    const linked: string[] = [];
    for (let i = 0; i < 3; i++) {
      // The last item is bound to no resource link, so a resource_link_id filter has something to leave out.
      const item = newItem(t.s, { tag, ...(i === 2 ? { resourceLinkId: undefined } : {}) });
      const r = await createLineItem(ctx.env, t.lineItems, JSON.parse(JSON.stringify(item)), token);
      const id = t.litter.add(r);
      if (id) { created.push(id); resourceIds.push(String(item.resourceId)); if (i < 2) linked.push(id); }
    }
    if (created.length < 3) throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `only ${created.length} of 3 line items could be created, so paging and filters cannot be judged`, 'See platform.ags.line-item-lifecycle.');
    const paged = await getAllPages(ctx.env, withLimit(t.lineItems, 1, tag), { token, accept: MEDIA_TYPE.lineItemContainer });
    const pages = paged.pages.map((p) => ({ ids: itemIds(p.json), next: p.link.next !== undefined }));
    judgeAll(ctx, LINE_ITEMS_PAGING_CHECKS, { limit: 1, pages, expectedIds: created, truncated: paged.truncated }, paged.pages.map((p) => p.exchangeId));
    const byTag = await getAllPages(ctx.env, withQueryParam(t.lineItems, 'tag', tag), { token, accept: MEDIA_TYPE.lineItemContainer });
    judgeAll(ctx, LINE_ITEMS_FILTER_CHECKS, { items: byTag.pages.flatMap((p) => (Array.isArray(p.json) ? p.json : [])), filter: { tag }, expectedIds: created }, byTag.pages.map((p) => p.exchangeId));
    const byResource = await getAllPages(ctx.env, withQueryParam(t.lineItems, 'resource_id', resourceIds[0] ?? ''), { token, accept: MEDIA_TYPE.lineItemContainer });
    judgeAll(ctx, LINE_ITEMS_FILTER_CHECKS, { items: byResource.pages.flatMap((p) => (Array.isArray(p.json) ? p.json : [])), filter: { resource_id: resourceIds[0] ?? '' }, expectedIds: created.slice(0, 1) }, byResource.pages.map((p) => p.exchangeId));
    if (t.s.resourceLinkId) {
      const link = t.s.resourceLinkId;
      const byLink = await getAllPages(ctx.env, withQueryParam(withQueryParam(t.lineItems, 'resource_link_id', link), 'tag', tag), { token, accept: MEDIA_TYPE.lineItemContainer });
      judgeAll(ctx, LINE_ITEMS_FILTER_CHECKS, { items: byLink.pages.flatMap((p) => (Array.isArray(p.json) ? p.json : [])), filter: { resource_link_id: link, tag }, expectedIds: linked }, byLink.pages.map((p) => p.exchangeId));
    }
    const none = await listLineItems(ctx.env, withQueryParam(t.lineItems, 'tag', `${tag}-none`), { token });
    judgeAll(ctx, LINE_ITEMS_NO_MATCH_CHECKS, { answer: answer(none) }, [none.exchangeId]);
  }),
  agsScenario('scores-and-results', 'accepts scores and reports results', 'NT-P-31, NT-P-33: a valid score for a learner, one above scoreMaximum (accepted), then results with the user_id filter.', [rule('LTI-AGS-028'), rule('LTI-AGS-025')], async (ctx, t) => {
    const token = await t.token([SCOPE.lineItem]);
    const created = await createLineItem(ctx.env, t.lineItems, newItem(t.s), token);
    const url = t.litter.add(created) ?? idOf(created.json);
    if (!url) return judgeAll(ctx, LINE_ITEM_CREATE_CHECKS, { answer: answer(created), sent: {} }, [created.exchangeId]);
    const user = await learner(ctx.env, t.s, () => t.token([SCOPE.nrps]));
    const scoreToken = await t.token([SCOPE.score]);
    const valid = await postScore(ctx.env, url, { userId: user, scoreGiven: 7, scoreMaximum: 10, timestamp: stamp(), activityProgress: 'Completed', gradingProgress: 'FullyGraded' }, scoreToken);
    judgeAll(ctx, SCORE_CHECKS, { status: valid.status }, [valid.exchangeId]);
    // On a line item of its own: two scores within one second may meet a platform that keeps whole seconds (409).
    const other = t.litter.add(await createLineItem(ctx.env, t.lineItems, newItem(t.s), token)) ?? url;
    const over = await postScore(ctx.env, other, { userId: user, scoreGiven: 12, scoreMaximum: 10, timestamp: stamp(), activityProgress: 'Completed', gradingProgress: 'FullyGraded' }, scoreToken);
    judgeAll(ctx, SCORE_OVER_MAXIMUM_CHECKS, { status: over.status }, [over.exchangeId]);
    const results = await getResults(ctx.env, url, { token: await t.token([SCOPE.resultReadOnly]), userId: user });
    judgeAll(ctx, RESULTS_CHECKS, { answer: answer(results), lineItemId: url, userId: user, scoredUserIds: [user] }, [results.exchangeId]);
  }),
  agsScenario('refuses-malformed-scores', 'refuses malformed scores', 'NT-P-29: scores without userId, without timestamp, with a timestamp lacking its zone, with an unknown activityProgress, and with scoreGiven but no scoreMaximum should get 400 (a warning: these rules bind the tool).', [rule('LTI-AGS-026', 'SHOULD')], async (ctx, t) => {
    const created = await createLineItem(ctx.env, t.lineItems, newItem(t.s), await t.token([SCOPE.lineItem]));
    const url = t.litter.add(created);
    if (!url) throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the line item to score could not be created (${created.status})`, 'See platform.ags.line-item-lifecycle.');
    const user = await learner(ctx.env, t.s, () => t.token([SCOPE.nrps]));
    const good = { userId: user, scoreGiven: 5, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded' };
    const defects: [string, Record<string, unknown>][] = [
      ['no userId', { ...good, userId: undefined, timestamp: stamp() }],
      ['no timestamp', { ...good }],
      ['timestamp without a zone', { ...good, timestamp: stamp().replace('Z', '') }],
      ['activityProgress Done', { ...good, activityProgress: 'Done', timestamp: stamp() }],
      ['scoreGiven without scoreMaximum', { ...good, scoreMaximum: undefined, timestamp: stamp() }],
    ];
    const scoreToken = await t.token([SCOPE.score]);
    for (const [defect, score] of defects) {
      const r = await postScore(ctx.env, url, JSON.parse(JSON.stringify(score)), scoreToken);
      judgeAll(ctx, MALFORMED_SCORE_CHECKS, { status: r.status, defect }, [r.exchangeId]);
    }
  }),
  agsScenario('refuses-invalid-line-items', 'refuses line items without a label, with scoreMaximum 0, or for a foreign resource link', 'NT-P-22, NT-P-23: a blank label or scoreMaximum 0 should get 400 (a warning); a resourceLinkId that is no link of this tool in this course must get 404.', [rule('LTI-AGS-013')], async (ctx, t) => {
    const token = await t.token([SCOPE.lineItem]);
    const cases: [string, Record<string, unknown>, typeof invalidLineItemRefused][] = [
      ['a blank label', newItem(t.s, { label: '  ' }), invalidLineItemRefused],
      ['scoreMaximum 0', newItem(t.s, { scoreMaximum: 0 }), invalidLineItemRefused],
      ['an unknown resourceLinkId', newItem(t.s, { resourceLinkId: `lti-conform-no-such-link-${uniq()}` }), foreignResourceLinkRefused],
    ];
    for (const [defect, item, check] of cases) {
      const r = await createLineItem(ctx.env, t.lineItems, item, token);
      t.litter.add(r);
      ctx.judge(check, { status: r.status, defect }, { evidence: [r.exchangeId] });
    }
  }),
  agsScenario('requires-token', 'refuses calls without a valid access token', 'NT-P-19: the line item container without a token and with a token never issued must get 401.', [rule('LTI-TOK-014')], async (ctx, t) => {
    const none = await listLineItems(ctx.env, t.lineItems, { token: undefined });
    judgeAll(ctx, AGS_AUTH_CHECKS, { status: none.status, credential: 'none' as const }, [none.exchangeId]);
    const bogus = await listLineItems(ctx.env, t.lineItems, { token: BOGUS_TOKEN });
    judgeAll(ctx, AGS_AUTH_CHECKS, { status: bogus.status, credential: 'bogus' as const }, [bogus.exchangeId]);
  }),
  agsScenario('enforces-scope', 'refuses to create a line item with a score-only token', 'NT-P-20: access MAY be controlled by scope, so acceptance is a warning.', [rule('LTI-TOK-015')], async (ctx, t) => {
    const r = await createLineItem(ctx.env, t.lineItems, newItem(t.s), await t.token([SCOPE.score]));
    t.litter.add(r);
    judgeAll(ctx, AGS_SCOPE_CHECKS, { status: r.status, operation: 'POST lineitems with a score-only token' }, [r.exchangeId]);
  }),
  agsScenario('isolates-contexts', 'does not list one course\'s line items in another', 'NT-P-26: a line item created in the first course must not appear in the second (target.services.otherLineItemsUrl).', [rule('LTI-AGS-038')], async (ctx, t) => {
    const other = t.s.otherLineItemsUrl;
    if (!other) throw new ScenarioSkipped('target.services.otherLineItemsUrl (a second course) is not configured');
    const token = await t.token([SCOPE.lineItem]);
    const created = await createLineItem(ctx.env, t.lineItems, newItem(t.s, { resourceLinkId: undefined }), token);
    const id = t.litter.add(created);
    if (!id) throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the line item could not be created (${created.status})`, 'See platform.ags.line-item-lifecycle.');
    const listed = await getAllPages(ctx.env, other, { token, accept: MEDIA_TYPE.lineItemContainer });
    if (listed.pages.some((p) => p.status !== 200)) throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the second course's line items could not be read (${listed.pages.at(-1)?.status})`, 'Check target.services.otherLineItemsUrl and the token scopes.');
    judgeAll(ctx, AGS_CONTEXT_CHECKS, { listedIds: listed.pages.flatMap((p) => itemIds(p.json)), otherContextIds: id ? [id] : [] }, listed.pages.map((p) => p.exchangeId));
  }),
];

function itemIds(json: unknown): string[] {
  return Array.isArray(json) ? json.map(idOf).filter((x): x is string => x !== undefined) : [];
}

function withQueryParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}

function withLimit(url: string, limit: number, tag: string): string {
  return withQueryParam(withQueryParam(url, 'limit', String(limit)), 'tag', tag);
}

export const agsScenarios: PlatformScenario[] = scenarios;
