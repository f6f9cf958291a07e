// OAuth 2 client_credentials with a JWT client assertion ([SEC] §4.1, [CORE] §6.2). Tokens are cached
// per scope set until expires_in; there are no refresh tokens, so a new assertion gets a new token.
import { SignJWT } from 'jose';
import { CLAIM, MEDIA_TYPE, OAUTH } from '../../../lti/vocab.js';
import type { FlawSet } from '../flaws.js';
import type { PlatformRegistration } from '../context.js';
import type { ToolKey } from '../keys.js';
import { randomToken } from '../state-store.js';
import { jsonBody, PlatformError, send } from './http.js';

const ASSERTION_LIFETIME_S = 300;
const LONG_ASSERTION_LIFETIME_S = 86_400;
const DEFAULT_EXPIRES_IN_S = 3600;

export interface ServiceDeps {
  platform: PlatformRegistration;
  flaws: FlawSet;
  now: () => number;
  key: ToolKey;
}

const scopeKey = (scopes: readonly string[]): string => [...new Set(scopes)].sort().join(' ');

export class TokenClient {
  readonly #cache = new Map<string, { token: string; expiresAt: number }>();
  // Concurrent calls for one scope set share a single token request.
  readonly #pending = new Map<string, Promise<string>>();
  // Only used by the token-reuses-jti flaw.
  readonly #fixedJti = randomToken();

  constructor(private readonly deps: ServiceDeps) {}

  async token(scopes: readonly string[]): Promise<string> {
    const key = scopeKey(scopes);
    const hit = this.#cache.get(key);
    if (hit !== undefined && hit.expiresAt > this.deps.now()) return hit.token;
    let pending = this.#pending.get(key);
    if (pending === undefined) {
      pending = this.fetch(key, scopes).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  /** Forgets the cached token (the platform answered 401 with it). */
  drop(scopes: readonly string[]): void {
    this.#cache.delete(scopeKey(scopes));
  }

  async assertion(): Promise<string> {
    const { platform, flaws, now } = this.deps;
    const key = await this.deps.key.get();
    const iat = Math.floor(now() / 1000);
    const lifetime = flaws.has('token-long-lived-assertion') ? LONG_ASSERTION_LIFETIME_S : ASSERTION_LIFETIME_S;
    const deploymentId = platform.deploymentIds[0];
    return new SignJWT(deploymentId === undefined ? {} : { [CLAIM.deploymentId]: deploymentId })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
      .setIssuer(platform.clientId)
      .setSubject(platform.clientId)
      .setAudience(platform.tokenUrl)
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetime)
      .setJti(flaws.has('token-reuses-jti') ? this.#fixedJti : randomToken())
      .sign(key.privateKey);
  }

  private async fetch(key: string, scopes: readonly string[]): Promise<string> {
    const url = this.deps.platform.tokenUrl;
    const form = new URLSearchParams({
      grant_type: OAUTH.grantClientCredentials,
      client_assertion_type: OAUTH.clientAssertionTypeJwtBearer,
      client_assertion: await this.assertion(),
      scope: [...new Set(scopes)].join(' '),
    });
    const headers = { 'content-type': MEDIA_TYPE.formUrlEncoded, accept: MEDIA_TYPE.json };
    const res = await send('token', 'POST', url, headers, form.toString());
    if (res.status !== 200) throw new PlatformError('token', url, res.status, res.body);
    const body = jsonBody('token', res) as { access_token?: unknown; expires_in?: unknown } | null;
    const token = body?.access_token;
    if (typeof token !== 'string' || token === '') throw new PlatformError('token', url, res.status, res.body);
    const expiresIn = typeof body?.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_IN_S;
    this.#cache.set(key, { token, expiresAt: this.deps.now() + expiresIn * 1000 });
    return token;
  }
}
