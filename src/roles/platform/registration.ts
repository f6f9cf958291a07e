// The Dynamic Registration side of the platform emulator: the OpenID configuration a tool reads (ours,
// and one whose issuer does not match its URL, NT-T-54) and the registration endpoint (RFC 7591). It
// answers as a careful platform would and logs every request raw; judging is the checks' job.
import { randomBytes } from 'node:crypto';
import { HarnessError } from '../../core/errors.js';
import { DR } from '../../lti/vocab.js';
import { json, type InboundRequest, type InboundResponse, type Route } from '../inbound-server.js';
import { RecordLog } from '../record-log.js';
import type { ToolRegistration } from './emulator.js';
import { isObject, mismatchedIssuer, refusalOf, registrationOf, scopesOf, type Json } from './registration-metadata.js';

export const REGISTRATION_PATHS = {
  endpoint: '/registration',
  /** The configuration whose issuer is not the origin it is served from. */
  mismatchConfiguration: '/registration/foreign-issuer/openid-configuration',
  mismatchEndpoint: '/registration/foreign-issuer/register',
} as const;

export type ConfigurationVariant = 'ours' | 'mismatch';

/** A GET of one of our configuration documents. */
export interface ConfigurationFetchRecord {
  exchangeId: string;
  at: number;
  variant: ConfigurationVariant;
  authorization?: string;
}

/** One request to a registration endpoint, as received, and what we answered. */
export interface RegistrationRecord {
  exchangeId: string;
  at: number;
  variant: ConfigurationVariant;
  method: string;
  contentType: string;
  /** The Authorization header as sent. */
  authorization?: string;
  body: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  metadata?: unknown;
  status: number;
  error?: string;
  /** Present when we accepted the registration. */
  registration?: ToolRegistration;
  /** Scopes we granted (what was asked for, within what we offer). */
  grantedScopes?: string[];
}

interface RegistrationRecords {
  configuration: ConfigurationFetchRecord;
  registration: RegistrationRecord;
}

/** How a registration carrying a token is answered: registered, or refused on purpose (negative test). */
export interface TokenPolicy {
  refuse?: { status: number; error: string; description: string };
}

export interface RegistrationEndpointOptions {
  base(): string;
  /** Our OpenID configuration (with registration members). */
  configuration(): Json;
  offeredScopes(): readonly string[];
  now?(): number;
}

const MAX_TOKENS = 1000;

/** The tool's registration initiation URL with our openid_configuration and registration_token ([DR] §3.3). */
export function initiationUrl(base: string, configurationUrl: string, token: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new HarnessError('ERR_CONFIG_INVALID', `target.registrationUrl: not a URL: ${base}`);
  }
  url.searchParams.set(DR.openidConfigurationParam, configurationUrl);
  url.searchParams.set(DR.registrationTokenParam, token);
  return url.toString();
}

export class RegistrationEndpoint {
  readonly log = new RecordLog<RegistrationRecords>(['configuration', 'registration']);
  /** The tool's registration initiation URL (config target.registrationUrl); absent = no DR testing. */
  initiationUrl: string | undefined;
  /** True while the emulator has no usable tool registration and waits for one from Dynamic Registration. */
  awaiting = false;
  /** The registration the tool produced in the last tool.registration.registers, when it completed. */
  produced: ToolRegistration | undefined;
  /** Set when the headless browser found the tool waiting for a person: the negatives cannot be told either. */
  waitsForPerson: string | undefined;
  /** Called with every registration we accept (serve platform installs it; scenarios install their own). */
  onRegistered: ((r: ToolRegistration) => void) | undefined;
  private readonly tokens = new Map<string, TokenPolicy>();
  private deployments = 0;

  constructor(private readonly opts: RegistrationEndpointOptions) {}

  /** A fresh registration_token; a registration carrying it is answered by `policy`. */
  issueToken(policy: TokenPolicy = {}): string {
    if (this.tokens.size >= MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value as string);
    const token = `lti-conform-reg-${randomBytes(16).toString('base64url')}`;
    this.tokens.set(token, policy);
    return token;
  }

  configurationUrl(variant: ConfigurationVariant): string {
    return variant === 'ours' ? `${this.opts.base()}/.well-known/openid-configuration` : `${this.opts.base()}${REGISTRATION_PATHS.mismatchConfiguration}`;
  }

