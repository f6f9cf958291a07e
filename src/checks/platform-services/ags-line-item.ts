// One line item: create (POST to the container), read, update (PUT) and delete ([AGS] §3.2.5-3.2.6, OpenAPI).
import { fail, pass, type Check } from '../../core/check.js';
import { MEDIA_TYPE } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { sameUrl } from '../service/http.js';
import { is2xx, isObject, lineItemProblems, mediaTypeIs, notJudged, show, statusIs, type Json, type ServiceAnswer } from './input.js';
import { agsMediaRef, oasRef } from './refs.js';

/** Members compared when two views of one line item must agree. */
const COMPARED = ['id', 'label', 'scoreMaximum', 'resourceLinkId', 'resourceId', 'tag', 'startDateTime', 'endDateTime'] as const;

/** Equal as JSON; ids compared as URLs; null and absent alike (a platform may spell "no tag" either way). */
const same = (key: string, a: unknown, b: unknown): boolean =>
  key === 'id' && typeof a === 'string' && typeof b === 'string' ? sameUrl(a, b) : JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** "label: "A" vs "B"" for each compared member (of `keys`) where the two differ. */
function differences(a: Json, b: Json, keys: readonly string[] = COMPARED): string[] {
  return keys.filter((k) => !same(k, a[k], b[k])).map((k) => `${k}: ${show(a[k])} vs ${show(b[k])}`);
}

/** The answer to a line item POST and the line item we sent. */
export interface LineItemCreateInput {
  answer: ServiceAnswer;
  sent: Json;
}

export const createAccepted = statusIs<LineItemCreateInput>('platform-ags.lineitem-create.accepted', 'a valid line item POST succeeds (201, or 200)', [201, 200], [rule('LTI-AGS-011')]);

export const createStatus201: Check<LineItemCreateInput> = {
  id: 'platform-ags.lineitem-create.status-201',
  title: 'a created line item is answered 201 Created',
  refs: [oasRef('POST lineitems -> 201', 'SHOULD')],
  run: ({ answer }) => (!is2xx(answer.status) ? notJudged(`the platform answered ${answer.status}`) : answer.status === 201 ? pass() : fail(`the platform answered ${answer.status}`, 201, answer.status)),
};

export const createReturnsItem: Check<LineItemCreateInput> = {
  id: 'platform-ags.lineitem-create.returns-item',
  title: 'the answer is the created line item, with its id URL, label and scoreMaximum',
  refs: [rule('LTI-AGS-011'), rule('LTI-AGS-004'), rule('LTI-AGS-015'), rule('LTI-AGS-016')],
  run: ({ answer }) => {
    if (!is2xx(answer.status)) return notJudged(`the platform answered ${answer.status}`);
    const p = lineItemProblems(answer.json);
    return p.length === 0 ? pass() : fail(`the answer is not a created line item: ${p.join('; ')}`, 'the line item with its id', answer.json ?? null);
  },
};

export const createKeepsIds: Check<LineItemCreateInput> = {
  id: 'platform-ags.lineitem-create.keeps-resource-id-tag',
  title: 'the created line item keeps the resourceId and tag we sent',
  refs: [rule('LTI-AGS-012')],
  run: ({ answer, sent }) => {
    if (!is2xx(answer.status) || !isObject(answer.json)) return notJudged('no created line item in the answer');
    const keys = ['resourceId', 'tag'].filter((k) => sent[k] !== undefined);
    const d = differences(sent, answer.json, keys);
    return d.length === 0 ? pass() : fail(`the platform altered what we sent (sent vs returned): ${d.join('; ')}`, Object.fromEntries(keys.map((k) => [k, sent[k]])), Object.fromEntries(keys.map((k) => [k, (answer.json as Json)[k]])));
  },
};

export const createMediaType = mediaTypeIs<LineItemCreateInput>('platform-ags.lineitem-create.media-type', 'created line item', MEDIA_TYPE.lineItem, [agsMediaRef('§3.2.1')]);

/** The answer to a GET of a line item URL, and the line item as the platform returned it on create. */
export interface LineItemReadInput {
  answer: ServiceAnswer;
  expected: Json;
}

export const readStatusOk = statusIs<LineItemReadInput>('platform-ags.lineitem-get.status-ok', 'the line item URL answers GET with 200', [200], [rule('LTI-AGS-004')]);

export const readSameItem: Check<LineItemReadInput> = {
  id: 'platform-ags.lineitem-get.same-item',
  title: 'GET returns the same line item the platform created',
  refs: [rule('LTI-AGS-004')],
  run: ({ answer, expected }) => {
    if (answer.status !== 200) return notJudged(`the platform answered ${answer.status}`);
    const p = lineItemProblems(answer.json);
    if (p.length > 0) return fail(`the answer is not a line item: ${p.join('; ')}`, expected, answer.json ?? null);
    const d = differences(expected, answer.json as Json);
    return d.length === 0 ? pass() : fail(`the line item differs from the created one (created vs read): ${d.join('; ')}`, expected, answer.json);
  },
};

export const readMediaType = mediaTypeIs<LineItemReadInput>('platform-ags.lineitem-get.media-type', 'line item', MEDIA_TYPE.lineItem, [agsMediaRef('§3.2.1')]);

