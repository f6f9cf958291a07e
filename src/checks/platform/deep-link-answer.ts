// The platform's answer to the deep-linking response our tool auto-posted to deep_link_return_url
// ([DL] §2.3; [SEC] §5.2.3): a valid response is taken in, a response wrong in one way is refused.
import { fail, pass, type Check } from '../../core/check.js';
import { rule } from '../../spec/rules.js';
import type { SpecRef } from '../../spec/specs.js';

export interface DeepLinkAnswerInput {
  /** HTTP status of the platform's answer to the return POST (after its redirects); undefined when none was seen. */
  answerStatus: number | undefined;
  /** Where the response was posted (deep_link_return_url). */
  answerUrl?: string;
  /** Our browser posted a deep-linking response there; without it nothing can be judged. */
  posted: boolean;
}

const where = (i: DeepLinkAnswerInput): string => (i.answerUrl ? ` at ${i.answerUrl}` : '');

/**
 * A harness precondition, not a finding: the scenario errors (with this reason) when no response was posted,
 * since neither check can say anything about the platform then.
 */
export function deepLinkAnswerPrecondition(i: DeepLinkAnswerInput): string | undefined {
  return i.posted ? undefined : 'no deep-linking response was posted to the platform, so its answer cannot be judged';
}

export const deepLinkAnswerAccepted: Check<DeepLinkAnswerInput> = {
  id: 'platform.deep-link-answer.accepted',
  title: 'the platform accepts a valid deep-linking response posted to its deep_link_return_url',
  // DL §2.2 lets a platform not create what a tool returns; absorbing a valid response is the certification's rule.
  refs: [rule('LTI-DLR-014')],
  run: (i) => {
    if (i.answerStatus === undefined) return fail(`no HTTP answer to the deep-linking response was seen${where(i)}`, '2xx', null);
    if (i.answerStatus >= 200 && i.answerStatus < 300) return pass(`HTTP ${i.answerStatus}`);
    return fail(`the platform answered the valid deep-linking response with HTTP ${i.answerStatus}${where(i)}`, '2xx', i.answerStatus);
  },
};

/**
 * The platform refuses a response wrong in one way: an error status (>= 400). A 2xx page means it took in a
 * response it must refuse. The scenario passes the rule its defect breaks, which sets the level.
 */
export function deepLinkAnswerRefused(refs: readonly [SpecRef, ...SpecRef[]]): Check<DeepLinkAnswerInput> {
  return {
    id: 'platform.deep-link-answer.refused',
    title: 'the platform refuses this deep-linking response',
    refs,
    run: (i) => {
      if (i.answerStatus === undefined) return fail(`no HTTP answer to the deep-linking response was seen${where(i)}`, '>= 400', null);
      if (i.answerStatus >= 400) return pass(`refused with HTTP ${i.answerStatus}`);
      const why = i.answerStatus < 300 ? 'took in' : 'did not refuse';
      return fail(`the platform ${why} a deep-linking response it must refuse (HTTP ${i.answerStatus}${where(i)})`, '>= 400', i.answerStatus);
    },
  };
}
