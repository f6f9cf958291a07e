import { describe } from 'vitest';
import { SUBMISSION_REVIEW_CHECKS, srForUserPresent, srLineItemPresent, srResourceLinkPresent, srTargetLinkUri } from '../../../src/checks/platform/submission-review.js';
import type { PlatformIdToken, PlatformIdTokenInput } from '../../../src/checks/platform/index.js';
import { CLAIM, MESSAGE_TYPE, ROLE } from '../../../src/lti/vocab.js';
import { bad, checkTable, type Case } from './check-table.js';
import { LINEITEMS, TARGET, validRl, withClaim, withMember } from './platform-fixtures.js';

/** A conforming LtiSubmissionReviewRequest: a resource link launch plus for_user and the reviewed line item. */
function validSr(): PlatformIdTokenInput {
  const input = validRl();
  const p = (input.token as PlatformIdToken).payload;
  p[CLAIM.messageType] = MESSAGE_TYPE.submissionReview;
  p[CLAIM.forUser] = { user_id: 'learner-42', given_name: 'Alan', family_name: 'Turing', name: 'Alan Turing', email: 'alan@lms.example', roles: [ROLE.learner] };
  input.expected.messageType = MESSAGE_TYPE.submissionReview;
  return input;
}

const claim = withClaim(validSr);
const member = withMember(validSr);

const CASES: Case<PlatformIdTokenInput>[] = [
  { name: 'no AGS claim', check: srLineItemPresent, input: claim(CLAIM.ags, undefined), verdict: bad('the AGS endpoint claim is missing', 'an AGS endpoint claim with lineitem', null) },
  { name: 'AGS claim without lineitem', check: srLineItemPresent, input: member(CLAIM.ags, 'lineitem', undefined), verdict: bad('the AGS claim has no lineitem', 'the URL of the line item under review', null) },
  { name: 'relative lineitem', check: srLineItemPresent, input: member(CLAIM.ags, 'lineitem', '/lineitems/1'), verdict: bad('lineitem is not an absolute URL', 'the URL of the line item under review', '/lineitems/1') },
  { name: 'no for_user', check: srForUserPresent, input: claim(CLAIM.forUser, undefined), verdict: bad('the for_user claim is missing', 'for_user with user_id', null) },
  { name: 'for_user without user_id', check: srForUserPresent, input: member(CLAIM.forUser, 'user_id', undefined), verdict: bad('for_user.user_id is missing', 'a non-empty string of at most 255 ASCII characters', null) },
  { name: 'no resource_link', check: srResourceLinkPresent, input: claim(CLAIM.resourceLink, undefined), verdict: bad('the resource_link claim is missing', 'resource_link with id', null) },
  { name: 'no target_link_uri', check: srTargetLinkUri, input: claim(CLAIM.targetLinkUri, undefined), verdict: bad('the target_link_uri claim is missing', TARGET, null) },
  { name: 'target_link_uri other than the initiation', check: srTargetLinkUri, input: claim(CLAIM.targetLinkUri, `${LINEITEMS}/review`), verdict: bad('the target_link_uri claim differs from the login initiation\'s target_link_uri', TARGET, `${LINEITEMS}/review`) },
];

describe('submission review request checks (we play the tool)', () => {
  checkTable(SUBMISSION_REVIEW_CHECKS, validSr, CASES, /^submission-review\.[a-z0-9-]+\.[a-z0-9-]+$/);
});
