import type { HttpTriggerRequest, TriggerConfig } from '../../config/types.js';
import { HarnessError, isHarnessError, ScenarioSkipped } from '../../core/errors.js';
import type { Navigation } from '../../http/browser.js';
import { MESSAGE_TYPE } from '../../lti/vocab.js';
import type { AuthPlan } from '../../roles/tool/auth-request.js';
import type { AuthResponseRecord, LoginInitiationRecord } from '../../roles/tool/records.js';
import { renderTemplate, runTrigger, type TemplateVars, type TriggerContext } from '../triggers/index.js';
import type { PlatformTestEnv } from './env.js';
import { verifyIdToken, type ReceivedIdToken } from './jwks.js';

/** launchCreatedLink: launches the link our deep-linking response created (NT-P-43); submissionReview: an instructor reviews a learner's submission. */
export type LaunchTriggerName = 'launch' | 'deepLinking' | 'launchCreatedLink' | 'submissionReview';

export interface PlatformLaunchOptions {
  /** Which configured trigger asks the platform for the launch (and which target_link_uri it should use). */
  trigger: LaunchTriggerName;
  /** The authentication request to send instead of the correct one (negative scenarios). */
  authPlan?: AuthPlan;
  /** How long to wait for the authentication response once the login arrived (manual triggers). */
  responseTimeoutMs?: number;
}

export interface PlatformLaunchRun {
  initiation?: LoginInitiationRecord;
  /** What we actually sent to the authorization endpoint. */
  authRequest?: Record<string, string>;
  response?: AuthResponseRecord;
  idToken?: ReceivedIdToken;
  state?: { sent?: string; returned?: string };
  nonceSent?: string;
  /** The browser's way through the flow (http and command triggers). */
  nav?: Navigation;
  /** The browser stopped with a harness error after the platform had started the login. */
  navError?: { code: string; message: string };
  /** How many authentication responses the emulator had logged when this launch started (later ones are its own). */
  responsesBefore: number;
}

/** A person launching by hand gets this long unless the trigger says otherwise. */
export const MANUAL_LAUNCH_TIMEOUT_MS = 5 * 60_000;
/** http/command: the browser followed every hop before we look, so records are there or never come. */
/** Our browser has followed every hop when navigate() returns: whatever was posted is already logged. */
const GRACE_MS = 0;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/;

interface Opened {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

function launchVars(env: PlatformTestEnv, name: LaunchTriggerName): TemplateVars {
  const u = env.toolEmulator.urls;
  return {
    'tool.login_url': u.login,
    'tool.target_link_uri': name === 'deepLinking' ? u.deepLinkTarget : u.targetLink,
    'tool.client_id': env.target.clientId,
    'tool.deployment_id': env.target.deploymentId,
    message_type: name === 'deepLinking' ? MESSAGE_TYPE.deepLinkingRequest : name === 'submissionReview' ? MESSAGE_TYPE.submissionReview : MESSAGE_TYPE.resourceLink,
  };
}

function manualInstructions(env: PlatformTestEnv, name: LaunchTriggerName): string {
  const u = env.toolEmulator.urls;
  const what = name === 'deepLinking'
    ? `Start deep linking (add content) with the tool registered as ${env.target.clientId} from your LMS`
    : name === 'launchCreatedLink'
      ? `Launch the activity "lti-conform activity" that lti-conform just added by deep linking`
      : name === 'submissionReview'
        ? `As an instructor, open the submission review of a learner's graded work for the tool registered as ${env.target.clientId} in your LMS`
        : `Launch the tool registered as ${env.target.clientId} from your LMS`;
  return `${what} (deployment ${env.target.deploymentId}). Its login initiation URL is ${u.login}; the launch must end at ${name === 'deepLinking' ? u.deepLink : u.launch}.`;
}

function httpRequest(http: HttpTriggerRequest, vars: TemplateVars, name: string): Opened {
  if (http.method !== 'GET' && http.method !== 'POST')
    throw new HarnessError('ERR_CONFIG_INVALID', `triggers.${name}: a launch trigger opens a page in the browser, so its method must be GET or POST (got ${http.method})`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(http.headers ?? {})) headers[k] = renderTemplate(v, vars, name);
  const body = http.body === undefined ? undefined : renderTemplate(http.body, vars, name);
  return { url: renderTemplate(http.url, vars, name), method: http.method, headers, ...(body !== undefined ? { body } : {}) };
}

/** The command's stdout: the URL to open on the first line, then optional `Header: value` lines. */
export function parseLaunchOutput(stdout: string, name: string): Opened {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const [first, ...rest] = lines;
  const bad = (why: string): HarnessError =>
    new HarnessError('ERR_TRIGGER_FAILED', `triggers.${name}: ${why}`, 'Print the launch URL on the first line of stdout, then optional "Header: value" lines.');
  if (first === undefined) throw bad('the command printed nothing on stdout');
  let url: URL;
  try {
    url = new URL(first);
  } catch {
    throw bad('the first line of its output is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad(`the URL it printed is ${url.protocol}, not http(s)`);
  const headers: Record<string, string> = {};
  for (const [i, line] of rest.entries()) {
    const m = HEADER_LINE.exec(line);
    if (!m) throw bad(`output line ${i + 2} is not "Header: value"`);
    headers[m[1]!] = m[2]!;
  }
  return { url: url.toString(), method: 'GET', headers };
}

/** Opens the platform's launch page; a Cookie header goes into the jar so the whole flow carries it. */
async function open(env: PlatformTestEnv, o: Opened): Promise<Navigation> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.headers)) {
    if (k.toLowerCase() !== 'cookie') {
      headers[k] = v;
      continue;
    }
    for (const pair of v.split(';').map((p) => p.trim()).filter((p) => p.includes('=')))
      await env.browser.jar.setCookie(`${pair}; Path=/`, o.url, { ignoreError: true });
  }
  const form = o.body !== undefined ? [...new URLSearchParams(o.body)] : undefined;
  return env.browser.navigate({ method: o.method, url: o.url, headers, ...(form ? { form } : {}) });
}

