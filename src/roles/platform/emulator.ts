import type { Lti11ToolConfig } from '../../config/types.js';
import type { KeyStore } from '../../keys/store.js';
import { DR, MESSAGE_TYPE, OIDC } from '../../lti/vocab.js';
import { html, InboundServer, json, type InboundRequest, type Route } from '../inbound-server.js';
import { autoPostPage, escapeHtml, launchStartPage } from './pages.js';
import { PlatformServices, SERVICE_PATHS } from './services/index.js';
import { RegistrationEndpoint } from './registration.js';

export interface ToolRegistration {
  clientId: string;
  deploymentId: string;
  redirectUris: string[];
  loginInitiationUrl: string;
  targetLinkUri: string;
  jwksUrl?: string;
  deepLinkingUrl?: string;
  /** Where the tool takes LtiSubmissionReviewRequest launches (config or registration). */
  submissionReviewUrl?: string;
  /** The LTI 1.1 installation the tool migrates from: our launches carry a signed lti1p1 claim. */
  lti11?: Lti11ToolConfig;
}

export interface PlatformEmulatorOptions {
  host: string;
  port: number;
  publicUrl?: string;
  keys: KeyStore;
  tool: ToolRegistration;
}

/** The tool's OIDC authentication request as it reached our authorization endpoint. */
export interface AuthRequest {
  method: string;
  params: Record<string, string>;
  exchangeId: string;
}

export type AuthAnswer =
  | { kind: 'post'; action: string; fields: Record<string, string> }
  | { kind: 'refuse'; status: number; error: string; description: string };

export type AuthHandler = (req: AuthRequest) => Promise<AuthAnswer> | AuthAnswer;

export const PATHS = {
  openidConfiguration: '/.well-known/openid-configuration',
  jwks: '/.well-known/jwks.json',
  authorization: '/auth',
  token: SERVICE_PATHS.token,
  deepLinkReturn: SERVICE_PATHS.deepLinkReturn,
  launchStart: '/launch',
  decoy: '/decoy-landing',
} as const;

/**
 * The platform we play when the target is a tool. Scenarios run one at a time, so a single current
 * auth handler decides how the next authentication request is answered.
 */
export class PlatformEmulator {
  readonly server: InboundServer;
  authHandler: AuthHandler | undefined;
  /** Auth requests received, newest last (judged by login scenarios). */
  readonly authRequests: AuthRequest[] = [];
  /** Hits on the decoy URL we pass as an unsigned target_link_uri (NT-T-33). */
  decoyHits = 0;
  /** Token endpoint, AGS, NRPS and deep-link return, with the raw log of what the tool sent them. */
  readonly services: PlatformServices;
  /** Dynamic Registration: our configuration for tools, the registration endpoint and its raw log. */
  readonly registration: RegistrationEndpoint;
  private base = '';

  private constructor(readonly opts: PlatformEmulatorOptions) {
    this.services = new PlatformServices({ base: () => this.base, tool: () => this.opts.tool });
    this.registration = new RegistrationEndpoint({ base: () => this.base, configuration: () => this.configuration(), offeredScopes: () => this.services.offeredScopes });
    this.server = new InboundServer([...this.routes(), ...this.services.routes(), ...this.registration.routes()], opts.host, opts.port);
  }

  static async start(opts: PlatformEmulatorOptions): Promise<PlatformEmulator> {
    const e = new PlatformEmulator(opts);
    const port = await e.server.listen();
    e.base = (opts.publicUrl ?? `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`).replace(/\/+$/, '');
    return e;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  get issuer(): string {
    return this.base;
  }

  url(path: (typeof PATHS)[keyof typeof PATHS]): string {
    return `${this.base}${path}`;
  }

  get keys(): KeyStore {
    return this.opts.keys;
  }

  get tool(): ToolRegistration {
    return this.opts.tool;
  }

  /** The demo starts the tool after us (it needs our URLs), then tells us where it is. */
  set tool(t: ToolRegistration) {
    this.opts.tool = t;
  }

  private routes(): Route[] {
    return [
      { method: 'GET', path: PATHS.openidConfiguration, handle: (r) => { this.registration.noteConfigurationFetch(r); return json(200, this.configuration()); } },
      { method: 'GET', path: PATHS.jwks, handle: () => json(200, this.keys.jwks(), { 'cache-control': 'max-age=60' }) },
      { method: '*', path: PATHS.authorization, handle: (r) => this.authorize(r) },
      { method: 'GET', path: PATHS.launchStart, handle: (r) => html(200, launchStartPage(this, r.url.searchParams.get('persona') ?? 'instructor', r.url.searchParams.get('message') === 'deep-linking')) },
      { method: 'GET', path: PATHS.decoy, handle: () => { this.decoyHits++; return html(200, '<p>decoy page: a tool should never land here</p>'); } },
    ];
  }

  configuration(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      authorization_endpoint: this.url(PATHS.authorization),
      token_endpoint: this.url(PATHS.token),
      jwks_uri: this.url(PATHS.jwks),
      response_types_supported: [OIDC.responseType],
      response_modes_supported: [OIDC.responseMode],
      scopes_supported: [OIDC.scope, ...this.services.offeredScopes],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256'],
      // Dynamic Registration members ([DR] §3.4).
      registration_endpoint: this.registration.endpointUrl,
      claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'nonce', 'azp', 'name', 'given_name', 'family_name', 'email'],
      [DR.platformConfiguration]: {
        product_family_code: 'lti-conform',
        version: '1',
        messages_supported: [{ type: MESSAGE_TYPE.resourceLink }, { type: MESSAGE_TYPE.deepLinkingRequest }, { type: MESSAGE_TYPE.submissionReview }],
        variables: [],
      },
    };
  }

  private async authorize(r: InboundRequest): Promise<ReturnType<typeof html>> {
    const req: AuthRequest = { method: r.method, params: Object.fromEntries(r.params), exchangeId: r.exchangeId };
    this.authRequests.push(req);
    const handler = this.authHandler;
    if (!handler) return html(400, '<p>No launch is in progress. Start one from /launch.</p>');
    const answer = await handler(req);
    if (answer.kind === 'refuse') return html(answer.status, `<p>${escapeHtml(answer.error)}: ${escapeHtml(answer.description)}</p>`);
    return html(200, autoPostPage(answer.action, answer.fields));
  }
}
