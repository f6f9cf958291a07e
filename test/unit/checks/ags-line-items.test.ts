import { describe, expect, it } from 'vitest';
import {
  LINE_ITEM_POST_CHECKS, LINE_ITEMS_GET_CHECKS, LINE_ITEMS_PAGING_CHECKS, lineItemContentType, lineItemSchemaValid, lineItemsAccept,
  lineItemsNextVerbatim, lineItemsPagesFollowed, type LineItemsCallInput,
} from '../../../src/checks/ags/line-items.js';
import { RESULTS_GET_CHECKS, resultsAccept, resultsUrl, type ResultsGetInput } from '../../../src/checks/ags/results.js';
import type { PagedReadInput } from '../../../src/checks/service/paging.js';
import { checkLevel } from '../../../src/core/check.js';
import { MEDIA_TYPE } from '../../../src/lti/vocab.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';
import { call } from './service-fixtures.js';

const CONTAINER = 'https://platform.example/ctx/1/lineitems';

describe('line item POST checks', () => {
  const item = (over: Record<string, unknown> = {}): string =>
    JSON.stringify({ label: 'Chapter 5 Test', scoreMaximum: 60, resourceId: 'quiz-231', tag: 'grade', startDateTime: '2018-03-06T20:05:02Z', endDateTime: '2018-04-06T22:05:03+02:00', ...over });
  const valid = (): LineItemsCallInput => ({ call: call({ operation: 'lineitems.post', method: 'POST', url: CONTAINER, headers: { 'Content-Type': MEDIA_TYPE.lineItem }, body: item() }) });
  const withBody = (body: string): LineItemsCallInput => ({ call: { ...valid().call, body } });
  const invalid = (errors: string[]) => bad(`the line item is invalid: ${errors.join('; ')}`, 'a line item per AGS §3.2', errors);

  const FAILING: Case<LineItemsCallInput>[] = [
    { name: 'application/json', check: lineItemContentType, input: { call: { ...valid().call, headers: { 'content-type': MEDIA_TYPE.json } } }, verdict: bad(`Content-Type is "${MEDIA_TYPE.json}"`, MEDIA_TYPE.lineItem, MEDIA_TYPE.json) },
    { name: 'blank label', check: lineItemSchemaValid, input: withBody(item({ label: '   ' })), verdict: invalid(['/label must be a non-blank string [AGS §3.2.7]']) },
    { name: 'label missing', check: lineItemSchemaValid, input: withBody(JSON.stringify({ scoreMaximum: 10 })), verdict: invalid(['/label is required [AGS §3.2.7]']) },
    { name: 'scoreMaximum 0', check: lineItemSchemaValid, input: withBody(item({ scoreMaximum: 0 })), verdict: invalid(['/scoreMaximum must be > 0 [AGS §3.2.8]']) },
    { name: 'scoreMaximum "60"', check: lineItemSchemaValid, input: withBody(item({ scoreMaximum: '60' })), verdict: invalid(['/scoreMaximum must be number [AGS §3.2.8]']) },
    { name: 'endDateTime without zone', check: lineItemSchemaValid, input: withBody(item({ endDateTime: '2018-04-06T22:05:03' })), verdict: invalid(['/endDateTime must be an ISO 8601 date-time with a zone designator, e.g. 2018-03-06T20:05:02Z [AGS §3.2.13]']) },
    { name: 'body not JSON', check: lineItemSchemaValid, input: withBody('label=x'), verdict: bad(`the body is not JSON: ${(() => { try { JSON.parse('label=x'); return ''; } catch (e) { return (e as Error).message; } })()}`, 'a line item JSON object', 'label=x') },
  ];

  checkTable(LINE_ITEM_POST_CHECKS, valid, FAILING, /^ags\.lineitem\.[a-z-]+$/);

  it('accepts extensions, gradesReleased, null dates and a resourceLinkId', () => {
    expect(lineItemSchemaValid.run(withBody(item({ gradesReleased: false, startDateTime: null, resourceLinkId: 'rl-1', 'https://tool.example/ext': { a: 1 } })), CTX)).toEqual({ ok: true });
  });
});

