import { fail, pass, type Check } from '../../core/check.js';
import { rule } from '../../spec/rules.js';
import type { Outcome } from './outcome.js';

// What a tool did with an lti1p1 claim, read from its answer: whether it linked the launch to the LTI 1.1
// account can only be seen when the user says how the landing page shows it (target.lti11.linkedWhen).

export interface MigrationOutcomeInput {
  outcome: Outcome;
  /** The final page the browser landed on. */
  body: string;
  /** target.lti11.linkedWhen.bodyMatches, when configured. */
  linkedWhen?: string;
}

const linked = (i: MigrationOutcomeInput): boolean | undefined => (i.linkedWhen === undefined ? undefined : new RegExp(i.linkedWhen).test(i.body));

export const migrationLinked: Check<MigrationOutcomeInput> = {
  id: 'lti1p1.link.shown',
  title: 'a launch with a correctly signed lti1p1 claim is linked to the LTI 1.1 account',
  refs: [rule('LTI-MIGR-002')],
  run: (i) => {
    if (i.outcome !== 'accepted') return pass('the launch was not accepted (launch.outcome.accepted judges that)');
    const l = linked(i);
    if (l === undefined) return pass('target.lti11.linkedWhen is not configured, so the link cannot be seen');
    return l ? pass() : fail('the landing page does not show the link to the LTI 1.1 account', `a page matching /${i.linkedWhen}/`, 'no match');
  },
};

export const migrationWrongSignNotLinked: Check<MigrationOutcomeInput> = {
  id: 'lti1p1.wrong-signature.not-linked',
  title: 'a launch whose oauth_consumer_key_sign is wrong is refused or at least not linked to the LTI 1.1 account',
  refs: [rule('LTI-MIGR-002')],
  run: (i) => {
    if (i.outcome === 'refused') return pass();
    const l = linked(i);
    if (l === true)
      return fail('the tool linked the launch to the LTI 1.1 account although oauth_consumer_key_sign is wrong: whoever knows a 1.1 consumer key can take over 1.1 accounts', 'refused, or accepted without linking', 'linked');
    if (l === false) return pass('accepted without linking to the LTI 1.1 account');
    // Accepting is allowed (only linking is wrong), and linking cannot be seen: no warning for what may be right.
    return pass('accepted; whether the tool linked the LTI 1.1 account cannot be told without target.lti11.linkedWhen');
  },
};
