import { launch, type LaunchRun, type LaunchSpec } from '../../../src/actions/platform/launch.js';
import type { ToolTestEnv } from '../../../src/actions/platform/env.js';
import { launchAccepted, launchRefused, type FinalAnswer } from '../../../src/checks/launch/outcome.js';
import type { Profile } from '../../../src/core/check.js';
import { HarnessError } from '../../../src/core/errors.js';
import type { Scenario, ScenarioContext } from '../../../src/core/scenario.js';
import type { Navigation } from '../../../src/http/browser.js';
import type { SpecRef } from '../../../src/spec/specs.js';
import { CONTEXT_ID, RESOURCE_LINK_ID } from '../../../src/roles/platform/launch-claims.js';
import { judgeTraffic, markTraffic } from '../services/traffic.js';
import { TOOL_MESSAGE_FORM_FIELD } from '../../../src/lti/vocab.js';

export type ToolScenario = Scenario<ToolTestEnv>;
export const SUITE = 'tool.launch';

export interface LaunchScenarioData {
  id: string;
  title: string;
  summary: string;
  certification?: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  launch: LaunchSpec;
  skipReason?: (env: ToolTestEnv, profile: Profile) => string | undefined;
}

export function finalAnswer(nav: Navigation): FinalAnswer {
  return { status: nav.final.status, url: nav.final.url, body: nav.final.body };
}

export const evidenceOf = (nav: Navigation): string[] => nav.hops.map((h) => h.exchangeId);

/** A launch can only be judged once the tool's login step has sent the browser to us and we posted a token. */
export function requirePostedToken(run: LaunchRun): void {
  if (run.answer?.kind === 'post') return;
  if (run.answer?.kind === 'refuse')
    throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `our authorization endpoint refused the tool's authentication request (${run.answer.description}), so no id_token could be sent`, 'Run the tool.launch.login-* scenarios; they say which parameter is wrong.');
  const last = run.nav.final;
  throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the login initiation ended at ${last.url} with status ${last.status} without reaching our authorization endpoint`, 'Check target.loginInitiationUrl, and that the tool has registered our issuer and client id (lti-conform serve platform prints them); a tool registered by Dynamic Registration may hold it until activated (triggers.activateRegistration).');
}

function scenario(d: LaunchScenarioData, run: (ctx: ScenarioContext<ToolTestEnv>) => Promise<void>): ToolScenario {
  return {
    id: d.id, title: d.title, summary: d.summary, role: 'tool', suite: SUITE, refs: d.refs,
    ...(d.certification ? { certification: d.certification } : {}),
    ...(d.skipReason ? { skipReason: d.skipReason } : {}),
    run,
  };
}

/** A launch judged by its outcome; service calls the tool makes on its own meanwhile are judged too. */
function outcomeScenario(d: LaunchScenarioData, outcome: typeof launchAccepted): ToolScenario {
  return scenario(d, async (ctx) => {
    const mark = markTraffic(ctx.env);
    const run = await launch(ctx.env, d.launch);
    requirePostedToken(run);
    // A tool that answers a deep-linking request with a signed response did not refuse it, wherever that went.
    const responded = run.launchHops.find((h, i) => i > 0 && h.method === 'POST' && h.fields?.includes(TOOL_MESSAGE_FORM_FIELD));
    ctx.judge(outcome(d.refs), { answer: finalAnswer(run.nav), rules: ctx.env.outcome, ...(d.launch.deepLinking && responded ? { respondedTo: responded.url } : {}) }, { evidence: evidenceOf(run.nav) });
    const urls = ctx.env.emulator.services.urls(CONTEXT_ID, RESOURCE_LINK_ID);
    judgeTraffic(ctx, mark, { sub: String(run.token?.message.payload.sub ?? ''), lineItem: urls.lineItem });
  });
}

/** A valid launch variant the tool must accept. */
export function acceptedLaunch(d: LaunchScenarioData): ToolScenario {
  return outcomeScenario(d, launchAccepted);
}

/** A launch wrong in exactly one way that the tool must refuse. */
export function refusedLaunch(d: LaunchScenarioData): ToolScenario {
  return outcomeScenario(d, launchRefused);
}

export { scenario as customScenario };
