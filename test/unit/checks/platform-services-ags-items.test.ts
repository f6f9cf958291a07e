import { describe, expect, it } from 'vitest';
import {
  createAccepted, createKeepsIds, createMediaType, createReturnsItem, createStatus201, deleteGone, deleteStatus204, deleteSucceeds,
  readMediaType, readSameItem, readStatusOk, updateApplied, updateIdsUnchanged, updateStatusOk,
} from '../../../src/checks/platform-services/ags-line-item.js';
import {
  LINE_ITEM_CREATE_CHECKS, LINE_ITEM_DELETE_CHECKS, LINE_ITEM_READ_CHECKS, LINE_ITEM_UPDATE_CHECKS,
  type LineItemCreateInput, type LineItemDeleteInput, type LineItemReadInput, type LineItemUpdateInput,
} from '../../../src/checks/platform-services/index.js';
import { checkLevel } from '../../../src/core/check.js';
import { MEDIA_TYPE } from '../../../src/lti/vocab.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';
import { answer, ID1, lineItem } from './platform-services-fixtures.js';

const SENT = { label: 'Quiz 1', scoreMaximum: 10, resourceLinkId: 'rl-1', resourceId: 'quiz-1', tag: 'grade' };
const item = (status: number, json: unknown) => answer(status, json, MEDIA_TYPE.lineItem);

describe('line item POST (NT-P-24)', () => {
  const valid = (): LineItemCreateInput => ({ answer: item(201, lineItem()), sent: { ...SENT } });
  const FAILING: Case<LineItemCreateInput>[] = [
    { name: '400', check: createAccepted, input: { ...valid(), answer: item(400, { error: 'bad' }) }, verdict: bad('the platform answered 400', [201, 200], 400) },
    { name: '200 instead of 201', check: createStatus201, input: { ...valid(), answer: item(200, lineItem()) }, verdict: bad('the platform answered 200', 201, 200) },
    {
      name: 'no id in the answer', check: createReturnsItem, input: { ...valid(), answer: item(201, SENT) },
      verdict: bad('the answer is not a created line item: /id is missing, not a URL [AGS §3.2.3]', 'the line item with its id', SENT),
    },
    { name: 'an empty answer', check: createReturnsItem, input: { ...valid(), answer: item(201, undefined) }, verdict: bad('the answer is not a created line item: not a JSON object', 'the line item with its id', null) },
    {
      name: 'tag altered', check: createKeepsIds, input: { ...valid(), answer: item(201, lineItem(ID1, { tag: 'other' })) },
      verdict: bad('the platform altered what we sent (sent vs returned): tag: "grade" vs "other"', { resourceId: 'quiz-1', tag: 'grade' }, { resourceId: 'quiz-1', tag: 'other' }),
    },
    {
      name: 'resourceId dropped', check: createKeepsIds, input: { ...valid(), answer: item(201, lineItem(ID1, { resourceId: undefined })) },
      verdict: bad('the platform altered what we sent (sent vs returned): resourceId: "quiz-1" vs missing', { resourceId: 'quiz-1', tag: 'grade' }, { resourceId: undefined, tag: 'grade' }),
    },
    { name: 'labelled application/json', check: createMediaType, input: { ...valid(), answer: answer(201, lineItem()) }, verdict: bad(`Content-Type is "${MEDIA_TYPE.json}"`, MEDIA_TYPE.lineItem, MEDIA_TYPE.json) },
  ];
  checkTable(LINE_ITEM_CREATE_CHECKS, valid, FAILING, /^platform-ags\.lineitem-create\.[a-z0-9-]+$/);

  it('201 vs 200 and the media type only warn', () => {
    expect(checkLevel(createStatus201.refs, 'certification')).toBe('warn');
    expect(checkLevel(createAccepted.refs, 'spec')).toBe('fail');
  });
});

