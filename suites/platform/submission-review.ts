import { platformLaunch } from '../../src/actions/tool/launch.js';
import { SUBMISSION_REVIEW_CHECKS } from '../../src/checks/platform/submission-review.js';
import { MESSAGE_TYPE } from '../../src/lti/vocab.js';
import { rule } from '../../src/spec/rules.js';
import type { PlatformScenario } from './kinds.js';
import { judgeLaunch } from './launch.js';

const SUITE = 'platform.submission-review';

export const submissionReviewRequest: PlatformScenario = {
  id: `${SUITE}.request`, title: 'sends a complete, correctly signed LtiSubmissionReviewRequest',
  summary: 'An instructor opens the review of a learner\'s submission through triggers.submissionReview. The login initiation and the id_token get the checks of every launch (header, signature, iss, aud, nonce, state, claims) with message_type LtiSubmissionReviewRequest, plus: the AGS claim names the line item under review (LTI-SR-001), for_user.user_id names the learner (LTI-SR-002), resource_link (LTI-SR-004) and target_link_uri (LTI-SR-003) are sent. Needs triggers.submissionReview.',
  role: 'platform', suite: SUITE, refs: [rule('LTI-SR-001'), rule('LTI-SR-002')],
  skipReason: (env) => (env.triggers.submissionReview ? undefined : 'no trigger configured (triggers.submissionReview)'),
  async run(ctx) {
    const run = await platformLaunch(ctx.env, { trigger: 'submissionReview' });
    judgeLaunch(ctx, run, MESSAGE_TYPE.submissionReview, SUBMISSION_REVIEW_CHECKS);
  },
};

export const submissionReviewScenarios: PlatformScenario[] = [submissionReviewRequest];