async function fire(env: PlatformTestEnv, name: LaunchTriggerName, config: TriggerConfig): Promise<Opened | undefined> {
  const vars = launchVars(env, name);
  if (config.kind === 'http') return httpRequest(config.http, vars, name);
  const ctx: TriggerContext = {
    name, vars, timeoutMs: config.kind === 'manual' ? MANUAL_LAUNCH_TIMEOUT_MS : env.timeoutMs, signal: env.signal, evidence: env.evidence,
    announce: (t) => env.announce(t), instructions: config.kind === 'manual' ? manualInstructions(env, name) : '', captureStdout: true,
  };
  const outcome = await runTrigger(config, ctx);
  return outcome.kind === 'done' ? parseLaunchOutput(outcome.stdout ?? '', name) : undefined;
}

/**
 * Asks the platform for a fresh launch through the configured trigger and collects what came back:
 * the login initiation, the authentication request we sent, the response and its verified id_token.
 */
export async function platformLaunch(env: PlatformTestEnv, opts: PlatformLaunchOptions): Promise<PlatformLaunchRun> {
  const name = opts.trigger;
  const config = env.triggers[name];
  if (config === undefined) throw new ScenarioSkipped(`no trigger configured (triggers.${name})`);
  const em = env.toolEmulator;
  const previousPlan = em.authPlan;
  if (opts.authPlan) em.authPlan = opts.authPlan;
  const started = Date.now();
  const marks = em.marks();
  const run: PlatformLaunchRun = { responsesBefore: marks.response };
  try {
    const opened = await fire(env, name, config);
    if (opened) {
      try {
        run.nav = await open(env, opened);
      } catch (e) {
        // Before the login the trigger itself failed; after it, the platform misled the browser: a finding.
        if (!isHarnessError(e) || em.marks().initiation === marks.initiation) throw e;
        run.navError = { code: e.code, message: e.message };
      }
    }
    const manual = config.kind === 'manual';
    const total = manual ? (config.timeoutMs ?? MANUAL_LAUNCH_TIMEOUT_MS) : Math.min(GRACE_MS, env.timeoutMs);
    const wait = { signal: env.signal };
    run.initiation = await em.waitFor('initiation', () => true, { ...wait, timeoutMs: total, since: marks.initiation });
    if (!run.initiation) throw noLogin(env, name, config, total, run.nav);
    const left = manual ? Math.max(0, total - (Date.now() - started)) : total;
    run.response = await em.waitFor('response', () => true, { ...wait, timeoutMs: manual ? (opts.responseTimeoutMs ?? left) : left, since: marks.response });
  } finally {
    em.authPlan = previousPlan;
  }
  return collect(env, run);
}

/** No login at all means the launch never started: a trigger or session problem, not a finding. */
function noLogin(env: PlatformTestEnv, name: string, config: TriggerConfig, waitedMs: number, nav: Navigation | undefined): HarnessError {
  const login = env.toolEmulator.urls.login;
  if (env.signal.aborted) return new HarnessError('ERR_TIMEOUT', `triggers.${name}: aborted while waiting for the platform's login at ${login}`);
  if (config.kind === 'manual')
    return new HarnessError('ERR_TIMEOUT', `triggers.${name}: no login reached ${login} within ${waitedMs} ms`, `Launch the tool in the platform while lti-conform waits, or raise triggers.${name}.timeoutMs.`);
  const last = nav?.hops.at(-1);
  return new HarnessError('ERR_TRIGGER_FAILED', `triggers.${name}: the platform never sent the browser to our login initiation URL ${login}`,
    `${last ? `The browser stopped at ${last.method} ${last.url} -> ${last.status}. ` : ''}Check the launch URL, that the session it uses is still valid, and that the platform registered ${login}.`);
}

async function collect(env: PlatformTestEnv, run: PlatformLaunchRun): Promise<PlatformLaunchRun> {
  const sent = run.initiation?.authRequest;
  if (sent) run.authRequest = sent;
  if (sent?.nonce !== undefined) run.nonceSent = sent.nonce;
  const returned = run.response?.form.state;
  if (sent?.state !== undefined || returned !== undefined)
    run.state = { ...(sent?.state !== undefined ? { sent: sent.state } : {}), ...(returned !== undefined ? { returned } : {}) };
  const jwt = run.response?.form.id_token;
  if (jwt !== undefined) run.idToken = await verifyIdToken(env, jwt);
  return run;
}
