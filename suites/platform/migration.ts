import { platformLaunch } from '../../src/actions/tool/launch.js';
import { authResponseArrived } from '../../src/checks/platform/index.js';
import { MIGRATION_CHECKS } from '../../src/checks/platform/migration.js';
import { rule } from '../../src/spec/rules.js';
import type { PlatformScenario } from './kinds.js';

const SUITE = 'platform.migration';

export const migrationClaim: PlatformScenario = {
  id: `${SUITE}.claim`, title: 'sends the lti1p1 claim, signed with the LTI 1.1 secret',
  summary: 'A launch through triggers.launch from a platform that had an LTI 1.1 installation of this tool (target.lti11): the id_token should carry lti1p1 with oauth_consumer_key (the configured key, when given) and oauth_consumer_key_sign, which must be Base64(HMAC-SHA256) of key&deployment_id&iss&client_id&exp&nonce under the 1.1 secret (client_id is aud, or our client id when aud is an array).',
  role: 'platform', suite: SUITE, refs: [rule('LTI-MIGR-001'), rule('MIGR-SIGN')],
  skipReason: (env) => (!env.target.lti11 ? 'no LTI 1.1 installation configured (target.lti11)' : env.triggers.launch ? undefined : 'no trigger configured (triggers.launch)'),
  async run(ctx) {
    const run = await platformLaunch(ctx.env, { trigger: 'launch' });
    const ev = { evidence: run.response?.exchangeId ? [run.response.exchangeId] : [] };
    const error = run.response?.form.error;
    const arrived = run.response?.form.id_token !== undefined;
    ctx.judge(authResponseArrived, { arrived, ...(error ? { error } : {}) }, ev);
    if (!arrived) return;
    const payload = run.idToken?.payload;
    const input = { lti11: ctx.env.target.lti11!, clientId: ctx.env.target.clientId, ...(payload ? { payload } : {}) };
    for (const c of MIGRATION_CHECKS) ctx.judge(c, input, ev);
  },
};

export const migrationScenarios: PlatformScenario[] = [migrationClaim];
