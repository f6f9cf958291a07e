import { launch } from '../../../src/actions/platform/launch.js';
import { classify, launchAccepted } from '../../../src/checks/launch/outcome.js';
import { HarnessError } from '../../../src/core/errors.js';
import { rule } from '../../../src/spec/rules.js';
import { evidenceOf, finalAnswer, requirePostedToken, type ToolScenario } from '../launch/kinds.js';

const refs = [rule('LTI-SEC-010', 'SHOULD')] as const;

/** NT-T-42: we rotate our signing key between two launches; the tool must fetch our JWKS again. */
export const keyRotation: ToolScenario = {
  id: 'tool.keys.rotation', title: 'accepts a launch signed with a newly rotated platform key',
  summary: 'A valid launch, then our signing key is rotated (a new kid, published in our JWKS next to the old one) and a second launch is signed with it. A tool that caches our JWKS must fetch it again on an unknown kid and accept the launch (practice; a warning).',
  role: 'tool', suite: 'tool.keys', refs,
  async run(ctx) {
    const first = await launch(ctx.env);
    requirePostedToken(first);
    if (classify(finalAnswer(first.nav), ctx.env.outcome) !== 'accepted')
      throw new HarnessError('ERR_UNEXPECTED_RESPONSE', 'the launch before the rotation was not accepted, so the rotation cannot be judged', 'See tool.launch.accepts-instructor.');
    const rotation = await ctx.env.emulator.keys.rotateTemporarily();
    try {
      const second = await launch(ctx.env);
      requirePostedToken(second);
      if (second.token?.message.header.kid !== rotation.key.kid) throw new HarnessError('ERR_INTERNAL', 'the second launch was not signed with the rotated key');
      ctx.judge(launchAccepted(refs), { answer: finalAnswer(second.nav), rules: ctx.env.outcome }, { evidence: evidenceOf(second.nav) });
    } finally {
      rotation.restore();
    }
  },
};
