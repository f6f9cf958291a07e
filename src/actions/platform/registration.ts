// Opening a tool's Dynamic Registration initiation URL as a platform does ([DR] §3.3): in our headless
// browser, or through `triggers.register` (manual: a person opens the printed URL), then waiting for
// what the tool sends our configuration and registration endpoints.
import { HarnessError } from '../../core/errors.js';
import type { Navigation } from '../../http/browser.js';
import { initiationUrl, type ConfigurationFetchRecord, type ConfigurationVariant, type RegistrationRecord, type TokenPolicy } from '../../roles/platform/registration.js';
import { runTrigger } from '../triggers/index.js';
import { MANUAL_REGISTRATION_MS, REGISTER_TRIGGER } from '../triggers/registration.js';
import type { ToolTestEnv } from './env.js';

/** Time a tool gets, after its page answered, to send a registration it started in the background. */
const GRACE_MS = 400;
/** How long we watch for a registration that must not come (a mismatched configuration): a script, a person. */
const MUST_NOT_MS = { script: 3000, person: 30_000 };


export interface RegistrationRun {
  /** The URL we opened (or asked a person to open). */
  url: string;
  token: string;
  configurationUrl: string;
  /** The browser navigation; absent when a trigger (or a person) opened the URL. */
  nav?: Navigation;
  configurationFetches: ConfigurationFetchRecord[];
  registrations: RegistrationRecord[];
}


/** Opens the tool's registration initiation URL with one of our configurations and a fresh token. */
export async function openRegistration(env: ToolTestEnv, variant: ConfigurationVariant, policy: TokenPolicy = {}): Promise<RegistrationRun> {
  const reg = env.emulator.registration;
  if (!reg.initiationUrl) throw new HarnessError('ERR_CONFIG_INVALID', 'target.registrationUrl is not configured');
  const token = reg.issueToken(policy);
  const configurationUrl = reg.configurationUrl(variant);
  const url = initiationUrl(reg.initiationUrl, configurationUrl, token);
  const mark = reg.log.marks();
  const trigger = env.triggers[REGISTER_TRIGGER];
  let nav: Navigation | undefined;
  let waitMs = GRACE_MS;
  if (trigger) {
    const manual = trigger.kind === 'manual';
    const patienceMs = trigger.timeoutMs ?? (manual ? MANUAL_REGISTRATION_MS : env.timeoutMs);
    await runTrigger(trigger, {
      name: REGISTER_TRIGGER, timeoutMs: manual ? patienceMs : env.timeoutMs, signal: env.signal, evidence: env.evidence, announce: (t) => env.announce(t),
      vars: { 'registration.url': url, 'registration.openid_configuration': configurationUrl, 'registration.token': token },
      instructions: 'Open this URL in a browser where you administer the tool, to register it with lti-conform:\n  {{registration.url}}',
    });
    // A person (or a script) opens the URL: wait for the tool to read the configuration first.
    const fetched = await reg.log.waitFor('configuration', (r) => r.variant === variant, { since: mark.configuration, timeoutMs: patienceMs, signal: env.signal });
    waitMs = !fetched ? 0 : variant === 'ours' ? patienceMs : Math.min(patienceMs, manual ? MUST_NOT_MS.person : MUST_NOT_MS.script);
  } else {
    nav = await env.browser.navigate({ method: 'GET', url });
  }
  if (waitMs > 0 && reg.log.list('registration').length === mark.registration)
    await reg.log.waitFor('registration', (r) => r.variant === variant, { since: mark.registration, timeoutMs: waitMs, signal: env.signal });
  return {
    url, token, configurationUrl, ...(nav ? { nav } : {}),
    configurationFetches: reg.log.list('configuration').slice(mark.configuration).filter((r) => r.variant === variant),
    registrations: reg.log.list('registration').slice(mark.registration).filter((r) => r.variant === variant),
  };
}
