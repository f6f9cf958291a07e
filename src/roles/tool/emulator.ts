import { decodeJwt } from 'jose';
import type { DynamicPlatformTargetConfig, PlatformTargetConfig } from '../../config/types.js';
import type { KeyStore } from '../../keys/store.js';
import { CLAIM } from '../../lti/vocab.js';
import { html, InboundServer, json, type InboundRequest, type InboundResponse, type Route } from '../inbound-server.js';
import { applyPlan, authorizationRedirect, defaultAuthPlan, defaultAuthRequest, randomValue, type AuthPlan, type PendingLogin } from './auth-request.js';
import { DEEP_LINK_CONTENT_PATH, servedContent } from './deep-link-items.js';
import { answerDeepLink, defaultDeepLinkPlan, readDeepLinkRequest, type DeepLinkAnswer, type DeepLinkPlan } from './deep-link-response.js';
import { ToolLog, type ToolMarks, type ToolRecordKind, type ToolRecordOf, type ToolWaitOptions } from './log.js';
import type { AuthResponseRecord, LoginInitiationRecord, RegistrationInitiationRecord } from './records.js';
import { registrationPage } from './registration-page.js';

export interface ToolEmulatorOptions {
  host: string;
  port: number;
  /** Base URL the platform must use to reach us (tunnel, reverse proxy). */
  publicUrl?: string;
  keys: KeyStore;
  platform: PlatformTargetConfig;
  /** Seconds since the epoch. */
  now?: () => number;
}

export const TOOL_PATHS = {
  login: '/lti/login',
  launch: '/lti/launch',
  deepLink: '/lti/deep-link',
  /** Never given to the platform: any post here proves it skipped the redirect_uri check (NT-P-02). */
  unregistered: '/lti/unregistered',
  jwks: '/.well-known/jwks.json',
  /** LTI Dynamic Registration initiation: the platform opens it with openid_configuration (and registration_token). */
  register: '/lti/register',
} as const;

export interface ToolUrls {
  login: string;
  launch: string;
  deepLink: string;
  unregistered: string;
  jwks: string;
  /** target_link_uri for resource links. */
  targetLink: string;
  /** target_link_uri for deep linking. */
  deepLinkTarget: string;
  /** Our Dynamic Registration initiation URL. */
  registration: string;
}

/** What the platform's administrator enters to register our tool (`serve tool` prints it). */
export interface ToolRegistrationValues {
  loginInitiationUrl: string;
  redirectUris: string[];
  targetLinkUri: string;
  deepLinkingUrl: string;
  jwksUrl: string;
  /** Our Dynamic Registration initiation URL (a platform that registers tools dynamically opens it). */
  registrationUrl: string;
  clientId: string;
  deploymentId: string;
}

export const STATE_COOKIE = 'lti_conform_state';
/** Enough for any run; `serve tool` can run for days, so old logins are forgotten. */
const MAX_PENDING = 500;

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

const receivedPage = (text: string): InboundResponse =>
  html(200, `<!doctype html><html><head><meta charset="utf-8"><title>lti-conform</title></head><body><p>${text}</p></body></html>\n`);

/**
 * The tool we play when the target is a platform. It answers every login with an authentication
 * request built by the current `authPlan` and records whatever comes back; judging is for the checks.
 */
export class ToolEmulator {
  readonly server: InboundServer;
  /** Decides the next authentication request; scenarios swap it and put it back. */
  authPlan: AuthPlan = defaultAuthPlan;
  /** Set when we register with the platform by Dynamic Registration (the run then derives `platform` from it). */
  registration?: DynamicPlatformTargetConfig;
  /** The registration named no deployment_id: the first login initiation's lti_deployment_id (or id_token deployment_id) is adopted. */
  learnDeploymentId = false;
  /** Decides the response to the next deep-linking request (default: a correct one); scenarios swap it and put it back. */
  deepLinkPlan: DeepLinkPlan = defaultDeepLinkPlan;
  private lastValidNonce: string | undefined;
  private readonly log = new ToolLog();
  private readonly pendingLogins = new Map<string, PendingLogin>();
  private readonly now: () => number;
  private base = '';

  private constructor(private readonly opts: ToolEmulatorOptions) {
    this.now = opts.now ?? (() => Math.floor(Date.now() / 1000));
    this.server = new InboundServer(this.routes(), opts.host, opts.port);
  }

