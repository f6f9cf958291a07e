// A tiny LMS for the tool emulator's tests: login start, authorization endpoint, JWKS. Real HTTP.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { TriggerConfig, PlatformTargetConfig } from '../../../src/config/types.js';
import { EvidenceRecorder } from '../../../src/core/evidence.js';
import { Browser } from '../../../src/http/browser.js';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from '../../../src/lti/vocab.js';
import type { PlatformTestEnv } from '../../../src/actions/tool/env.js';
import type { ToolEmulator } from '../../../src/roles/tool/emulator.js';

export const CLIENT_ID = 'client-1';
export const DEPLOYMENT_ID = 'deploy-1';
export const SESSION = 'session=s3cret';
const KID = 'fake-platform-1';

export interface FakePlatform {
  base: string;
  config: PlatformTargetConfig;
  /** The tool's registration, known once the emulator is up. */
  tool: { redirectUris: string[]; login: string; launchTarget: string; deepLinkTarget: string };
  /** ok: signed id_token; garbage: not a JWT; foreign: signed by a key not in the JWKS. */
  mode: 'ok' | 'garbage' | 'foreign';
  /** Cookie header seen on each path, in order. */
  seen: { path: string; cookie: string | undefined }[];
  close(): Promise<void>;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function answer(res: ServerResponse, status: number, headers: Record<string, string>, body = ''): void {
  res.writeHead(status, headers);
  res.end(body);
}

export async function startFakePlatform(): Promise<FakePlatform> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = (await generateKeyPair('RS256')).privateKey;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const fp = { mode: 'ok', seen: [], tool: { redirectUris: [], login: '', launchTarget: '', deepLinkTarget: '' } } as unknown as FakePlatform;

  const sign = (payload: Record<string, unknown>, key: CryptoKey): Promise<string> =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' }).sign(key);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', fp.base);
    fp.seen.push({ path: url.pathname, cookie: req.headers.cookie });
    const q = url.searchParams;
    if (url.pathname === '/jwks') return answer(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ keys: [publicJwk] }));
    if (url.pathname === '/start') {
      const target = q.get('target') === 'deep-link' ? fp.tool.deepLinkTarget : fp.tool.launchTarget;
      const login = new URL(fp.tool.login);
      const params = { iss: fp.base, login_hint: 'user-42', target_link_uri: target, lti_message_hint: 'msg-7', client_id: CLIENT_ID, lti_deployment_id: DEPLOYMENT_ID };
      for (const [k, v] of Object.entries(params)) login.searchParams.set(k, v);
      return answer(res, 302, { location: login.toString() });
    }
    if (url.pathname === '/auth') {
      const redirect = q.get('redirect_uri') ?? '';
      if (q.get('client_id') !== CLIENT_ID || !fp.tool.redirectUris.includes(redirect)) return answer(res, 400, { 'content-type': 'text/html' }, '<p>invalid_request</p>');
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        iss: fp.base, aud: CLIENT_ID, sub: q.get('login_hint') ?? '', nonce: q.get('nonce') ?? '', iat: now, exp: now + 300,
        [CLAIM.messageType]: redirect === fp.tool.deepLinkTarget ? MESSAGE_TYPE.deepLinkingRequest : MESSAGE_TYPE.resourceLink,
        [CLAIM.version]: LTI_VERSION, [CLAIM.deploymentId]: DEPLOYMENT_ID,
      };
      const idToken = fp.mode === 'garbage' ? 'this is not a jwt' : await sign(payload, fp.mode === 'foreign' ? foreign : privateKey);
      const fields = { id_token: idToken, state: q.get('state') ?? '' };
      const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`).join('');
      return answer(res, 200, { 'content-type': 'text/html' },
        `<html><body onload="document.forms[0].submit()"><form method="POST" action="${esc(redirect)}">${inputs}</form></body></html>`);
    }
    answer(res, 404, {});
  }

  const server: Server = createServer((req, res) => void handle(req, res).catch(() => answer(res, 500, {})));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fp.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fp.config = {
    kind: 'platform', issuer: fp.base, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID,
    authorizationUrl: `${fp.base}/auth`, tokenUrl: `${fp.base}/token`, jwksUrl: `${fp.base}/jwks`,
  };
  fp.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return fp;
}

/** Tells the fake platform what the emulator registered. */
export function register(fp: FakePlatform, em: ToolEmulator): void {
  const u = em.urls;
  fp.tool = { redirectUris: [u.launch, u.deepLink], login: u.login, launchTarget: u.targetLink, deepLinkTarget: u.deepLinkTarget };
}

export function makeEnv(em: ToolEmulator, fp: FakePlatform, triggers: Record<string, TriggerConfig>): PlatformTestEnv & { announced: string[] } {
  const evidence = new EvidenceRecorder();
  em.server.recorder = evidence;
  const announced: string[] = [];
  return {
    toolEmulator: em, target: fp.config, browser: new Browser({ evidence, timeoutMs: 5000 }), evidence, triggers,
    timeoutMs: 5000, signal: new AbortController().signal, now: () => Math.floor(Date.now() / 1000), announce: (t) => announced.push(t), announced,
  };
}
