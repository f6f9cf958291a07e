// OAuth 2 client_credentials with a JWT client assertion, as our emulated tool asks the platform under test
// for an access token ([SEC] §4.1, [CORE] §6.2). Every request is evidence; the token itself never is.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { PlatformTargetConfig } from '../../config/types.js';
import { HarnessError } from '../../core/errors.js';
import type { EvidenceRecorder } from '../../core/evidence.js';
import { send, type HttpResponse } from '../../http/client.js';
import type { KeyStore } from '../../keys/store.js';
import { MEDIA_TYPE, OAUTH } from '../../lti/vocab.js';
import { buildAssertion, type AssertionMutation, type BuiltAssertion } from './assertion.js';

/** What the tool-side actions need: the platform, our keys, where evidence goes, time and cancellation. */
export interface ToolClientContext {
  target: PlatformTargetConfig;
  keys: KeyStore;
  evidence: EvidenceRecorder;
  timeoutMs: number;
  signal: AbortSignal;
  /** Seconds since the epoch (injected for determinism). */
  now(): number;
}

export type TokenForm = Record<string, string>;

export interface TokenRequestOptions {
  scopes: string[];
  mutation?: AssertionMutation;
  /** Rewrites the form before it is sent (grant_type=password, no client_assertion_type, ...). */
  form?: (fields: TokenForm) => TokenForm;
  /** Sends this assertion JWT again instead of a new one (jti replay). */
  reuseAssertion?: string;
}

export interface TokenResponse {
  status: number;
  headers: Record<string, string>;
  /** Raw body: it holds the access token, so it never goes to a report as is. */
  body: string;
  /** The body parsed, when it is JSON. */
  json?: unknown;
  assertion: BuiltAssertion;
  exchangeId: string;
}

/** Default lifetime when the platform omits expires_in (RFC 6749 §5.1 leaves it optional). */
const DEFAULT_EXPIRES_IN_S = 3600;
/** A token is renewed this long before it expires, so no call goes out with a token about to lapse. */
const RENEW_MARGIN_S = 30;
/** A JSON member access_token / refresh_token with any scalar value (a string, or a bare number someone sent). */
const CREDENTIAL_MEMBERS = /("(?:access_token|refresh_token)"\s*:\s*)(?:"(?:[^"\\]|\\.)*"|[^\s,}\]]+)/g;
/** The same credentials in a form-encoded body (a platform that answers in the wrong format). */
const CREDENTIAL_FIELDS = /((?:^|&)(?:access_token|refresh_token)=)[^&]*/g;

/** The body with the value of every access_token / refresh_token replaced by "<redacted>". */
export function redactTokenBody(body: string): string {
  return body.replace(CREDENTIAL_MEMBERS, '$1"<redacted>"').replace(CREDENTIAL_FIELDS, '$1<redacted>');
}

export function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function decodeAssertion(jwt: string): BuiltAssertion {
  try {
    return { jwt, header: decodeProtectedHeader(jwt) as Record<string, unknown>, payload: decodeJwt(jwt) as Record<string, unknown> };
  } catch {
    return { jwt, header: {}, payload: {} };
  }
}

/** POSTs one token request; never throws for the platform's answer, only for network trouble. */
export async function requestToken(ctx: ToolClientContext, o: TokenRequestOptions): Promise<TokenResponse> {
  const { target } = ctx;
  const assertion = o.reuseAssertion !== undefined
    ? decodeAssertion(o.reuseAssertion)
    : await buildAssertion(ctx.keys, { clientId: target.clientId, tokenUrl: target.tokenUrl, ...(target.authorizationServer ? { audience: target.authorizationServer } : {}), deploymentId: target.deploymentId, now: ctx.now(), mutation: o.mutation });
  ctx.evidence.jwt(`client assertion${o.mutation ? ` (${o.mutation})` : o.reuseAssertion !== undefined ? ' (replayed)' : ''}`, assertion.header, assertion.payload);
  const base: TokenForm = {
    grant_type: OAUTH.grantClientCredentials,
    client_assertion_type: OAUTH.clientAssertionTypeJwtBearer,
    client_assertion: assertion.jwt,
    ...(o.scopes.length > 0 ? { scope: o.scopes.join(' ') } : {}),
  };
  const body = new URLSearchParams(o.form ? o.form({ ...base }) : base).toString();
  const url = target.tokenUrl;
  const requestHeaders = { 'content-type': MEDIA_TYPE.formUrlEncoded, accept: MEDIA_TYPE.json };
  let res: HttpResponse;
  try {
    res = await send({ method: 'POST', url, headers: requestHeaders, body, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
  } catch (e) {
    ctx.evidence.record({ direction: 'outbound', method: 'POST', url, requestHeaders, requestBody: body, error: (e as Error).message });
    throw e;
  }
  const exchangeId = ctx.evidence.record({
    direction: 'outbound', method: 'POST', url, requestHeaders, requestBody: body,
    status: res.status, responseHeaders: res.headers, responseBody: redactTokenBody(res.body), durationMs: res.durationMs,
  });
  const json = parseJson(res.body);
  return { status: res.status, headers: res.headers, body: res.body, ...(json !== undefined ? { json } : {}), assertion, exchangeId };
}

/** The access token of a response, when it has one (a non-empty string). */
export function accessTokenOf(json: unknown): string | undefined {
  const t = json !== null && typeof json === 'object' ? (json as Record<string, unknown>).access_token : undefined;
  return typeof t === 'string' && t !== '' ? t : undefined;
}

export interface CachedToken {
  accessToken: string;
  scopes: string[];
  /** Seconds since the epoch. */
  expiresAt: number;
  response: TokenResponse;
}

const scopeKey = (scopes: readonly string[]): string => [...new Set(scopes)].sort().join(' ');

/** One working token per scope set, renewed before expiry; concurrent callers share one request. */
export class TokenCache {
  readonly #tokens = new Map<string, CachedToken>();
  readonly #pending = new Map<string, Promise<CachedToken>>();

  constructor(private readonly ctx: ToolClientContext) {}

  /** A valid token for exactly these scopes; a HarnessError when the platform will not issue one. */
  async get(scopes: readonly string[]): Promise<CachedToken> {
    const key = scopeKey(scopes);
    const hit = this.#tokens.get(key);
    if (hit && hit.expiresAt - RENEW_MARGIN_S > this.ctx.now()) return hit;
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.fetch(key, [...new Set(scopes)]).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  async token(scopes: readonly string[]): Promise<string> {
    return (await this.get(scopes)).accessToken;
  }

  /** Forgets the token for these scopes (the platform answered 401 with it). */
  drop(scopes: readonly string[]): void {
    this.#tokens.delete(scopeKey(scopes));
  }

  private async fetch(key: string, scopes: string[]): Promise<CachedToken> {
    const response = await requestToken(this.ctx, { scopes });
    const accessToken = accessTokenOf(response.json);
    if (response.status !== 200 || accessToken === undefined)
      throw new HarnessError('ERR_UNEXPECTED_RESPONSE', `the token endpoint ${this.ctx.target.tokenUrl} answered ${response.status} without an access token for scopes ${scopes.join(' ')} (evidence ${response.exchangeId})`, 'Check target.clientId, that our JWKS URL or key is registered with the platform, and that the tool is granted these scopes.');
    const expiresIn = (response.json as { expires_in?: unknown }).expires_in;
    const lifetime = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_S;
    const cached = { accessToken, scopes, expiresAt: this.ctx.now() + lifetime, response };
    this.#tokens.set(key, cached);
    return cached;
  }
}