  static async start(opts: ToolEmulatorOptions): Promise<ToolEmulator> {
    const e = new ToolEmulator(opts);
    const port = await e.server.listen();
    e.base = (opts.publicUrl ?? `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`).replace(/\/+$/, '');
    return e;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  get keys(): KeyStore {
    return this.opts.keys;
  }

  get platform(): PlatformTargetConfig {
    return this.opts.platform;
  }

  /** The demo starts the platform after us (it needs our URLs), then tells us where it is. */
  set platform(p: PlatformTargetConfig) {
    this.opts.platform = p;
  }

  get urls(): ToolUrls {
    const u = (p: string): string => `${this.base}${p}`;
    return {
      login: u(TOOL_PATHS.login), launch: u(TOOL_PATHS.launch), deepLink: u(TOOL_PATHS.deepLink), unregistered: u(TOOL_PATHS.unregistered),
      jwks: u(TOOL_PATHS.jwks), targetLink: u(TOOL_PATHS.launch), deepLinkTarget: u(TOOL_PATHS.deepLink),
      registration: u(TOOL_PATHS.register),
    };
  }

  registrationValues(): ToolRegistrationValues {
    const u = this.urls;
    return {
      loginInitiationUrl: u.login, redirectUris: [u.launch, u.deepLink], targetLinkUri: u.targetLink, deepLinkingUrl: u.deepLinkTarget,
      jwksUrl: u.jwks, registrationUrl: u.registration, clientId: this.platform.clientId, deploymentId: this.platform.deploymentId,
    };
  }

  /** The nonce of the last correct deep-linking response we posted (a replay scenario reuses it). */
  get lastValidDeepLinkNonce(): string | undefined {
    return this.lastValidNonce;
  }

  get initiations(): LoginInitiationRecord[] {
    return this.log.initiation;
  }

  get responses(): AuthResponseRecord[] {
    return this.log.response;
  }

  marks(): ToolMarks {
    return this.log.marks();
  }

  waitFor<K extends ToolRecordKind>(kind: K, match: (r: ToolRecordOf<K>) => boolean, opts: ToolWaitOptions): Promise<ToolRecordOf<K> | undefined> {
    return this.log.waitFor(kind, match, opts);
  }

  /** The login that sent this state: the nonce and request we sent, and the initiation it answered. */
  pending(state: string): PendingLogin | undefined {
    return this.pendingLogins.get(state);
  }

  private routes(): Route[] {
    const respond = (path: string, registered: boolean) => (r: InboundRequest) => this.response(r, path, registered);
    return [
      { method: 'GET', path: TOOL_PATHS.login, handle: (r) => this.login(r) },
      { method: 'POST', path: TOOL_PATHS.login, handle: (r) => this.login(r) },
      // GET too: a platform that answers by query (response_mode=query, or an error redirect) is recorded, not 405'd.
      { method: '*', path: TOOL_PATHS.launch, handle: respond(TOOL_PATHS.launch, true) },
      { method: '*', path: TOOL_PATHS.deepLink, handle: respond(TOOL_PATHS.deepLink, true) },
      { method: '*', path: TOOL_PATHS.unregistered, handle: respond(TOOL_PATHS.unregistered, false) },
      { method: 'GET', path: TOOL_PATHS.register, handle: (r) => this.registrationInitiation(r) },
      { method: 'GET', path: TOOL_PATHS.jwks, handle: () => json(200, this.keys.jwks(), { 'cache-control': 'max-age=60' }) },
      { method: 'GET', path: `${DEEP_LINK_CONTENT_PATH}/*`, handle: (r) => this.content(r) },
    ];
  }

  get registrationInitiations(): RegistrationInitiationRecord[] {
    return this.log.registration;
  }

  /** Records the initiation; the registration itself is the scenario's work (it judges every step). */
  private registrationInitiation(r: InboundRequest): InboundResponse {
    this.log.push('registration', { exchangeId: r.exchangeId, at: this.now(), params: Object.fromEntries(r.params) });
    return html(200, registrationPage());
  }

  private login(r: InboundRequest): InboundResponse {
    const record: LoginInitiationRecord = { exchangeId: r.exchangeId, at: this.now(), method: r.method, params: Object.fromEntries(r.params) };
    const learnt = record.params.lti_deployment_id;
    // In place: the running scenario's env.target is this same object, so its checks see the learnt value.
    if (this.learnDeploymentId && learnt) {
      this.opts.platform.deploymentId = learnt;
      this.learnDeploymentId = false;
    }
    const u = this.urls;
    const state = randomValue();
    const defaults = defaultAuthRequest({
      params: record.params, clientId: this.platform.clientId, launchUri: u.launch, deepLinkUri: u.deepLink, deepLinkTarget: u.deepLinkTarget,
      state, nonce: randomValue(),
    });
    let sent: Record<string, string>;
    try {
      sent = applyPlan(this.authPlan, record, defaults);
    } catch (e) {
      this.log.push('initiation', record);
      return html(500, `<p>lti-conform: the scenario's auth plan failed: ${String((e as Error).message).replace(/[<>&"']/g, ' ')}</p>`);
    }
    record.authRequest = sent;
    this.remember(sent.state ?? state, { nonce: sent.nonce, authRequest: sent, initiation: record });
    this.log.push('initiation', record);
    // A real tool binds the state to the browser; the cookie must survive the platform's cross-site post.
    const cookie = sent.state !== undefined ? `${STATE_COOKIE}=${encodeURIComponent(sent.state)}; Path=/; HttpOnly; Secure; SameSite=None` : undefined;
    return {
      status: 302,
      headers: { location: authorizationRedirect(this.platform.authorizationUrl, sent), 'cache-control': 'no-store', ...(cookie ? { 'set-cookie': cookie } : {}) },
      body: '',
    };
  }

  /** lti_deployment_id is optional in the initiation: the first id_token's deployment_id claim serves too. */
  private learnDeploymentFromToken(idToken: string | null): void {
    if (!this.learnDeploymentId || !idToken) return;
    let claim: unknown;
    try {
      claim = decodeJwt(idToken)[CLAIM.deploymentId];
    } catch {
      return; // not a JWT: the scenario judges it
    }
    if (typeof claim !== 'string' || claim === '') return;
    this.opts.platform.deploymentId = claim;
    this.learnDeploymentId = false;
  }

  private remember(state: string, p: PendingLogin): void {
    this.pendingLogins.set(state, p);
    if (this.pendingLogins.size > MAX_PENDING) this.pendingLogins.delete(this.pendingLogins.keys().next().value as string);
  }

  /** An LtiDeepLinkingRequest at our deep-linking URI is answered with a response auto-posted to its return URL. */
  private async deepLinkAnswer(r: InboundRequest, path: string): Promise<DeepLinkAnswer | undefined> {
    const request = path === TOOL_PATHS.deepLink ? readDeepLinkRequest(r.params.get('id_token') ?? undefined) : undefined;
    if (request === undefined) return undefined;
    const p = this.platform;
    const identity = { clientId: p.clientId, issuer: p.issuer, deploymentId: p.deploymentId, now: this.now(), urls: { targetLink: this.urls.targetLink, content: `${this.base}${DEEP_LINK_CONTENT_PATH}` } };
    const answer = await answerDeepLink({ request, identity, keys: this.keys, plan: this.deepLinkPlan, ...(this.lastValidNonce !== undefined ? { lastValidNonce: this.lastValidNonce } : {}) });
    if (answer.record.posted && answer.record.valid) this.lastValidNonce = String(answer.record.sent.payload.nonce);
    return answer;
  }

  private content(r: InboundRequest): InboundResponse {
    const file = servedContent(r.url.pathname.slice(DEEP_LINK_CONTENT_PATH.length + 1));
    return file ? { status: 200, headers: { 'content-type': file.type }, body: file.body } : json(404, { error: 'not_found' });
  }

  private async response(r: InboundRequest, path: string, registered: boolean): Promise<InboundResponse> {
    if (registered) this.learnDeploymentFromToken(r.params.get('id_token'));
    const stateCookie = readCookie(r.headers.cookie, STATE_COOKIE);
    const answer = await this.deepLinkAnswer(r, path);
    this.log.push('response', {
      exchangeId: r.exchangeId, at: this.now(), path, registered, method: r.method, contentType: r.headers['content-type'] ?? '',
      form: Object.fromEntries(r.params), ...(stateCookie !== undefined ? { stateCookie } : {}), ...(answer ? { deepLinkAnswer: answer.record } : {}),
    });
    if (answer) return html(answer.status, answer.body);
    return receivedPage(registered ? 'lti-conform received the launch' : 'lti-conform received a post at a URI it never registered');
  }
}
