// Submission review launches (LtiSubmissionReviewRequest): the tool must know whose submission (for_user)
// and which assignment (the AGS lineitem) the instructor reviews, or it refuses.
import { CLAIM, MESSAGE_TYPE } from '../../lti/vocab.js';
import type { ClaimInput, ClaimRule } from './rules.js';

const payload = (c: ClaimInput): Record<string, unknown> => c.payload as Record<string, unknown>;
export const isReview = (c: ClaimInput): boolean => payload(c)[CLAIM.messageType] === MESSAGE_TYPE.submissionReview;
const member = (v: unknown, name: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[name] : undefined);
const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v !== '';

export const SR_RULES: readonly ClaimRule[] = [
  {
    name: 'sr-for-user', off: 'sr-accepts-missing-for-user', status: 400,
    check: (c) => (isReview(c) && !nonEmpty(member(payload(c)[CLAIM.forUser], 'user_id')) ? 'a submission review needs for_user.user_id' : undefined),
  },
  {
    name: 'sr-lineitem', off: 'sr-accepts-missing-lineitem', status: 400,
    check: (c) => (isReview(c) && !nonEmpty(member(payload(c)[CLAIM.ags], 'lineitem')) ? 'a submission review needs the AGS lineitem' : undefined),
  },
  {
    // Positive-side flaw: a tool that advertises submission review but refuses every review launch.
    name: 'sr-refused', on: 'sr-refuses-review', status: 400,
    check: (c) => (isReview(c) ? 'submission review is not supported' : undefined),
  },
];
