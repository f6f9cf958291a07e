import { describe, expect, it } from 'vitest';
import {
  filterComplete, filterMatches, lineItemsBody, lineItemsLimit, lineItemsMediaType, lineItemsPagingComplete, lineItemsPagingNext, lineItemsStatusOk, noMatchEmpty,
} from '../../../src/checks/platform-services/ags-container.js';
import {
  LINE_ITEMS_FILTER_CHECKS, LINE_ITEMS_GET_CHECKS, LINE_ITEMS_NO_MATCH_CHECKS, LINE_ITEMS_PAGING_CHECKS,
  type LineItemsAnswerInput, type LineItemsFilterInput, type PagingInput,
} from '../../../src/checks/platform-services/index.js';
import { checkLevel } from '../../../src/core/check.js';
import { MEDIA_TYPE } from '../../../src/lti/vocab.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';
import { answer, ID1, ID2, lineItem } from './platform-services-fixtures.js';

const ID = /^platform-ags\.lineitems\.[a-z0-9-]+$/;

describe('line item container GET (NT-P-24, NT-P-25)', () => {
  const valid = (): LineItemsAnswerInput => ({ answer: answer(200, [lineItem(ID1), lineItem(ID2, { label: 'Quiz 2', tag: undefined })], MEDIA_TYPE.lineItemContainer) });
  const FAILING: Case<LineItemsAnswerInput>[] = [
    { name: '500', check: lineItemsStatusOk, input: { answer: answer(500, undefined) }, verdict: bad('the platform answered 500', 200, 500) },
    { name: 'labelled application/json', check: lineItemsMediaType, input: { answer: answer(200, []) }, verdict: bad(`Content-Type is "${MEDIA_TYPE.json}"`, MEDIA_TYPE.lineItemContainer, MEDIA_TYPE.json) },
    { name: 'an object, not an array', check: lineItemsBody, input: { answer: answer(200, { lineItems: [] }, MEDIA_TYPE.lineItemContainer) }, verdict: bad('the body is not a JSON array', 'an array of line items', { lineItems: [] }) },
    {
      name: 'an item whose id is not a URL', check: lineItemsBody, input: { answer: answer(200, [lineItem('li-1')], MEDIA_TYPE.lineItemContainer) },
      verdict: bad('invalid line items: item 1 (li-1): /id is "li-1", not a URL [AGS §3.2.3]', 'line items per AGS §3.2', ['item 1 (li-1): /id is "li-1", not a URL [AGS §3.2.3]']),
    },
    {
      name: 'an item with scoreMaximum 0 and no label', check: lineItemsBody, input: { answer: answer(200, [lineItem(ID1), lineItem(ID2, { scoreMaximum: 0, label: undefined })], MEDIA_TYPE.lineItemContainer) },
      verdict: bad(`invalid line items: item 2 (${ID2}): /label is required [AGS §3.2.7], /scoreMaximum must be > 0 [AGS §3.2.8]`, 'line items per AGS §3.2', [`item 2 (${ID2}): /label is required [AGS §3.2.7], /scoreMaximum must be > 0 [AGS §3.2.8]`]),
    },
  ];
  checkTable(LINE_ITEMS_GET_CHECKS, valid, FAILING, ID);

  it('accepts the media type with parameters', () => {
    expect(lineItemsMediaType.run({ answer: answer(200, [], `${MEDIA_TYPE.lineItemContainer}; charset=utf-8`) }, CTX).ok).toBe(true);
  });
  it('the media type only warns', () => expect(checkLevel(lineItemsMediaType.refs, 'certification')).toBe('warn'));
});

