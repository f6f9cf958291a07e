// A real emulator on loopback and a tiny fake tool: a JWKS server and a signer of client assertions.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { request } from 'undici';
import { KeyStore } from '../../../src/keys/store.js';
import { OAUTH } from '../../../src/lti/vocab.js';
import { PATHS, PlatformEmulator } from '../../../src/roles/platform/emulator.js';

export const CLIENT_ID = 'tool-123';
export const DEPLOYMENT_ID = 'deploy-1';
export const CONTEXT = 'lti-conform-context-1';
export const LINK = 'lti-conform-resource-link-1';

export interface ToolKey { kid: string; privateKey: CryptoKey; publicJwk: JWK }

export async function toolKey(kid: string): Promise<ToolKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** Serves `keys` as a JWKS and counts fetches; `keys` may change between requests (rotation). */
export class FakeToolJwks {
  fetches = 0;
  keys: JWK[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((_req, res) => {
      this.fetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

export async function startEmulator(jwksUrl: string | undefined): Promise<PlatformEmulator> {
  return PlatformEmulator.start({
    host: '127.0.0.1', port: 0, keys: await KeyStore.inMemory(),
    tool: {
      clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, redirectUris: ['https://tool.example/launch'],
      loginInitiationUrl: 'https://tool.example/login', targetLinkUri: 'https://tool.example/launch', ...(jwksUrl ? { jwksUrl } : {}),
    },
  });
}

/** A valid client assertion for this emulator; `claims` overrides (undefined removes a claim). */
export async function assertion(e: PlatformEmulator, key: ToolKey, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { iss: CLIENT_ID, sub: CLIENT_ID, aud: e.url(PATHS.token), iat: now, exp: now + 300, jti: randomUUID(), ...claims };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header } as { alg: string }).sign(key.privateKey);
}

export function tokenForm(jwt: string, scope: string): Record<string, string> {
  return { grant_type: OAUTH.grantClientCredentials, client_assertion_type: OAUTH.clientAssertionTypeJwtBearer, client_assertion: jwt, scope };
}

export interface Reply { status: number; headers: Record<string, string>; text: string; json(): unknown }

export async function call(method: string, url: string, opts: { body?: string; type?: string; token?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(opts.type ? { 'content-type': opts.type } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  const res = await request(url, { method: method as 'GET', headers, ...(opts.body !== undefined ? { body: opts.body } : {}) });
  const text = await res.body.text();
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode, headers: h, text, json: () => JSON.parse(text) as unknown };
}

export const postForm = (url: string, form: Record<string, string>): Promise<Reply> =>
  call('POST', url, { body: new URLSearchParams(form).toString(), type: 'application/x-www-form-urlencoded' });

/** An access token with these scopes, through the real token endpoint. */
export async function getToken(e: PlatformEmulator, key: ToolKey, scopes: string[]): Promise<string> {
  const r = await postForm(e.url(PATHS.token), tokenForm(await assertion(e, key), scopes.join(' ')));
  if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${r.text}`);
  return (r.json() as { access_token: string }).access_token;
}

/** The URL in a `Link: <url>; rel="next"` header. */
export function nextLink(headers: Record<string, string>): string | undefined {
  return /<([^>]+)>;\s*rel="next"/.exec(headers.link ?? '')?.[1];
}
