import { fail, pass } from '../../core/check.js';
import { CLAIM } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { shown } from '../client-assertion/jwt.js';
import { asciiIdProblem, isObject, parseUrl, tokenCheck } from './input.js';

// LtiSubmissionReviewRequest (catalog §1.10): levels come from libraries; the SR text could not be read.

export const srLineItemPresent = tokenCheck(
  'submission-review.ags-lineitem.present',
  'the AGS endpoint claim names the line item under review (a non-empty lineitem URL)',
  [rule('LTI-SR-001')],
  ({ payload }) => {
    const ags = payload[CLAIM.ags];
    if (!isObject(ags)) return fail(ags === undefined ? 'the AGS endpoint claim is missing' : 'the AGS endpoint claim is not a JSON object', 'an AGS endpoint claim with lineitem', ags ?? null);
    const li = ags.lineitem;
    if (typeof li !== 'string' || li === '') return fail(li === undefined ? 'the AGS claim has no lineitem' : `lineitem is ${shown(li)}`, 'the URL of the line item under review', li ?? null);
    return parseUrl(li) ? pass() : fail('lineitem is not an absolute URL', 'the URL of the line item under review', li);
  },
);

export const srForUserPresent = tokenCheck(
  'submission-review.for-user.user-id-present',
  'the for_user claim names the learner whose submission is reviewed (user_id)',
  [rule('LTI-SR-002')],
  ({ payload }) => {
    const fu = payload[CLAIM.forUser];
    if (!isObject(fu)) return fail(fu === undefined ? 'the for_user claim is missing' : 'the for_user claim is not a JSON object', 'for_user with user_id', fu ?? null);
    const problem = asciiIdProblem('for_user.user_id', fu.user_id);
    return problem ? fail(problem, 'a non-empty string of at most 255 ASCII characters', fu.user_id ?? null) : pass();
  },
);

export const srResourceLinkPresent = tokenCheck(
  'submission-review.resource-link.present',
  'the launch names the resource link the line item belongs to (resource_link.id)',
  [rule('LTI-SR-004')],
  ({ payload }) => {
    const rl = payload[CLAIM.resourceLink];
    if (!isObject(rl)) return fail(rl === undefined ? 'the resource_link claim is missing' : 'the resource_link claim is not a JSON object', 'resource_link with id', rl ?? null);
    const problem = asciiIdProblem('resource_link.id', rl.id);
    return problem ? fail(problem, 'a non-empty string of at most 255 ASCII characters', rl.id ?? null) : pass();
  },
);

export const srTargetLinkUri = tokenCheck(
  'submission-review.target-link-uri.matches-initiation',
  'target_link_uri is present and is the target_link_uri of the login initiation (the review URL)',
  [rule('LTI-SR-003')],
  ({ payload }, { expected }) => {
    const v = payload[CLAIM.targetLinkUri];
    const sent = expected.initiation?.target_link_uri;
    if (typeof v !== 'string' || !parseUrl(v)) return fail(v === undefined ? 'the target_link_uri claim is missing' : `target_link_uri is ${shown(v)}`, sent ?? 'the submission review URL', v ?? null);
    if (sent === undefined) return pass('no login initiation target_link_uri to compare with');
    return v === sent ? pass() : fail('the target_link_uri claim differs from the login initiation\'s target_link_uri', sent, v);
  },
);

/** Rules only a submission review launch has (the common id_token checks run too). */
export const SUBMISSION_REVIEW_CHECKS = [srLineItemPresent, srForUserPresent, srResourceLinkPresent, srTargetLinkUri] as const;
