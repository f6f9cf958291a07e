import { platformLaunch } from '../../src/actions/tool/launch.js';
import { CREATED_LINK_CHECKS } from '../../src/checks/platform/created-link.js';
import { HarnessError, ScenarioSkipped } from '../../src/core/errors.js';
import { CLAIM, CONTENT_ITEM_TYPE } from '../../src/lti/vocab.js';
import { rule } from '../../src/spec/rules.js';
import type { PlatformScenario } from './kinds.js';

interface Item {
  type?: unknown;
  url?: unknown;
  custom?: unknown;
}

/** NT-P-43: the link our deep-linking response created, launched later, carries the item's url and custom. */
export const createdLinkScenario: PlatformScenario = {
  id: 'platform.deep-linking.launches-created-link', title: 'launches the link deep linking created with the item\'s url and custom parameters',
  summary: 'NT-P-43: we answer a deep-linking launch with an ltiResourceLink item that has its own url and custom parameters; launching that link (triggers.launchCreatedLink) must target the item\'s url and carry its custom values. Needs triggers.deepLinking (http or command) and triggers.launchCreatedLink.',
  role: 'platform', suite: 'platform.deep-linking', refs: [rule('LTI-RL-010'), rule('LTI-DLI-003')],
  skipReason: (env) => {
    const dl = env.triggers.deepLinking;
    if (!dl) return 'no trigger configured (triggers.deepLinking)';
    if (dl.kind === 'manual') return 'triggers.deepLinking is manual: only lti-conform\'s own browser shows what the platform created';
    return env.triggers.launchCreatedLink ? undefined : 'no trigger configured (triggers.launchCreatedLink)';
  },
  async run(ctx) {
    const dl = await platformLaunch(ctx.env, { trigger: 'deepLinking' });
    const answer = dl.response?.deepLinkAnswer;
    if (!answer?.posted) throw new HarnessError('ERR_UNEXPECTED_RESPONSE', 'no deep-linking response could be posted, so no link was created', 'See platform.deep-linking.accepts-valid-response.');
    const items = answer.sent.payload[CLAIM.dlContentItems];
    const link = (Array.isArray(items) ? (items as Item[]) : []).find((i) => i.type === CONTENT_ITEM_TYPE.ltiResourceLink);
    if (!link || typeof link.url !== 'string') throw new ScenarioSkipped('the deep-linking request did not accept ltiResourceLink items');
    const custom = Object.fromEntries(Object.entries((link.custom ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const run = await platformLaunch(ctx.env, { trigger: 'launchCreatedLink' });
    const input = { ...(run.idToken?.payload ? { payload: run.idToken.payload } : {}), item: { url: link.url, custom } };
    for (const c of CREATED_LINK_CHECKS) ctx.judge(c, input, { evidence: run.response ? [run.response.exchangeId] : [] });
  },
};
