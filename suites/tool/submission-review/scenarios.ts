import { launch, type LaunchSpec } from '../../../src/actions/platform/launch.js';
import type { ToolTestEnv } from '../../../src/actions/platform/env.js';
import { launchAccepted, launchRefused, type OutcomeInput } from '../../../src/checks/launch/outcome.js';
import type { Check } from '../../../src/core/check.js';
import { CLAIM } from '../../../src/lti/vocab.js';
import { withPayload, without, type Mutator } from '../../../src/mutators/types.js';
import { submissionReviewClaims } from '../../../src/roles/platform/review-claims.js';
import { rule } from '../../../src/spec/rules.js';
import type { SpecRef } from '../../../src/spec/specs.js';
import { evidenceOf, finalAnswer, requirePostedToken, type ToolScenario } from '../launch/kinds.js';

const SUITE = 'tool.submission-review';
const noReviewUrl = (env: ToolTestEnv): string | undefined =>
  env.tool.submissionReviewUrl ? undefined : 'no submission review URL is known (target.submissionReviewUrl)';

/** The instructor's launch of the resource link, made a review of the learner's submission to its line item. */
const toReview = (url: string): Mutator => ({
  id: 'submission-review', describe: 'an LtiSubmissionReviewRequest for the line item of the link',
  apply: (m) => withPayload(m, submissionReviewClaims(m.payload, url)),
});

const dropForUser: Mutator = { id: 'missing-for-user', describe: 'no for_user claim', apply: (m) => withPayload(m, without(m.payload, CLAIM.forUser)) };

const dropLineItem: Mutator = {
  id: 'missing-lineitem', describe: 'the AGS claim without lineitem',
  apply: (m) => {
    const ags = { ...(m.payload[CLAIM.ags] as Record<string, unknown>) };
    delete ags.lineitem;
    return withPayload(m, { ...m.payload, [CLAIM.ags]: ags });
  },
};

function reviewSpec(env: ToolTestEnv, extra: Mutator[]): LaunchSpec {
  const url = env.tool.submissionReviewUrl!;
  return { login: (d) => ({ ...d, target_link_uri: url }), mutators: [toReview(url), ...extra] };
}

function reviewScenario(id: string, title: string, summary: string, refs: readonly [SpecRef, ...SpecRef[]], extra: Mutator[], outcome: (refs: readonly [SpecRef, ...SpecRef[]]) => Check<OutcomeInput>): ToolScenario {
  return {
    id: `${SUITE}.${id}`, title, summary, role: 'tool', suite: SUITE, refs, skipReason: noReviewUrl,
    async run(ctx) {
      const run = await launch(ctx.env, reviewSpec(ctx.env, extra));
      requirePostedToken(run);
      ctx.judge(outcome(refs), { answer: finalAnswer(run.nav), rules: ctx.env.outcome }, { evidence: evidenceOf(run.nav) });
    },
  };
}

export const submissionReviewScenarios: ToolScenario[] = [
  reviewScenario('accepts', 'accepts a submission review launch',
    'An instructor reviews a learner\'s submission: an LtiSubmissionReviewRequest through the OIDC login to target.submissionReviewUrl, with the AGS claim naming the line item under review, for_user (user_id, names, email, roles), resource_link and context. A tool that offers submission review must accept it.',
    [rule('SR-ACCEPT')], [], launchAccepted),
  reviewScenario('rejects-missing-for-user', 'refuses a submission review launch without for_user',
    'NT-T-43: the review launch names no learner (no for_user claim). The tool should refuse it: it cannot tell whose work to show (level from libraries, so a warning).',
    [rule('LTI-SR-005')], [dropForUser], launchRefused),
  reviewScenario('rejects-missing-lineitem', 'refuses a submission review launch without the AGS lineitem',
    'NT-T-43: the AGS claim of the review launch has no lineitem. The tool should refuse it: it cannot tell which assignment is reviewed (level from libraries, so a warning).',
    [rule('LTI-SR-005')], [dropLineItem], launchRefused),
];
