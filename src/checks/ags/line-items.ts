import { fail, pass, type Check } from '../../core/check.js';
import { MEDIA_TYPE } from '../../lti/vocab.js';
import type { ServiceCallRecord } from '../../roles/platform/services/records.js';
import { validate } from '../../schemas/index.js';
import { rule } from '../../spec/rules.js';
import { acceptIncludes, contentTypeIs } from '../service/media.js';
import { nextLinksVerbatim, pagesFollowed, type PagedReadInput } from '../service/paging.js';
import { mediaTypeRef } from './refs.js';

/** One call to the line item container (POST to create, GET to list). */
export interface LineItemsCallInput {
  call: ServiceCallRecord;
}

export const lineItemContentType = contentTypeIs<LineItemsCallInput>('ags.lineitem.content-type', 'new line item', MEDIA_TYPE.lineItem, [mediaTypeRef('§3.2.5')]);

export const lineItemSchemaValid: Check<LineItemsCallInput> = {
  id: 'ags.lineitem.schema-valid',
  title: 'the new line item has a non-blank label, scoreMaximum > 0 and zoned dates',
  refs: [rule('LTI-AGS-015'), rule('LTI-AGS-016'), rule('LTI-AGS-019')],
  run: ({ call }) => {
    let value: unknown;
    try {
      value = JSON.parse(call.body);
    } catch (e) {
      return fail(`the body is not JSON: ${(e as Error).message}`, 'a line item JSON object', call.body.slice(0, 200));
    }
    const v = validate('line-item', value);
    return v.ok ? pass() : fail(`the line item is invalid: ${v.errors.join('; ')}`, 'a line item per AGS §3.2', v.errors);
  },
};

export const lineItemsAccept = acceptIncludes<LineItemsCallInput>('ags.lineitems.accept', 'line item container', MEDIA_TYPE.lineItemContainer, [mediaTypeRef('§3.2.2.2')]);

/**
 * Reading every page is what a tool asked for the whole list must do, but the text only binds how a next
 * link is used: a SHOULD.
 */
export const lineItemsPagesFollowed: Check<PagedReadInput> = pagesFollowed('ags.lineitems.pages-followed', 'line item container', [rule('LTI-AGS-009', 'SHOULD')]);

export const lineItemsNextVerbatim: Check<PagedReadInput> = nextLinksVerbatim('ags.lineitems.next-verbatim', 'line item container', [rule('LTI-AGS-009')]);

/** Checks on a line item POST (with SERVICE_CALL_CHECKS, scope SCOPE.lineItem). */
export const LINE_ITEM_POST_CHECKS = [lineItemContentType, lineItemSchemaValid] as const;
/** Checks on each line item container GET (with SERVICE_CALL_CHECKS, scope SCOPE.lineItemReadOnly). */
export const LINE_ITEMS_GET_CHECKS = [lineItemsAccept] as const;
/** Checks on a whole paged read of the container. */
export const LINE_ITEMS_PAGING_CHECKS = [lineItemsPagesFollowed, lineItemsNextVerbatim] as const;
