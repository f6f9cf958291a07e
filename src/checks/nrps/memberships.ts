import type { Check } from '../../core/check.js';
import { MEDIA_TYPE } from '../../lti/vocab.js';
import type { ServiceCallRecord } from '../../roles/platform/services/records.js';
import { rule } from '../../spec/rules.js';
import { acceptIncludes } from '../service/media.js';
import { pagesFollowed, type PagedReadInput } from '../service/paging.js';

/** One GET of the context membership URL. */
export interface MembershipsGetInput {
  call: ServiceCallRecord;
}

export const membershipsAccept = acceptIncludes<MembershipsGetInput>('nrps.memberships.accept', 'membership', MEDIA_TYPE.membershipContainer, [rule('LTI-NRPS-001')]);

/**
 * NRPS §2.4.2 binds the platform (a page without `next` is the last); a tool asked for the whole roster
 * that stops early misses members, which no sentence forbids in so many words: a SHOULD.
 */
export const membershipsPagesFollowed: Check<PagedReadInput> = pagesFollowed('nrps.memberships.pages-followed', 'membership list', [rule('LTI-NRPS-006', 'SHOULD')]);

/** Checks on each membership GET (with SERVICE_CALL_CHECKS, scope SCOPE.nrps). */
export const MEMBERSHIPS_GET_CHECKS = [membershipsAccept] as const;
/** Checks on a whole paged roster read. */
export const MEMBERSHIPS_PAGING_CHECKS = [membershipsPagesFollowed] as const;
