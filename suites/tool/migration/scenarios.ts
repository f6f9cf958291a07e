import { launch } from '../../../src/actions/platform/launch.js';
import type { ToolTestEnv } from '../../../src/actions/platform/env.js';
import { migrationLinked, migrationWrongSignNotLinked, type MigrationOutcomeInput } from '../../../src/checks/launch/migration.js';
import { classify, launchAccepted } from '../../../src/checks/launch/outcome.js';
import type { Lti11ToolConfig } from '../../../src/config/types.js';
import { ScenarioSkipped } from '../../../src/core/errors.js';
import { CLAIM } from '../../../src/lti/vocab.js';
import { withPayload, type Mutator } from '../../../src/mutators/types.js';
import { lti1p1Claim } from '../../../src/roles/platform/review-claims.js';
import { rule } from '../../../src/spec/rules.js';
import { evidenceOf, finalAnswer, requirePostedToken, type ToolScenario } from '../launch/kinds.js';
import type { Navigation } from '../../../src/http/browser.js';

const SUITE = 'tool.migration';
const noLti11 = (env: ToolTestEnv): string | undefined => (env.tool.lti11 ? undefined : 'no LTI 1.1 installation is configured (target.lti11)');

const otherSecret = (secret: string): string => (secret === 'lti-conform-wrong-secret' ? 'lti-conform-other-secret' : 'lti-conform-wrong-secret');

/** Adds the lti1p1 claim; `wrongSecret` signs it with another secret (the claim is then wrong in that one way). */
const addLti1p1 = (lti11: Lti11ToolConfig, wrongSecret: boolean): Mutator => ({
  id: wrongSecret ? 'lti1p1-wrong-signature' : 'lti1p1',
  describe: wrongSecret ? 'oauth_consumer_key_sign computed with another secret' : 'a correctly signed lti1p1 claim',
  apply: (m, ctx) => withPayload(m, { ...m.payload, [CLAIM.lti1p1]: lti1p1Claim(m.payload, lti11, ctx.clientId, wrongSecret ? otherSecret(lti11.secret) : undefined) }),
});

function outcomeOf(env: ToolTestEnv, nav: Navigation): MigrationOutcomeInput {
  const a = finalAnswer(nav);
  const linkedWhen = env.tool.lti11?.linkedWhen?.bodyMatches;
  return { outcome: classify(a, env.outcome), body: a.body, ...(linkedWhen !== undefined ? { linkedWhen } : {}) };
}

const accepts: ToolScenario = {
  id: `${SUITE}.accepts-valid-signature`, title: 'accepts a launch with a correctly signed lti1p1 claim and links the LTI 1.1 account',
  summary: 'A valid launch carrying lti1p1 {user_id, oauth_consumer_key, oauth_consumer_key_sign} signed with target.lti11.secret over key&deployment_id&iss&client_id&exp&nonce. The tool must accept it; with target.lti11.linkedWhen the landing page should show the link to the 1.1 account.',
  role: 'tool', suite: SUITE, refs: [rule('LTI-SEC-013'), rule('LTI-MIGR-002')], skipReason: noLti11,
  async run(ctx) {
    const run = await launch(ctx.env, { mutators: [addLti1p1(ctx.env.tool.lti11!, false)] });
    requirePostedToken(run);
    const ev = { evidence: evidenceOf(run.nav) };
    ctx.judge(launchAccepted([rule('LTI-SEC-013')]), { answer: finalAnswer(run.nav), rules: ctx.env.outcome }, ev);
    ctx.judge(migrationLinked, outcomeOf(ctx.env, run.nav), ev);
  },
};

const wrongSignature: ToolScenario = {
  id: `${SUITE}.wrong-signature`, title: 'does not link the LTI 1.1 account when oauth_consumer_key_sign is wrong',
  summary: 'NT-T-53: a valid launch whose lti1p1 claim is signed with another secret. The tool should refuse it, or at least not link the launch to the 1.1 account (keyword unconfirmed, so a warning). Accepting is allowed; without target.lti11.linkedWhen whether it linked cannot be seen, and the scenario is skipped saying so.',
  role: 'tool', suite: SUITE, refs: [rule('LTI-MIGR-002')], skipReason: noLti11,
  async run(ctx) {
    const run = await launch(ctx.env, { mutators: [addLti1p1(ctx.env.tool.lti11!, true)] });
    requirePostedToken(run);
    const outcome = outcomeOf(ctx.env, run.nav);
    if (outcome.outcome !== 'refused' && outcome.linkedWhen === undefined)
      throw new ScenarioSkipped('the tool accepted the launch (allowed); whether it linked the LTI 1.1 account cannot be seen without target.lti11.linkedWhen');
    ctx.judge(migrationWrongSignNotLinked, outcome, { evidence: evidenceOf(run.nav) });
  },
};

export const migrationScenarios: ToolScenario[] = [accepts, wrongSignature];