/** The answer to a PUT, the line item before it, what we sent, and a GET right after (undefined when not made). */
export interface LineItemUpdateInput {
  answer: ServiceAnswer;
  original: Json;
  sent: Json;
  after?: ServiceAnswer;
}

export const updateStatusOk = statusIs<LineItemUpdateInput>('platform-ags.lineitem-put.status-ok', 'a valid line item PUT is answered 200', [200], [rule('LTI-AGS-018'), oasRef('PUT lineitem -> 200', 'MUST')]);

export const updateApplied: Check<LineItemUpdateInput> = {
  id: 'platform-ags.lineitem-put.applied',
  title: 'the PUT answer is the line item as applied (what a GET then returns)',
  refs: [rule('LTI-AGS-018')],
  run: ({ answer, sent, after }) => {
    if (!is2xx(answer.status)) return notJudged(`the platform answered ${answer.status}`);
    const p = lineItemProblems(answer.json);
    if (p.length > 0) return fail(`the answer is not a line item: ${p.join('; ')}`, 'the updated line item', answer.json ?? null);
    const reference = after?.status === 200 && isObject(after.json) ? after.json : undefined;
    const d = reference ? differences(answer.json as Json, reference) : differences(sent, answer.json as Json, ['label', 'scoreMaximum']);
    if (d.length === 0) return pass();
    return reference
      ? fail(`the PUT answer differs from the line item a GET then returns (answer vs GET): ${d.join('; ')}`, reference, answer.json)
      : fail(`the PUT answer does not show the update (sent vs answer): ${d.join('; ')}`, sent, answer.json);
  },
};

export const updateIdsUnchanged: Check<LineItemUpdateInput> = {
  id: 'platform-ags.lineitem-put.ids-unchanged',
  title: 'a PUT changing id or resourceLinkId is refused or ignored: both keep their values',
  // LTI-AGS-017 binds the tool; a platform applying the change is worth a warning, not a failure.
  refs: [rule('LTI-AGS-017', 'SHOULD')],
  run: ({ answer, original, after }) => {
    if (answer.status >= 400 && answer.status < 500) return pass(`the platform refused the change (${answer.status})`);
    if (!is2xx(answer.status)) return notJudged(`the platform answered ${answer.status}`);
    const views = [answer.json, after?.status === 200 ? after.json : undefined].filter(isObject);
    const d = views.flatMap((v) => differences(original, v, ['id', 'resourceLinkId']));
    return d.length === 0 ? pass() : fail(`the platform applied a change it must ignore or refuse (before vs after): ${[...new Set(d)].join('; ')}`, { id: original.id, resourceLinkId: original.resourceLinkId }, views.map((v) => ({ id: v.id, resourceLinkId: v.resourceLinkId })));
  },
};

/** The status of a DELETE of a line item URL, then of a GET of the same URL. */
export interface LineItemDeleteInput {
  deleteStatus: number;
  afterStatus: number;
}

export const deleteSucceeds: Check<LineItemDeleteInput> = {
  id: 'platform-ags.lineitem-delete.succeeds',
  title: 'the line item URL supports DELETE',
  refs: [rule('LTI-AGS-004')],
  run: ({ deleteStatus }) => (is2xx(deleteStatus) ? pass() : fail(`DELETE was answered ${deleteStatus}`, 204, deleteStatus)),
};

export const deleteStatus204: Check<LineItemDeleteInput> = {
  id: 'platform-ags.lineitem-delete.status-204',
  title: 'DELETE is answered 204 No Content',
  refs: [oasRef('DELETE lineitem -> 204', 'SHOULD')],
  run: ({ deleteStatus }) => (!is2xx(deleteStatus) ? notJudged(`DELETE was answered ${deleteStatus}`) : deleteStatus === 204 ? pass() : fail(`DELETE was answered ${deleteStatus}`, 204, deleteStatus)),
};

export const deleteGone: Check<LineItemDeleteInput> = {
  id: 'platform-ags.lineitem-delete.gone',
  title: 'after DELETE, a GET of the line item URL is answered 404',
  // The OpenAPI lets a platform keep a deleted item around (unassociated): a warning, not a failure.
  refs: [oasRef('GET lineitem -> 404', 'SHOULD')],
  run: ({ deleteStatus, afterStatus }) => {
    if (!is2xx(deleteStatus)) return notJudged(`DELETE was answered ${deleteStatus}`);
    return afterStatus === 404 || afterStatus === 410 || afterStatus === 403 ? pass() : fail(`the deleted line item's URL answered ${afterStatus}`, 404, afterStatus);
  },
};

/** Checks on a line item POST (NT-P-24). */
export const LINE_ITEM_CREATE_CHECKS = [createAccepted, createStatus201, createReturnsItem, createKeepsIds, createMediaType] as const;
/** Checks on a GET of a created line item. */
export const LINE_ITEM_READ_CHECKS = [readStatusOk, readSameItem, readMediaType] as const;
/** Checks on a valid PUT (status-ok, applied) and on one changing id/resourceLinkId (ids-unchanged, applied) (NT-P-27). */
export const LINE_ITEM_UPDATE_CHECKS = [updateStatusOk, updateApplied, updateIdsUnchanged] as const;
/** Checks on DELETE then GET (NT-P-28). */
export const LINE_ITEM_DELETE_CHECKS = [deleteSucceeds, deleteStatus204, deleteGone] as const;
