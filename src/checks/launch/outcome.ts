import { fail, pass, type Check } from '../../core/check.js';
import type { SpecRef } from '../../spec/specs.js';

export interface AnswerMatcher {
  status: (status: number) => boolean;
  bodyMatches?: RegExp;
  /** For messages: "status 2xx and body /ok/". */
  describe: string;
}

/** How a target's answer is read: defaults 2xx = accepted, >=400 = refused; overridable per target. */
export interface OutcomeRules {
  accept: AnswerMatcher;
  reject: AnswerMatcher;
}

export interface FinalAnswer {
  status: number;
  url: string;
  body: string;
}

export type Outcome = 'accepted' | 'refused' | 'unclear';

const matches = (m: AnswerMatcher, a: FinalAnswer): boolean => m.status(a.status) && (m.bodyMatches ? m.bodyMatches.test(a.body) : true);

/** Refusal wins: a 200 page that matches rejectWhen is an error page. */
export function classify(answer: FinalAnswer, rules: OutcomeRules): Outcome {
  if (matches(rules.reject, answer)) return 'refused';
  if (matches(rules.accept, answer)) return 'accepted';
  return 'unclear';
}

export interface OutcomeInput {
  answer: FinalAnswer;
  rules: OutcomeRules;
  /** Where the tool posted a signed response instead (a deep-linking request it should have refused). */
  respondedTo?: string;
}

const describe = (a: FinalAnswer): string => `final answer ${a.status} at ${a.url}`;

export function launchAccepted(refs: readonly [SpecRef, ...SpecRef[]]): Check<OutcomeInput> {
  return {
    id: 'launch.outcome.accepted',
    title: 'the tool accepts this valid launch',
    refs,
    run: ({ answer, rules }) => {
      const o = classify(answer, rules);
      return o === 'accepted' ? pass() : fail(`the tool ${o === 'refused' ? 'refused' : 'gave no clear answer to'} a valid launch (${describe(answer)})`, `accepted (${rules.accept.describe})`, o);
    },
  };
}

export function launchRefused(refs: readonly [SpecRef, ...SpecRef[]]): Check<OutcomeInput> {
  return {
    id: 'launch.outcome.refused',
    title: 'the tool refuses this launch',
    refs,
    run: ({ answer, rules, respondedTo }) => {
      if (respondedTo !== undefined) return fail(`the tool answered with a signed response posted to ${respondedTo} instead of refusing`, 'refused', 'responded');
      const o = classify(answer, rules);
      return o === 'refused' ? pass() : fail(`the tool ${o === 'accepted' ? 'accepted' : 'gave no clear refusal to'} a launch it must refuse (${describe(answer)})`, `refused (${rules.reject.describe})`, o);
    },
  };
}
