import { clientMetadata, derivePlatform } from '../../src/actions/tool/registration-metadata.js';
import { postRegistration, type RegistrationSession, type TokenUse } from '../../src/actions/tool/registration.js';
import type { PlatformTestEnv } from '../../src/actions/tool/env.js';
import { activateRegistration } from '../../src/actions/triggers/registration.js';
import { CONFIGURATION_CHECKS, INITIATION_CHECKS, METADATA_ERRORS, notRegistered, REFUSAL_CHECKS, RESPONSE_CHECKS } from '../../src/checks/registration/index.js';
import type { Check } from '../../src/core/check.js';
import { HarnessError, ScenarioSkipped } from '../../src/core/errors.js';
import type { JudgeOptions } from '../../src/core/scenario.js';
import { rule } from '../../src/spec/rules.js';
import type { SpecRef } from '../../src/spec/specs.js';
import type { PlatformScenario } from './kinds.js';

const SUITE = 'platform.registration';
export const REGISTRATION_PREFIX = `${SUITE}.`;
const NOT_CONFIGURED = 'target.registration not configured';
type Judge = <In>(check: Check<In>, input: In, opts?: JudgeOptions) => boolean;
type Json = Record<string, unknown>;

const session = (env: PlatformTestEnv): RegistrationSession => {
  if (!env.registration) throw new ScenarioSkipped(NOT_CONFIGURED);
  return env.registration;
};
const skipReason = (env: PlatformTestEnv): string | undefined => (env.registration ? undefined : NOT_CONFIGURED);

/**
 * Registers our tool with the platform and points the tool emulator at the registration it produced.
 * The registers scenario judges each step; a run that skipped it (--only) registers quietly before the
 * first scenario that needs a registration.
 */