  get endpointUrl(): string {
    return `${this.opts.base()}${REGISTRATION_PATHS.endpoint}`;
  }

  /** Our configuration served as another issuer (NT-T-54): a tool must not register with it. */
  mismatchConfiguration(): Json {
    return { ...this.opts.configuration(), issuer: mismatchedIssuer(this.opts.base()), registration_endpoint: `${this.opts.base()}${REGISTRATION_PATHS.mismatchEndpoint}` };
  }

  /** Records the GET of our own configuration (served by the emulator's route). */
  noteConfigurationFetch(r: InboundRequest): void {
    this.log.push('configuration', { exchangeId: r.exchangeId, at: this.now(), variant: 'ours', ...(r.headers.authorization ? { authorization: r.headers.authorization } : {}) });
  }

  routes(): Route[] {
    return [
      { method: 'POST', path: REGISTRATION_PATHS.endpoint, handle: (r) => this.register(r, 'ours') },
      { method: 'POST', path: REGISTRATION_PATHS.mismatchEndpoint, handle: (r) => this.register(r, 'mismatch') },
      {
        method: 'GET', path: REGISTRATION_PATHS.mismatchConfiguration, handle: (r) => {
          this.log.push('configuration', { exchangeId: r.exchangeId, at: this.now(), variant: 'mismatch', ...(r.headers.authorization ? { authorization: r.headers.authorization } : {}) });
          return json(200, this.mismatchConfiguration());
        },
      },
    ];
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private register(r: InboundRequest, variant: ConfigurationVariant): InboundResponse {
    const contentType = r.headers['content-type'] ?? '';
    let metadata: unknown;
    try {
      metadata = JSON.parse(r.body) as unknown;
    } catch {
      metadata = undefined;
    }
    const base = { exchangeId: r.exchangeId, at: this.now(), variant, method: r.method, contentType, body: r.body, ...(r.headers.authorization !== undefined ? { authorization: r.headers.authorization } : {}), ...(metadata !== undefined ? { metadata } : {}) };
    const answer = (status: number, body: Json, extra: Partial<RegistrationRecord> = {}, headers: Record<string, string> = {}): InboundResponse => {
      this.log.push('registration', { ...base, status, ...(typeof body.error === 'string' ? { error: body.error } : {}), ...extra });
      return json(status, body, headers);
    };
    const token = /^Bearer\s+(\S+)$/i.exec(r.headers.authorization ?? '')?.[1];
    const policy = token === undefined ? undefined : this.tokens.get(token);
    if (policy === undefined) {
      const error = token === undefined ? 'invalid_request' : 'invalid_token';
      return answer(401, { error, error_description: token === undefined ? 'the registration_token must be sent as a bearer token' : 'unknown registration token' }, {}, { 'www-authenticate': `Bearer error="${error}"` });
    }
    if (policy.refuse) return answer(policy.refuse.status, { error: policy.refuse.error, error_description: policy.refuse.description });
    if (variant === 'mismatch') return answer(400, { error: DR.errorInvalidClientMetadata, error_description: 'this configuration named an issuer other than its URL; a tool must not have registered with it' });
    if (!/^application\/json\b/i.test(contentType.trim()) && !isObject(metadata)) return answer(400, { error: DR.errorInvalidClientMetadata, error_description: 'the body must be a JSON object (application/json)' });
    const refusal = refusalOf(metadata);
    if (refusal) return answer(400, { error: refusal.error, error_description: refusal.description });
    const request = metadata as Json;
    const clientId = `lti-conform-dr-${randomBytes(9).toString('base64url')}`;
    const deploymentId = `lti-conform-dr-deployment-${++this.deployments}`;
    const registration = registrationOf(request, clientId, deploymentId);
    const offered = this.opts.offeredScopes();
    const grantedScopes = scopesOf(request).filter((s) => offered.includes(s));
    const toolConfig = { ...(request[DR.toolConfiguration] as Json), deployment_id: deploymentId };
    // RFC 7591 §3.2.1: the registered metadata, with values we changed (scope), plus client_id.
    const body: Json = { ...request, client_id: clientId, scope: grantedScopes.join(' '), [DR.toolConfiguration]: toolConfig };
    const out = answer(201, body, { registration, grantedScopes });
    this.onRegistered?.(registration);
    return out;
  }
}
