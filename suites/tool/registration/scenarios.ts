// tool.registration.*: we play the platform and register the tool under test by LTI Dynamic
// Registration ([DR]). The registration it produces replaces the emulator's, so the launch suite that
// follows runs on it. Negative cases: NT-T-54 (issuer mismatch) and a refused registration.
import type { ToolTestEnv } from '../../../src/actions/platform/env.js';
import { openRegistration, type RegistrationRun } from '../../../src/actions/platform/registration.js';
import {
  closeMessagePosted, configurationFetched, mismatchNotRegistered, registrationSent, REQUEST_CHECKS, stopsCleanly, type RegistrationPage,
} from '../../../src/checks/registration/index.js';
import { activateRegistration } from '../../../src/actions/triggers/registration.js';
import { HarnessError, ScenarioSkipped } from '../../../src/core/errors.js';
import type { ScenarioContext } from '../../../src/core/scenario.js';
import { DR } from '../../../src/lti/vocab.js';
import type { PlatformEmulator, ToolRegistration } from '../../../src/roles/platform/emulator.js';
import { rule } from '../../../src/spec/rules.js';
import { acceptedLaunch, evidenceOf, type ToolScenario } from '../launch/kinds.js';

export const SUITE = 'tool.registration';
export const REGISTERS_ID = 'tool.registration.registers';
export const NOT_CONFIGURED = '`target.registrationUrl` not configured';
export const NO_REGISTRATION = `no registration: ${REGISTERS_ID} did not complete`;

const notConfigured = (env: ToolTestEnv): string | undefined => (env.emulator.registration.initiationUrl ? undefined : NOT_CONFIGURED);

function pageOf(run: RegistrationRun): RegistrationPage | undefined {
  const f = run.nav?.final;
  return f ? { status: f.status, url: f.url, contentType: f.headers['content-type'] ?? '', body: f.body } : undefined;
}

function evidence(run: RegistrationRun): string[] {
  return [...(run.nav ? evidenceOf(run.nav) : []), ...run.configurationFetches.map((r) => r.exchangeId), ...run.registrations.map((r) => r.exchangeId)];
}

/** What our configuration offered (scopes_supported and the message types of messages_supported). */
function offer(emulator: PlatformEmulator): { scopes: string[]; messages: string[] } {
  const c = emulator.configuration();
  const platform = c[DR.platformConfiguration] as { messages_supported?: { type: string }[] } | undefined;
  return { scopes: (c.scopes_supported as string[] | undefined) ?? [], messages: (platform?.messages_supported ?? []).map((m) => m.type) };
}

/** The produced registration becomes the emulator's; values only the configuration knew are kept. */
function install(emulator: PlatformEmulator, produced: ToolRegistration): void {
  const before = emulator.tool;
  const submissionReviewUrl = produced.submissionReviewUrl ?? before.submissionReviewUrl;
  emulator.tool = { ...produced, ...(submissionReviewUrl ? { submissionReviewUrl } : {}), ...(before.lti11 ? { lti11: before.lti11 } : {}) };
  emulator.registration.produced = emulator.tool;
  emulator.registration.awaiting = false;
}

/**
 * A headless browser got a page and no registration came. A tool that read our configuration may be
 * waiting for a person (a set-up form, a script-driven page): that cannot be judged without one, so the
 * scenario is skipped. One that did not even read it is no Dynamic Registration endpoint we could drive
 * (a wrong URL, a sign-in wall): an error, so that a run never turns green on it.
 */
function waitingForPerson(env: ToolTestEnv, run: RegistrationRun, page: RegistrationPage | undefined, what: string): void {
  if (run.registrations.length > 0 || !page || page.status < 200 || page.status >= 300) return;
  if (run.configurationFetches.length === 0)
    throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `${what}: the tool answered a page (${page.status} ${page.url}) without reading our configuration or registering`, 'Check target.registrationUrl; if the tool needs a person to sign in first, set triggers.register: manual.');
  env.emulator.registration.waitsForPerson = `the tool waits for a person after reading our configuration (${page.status} ${page.url}); set triggers.register: manual`;
  throw new ScenarioSkipped(`${what}: the tool answered a page (${page.status} ${page.url}) and sent no registration; if it needs a person (sign-in, set-up form, a script), set triggers.register: manual`);
}

async function registers(ctx: ScenarioContext<ToolTestEnv>): Promise<void> {
  const { emulator } = ctx.env;
  emulator.registration.produced = undefined;
  const run = await openRegistration(ctx.env, 'ours');
  const page = pageOf(run);
  emulator.registration.waitsForPerson = undefined;
  waitingForPerson(ctx.env, run, page, 'registration not observed');
  const flow = { configurationFetched: run.configurationFetches.length > 0, registrationReceived: run.registrations.length > 0, ...(page ? { final: { status: page.status, url: page.url } } : {}) };
  ctx.judge(configurationFetched, flow, { evidence: evidence(run) });
  if (!ctx.judge(registrationSent, flow, { evidence: evidence(run) })) return;
  const first = run.registrations[0]!;
  const input = { request: { contentType: first.contentType, ...(first.authorization !== undefined ? { authorization: first.authorization } : {}), ...(first.metadata !== undefined ? { metadata: first.metadata } : {}) }, token: run.token, offer: offer(emulator) };
  for (const check of REQUEST_CHECKS) ctx.judge(check, input, { evidence: [first.exchangeId] });
  const accepted = run.registrations.find((r) => r.registration !== undefined);
  if (!accepted?.registration) return;
  install(emulator, accepted.registration);
  if (page) ctx.judge(closeMessagePosted, page, { evidence: run.nav ? evidenceOf(run.nav) : [] });
  await activateRegistration(ctx.env, 'the tool', accepted.registration);
}