describe('line item container filters (NT-P-25)', () => {
  const filter = { resource_link_id: 'rl-1', resource_id: 'quiz-1' };
  const valid = (): LineItemsFilterInput => ({ items: [lineItem(ID1)], filter, expectedIds: [ID1] });
  const mismatch = `item 2 (${ID2}): resourceId is "quiz-2", not "quiz-1"`;
  const FAILING: Case<LineItemsFilterInput>[] = [
    { name: 'an item matching one filter of two', check: filterMatches, input: { ...valid(), items: [lineItem(ID1), lineItem(ID2, { resourceId: 'quiz-2' })] }, verdict: bad(`items that do not match the filter: ${mismatch}`, filter, [mismatch]) },
    {
      name: 'a tag filter ignored', check: filterMatches, input: { items: [lineItem(ID1, { tag: undefined })], filter: { tag: 'grade' }, expectedIds: [] },
      verdict: bad(`items that do not match the filter: item 1 (${ID1}): tag is missing, not "grade"`, { tag: 'grade' }, [`item 1 (${ID1}): tag is missing, not "grade"`]),
    },
    { name: 'a matching item left out', check: filterComplete, input: { ...valid(), items: [] }, verdict: bad(`matching line items missing from the answer to ${JSON.stringify(filter)}: ${ID1}`, [ID1], []) },
  ];
  checkTable(LINE_ITEMS_FILTER_CHECKS, valid, FAILING, ID);
});

describe('line item filter that matches nothing (LTI-AGS-007)', () => {
  const valid = (): LineItemsAnswerInput => ({ answer: answer(200, [], MEDIA_TYPE.lineItemContainer) });
  const FAILING: Case<LineItemsAnswerInput>[] = [
    { name: '404', check: noMatchEmpty, input: { answer: answer(404, undefined) }, verdict: bad('the platform answered 404', 'HTTP 200 with []', 404) },
    { name: 'an unfiltered list', check: noMatchEmpty, input: { answer: answer(200, [lineItem()]) }, verdict: bad('the body is an array of 1', [], [lineItem()]) },
    { name: 'an empty object', check: noMatchEmpty, input: { answer: answer(200, {}) }, verdict: bad('the body is {}', [], {}) },
  ];
  checkTable(LINE_ITEMS_NO_MATCH_CHECKS, valid, FAILING, ID);
});

describe('line item container paging with limit (LTI-AGS-008)', () => {
  const valid = (): PagingInput => ({ limit: 1, pages: [{ ids: ['a'], next: true }, { ids: ['b'], next: true }, { ids: ['c'], next: false }], expectedIds: ['a', 'b', 'c'], truncated: false });
  const FAILING: Case<PagingInput>[] = [
    {
      name: 'no next link after the first page', check: lineItemsPagingNext, input: { ...valid(), pages: [{ ids: ['a'], next: false }] },
      verdict: bad('page 1 (limit 1) has no rel="next" although 2 item(s) were not listed yet', 'a next link until b, c are listed', 'no next link'), alsoFails: [lineItemsPagingComplete],
    },
    {
      name: 'an item on two pages', check: lineItemsPagingComplete, input: { ...valid(), pages: [{ ids: ['a'], next: true }, { ids: ['a'], next: true }, { ids: ['b'], next: true }, { ids: ['c'], next: false }] },
      verdict: bad('items listed on more than one page: a', 'each item on one page', [['a'], ['a'], ['b'], ['c']]),
    },
    { name: 'limit ignored', check: lineItemsLimit, input: { ...valid(), pages: [{ ids: ['a', 'b', 'c'], next: false }] }, verdict: bad('page 1 lists 3 items with limit=1', 'at most 1', 3) },
  ];
  checkTable(LINE_ITEMS_PAGING_CHECKS, valid, FAILING, ID);

  it('a truncated read is not held against next links; duplicates still count', () => {
    const truncated = { ...valid(), pages: [{ ids: ['a'], next: true }], truncated: true };
    expect(lineItemsPagingNext.run(truncated, CTX).ok).toBe(true);
    expect(lineItemsPagingComplete.run(truncated, CTX).ok).toBe(true);
    expect(lineItemsPagingComplete.run({ ...truncated, pages: [{ ids: ['a'], next: true }, { ids: ['a'], next: true }] }, CTX).ok).toBe(false);
  });
});
