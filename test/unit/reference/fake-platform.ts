// A tiny platform for driving the reference tool by hand: a JWKS server, token signing, and the three
// HTTP steps (login, form POST launch, landing page) done with undici without following redirects.
// Every other path goes to the service side (token, AGS, NRPS) in fake-services.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompactSign, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { request } from 'undici';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE, ROLE } from '../../../src/lti/vocab.js';
import type { RunningReferenceTool } from '../../../src/reference/tool/index.js';
import { FakeServices } from './fake-services.js';

interface KeyPair {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

async function makeKey(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

export type SignMode = 'rs256' | 'foreign-key' | 'none' | 'hs256-public-key';

export class FakePlatform {
  readonly clientId = 'tool-client-1';
  readonly deploymentId = 'deploy-1';
  issuer = '';
  jwksUrl = '';
  authorizationUrl = '';
  jwksRequests = 0;
  readonly services = new FakeServices();
  private keys: KeyPair[] = [];
  private foreign: KeyPair | undefined;
  private server: Server | undefined;

  static async start(): Promise<FakePlatform> {
    const p = new FakePlatform();
    p.keys = [await makeKey('platform-key-1')];
    p.foreign = await makeKey('platform-key-1');
    p.server = createServer((req, res) => {
      if (new URL(req.url ?? '/', p.issuer).pathname !== '/jwks') {
        p.services.handle(req, res).catch(() => res.destroy());
        return;
      }
      p.jwksRequests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: p.keys.map((k) => k.jwk) }));
    });
    await new Promise<void>((r) => p.server?.listen(0, '127.0.0.1', r));
    const { port } = p.server.address() as AddressInfo;
    p.issuer = `http://127.0.0.1:${port}`;
    p.jwksUrl = `${p.issuer}/jwks`;
    p.services.base = p.issuer;
    p.authorizationUrl = `${p.issuer}/auth?x=1`;
    return p;
  }

  get registration() {
    return {
      issuer: this.issuer,
      clientId: this.clientId,
      deploymentIds: [this.deploymentId],
      authorizationUrl: this.authorizationUrl,
      jwksUrl: this.jwksUrl,
      tokenUrl: this.services.urls.token,
    };
  }

  get current(): KeyPair {
    const k = this.keys[this.keys.length - 1];
    if (k === undefined) throw new Error('no key');
    return k;
  }

  /** Publishes a new key under a new kid (keeping the old one) and signs with it from now on. */
  async rotate(): Promise<void> {
    this.keys.push(await makeKey(`platform-key-${this.keys.length + 1}`));
  }

  async sign(header: Record<string, unknown>, payload: object, mode: SignMode = 'rs256'): Promise<string> {
    const body = new TextEncoder().encode(JSON.stringify(payload));
    const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    switch (mode) {
      case 'none':
        return `${b64({ ...header, alg: 'none' })}.${Buffer.from(body).toString('base64url')}.`;
      case 'hs256-public-key': {
        const secret = new TextEncoder().encode(await exportSPKI(this.current.publicKey));
        return new CompactSign(body).setProtectedHeader({ ...header, alg: 'HS256' }).sign(secret);
      }
      case 'foreign-key':
        return new CompactSign(body).setProtectedHeader({ alg: 'RS256', ...header }).sign(this.foreign!.privateKey);
      default:
        return new CompactSign(body).setProtectedHeader({ alg: 'RS256', ...header }).sign(this.current.privateKey);
    }
  }

  /** A valid LtiResourceLinkRequest for this tool and nonce. */
  payload(tool: RunningReferenceTool, nonce: string, nowMs = Date.now()): Record<string, unknown> {
    const iat = Math.floor(nowMs / 1000);
    return {
      iss: this.issuer,
      aud: this.clientId,
      sub: 'user-42',
      iat,
      exp: iat + 300,
      nonce,
      name: 'Ada Lovelace',
      [CLAIM.messageType]: MESSAGE_TYPE.resourceLink,
      [CLAIM.version]: LTI_VERSION,
      [CLAIM.deploymentId]: this.deploymentId,
      [CLAIM.targetLinkUri]: tool.targetLinkUri,
      [CLAIM.resourceLink]: { id: 'rl-1', title: 'Week 1' },
      [CLAIM.roles]: [ROLE.instructor],
      [CLAIM.context]: { id: 'ctx-1', label: 'C1' },
    };
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => {
      this.server?.closeAllConnections();
      this.server?.close(() => r());
    });
  }
}

export interface HttpAnswer {
  status: number;
  location: string | undefined;
  cookies: Map<string, string>;
  body: string;
}

async function answer(res: Awaited<ReturnType<typeof request>>): Promise<HttpAnswer> {
  const raw = res.headers['set-cookie'];
  const cookies = new Map<string, string>();
  for (const c of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  const location = res.headers['location'];
  return { status: res.statusCode, location: typeof location === 'string' ? location : undefined, cookies, body: await res.body.text() };
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export async function get(url: string, cookie?: string): Promise<HttpAnswer> {
  return answer(await request(url, { headers: cookie === undefined ? {} : { cookie } }));
}

export async function postForm(url: string, form: Record<string, string>, cookie?: string): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...FORM };
  if (cookie !== undefined) headers['cookie'] = cookie;
  return answer(await request(url, { method: 'POST', headers, body: new URLSearchParams(form).toString() }));
}

export interface LoginResult extends HttpAnswer {
  auth: URLSearchParams;
  state: string;
  nonce: string;
  /** `lti_state=...` as a Cookie header. */
  cookie: string;
}

export function loginParams(p: FakePlatform, tool: RunningReferenceTool): Record<string, string> {
  return { iss: p.issuer, login_hint: 'hint-42', target_link_uri: tool.targetLinkUri, client_id: p.clientId };
}

/** Login initiation; `params` replaces the default parameters entirely when given. */
export async function login(
  p: FakePlatform,
  tool: RunningReferenceTool,
  params: Record<string, string> = loginParams(p, tool),
  method: 'GET' | 'POST' = 'GET',
): Promise<LoginResult> {
  const a =
    method === 'GET'
      ? await get(`${tool.loginUrl}?${new URLSearchParams(params).toString()}`)
      : await postForm(tool.loginUrl, params);
  const auth = a.location === undefined ? new URLSearchParams() : new URL(a.location).searchParams;
  const state = auth.get('state') ?? '';
  return { ...a, auth, state, nonce: auth.get('nonce') ?? '', cookie: `lti_state=${a.cookies.get('lti_state') ?? ''}` };
}

export interface LaunchResult {
  launch: HttpAnswer;
  landing: HttpAnswer | undefined;
}

/** POSTs the id_token with the login's state and cookie; follows a 302 to the landing page. */
export async function launch(tool: RunningReferenceTool, l: LoginResult, idToken: string): Promise<LaunchResult> {
  const res = await postForm(tool.launchUrl, { id_token: idToken, state: l.state }, l.cookie);
  if (res.status !== 302 || res.location === undefined) return { launch: res, landing: undefined };
  const session = res.cookies.get('lti_session');
  return { launch: res, landing: await get(res.location, session === undefined ? undefined : `lti_session=${session}`) };
}

/** True when the launch ended on a 200 "Launched" page. */
export function accepted(r: LaunchResult): boolean {
  return r.landing?.status === 200 && r.landing.body.includes('Launched');
}