describe('line item container GET checks', () => {
  const valid = (): LineItemsCallInput => ({ call: call({ headers: { Accept: `${MEDIA_TYPE.lineItemContainer}, ${MEDIA_TYPE.json};q=0.5` } }) });
  const FAILING: Case<LineItemsCallInput>[] = [
    { name: 'Accept */*', check: lineItemsAccept, input: { call: call({ headers: { accept: '*/*' } }) }, verdict: bad('Accept is "*/*"', MEDIA_TYPE.lineItemContainer, '*/*') },
    { name: 'no Accept', check: lineItemsAccept, input: { call: call() }, verdict: bad('Accept is missing', MEDIA_TYPE.lineItemContainer, null) },
  ];
  checkTable(LINE_ITEMS_GET_CHECKS, valid, FAILING, /^ags\.lineitems\.[a-z-]+$/);

  it('the Accept check only warns', () => expect(checkLevel(lineItemsAccept.refs, 'certification')).toBe('warn'));
});

describe('line item container paging (NT-T-47)', () => {
  const P1 = `${CONTAINER}?resource_link_id=rl-1`;
  const P2 = `${CONTAINER}?resource_link_id=rl-1&page=2&limit=1`;
  const P3 = 'https://platform.example/ctx/1/lineitems-page?cursor=abc';
  const seq = (...urls: string[]) => urls.map((url, i) => call({ url, exchangeId: `x${i}` }));
  const valid = (): PagedReadInput => ({ calls: seq(P1, P2, P3), issuedNextLinks: [P2, P3] });

  const FAILING: Case<PagedReadInput>[] = [
    { name: 'stopped after the first page', check: lineItemsPagesFollowed, input: { calls: seq(P1), issuedNextLinks: [P2] }, verdict: bad(`the tool stopped after 1 of 2 pages: it never requested ${P2}`, [P2], [P1]) },
    {
      name: 're-applied the filter to the next link', check: lineItemsNextVerbatim, input: { calls: seq(P1, `${P2}&resource_link_id=rl-1`), issuedNextLinks: [P2] },
      verdict: bad(`the tool requested ${P2}&resource_link_id=rl-1 instead of the next link as given`, [P2], [`${P2}&resource_link_id=rl-1`]), alsoFails: [lineItemsPagesFollowed],
    },
  ];
  checkTable(LINE_ITEMS_PAGING_CHECKS, valid, FAILING, /^ags\.lineitems\.[a-z-]+$/);

  it('a single page needs no next link; a restart is not a rebuilt link; re-encoding is not a change', () => {
    expect(lineItemsPagesFollowed.run({ calls: seq(P1), issuedNextLinks: [] }, CTX)).toEqual({ ok: true, note: 'a single page: no next link was issued' });
    expect(lineItemsNextVerbatim.run({ calls: seq(P1, P1, P2), issuedNextLinks: [P2] }, CTX)).toEqual({ ok: true });
    const spaced = `${CONTAINER}?tag=a b`;
    expect(lineItemsPagesFollowed.run({ calls: seq(P1, `${CONTAINER}?tag=a%20b`), issuedNextLinks: [spaced] }, CTX)).toEqual({ ok: true });
  });

  it('stopping early warns; a rebuilt next link fails', () => {
    expect(checkLevel(lineItemsPagesFollowed.refs, 'certification')).toBe('warn');
    expect(checkLevel(lineItemsNextVerbatim.refs, 'spec')).toBe('fail');
  });
});

describe('results GET checks', () => {
  const LI = `${CONTAINER}/7/lineitem?x=1`;
  const valid = (): ResultsGetInput => ({ call: call({ operation: 'results.get', url: `${CONTAINER}/7/lineitem/results?x=1&user_id=u1`, headers: { accept: MEDIA_TYPE.resultContainer } }), lineItemUrl: LI });
  const FAILING: Case<ResultsGetInput>[] = [
    { name: 'query dropped', check: resultsUrl, input: { ...valid(), call: { ...valid().call, url: `${CONTAINER}/7/lineitem/results` } }, verdict: bad('the results URL is not derived from the line item URL', `${CONTAINER}/7/lineitem/results?x=1`, `${CONTAINER}/7/lineitem/results`) },
    { name: 'Accept the line item type', check: resultsAccept, input: { ...valid(), call: { ...valid().call, headers: { accept: MEDIA_TYPE.lineItem } } }, verdict: bad(`Accept is "${MEDIA_TYPE.lineItem}"`, MEDIA_TYPE.resultContainer, MEDIA_TYPE.lineItem) },
  ];
  checkTable(RESULTS_GET_CHECKS, valid, FAILING, /^ags\.results\.[a-z-]+$/);
});