export async function register(env: PlatformTestEnv, judge?: Judge): Promise<void> {
  const s = session(env);
  try {
    const c = await s.configuration(env);
    const endpoint = (c.json as { registration_endpoint?: unknown } | undefined)?.registration_endpoint;
    if (typeof endpoint !== 'string' || endpoint === '') throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the OpenID configuration ${c.url} names no registration_endpoint: there is nowhere to register`);
    const init = await s.initiation(env);
    const answer = await postRegistration(env, endpoint, clientMetadata(env.toolEmulator.urls, c.json as Json), init.registrationToken);
    if (judge) for (const check of RESPONSE_CHECKS) judge(check, { status: answer.status, json: answer.json }, { evidence: [answer.exchangeId] });
    if (answer.status < 200 || answer.status >= 300) return s.fail(`the platform refused our registration (HTTP ${answer.status}, evidence in platform.registration.registers)`);
    const platform = derivePlatform(s.target, c.json, answer.json);
    if (typeof platform === 'string') return s.fail(platform);
    s.outcome = { kind: 'registered', platform };
    env.toolEmulator.platform = platform;
    // No deployment_id in the answer: the first launch's lti_deployment_id is taken as the deployment.
    env.toolEmulator.learnDeploymentId = platform.deploymentId === '';
    await activateRegistration(env, 'the platform', platform);
  } catch (e) {
    s.fail((e as Error).message);
    throw e;
  }
}

const configuration: PlatformScenario = {
  id: `${SUITE}.configuration`, title: 'publishes an OpenID configuration a tool can register with',
  summary: 'NT-P-45: the registration initiation (through triggers.register, unless target.registration.openidConfigurationUrl is set) carries openid_configuration; the configuration answers JSON with issuer, the endpoints, registration_endpoint, private_key_jwt, RS256, id_token, openid and the LTI platform configuration.',
  role: 'platform', suite: SUITE, refs: [rule('LTI-DR-004'), rule('LTI-DR-001')], skipReason,
  async run(ctx) {
    const s = session(ctx.env);
    const init = await s.initiation(ctx.env);
    if (init.params) for (const c of INITIATION_CHECKS) ctx.judge(c, { params: init.params }, { evidence: init.exchangeId ? [init.exchangeId] : [] });
    if (init.openidConfigurationUrl === undefined) return s.fail('the registration initiation carried no openid_configuration');
    const c = await s.configuration(ctx.env);
    for (const check of CONFIGURATION_CHECKS) ctx.judge(check, { status: c.status, json: c.json }, { evidence: c.exchangeIds });
  },
};

const registers: PlatformScenario = {
  id: `${SUITE}.registers`, title: 'registers our tool and answers with its client_id',
  summary: 'NT-P-47: our client metadata (web, implicit + client_credentials, id_token, our redirect URIs, login URL, JWKS URL, private_key_jwt, the supported AGS/NRPS scopes, the LTI tool configuration) with the registration token as bearer. The answer must be 2xx JSON with client_id (deployment_id in the tool configuration is optional). Every later scenario runs on this registration.',
  role: 'platform', suite: SUITE, refs: [rule('LTI-DR-006')], skipReason,
  async run(ctx) {
    await register(ctx.env, ctx.judge.bind(ctx));
  },
};

interface Refusal {
  id: string;
  title: string;
  summary: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  use: TokenUse;
  defect: 'token' | 'metadata';
  drop?: string;
  expectedErrors: readonly string[];
}

const REFUSALS: Refusal[] = [
  { id: 'refuses-missing-token', title: 'refuses a registration without the registration token', summary: 'NT-P-46: valid metadata, no Authorization header.', refs: [rule('DR-TOKEN-REQUIRED')], use: { kind: 'none' }, defect: 'token', expectedErrors: [] },
  { id: 'refuses-wrong-token', title: 'refuses a registration with a token it never issued', summary: 'NT-P-46: valid metadata, a random bearer token.', refs: [rule('DR-TOKEN-REQUIRED')], use: { kind: 'wrong' }, defect: 'token', expectedErrors: [] },
  { id: 'refuses-missing-redirect-uris', title: 'refuses a registration without redirect_uris', summary: 'NT-P-46: the registration token, metadata without redirect_uris.', refs: [rule('DR-REFUSE-INVALID')], use: { kind: 'valid' }, defect: 'metadata', drop: 'redirect_uris', expectedErrors: METADATA_ERRORS.redirect },
  { id: 'refuses-missing-jwks-uri', title: 'refuses a registration without jwks_uri', summary: 'NT-P-46: the registration token, metadata without jwks_uri.', refs: [rule('DR-REFUSE-INVALID')], use: { kind: 'valid' }, defect: 'metadata', drop: 'jwks_uri', expectedErrors: METADATA_ERRORS.jwks },
];

const refusals: PlatformScenario[] = REFUSALS.map((r) => ({
  id: `${SUITE}.${r.id}`, title: r.title,
  summary: `${r.summary} Runs after the valid registration (a token may be single-use). Nothing must be registered; the refusal is 400 JSON {error} (RFC 7591) or 401 for the token (RFC 6750). A platform that registers it anyway leaves a stray client, named in the finding.`,
  role: 'platform', suite: SUITE, refs: [...r.refs, rule('DR-ERROR')], skipReason,
  async run(ctx) {
    const s = session(ctx.env);
    const endpoint = await s.endpoint(ctx.env);
    const init = await s.initiation(ctx.env);
    if (r.defect === 'token' && init.registrationToken === undefined) throw new ScenarioSkipped('the platform issued no registration token (Dynamic Registration allows an open endpoint), so there is none to leave out or replace');
    const metadata = clientMetadata(ctx.env.toolEmulator.urls, (await s.configuration(ctx.env)).json as Json);
    if (r.drop) delete metadata[r.drop];
    const a = await postRegistration(ctx.env, endpoint, metadata, init.registrationToken, r.use);
    const input = { status: a.status, json: a.json, defect: r.defect, expectedErrors: [...r.expectedErrors] };
    const stray = (a.json as { client_id?: unknown } | undefined)?.client_id;
    if (a.status >= 200 && a.status < 300 && typeof stray === 'string') s.strays.push(stray);
    ctx.judge(notRegistered(r.refs), input, { evidence: [a.exchangeId] });
    for (const check of REFUSAL_CHECKS) if (check.id !== 'registration.refusal.not-registered') ctx.judge(check, input, { evidence: [a.exchangeId] });
  },
}));

/** Dynamic Registration first: every other platform scenario runs on the registration it produced. */
export const registrationScenarios: PlatformScenario[] = [configuration, registers, ...refusals];