const registersScenario: ToolScenario = {
  id: REGISTERS_ID,
  title: 'registers by Dynamic Registration and closes the registration window',
  summary: 'We open the tool\'s registration initiation URL with openid_configuration and registration_token. The tool must read our configuration, post its client metadata with the token as bearer (redirect_uris, initiate_login_uri, jwks_uri, target_link_uri), ask only for what we offer, and end with the org.imsglobal.lti.close message. The registration it gets then serves every later scenario.',
  role: 'tool', suite: SUITE,
  refs: [rule('LTI-DR-002'), rule('LTI-DR-005'), rule('DR-CLIENT-METADATA'), rule('LTI-DR-007'), rule('LTI-DR-008')],
  skipReason: notConfigured,
  run: registers,
};

const launchesScenario: ToolScenario = {
  ...acceptedLaunch({
    id: 'tool.registration.accepts-registered-launch',
    title: 'accepts a launch with the client_id and deployment_id it registered',
    summary: 'A valid instructor launch under the registration the tool made by Dynamic Registration (the client_id and deployment_id we assigned, at the URLs it declared). The tool must accept it.',
    refs: [rule('LTI-RL-009')],
    launch: { variant: { persona: 'instructor' } },
  }),
  suite: SUITE,
  skipReason: (env) => notConfigured(env) ?? (env.emulator.registration.produced ? undefined : NO_REGISTRATION),
};

async function rejectsMismatch(ctx: ScenarioContext<ToolTestEnv>): Promise<void> {
  const reg = ctx.env.emulator.registration;
  const run = await openRegistration(ctx.env, 'mismatch');
  if (run.configurationFetches.length === 0)
    throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the tool never fetched ${run.configurationUrl}, so its issuer check could not be observed`, `Check target.registrationUrl; ${REGISTERS_ID} shows whether the tool reads a configuration at all.`);
  ctx.judge(mismatchNotRegistered, { registrations: run.registrations.length, configurationIssuer: String(reg.mismatchConfiguration().issuer), configurationUrl: run.configurationUrl }, { evidence: evidence(run) });
  const page = pageOf(run);
  if (page) ctx.judge(stopsCleanly, page, { evidence: evidenceOf(run.nav!) });
}

const mismatchScenario: ToolScenario = {
  id: 'tool.registration.rejects-issuer-mismatch',
  title: 'does not register with a configuration whose issuer does not match its URL',
  summary: 'NT-T-54: the openid_configuration URL is on our host, but the configuration names another issuer (another name of the same loopback host, or a sibling host name). The tool should check the issuer against the URL and not register (unconfirmed strength: a warning).',
  role: 'tool', suite: SUITE,
  refs: [rule('LTI-DR-003'), rule('DR-TOOL-STOPS')],
  skipReason: (env) => notConfigured(env) ?? env.emulator.registration.waitsForPerson,
  run: rejectsMismatch,
};

async function stopsOnError(ctx: ScenarioContext<ToolTestEnv>): Promise<void> {
  const run = await openRegistration(ctx.env, 'ours', { refuse: { status: 400, error: DR.errorInvalidClientMetadata, description: 'lti-conform refuses this registration on purpose (negative test)' } });
  // A tool may also decline a second registration from the same platform before posting anything.
  waitingForPerson(ctx.env, run, pageOf(run), 'refusal handling not observed');
  if (run.registrations.length === 0)
    throw new HarnessError('ERR_UNEXPECTED_RESPONSE', 'the tool sent no registration request, so how it handles a refusal could not be observed', `See ${REGISTERS_ID}.`);
  const page = pageOf(run);
  if (!page) throw new ScenarioSkipped('the tool\'s answer cannot be seen when triggers.register opens the URL');
  ctx.judge(stopsCleanly, page, { evidence: evidence(run) });
}

const stopsScenario: ToolScenario = {
  id: 'tool.registration.stops-on-error',
  title: 'stops cleanly when the platform refuses the registration',
  summary: 'Our registration endpoint answers 400 invalid_client_metadata. The tool should show an error: no server error, and no close message announcing a completed registration (unconfirmed strength: a warning).',
  role: 'tool', suite: SUITE,
  refs: [rule('DR-TOOL-STOPS')],
  skipReason: (env) => notConfigured(env) ?? env.emulator.registration.waitsForPerson,
  run: stopsOnError,
};

/** Run first: the registration made here is the one every later tool scenario uses. */
export const registrationScenarios: ToolScenario[] = [registersScenario, launchesScenario, mismatchScenario, stopsScenario];

/** Why a later scenario cannot run: the emulator waits for a registration that never came. */
export function registrationMissing(env: ToolTestEnv): string | undefined {
  return env.emulator.registration.awaiting ? NO_REGISTRATION : undefined;
}
