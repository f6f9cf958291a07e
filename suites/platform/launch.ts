import type { PlatformTestEnv } from '../../src/actions/tool/env.js';
import { fetchPlatformJwks } from '../../src/actions/tool/jwks.js';
import { platformLaunch, type LaunchTriggerName, type PlatformLaunchRun } from '../../src/actions/tool/launch.js';
import {
  authResponseArrived, authResponseRegisteredUri, DEEP_LINKING_REQUEST_CHECKS, JWKS_CHECKS, LOGIN_INITIATION_CHECKS, PLATFORM_ID_TOKEN_CHECKS, RESOURCE_LINK_CHECKS,
  type PlatformIdTokenInput,
} from '../../src/checks/platform/index.js';
import type { Check } from '../../src/core/check.js';
import type { ScenarioContext } from '../../src/core/scenario.js';
import { MESSAGE_TYPE } from '../../src/lti/vocab.js';
import { rule } from '../../src/spec/rules.js';
import type { PlatformScenario } from './kinds.js';

type Ctx = ScenarioContext<PlatformTestEnv>;
const SUITE = 'platform.launch';

export function idTokenInput(env: PlatformTestEnv, run: PlatformLaunchRun, messageType: string): PlatformIdTokenInput {
  const t = run.idToken;
  return {
    ...(t?.header && t.payload ? { token: { header: t.header, payload: t.payload, signatureValid: t.signatureValid, kidFound: t.kidFound, ...(t.verifyError ? { verifyError: t.verifyError } : {}) } } : {}),
    expected: {
      issuer: env.target.issuer, clientId: env.target.clientId, deploymentId: env.target.deploymentId, messageType,
      ...(run.nonceSent ? { nonce: run.nonceSent } : {}),
      ...(run.state?.sent ? { stateSent: run.state.sent } : {}), ...(run.state?.returned !== undefined ? { stateReturned: run.state.returned } : {}),
      ...(run.initiation ? { initiation: run.initiation.params } : {}),
    },
    now: env.now(),
  };
}

/** Judges the whole flow of one launch: initiation, arrival at a registered URI, and the id_token. */
export function judgeLaunch(ctx: Ctx, run: PlatformLaunchRun, messageType: string, messageChecks: readonly Check<PlatformIdTokenInput>[]): void {
  const env = ctx.env;
  const ev = (id: string | undefined): { evidence: string[] } => ({ evidence: id ? [id] : [] });
  if (run.initiation) {
    const targets = [env.toolEmulator.urls.targetLink, env.toolEmulator.urls.deepLinkTarget];
    for (const c of LOGIN_INITIATION_CHECKS) ctx.judge(c, { params: run.initiation.params, expected: { issuer: env.target.issuer, clientId: env.target.clientId, deploymentId: env.target.deploymentId, targetLinkUris: targets } }, ev(run.initiation.exchangeId));
  }
  const arrived = run.response?.form.id_token !== undefined;
  const error = run.response?.form.error;
  ctx.judge(authResponseArrived, { arrived, ...(error ? { error } : {}) }, ev(run.response?.exchangeId));
  // By position, not time: an earlier scenario's post in the same second is not this launch's.
  const unregistered = env.toolEmulator.responses.slice(run.responsesBefore).filter((r) => !r.registered).length;
  ctx.judge(authResponseRegisteredUri, { unregisteredPosts: unregistered }, ev(run.response?.exchangeId));
  if (!arrived) return;
  const input = idTokenInput(env, run, messageType);
  for (const c of [...PLATFORM_ID_TOKEN_CHECKS, ...messageChecks]) ctx.judge(c, input, ev(run.response?.exchangeId));
}

function launchScenario(id: string, title: string, summary: string, trigger: LaunchTriggerName, messageType: string, checks: readonly Check<PlatformIdTokenInput>[], certification: string): PlatformScenario {
  return {
    id: `platform.launch.${id}`, title, summary: `${summary} Needs triggers.${trigger}.`, role: 'platform', suite: SUITE, certification,
    refs: [rule('LTI-OIDC-001'), rule('LTI-CORE-011')],
    skipReason: (env) => (env.triggers[trigger] ? undefined : `no trigger configured (triggers.${trigger})`),
    async run(ctx) {
      const run = await platformLaunch(ctx.env, { trigger });
      judgeLaunch(ctx, run, messageType, checks);
    },
  };
}

const jwks: PlatformScenario = {
  id: 'platform.launch.jwks', title: 'publishes a usable JWKS with public keys only',
  summary: 'NT-P-10: the platform JWKS (target.jwksUrl) has a keys array; every key a unique kid; RSA keys n and e; no private members.',
  role: 'platform', suite: SUITE, refs: [rule('LTI-SEC-007')],
  async run(ctx) {
    const r = await fetchPlatformJwks(ctx.env);
    for (const c of JWKS_CHECKS) ctx.judge(c, { status: r.status, contentType: r.contentType, jwks: r.jwks }, { evidence: [r.exchangeId] });
  },
};

export const launchScenarios: PlatformScenario[] = [
  jwks,
  launchScenario('resource-link', 'launches with a complete, correctly signed LtiResourceLinkRequest',
    'NT-P-01, NT-P-08, NT-P-09: a fresh launch through the trigger. The login initiation (iss, login_hint, target_link_uri, client_id, lti_deployment_id), the post to a registered redirect URI, and the id_token: RS256 with a kid in the JWKS, signature, iss, aud, azp, exp/iat, our nonce and state, and every claim (version, deployment_id, target_link_uri, resource_link, roles, context, tool_platform, launch_presentation, custom, AGS and NRPS claims, https URLs, no whitespace padding).',
    'launch', MESSAGE_TYPE.resourceLink, RESOURCE_LINK_CHECKS, 'Payload is LTI 1.3 / Timestamps Valid / Signed with RSA 256 / Signature Valid / Payload is Complete / LTI Version / Free of Extra Whitespace'),
  launchScenario('deep-linking', 'sends a complete, correctly signed LtiDeepLinkingRequest',
    'A deep-linking launch through triggers.deepLinking: the same checks plus deep_linking_settings (deep_link_return_url, accept_types, accept_presentation_document_targets).',
    'deepLinking', MESSAGE_TYPE.deepLinkingRequest, DEEP_LINKING_REQUEST_CHECKS, 'Deep Linking: Payload is LTI 1.3 (DL format) / Payload is Complete'),
];