describe('line item GET', () => {
  const valid = (): LineItemReadInput => ({ answer: item(200, lineItem()), expected: lineItem() });
  const FAILING: Case<LineItemReadInput>[] = [
    { name: '404', check: readStatusOk, input: { ...valid(), answer: item(404, undefined) }, verdict: bad('the platform answered 404', 200, 404) },
    {
      name: 'another label', check: readSameItem, input: { ...valid(), answer: item(200, lineItem(ID1, { label: 'Other' })) },
      verdict: bad('the line item differs from the created one (created vs read): label: "Quiz 1" vs "Other"', lineItem(), lineItem(ID1, { label: 'Other' })),
    },
    { name: 'not a line item', check: readSameItem, input: { ...valid(), answer: item(200, []) }, verdict: bad('the answer is not a line item: not a JSON object', lineItem(), []) },
    { name: 'labelled text/html', check: readMediaType, input: { ...valid(), answer: answer(200, lineItem(), MEDIA_TYPE.html) }, verdict: bad(`Content-Type is "${MEDIA_TYPE.html}"`, MEDIA_TYPE.lineItem, MEDIA_TYPE.html) },
  ];
  checkTable(LINE_ITEM_READ_CHECKS, valid, FAILING, /^platform-ags\.lineitem-get\.[a-z0-9-]+$/);

  it('null and absent are the same; ids compare as URLs', () => {
    const created = lineItem(ID1, { tag: undefined });
    expect(readSameItem.run({ expected: created, answer: item(200, lineItem('https://LMS.example:443/ctx/1/lineitems/1', { tag: null })) }, CTX).ok).toBe(true);
  });
});

describe('line item PUT (NT-P-27)', () => {
  const original = lineItem();
  const updated = lineItem(ID1, { label: 'Quiz 1 (updated)' });
  const valid = (): LineItemUpdateInput => ({ answer: item(200, updated), original, sent: updated, after: item(200, updated) });
  const moved = lineItem(ID1, { resourceLinkId: 'rl-2' });
  const FAILING: Case<LineItemUpdateInput>[] = [
    { name: '400 for a valid PUT', check: updateStatusOk, input: { ...valid(), answer: item(400, undefined) }, verdict: bad('the platform answered 400', 200, 400) },
    {
      name: 'the answer disagrees with a GET after', check: updateApplied, input: { ...valid(), after: item(200, original) },
      verdict: bad('the PUT answer differs from the line item a GET then returns (answer vs GET): label: "Quiz 1 (updated)" vs "Quiz 1"', original, updated),
    },
    {
      name: 'the answer shows the old item (no GET after)', check: updateApplied, input: { ...valid(), answer: item(200, original), after: undefined },
      verdict: bad('the PUT answer does not show the update (sent vs answer): label: "Quiz 1 (updated)" vs "Quiz 1"', updated, original),
    },
    {
      name: 'resourceLinkId changed', check: updateIdsUnchanged, input: { answer: item(200, moved), original, sent: moved, after: item(200, moved) },
      verdict: bad('the platform applied a change it must ignore or refuse (before vs after): resourceLinkId: "rl-1" vs "rl-2"', { id: ID1, resourceLinkId: 'rl-1' }, [{ id: ID1, resourceLinkId: 'rl-2' }, { id: ID1, resourceLinkId: 'rl-2' }]),
    },
  ];
  checkTable(LINE_ITEM_UPDATE_CHECKS, valid, FAILING, /^platform-ags\.lineitem-put\.[a-z0-9-]+$/);

  it('a PUT changing resourceLinkId may be refused or ignored', () => {
    expect(updateIdsUnchanged.run({ answer: item(400, { error: 'resourceLinkId is read-only' }), original, sent: moved }, CTX).ok).toBe(true);
    expect(updateIdsUnchanged.run({ answer: item(200, original), original, sent: moved, after: item(200, original) }, CTX).ok).toBe(true);
  });
});

describe('line item DELETE (NT-P-28)', () => {
  const valid = (): LineItemDeleteInput => ({ deleteStatus: 204, afterStatus: 404 });
  const FAILING: Case<LineItemDeleteInput>[] = [
    { name: '405', check: deleteSucceeds, input: { deleteStatus: 405, afterStatus: 200 }, verdict: bad('DELETE was answered 405', 204, 405) },
    { name: '200 instead of 204', check: deleteStatus204, input: { deleteStatus: 200, afterStatus: 404 }, verdict: bad('DELETE was answered 200', 204, 200) },
    { name: 'still there', check: deleteGone, input: { deleteStatus: 204, afterStatus: 200 }, verdict: bad("the deleted line item's URL answered 200", 404, 200) },
  ];
  checkTable(LINE_ITEM_DELETE_CHECKS, valid, FAILING, /^platform-ags\.lineitem-delete\.[a-z0-9-]+$/);
});
