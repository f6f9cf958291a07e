// The line item container: a GET of it, its filters, and its paging ([AGS] §3.2.4).
import { fail, pass, type Check } from '../../core/check.js';
import { MEDIA_TYPE } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { sameUrl } from '../service/http.js';
import { idsOf, isObject, lineItemProblems, listProblems, mediaTypeIs, notJudged, show, statusIs, type ServiceAnswer } from './input.js';
import { pagingComplete, pagingLimit, pagingNext, type PagingInput } from './paging.js';
import { agsMediaRef } from './refs.js';

/** One GET of the line item container URL (a page of it). */
export interface LineItemsAnswerInput {
  answer: ServiceAnswer;
}

export const lineItemsStatusOk = statusIs<LineItemsAnswerInput>('platform-ags.lineitems.status-ok', 'the line item container answers GET with 200', [200], [rule('LTI-AGS-005')]);

export const lineItemsMediaType = mediaTypeIs<LineItemsAnswerInput>('platform-ags.lineitems.media-type', 'line item container', MEDIA_TYPE.lineItemContainer, [agsMediaRef('§3.2.1')]);

export const lineItemsBody: Check<LineItemsAnswerInput> = {
  id: 'platform-ags.lineitems.body-valid',
  title: 'the container is a JSON array of line items, each with an id URL, a label and scoreMaximum > 0',
  refs: [rule('LTI-AGS-005'), rule('LTI-AGS-004'), rule('LTI-AGS-015'), rule('LTI-AGS-016'), rule('LTI-AGS-019')],
  run: ({ answer }) => {
    if (answer.status !== 200) return notJudged(`the platform answered ${answer.status}`);
    if (!Array.isArray(answer.json)) return fail('the body is not a JSON array', 'an array of line items', answer.json ?? null);
    const problems = listProblems(answer.json, lineItemProblems);
    return problems.length === 0 ? pass() : fail(`invalid line items: ${problems.join('; ')}`, 'line items per AGS §3.2', problems);
  },
};

/** Filters as sent on the query (`resource_link_id`, `resource_id`, `tag`). */
export interface LineItemFilter {
  resource_link_id?: string;
  resource_id?: string;
  tag?: string;
}

/** Every line item a filtered GET listed (all pages), the filter, and the ids of the items known to match it. */
export interface LineItemsFilterInput {
  items: unknown[];
  filter: LineItemFilter;
  expectedIds: string[];
}

const MEMBER: Record<keyof LineItemFilter, string> = { resource_link_id: 'resourceLinkId', resource_id: 'resourceId', tag: 'tag' };

function mismatches(item: unknown, filter: LineItemFilter): string[] {
  const obj = isObject(item) ? item : {};
  return (Object.keys(MEMBER) as (keyof LineItemFilter)[])
    .filter((k) => filter[k] !== undefined && obj[MEMBER[k]] !== filter[k])
    .map((k) => `${MEMBER[k]} is ${show(obj[MEMBER[k]])}, not "${filter[k]}"`);
}

export const filterMatches: Check<LineItemsFilterInput> = {
  id: 'platform-ags.lineitems.filter-matches',
  title: 'a filtered GET lists only line items matching every filter given',
  refs: [rule('LTI-AGS-005'), rule('LTI-AGS-006')],
  run: ({ items, filter }) => {
    const wrong = listProblems(items, (x) => mismatches(x, filter));
    return wrong.length === 0 ? pass() : fail(`items that do not match the filter: ${wrong.join('; ')}`, filter, wrong);
  },
};

export const filterComplete: Check<LineItemsFilterInput> = {
  id: 'platform-ags.lineitems.filter-complete',
  title: 'a filtered GET lists every line item matching the filter',
  refs: [rule('LTI-AGS-005')],
  run: ({ items, filter, expectedIds }) => {
    const got = idsOf(items);
    const left = expectedIds.filter((id) => !got.some((g) => sameUrl(g, id)));
    return left.length === 0 ? pass() : fail(`matching line items missing from the answer to ${JSON.stringify(filter)}: ${left.join(', ')}`, expectedIds, got);
  },
};

/** A GET with a filter that no line item matches. */
export const noMatchEmpty: Check<LineItemsAnswerInput> = {
  id: 'platform-ags.lineitems.no-match-empty',
  title: 'a filter nothing matches is answered with just an empty array',
  refs: [rule('LTI-AGS-007')],
  run: ({ answer }) => {
    if (answer.status !== 200) return fail(`the platform answered ${answer.status}`, 'HTTP 200 with []', answer.status);
    return Array.isArray(answer.json) && answer.json.length === 0 ? pass() : fail(`the body is ${Array.isArray(answer.json) ? `an array of ${answer.json.length}` : show(answer.json)}`, [], answer.json ?? null);
  },
};

export const lineItemsPagingNext = pagingNext('platform-ags.lineitems', [rule('LTI-AGS-008')]);
export const lineItemsPagingComplete = pagingComplete('platform-ags.lineitems', [rule('LTI-AGS-008')]);
export const lineItemsLimit = pagingLimit('platform-ags.lineitems', [rule('LTI-AGS-005')]);

/** Checks on each page of a container GET (NT-P-24, NT-P-25). */
export const LINE_ITEMS_GET_CHECKS = [lineItemsStatusOk, lineItemsMediaType, lineItemsBody] as const;
/** Checks on the union of a filtered GET (NT-P-25). */
export const LINE_ITEMS_FILTER_CHECKS = [filterMatches, filterComplete] as const;
/** Check on a GET whose filter matches nothing (NT-P-25). */
export const LINE_ITEMS_NO_MATCH_CHECKS = [noMatchEmpty] as const;
/** Checks on a read with limit, following next links (NT-P-25). */
export const LINE_ITEMS_PAGING_CHECKS: readonly Check<PagingInput>[] = [lineItemsPagingNext, lineItemsPagingComplete, lineItemsLimit];
