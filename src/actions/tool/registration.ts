// We play the tool in LTI Dynamic Registration: learn where the platform's OpenID configuration is (from
// config, or from the platform opening our initiation URL through triggers.register), fetch it, and POST
// our client metadata to its registration endpoint. Every exchange is evidence; judging is for the checks.
import { randomBytes } from 'node:crypto';
import type { DynamicPlatformTargetConfig, PlatformTargetConfig } from '../../config/types.js';
import { HarnessError, isHarnessError, ScenarioSkipped } from '../../core/errors.js';
import { send, type HttpResponse } from '../../http/client.js';
import { DR, MEDIA_TYPE } from '../../lti/vocab.js';
import { renderTemplate, runTrigger, type TemplateVars } from '../triggers/index.js';
import { MANUAL_REGISTRATION_MS, REGISTER_TRIGGER } from '../triggers/registration.js';
import type { PlatformTestEnv } from './env.js';
import { parseJson } from './token.js';

const MAX_REDIRECTS = 5;
const MAX_CONFIG_BYTES = 256 * 1024;
/** http/command triggers: the platform may open our URL just after the trigger returns. */
const GRACE_MS = 2_000;
const SECRET_MEMBERS = /("(?:registration_access_token|client_secret)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

export interface Initiation {
  openidConfigurationUrl?: string;
  registrationToken?: string;
  /** The platform's request to our initiation URL (absent when the URL came from config). */
  params?: Record<string, string>;
  exchangeId?: string;
}

export interface FetchedConfiguration {
  url: string;
  status: number;
  json: unknown;
  exchangeIds: string[];
}

export interface RegistrationAnswer {
  status: number;
  json: unknown;
  exchangeId: string;
}

type Outcome = { kind: 'pending' } | { kind: 'registered'; platform: PlatformTargetConfig } | { kind: 'failed'; reason: string };

/** One run's registration with the platform: shared by the registration scenarios and what follows them. */
export class RegistrationSession {
  outcome: Outcome = { kind: 'pending' };
  /** client_ids the platform handed out for requests it should have refused (delete them in the platform). */
  readonly strays: string[] = [];
  #initiation?: Promise<Initiation>;
  #configuration?: Promise<FetchedConfiguration>;

  constructor(readonly target: DynamicPlatformTargetConfig) {}

  get failure(): string | undefined {
    return this.outcome.kind === 'failed' ? this.outcome.reason : undefined;
  }

  fail(reason: string): void {
    if (this.outcome.kind === 'pending') this.outcome = { kind: 'failed', reason };
  }

  /** Where the configuration is and the token, once per run (a trigger-issued token may be single-use). */
  initiation(env: PlatformTestEnv): Promise<Initiation> {
    return (this.#initiation ??= this.initiate(env));
  }

  /** The platform's OpenID configuration, fetched once per run; the first caller's evidence holds it. */
  configuration(env: PlatformTestEnv): Promise<FetchedConfiguration> {
    return (this.#configuration ??= this.initiation(env).then((i) => {
      if (i.openidConfigurationUrl === undefined) throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the registration initiation carried no ${DR.openidConfigurationParam}: nothing to register with`);
      return fetchConfiguration(env, i.openidConfigurationUrl, i.registrationToken);
    }));
  }

  /** The registration endpoint, or a skip naming why it is unknown. */
  async endpoint(env: PlatformTestEnv): Promise<string> {
    let c: FetchedConfiguration;
    try {
      c = await this.configuration(env);
    } catch (e) {
      throw new ScenarioSkipped(`the platform's OpenID configuration could not be read: ${(e as Error).message}`);
    }
    const ep = (c.json as { registration_endpoint?: unknown } | undefined)?.registration_endpoint;
    if (typeof ep !== 'string' || ep === '') throw new ScenarioSkipped('the OpenID configuration names no registration_endpoint');
    return ep;
  }

  private async initiate(env: PlatformTestEnv): Promise<Initiation> {
    const r = this.target.registration;
    if (r.openidConfigurationUrl !== undefined) return { openidConfigurationUrl: r.openidConfigurationUrl, ...(r.registrationToken ? { registrationToken: r.registrationToken } : {}) };
    const record = await triggerRegistration(env);
    const p = record.params;
    const token = p[DR.registrationTokenParam] ?? r.registrationToken;
    return {
      ...(p[DR.openidConfigurationParam] ? { openidConfigurationUrl: p[DR.openidConfigurationParam] } : {}), ...(token ? { registrationToken: token } : {}),
      params: p, exchangeId: record.exchangeId,
    };
  }
}

function vars(env: PlatformTestEnv): TemplateVars {
  const u = env.toolEmulator.urls;
  return { 'tool.registration_url': u.registration, 'tool.login_url': u.login, 'tool.jwks_url': u.jwks, 'tool.target_link_uri': u.targetLink };
}

/** Makes the platform open our registration initiation URL (triggers.register) and waits for it. */
async function triggerRegistration(env: PlatformTestEnv) {
  const config = env.triggers[REGISTER_TRIGGER];
  const url = env.toolEmulator.urls.registration;
  if (config === undefined) throw new HarnessError('ERR_CONFIG_INVALID', 'target.registration.openidConfigurationUrl is not set and there is no triggers.register to make the platform open our registration URL');
  const em = env.toolEmulator;
  const since = em.marks().registration;
  const v = vars(env);
  if (config.kind === 'http') {
    const headers: Record<string, string> = {};
    for (const [k, h] of Object.entries(config.http.headers ?? {})) headers[k] = renderTemplate(h, v, REGISTER_TRIGGER);
    const form = config.http.body === undefined ? undefined : [...new URLSearchParams(renderTemplate(config.http.body, v, REGISTER_TRIGGER))];
    try {
      await env.browser.navigate({ method: config.http.method === 'POST' ? 'POST' : 'GET', url: renderTemplate(config.http.url, v, REGISTER_TRIGGER), headers, ...(form ? { form } : {}) });
    } catch (e) {
      if (!isHarnessError(e) || em.marks().registration === since) throw e;
    }
  } else {
    await runTrigger(config, {
      name: REGISTER_TRIGGER, vars: v, timeoutMs: config.kind === 'manual' ? MANUAL_REGISTRATION_MS : env.timeoutMs, signal: env.signal, evidence: env.evidence, announce: (t) => env.announce(t),
      instructions: `Start Dynamic Registration of a new tool in the platform with this registration URL: ${url}`,
    });
  }
  const timeoutMs = config.kind === 'manual' ? (config.timeoutMs ?? MANUAL_REGISTRATION_MS) : Math.min(GRACE_MS, env.timeoutMs);
  const record = await em.waitFor('registration', () => true, { timeoutMs, signal: env.signal, since });
  if (!record) throw new HarnessError(config.kind === 'manual' ? 'ERR_TIMEOUT' : 'ERR_TRIGGER_FAILED', `triggers.register: the platform never opened our registration URL ${url}`, 'Check that the trigger starts Dynamic Registration with {{tool.registration_url}}.');
  return record;
}

/** GETs the configuration, following at most 5 redirects; the token goes only to the configuration's own origin. */
export async function fetchConfiguration(env: PlatformTestEnv, start: string, token: string | undefined): Promise<FetchedConfiguration> {
  const exchangeIds: string[] = [];
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const sameOrigin = new URL(url).origin === new URL(start).origin;
    const headers: Record<string, string> = { accept: MEDIA_TYPE.json, ...(token && sameOrigin ? { authorization: `Bearer ${token}` } : {}) };
    const sent = { direction: 'outbound' as const, method: 'GET', url, requestHeaders: headers };
    let res: HttpResponse;
    try {
      res = await send({ method: 'GET', url, headers, timeoutMs: env.timeoutMs, signal: env.signal, maxBodyBytes: MAX_CONFIG_BYTES });
    } catch (e) {
      env.evidence.record({ ...sent, error: (e as Error).message });
      throw e;
    }
    exchangeIds.push(env.evidence.record({ ...sent, status: res.status, responseHeaders: res.headers, responseBody: res.body, durationMs: res.durationMs }));
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    const json = parseJson(res.body);
    if (json === undefined)
      throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the OpenID configuration ${url} answered HTTP ${res.status} ${res.headers['content-type'] ?? 'without a content type'}, not JSON`, 'Is target.registration.openidConfigurationUrl (or the openid_configuration the platform sent) the configuration itself, not a login page?');
    return { url, status: res.status, json, exchangeIds };
  }
  throw new HarnessError('ERR_REDIRECT_LOOP', `the OpenID configuration ${start} redirected more than ${MAX_REDIRECTS} times`, 'Open it in a browser: the configuration should answer JSON itself, at most a few redirects away.');
}

export type TokenUse = { kind: 'valid' } | { kind: 'none' } | { kind: 'wrong' };

/** POSTs client metadata to the registration endpoint; any answer is data, only network trouble throws. */
export async function postRegistration(env: PlatformTestEnv, endpoint: string, metadata: unknown, token: string | undefined, use: TokenUse = { kind: 'valid' }): Promise<RegistrationAnswer> {
  const bearer = use.kind === 'wrong' ? `lti-conform-wrong-${randomBytes(12).toString('hex')}` : use.kind === 'none' ? undefined : token;
  const headers: Record<string, string> = { 'content-type': MEDIA_TYPE.json, accept: MEDIA_TYPE.json, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) };
  const body = JSON.stringify(metadata);
  const sent = { direction: 'outbound' as const, method: 'POST', url: endpoint, requestHeaders: headers, requestBody: body };
  let res: HttpResponse;
  try {
    res = await send({ method: 'POST', url: endpoint, headers, body, timeoutMs: env.timeoutMs, signal: env.signal });
  } catch (e) {
    env.evidence.record({ ...sent, error: (e as Error).message });
    throw e;
  }
  const exchangeId = env.evidence.record({ ...sent, status: res.status, responseHeaders: res.headers, responseBody: res.body.replace(SECRET_MEMBERS, '$1"<redacted>"'), durationMs: res.durationMs });
  return { status: res.status, json: parseJson(res.body), exchangeId };
}
