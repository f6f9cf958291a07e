import { launch, repost } from '../../../src/actions/platform/launch.js';
import { landsOnSignedTarget } from '../../../src/checks/launch/landing.js';
import { classify, launchRefused } from '../../../src/checks/launch/outcome.js';
import { HarnessError, ScenarioSkipped } from '../../../src/core/errors.js';
import { PATHS } from '../../../src/roles/platform/emulator.js';
import { rule } from '../../../src/spec/rules.js';
import { customScenario, evidenceOf, finalAnswer, refusedLaunch, requirePostedToken, type ToolScenario } from './kinds.js';

const stateRefs = [rule('LTI-OIDC-021')] as const;

/** A tool that sends no state cannot be judged on it (state is only RECOMMENDED, LTI-OIDC-011). */
const needsState = (fields: Record<string, string>): void => {
  if (fields.state === undefined) throw new ScenarioSkipped('the tool sent no state in its authentication request (see auth-request.state.present)');
};

const replay = customScenario({
  id: 'tool.launch.rejects-replayed-id-token', title: 'refuses the same id_token posted a second time',
  summary: 'NT-T-25: after a valid launch the same form (id_token and state) is posted again from the same browser. The nonce must not be accepted twice.',
  refs: [rule('LTI-CORE-010')], launch: {},
}, async (ctx) => {
  const run = await launch(ctx.env);
  requirePostedToken(run);
  if (classify(finalAnswer(run.nav), ctx.env.outcome) !== 'accepted')
    throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the first, valid launch was not accepted (${run.nav.final.status} at ${run.nav.final.url}), so a replay cannot be judged`, 'See tool.launch.accepts-instructor.');
  const again = await repost(ctx.env, run);
  if (!again) return;
  ctx.judge(launchRefused([rule('LTI-CORE-010')]), { answer: finalAnswer(again), rules: ctx.env.outcome }, { evidence: evidenceOf(again) });
});

const missingState = refusedLaunch({
  id: 'tool.launch.rejects-missing-state', title: 'refuses an authentication response without state',
  summary: 'NT-T-27: the id_token is valid but the form posted back carries no state. A tool that sent state must verify it.',
  refs: stateRefs,
  launch: { answer: (f) => { needsState(f); const { state: _s, ...rest } = f; return rest; } },
});

const foreignState = refusedLaunch({
  id: 'tool.launch.rejects-foreign-state', title: 'refuses a state it never issued',
  summary: 'NT-T-27: the form posted back carries a state the tool did not issue to this browser.',
  refs: stateRefs,
  launch: { answer: (f) => { needsState(f); return { ...f, state: 'lti-conform-forged-state' }; } },
});

const errorResponse = refusedLaunch({
  id: 'tool.launch.refuses-oidc-error-response', title: 'shows an OIDC error response as an error, not a launch',
  summary: 'NT-T-28: instead of an id_token the platform posts error=login_required with the right state. The tool should show an error and must not launch.',
  refs: [rule('LTI-OIDC-022')],
  launch: { answer: (f) => ({ error: 'login_required', error_description: 'no session at the platform', ...(f.state !== undefined ? { state: f.state } : {}) }) },
});

const landing = customScenario({
  id: 'tool.launch.lands-on-signed-target-link-uri', title: 'lands on the signed target_link_uri, not the login parameter',
  summary: 'NT-T-33: the login initiation names a decoy target_link_uri; the id_token names the real one. The tool should land on the signed claim (or refuse the login), never on the decoy.',
  refs: [rule('LTI-OIDC-023')], launch: {},
}, async (ctx) => {
  const before = ctx.env.emulator.decoyHits;
  const run = await launch(ctx.env, { login: (d, env) => ({ ...d, target_link_uri: env.emulator.url(PATHS.decoy) }) });
  ctx.judge(landsOnSignedTarget, { decoyHits: ctx.env.emulator.decoyHits - before, finalUrl: run.nav.final.url }, { evidence: evidenceOf(run.nav) });
});

export const sessionScenarios: ToolScenario[] = [replay, missingState, foreignState, errorResponse, landing];
