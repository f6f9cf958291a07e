// Interop smoke test against a real ltijs tool: a hand-rolled platform (JWKS + authorization
// endpoint on node:http, RS256 key from jose) performs an OIDC third-party-initiated login and a
// resource link launch by hand with undici, and a few refusals are pinned. The second describe
// block pins other ltijs behaviours that the conformance suites rely on knowing.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { CookieJar } from 'tough-cookie';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE, OIDC, ROLE } from '../../src/lti/vocab.js';
import { startLtijsTool, type RunningLtijsTool } from './ltijs/ltijs-tool.js';

const CLIENT_ID = 'ltijs-client-1';
const DEPLOYMENT_ID = 'deployment-1';
const KID = 'platform-key-1';

// ---------------------------------------------------------------------------------------------
// Hand-rolled platform

interface TestPlatform {
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  /** Query of every request that reached the authorization endpoint. */
  authRequests: URLSearchParams[];
  /** Form of every token request (POST /token); each is answered with access token `tok-<n>`. */
  tokenRequests: URLSearchParams[];
  /** expires_in of the tokens issued from now on (seconds). */
  tokenLifetime: number;
  /** Access tokens the AGS endpoint answers 401 for, although their expires_in has not elapsed. */
  revoked: Set<string>;
  /** Bearer token of every score POST (POST /ags/lineitem/scores) and the status it got. */
  scorePosts: { token: string; status: number }[];
  /** Line item URL served by the AGS stub. */
  lineItemUrl: string;
  sign(payload: JWTPayload, header?: { kid?: string | null }): Promise<string>;
  close(): Promise<void>;
}

async function startPlatform(): Promise<TestPlatform> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const authRequests: URLSearchParams[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const scorePosts: { token: string; status: number }[] = [];
  const revoked = new Set<string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/token') {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => { body += c; }).on('end', () => {
        const form = new URLSearchParams(body);
        tokenRequests.push(form);
        const answer = { access_token: `tok-${tokenRequests.length}`, token_type: 'bearer', expires_in: stub.tokenLifetime, scope: form.get('scope') ?? '' };
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(answer));
      });
    } else if (req.method === 'POST' && url.pathname === '/ags/lineitem/scores') {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /i, '');
      const status = revoked.has(token) ? 401 : 204;
      scorePosts.push({ token, status });
      req.resume().on('end', () => res.writeHead(status).end());
    } else if (req.method === 'GET' && url.pathname === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else if (url.pathname === '/auth') {
      authRequests.push(url.searchParams);
      // A real platform answers with an auto-submitting form; the test posts by hand instead.
      res.writeHead(200, { 'content-type': 'text/plain' }).end('auth request recorded');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stub: TestPlatform = {
    issuer: base,
    authorizationUrl: `${base}/auth`,
    tokenUrl: `${base}/token`,
    jwksUrl: `${base}/jwks`,
    authRequests,
    tokenRequests,
    tokenLifetime: 3600,
    revoked,
    scorePosts,
    lineItemUrl: `${base}/ags/lineitem`,
    sign: (payload, header = {}) => signWith(privateKey, payload, header.kid === undefined ? KID : header.kid),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
  return stub;
}

function signWith(key: CryptoKey, payload: JWTPayload, kid: string | null): Promise<string> {
  return new SignJWT(payload).setProtectedHeader(kid === null ? { alg: 'RS256' } : { alg: 'RS256', kid }).sign(key);
}

// ---------------------------------------------------------------------------------------------
// Browser-ish helpers: undici, manual redirects, a tough-cookie jar

interface HttpResult {
  url: string;
  status: number;
  location: string | undefined;
  body: string;
}

async function send(jar: CookieJar | undefined, url: string, init: { method?: 'GET' | 'POST'; form?: Record<string, string> } = {}): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  const cookie = jar ? await jar.getCookieString(url) : '';
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const res = await request(url, { method: init.method ?? 'GET', headers, body });
  const setCookie = res.headers['set-cookie'];
  if (jar && setCookie) {
    for (const c of Array.isArray(setCookie) ? setCookie : [setCookie]) await jar.setCookie(c, url);
  }
  const location = res.headers.location;
  return {
    url,
    status: res.statusCode,
    location: typeof location === 'string' ? new URL(location, url).href : undefined,
    body: await res.body.text(),
  };
}

/** Follows 3xx responses with GET, carrying cookies; returns every hop. */
async function follow(jar: CookieJar, first: HttpResult, max = 5): Promise<HttpResult[]> {
  const hops = [first];
  let cur = first;
  while (cur.status >= 300 && cur.status < 400 && cur.location && hops.length <= max) {
    cur = await send(jar, cur.location);
    hops.push(cur);
  }
  return hops;
}

function last<T>(xs: T[]): T {
  const x = xs[xs.length - 1];
  if (x === undefined) throw new Error('empty');
  return x;
}

function errorMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { details?: { message?: string } };
    return parsed.details?.message;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------

let platform: TestPlatform;
let tool: RunningLtijsTool;
let startupMs = 0;

beforeAll(async () => {
  platform = await startPlatform();
  const t0 = performance.now();
  tool = await startLtijsTool({
    platform: {
      issuer: platform.issuer,
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT_ID,
      authorizationUrl: platform.authorizationUrl,
      tokenUrl: platform.tokenUrl,
      jwksUrl: platform.jwksUrl,
      name: 'smoke platform',
    },
  });
  startupMs = performance.now() - t0;
});

afterAll(async () => {
  await tool?.close();
  await platform?.close();
});

interface LoginResult {
  jar: CookieJar;
  login: HttpResult;
  auth: URLSearchParams;
}

/** Third-party-initiated login → tool redirects to the platform's auth endpoint, which records it. */
async function login(params: Record<string, string> = {}, method: 'GET' | 'POST' = 'GET', target: RunningLtijsTool = tool): Promise<LoginResult> {
  const jar = new CookieJar();
  const all: Record<string, string> = {
    iss: platform.issuer,
    login_hint: 'login-hint-42',
    target_link_uri: target.targetLinkUri,
    lti_message_hint: 'message-hint-7',
    client_id: CLIENT_ID,
    ...params,
  };
  let res: HttpResult;
  if (method === 'GET') {
    const url = new URL(target.loginUrl);
    for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
    res = await send(jar, url.href);
  } else {
    res = await send(jar, target.loginUrl, { method: 'POST', form: all });
  }
  expect(res.status, res.body).toBe(302);
  expect(res.location?.startsWith(platform.authorizationUrl)).toBe(true);
  const before = platform.authRequests.length;
  const authHop = await send(jar, res.location ?? '');
  expect(authHop.status).toBe(200);
  const auth = platform.authRequests[before];
  if (!auth) throw new Error('authorization endpoint not reached');
  return { jar, login: res, auth };
}

function launchClaims(auth: URLSearchParams, sub = 'user-123', target: RunningLtijsTool = tool): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: platform.issuer,
    aud: CLIENT_ID,
    sub,
    nonce: auth.get('nonce') ?? '',
    iat: now,
    exp: now + 300,
    [CLAIM.messageType]: MESSAGE_TYPE.resourceLink,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: DEPLOYMENT_ID,
    [CLAIM.targetLinkUri]: target.targetLinkUri,
    [CLAIM.resourceLink]: { id: 'resource-link-1' },
    [CLAIM.roles]: [ROLE.learner],
  };
}

/** Posts the id_token (form_post) to the redirect_uri from the auth request and follows redirects. */
async function postIdToken(lr: LoginResult, idToken: string, jar: CookieJar = lr.jar): Promise<HttpResult[]> {
  const redirectUri = lr.auth.get('redirect_uri') ?? '';
  const first = await send(jar, redirectUri, { method: 'POST', form: { id_token: idToken, state: lr.auth.get('state') ?? '' } });
  return follow(jar, first);
}

interface LaunchOptions {
  mutate?: (claims: JWTPayload) => void;
  kid?: string | null;
  sub?: string;
}

async function launch(opts: LaunchOptions = {}): Promise<{ lr: LoginResult; hops: HttpResult[]; final: HttpResult }> {
  const lr = await login();
  const claims = launchClaims(lr.auth, opts.sub);
  opts.mutate?.(claims);
  const hops = await postIdToken(lr, await platform.sign(claims, { kid: opts.kid }));
  return { lr, hops, final: last(hops) };
}

describe('ltijs interop smoke', () => {
  it('starts on 127.0.0.1 with the default routes', async (ctx) => {
    ctx.annotate(`startLtijsTool took ${Math.round(startupMs)} ms`);
    expect(tool.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(tool.loginUrl).toBe(`${tool.baseUrl}/login`);
    expect(tool.launchUrl).toBe(`${tool.baseUrl}/`);
    expect(tool.jwksUrl).toBe(`${tool.baseUrl}/keys`);
    expect(tool.redirectUris).toEqual([tool.launchUrl]);
    // ltijs dispatches LtiDeepLinkingRequest to onDeepLinking on its app route only.
    expect(tool.deepLinkingUrl).toBe(tool.launchUrl);
    expect(tool.triggerUrls).toEqual({
      grade: `${tool.baseUrl}/test/grade`, lineItems: `${tool.baseUrl}/test/line-items`, createLineItem: `${tool.baseUrl}/test/create-line-item`,
      results: `${tool.baseUrl}/test/results`, roster: `${tool.baseUrl}/test/roster`,
    });
    const keys = await send(undefined, tool.jwksUrl);
    expect(keys.status).toBe(200);
    const jwks = JSON.parse(keys.body) as { keys: JWK[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(typeof jwks.keys[0]?.kid).toBe('string');
  });

  it('completes an OIDC login + resource link launch', async () => {
    const lr = await login();
    // Authentication request per the Security Framework (§5.1.1.2).
    expect(lr.auth.get('scope')).toBe(OIDC.scope);
    expect(lr.auth.get('response_type')).toBe(OIDC.responseType);
    expect(lr.auth.get('response_mode')).toBe(OIDC.responseMode);
    expect(lr.auth.get('prompt')).toBe(OIDC.prompt);
    expect(lr.auth.get('client_id')).toBe(CLIENT_ID);
    expect(lr.auth.get('redirect_uri')).toBe(tool.targetLinkUri);
    expect(lr.auth.get('login_hint')).toBe('login-hint-42');
    expect(lr.auth.get('lti_message_hint')).toBe('message-hint-7');
    expect(lr.auth.get('nonce')).toBeTruthy();
    const state = lr.auth.get('state') ?? '';
    expect(state).toMatch(/^[0-9a-f]{50}$/);
    // State is bound to the browser by a signed, HttpOnly cookie named `state<state>`.
    const cookies = await lr.jar.getCookies(tool.launchUrl);
    const stateCookie = cookies.find((c) => c.key === `state${state}`);
    expect(stateCookie).toMatchObject({ httpOnly: true, secure: false, sameSite: 'lax', path: '/' });
    expect(decodeURIComponent(stateCookie?.value ?? '')).toMatch(/^s:/);

    const sub = `user-${randomUUID()}`;
    const hops = await postIdToken(lr, await platform.sign(launchClaims(lr.auth, sub)));
    // POST / (id_token) → 302 /?ltik=<jwt> → 200 from onConnect.
    expect(hops.map((h) => h.status)).toEqual([302, 200]);
    const ltikUrl = new URL(hops[0]?.location ?? '');
    expect(ltikUrl.pathname).toBe('/');
    expect(ltikUrl.searchParams.get('ltik')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const page = last(hops).body;
    expect(page).toContain('ltijs launch OK');
    expect(page).toContain(`<dd id="user">${sub}</dd>`);
    expect(page).toContain(`<dd id="message-type">${MESSAGE_TYPE.resourceLink}</dd>`);
    expect(page).toContain(`<dd id="resource-link-id">resource-link-1</dd>`);
    // The state cookie is cleared; a session cookie `lti<base64(iss+clientId+deploymentId)>` is set.
    const after = await lr.jar.getCookies(tool.launchUrl);
    expect(after.some((c) => c.key === `state${state}`)).toBe(false);
    const code = encodeURIComponent('lti' + Buffer.from(platform.issuer + CLIENT_ID + DEPLOYMENT_ID).toString('base64'));
    expect(after.some((c) => c.key === code)).toBe(true);
  });

  it('refuses an id_token whose aud is not its client_id (401 UNREGISTERED_PLATFORM)', async () => {
    const { hops, final } = await launch({ mutate: (c) => { c.aud = 'someone-else'; } });
    expect(hops).toHaveLength(1);
    expect(final.status).toBe(401);
    expect(errorMessage(final.body)).toBe('UNREGISTERED_PLATFORM');
  });
});

describe('ltijs behaviour (pinned findings)', () => {
  it('accepts login initiation by POST and without client_id', async () => {
    const byPost = await login({}, 'POST');
    expect(byPost.auth.get('client_id')).toBe(CLIENT_ID);
    const noClientId = await login({ client_id: '' });
    expect(noClientId.auth.get('client_id')).toBe(CLIENT_ID);
  });

  it('rejects bad login initiations with 400', async () => {
    const missing = await send(undefined, `${tool.loginUrl}?iss=${encodeURIComponent(platform.issuer)}&login_hint=x`);
    expect([missing.status, errorMessage(missing.body)]).toEqual([400, 'MISSING_LOGIN_PARAMETERS']);
    const u = new URL(tool.loginUrl);
    u.searchParams.set('iss', 'https://unknown.example');
    u.searchParams.set('login_hint', 'x');
    u.searchParams.set('target_link_uri', tool.targetLinkUri);
    const unknown = await send(undefined, u.href);
    expect([unknown.status, errorMessage(unknown.body)]).toEqual([400, 'UNREGISTERED_PLATFORM']);
  });

  it('uses target_link_uri (query stripped) as redirect_uri and re-appends the query after launch', async () => {
    const lr = await login({ target_link_uri: `${tool.launchUrl}?section=7` });
    expect(lr.auth.get('redirect_uri')).toBe(tool.launchUrl);
    const hops = await postIdToken(lr, await platform.sign(launchClaims(lr.auth)));
    expect(hops.map((h) => h.status)).toEqual([302, 200]);
    const redirected = new URL(hops[0]?.location ?? '');
    expect(redirected.searchParams.get('section')).toBe('7');
    expect(redirected.searchParams.has('ltik')).toBe(true);
  });

  it('requires the state cookie (401 MISSING_VALIDATION_COOKIE)', async () => {
    const lr = await login();
    const hops = await postIdToken(lr, await platform.sign(launchClaims(lr.auth)), new CookieJar());
    expect([last(hops).status, errorMessage(last(hops).body)]).toEqual([401, 'MISSING_VALIDATION_COOKIE']);
  });

  it('rejects a replayed nonce but does not bind the nonce to the auth request', async () => {
    const first = await launch();
    expect(first.final.status).toBe(200);
    const replay = await launch({ mutate: (c) => { c.nonce = first.lr.auth.get('nonce') ?? ''; } });
    expect([replay.final.status, errorMessage(replay.final.body)]).toEqual([401, 'NONCE_ALREADY_RECEIVED']);
    const foreign = await launch({ mutate: (c) => { c.nonce = `never-issued-${randomUUID()}`; } });
    expect(foreign.final.status).toBe(200);
  });

  it('accepts aud arrays containing its client_id; checks azp only when present', async () => {
    const arr = await launch({ mutate: (c) => { c.aud = ['other-client', CLIENT_ID]; } });
    expect(arr.final.status).toBe(200);
    const badAzp = await launch({ mutate: (c) => { c.aud = [CLIENT_ID, 'other-client']; c.azp = 'other-client'; } });
    expect([badAzp.final.status, errorMessage(badAzp.final.body)]).toEqual([401, 'AZP_DOES_NOT_MATCH_CLIENTID']);
  });

  it('needs a kid that is in the platform JWKS', async () => {
    const noKid = await launch({ kid: null });
    expect([noKid.final.status, errorMessage(noKid.final.body)]).toEqual([401, 'KID_NOT_FOUND']);
    const unknownKid = await launch({ kid: 'no-such-key' });
    expect([unknownKid.final.status, errorMessage(unknownKid.final.body)]).toEqual([401, 'KEY_NOT_FOUND']);
  });

  it.each<[string, string, (c: JWTPayload) => void]>([
    ['missing sub', 'NO_SUB_CLAIM', (c) => { delete c.sub; }],
    ['iat older than tokenMaxAge (10 s)', 'TOKEN_TOO_OLD', (c) => { c.iat = Math.floor(Date.now() / 1000) - 30; }],
    ['expired exp', 'jwt expired', (c) => { c.exp = Math.floor(Date.now() / 1000) - 5; }],
    ['iss other than the login iss', 'ISS_CLAIM_DOES_NOT_MATCH', (c) => { c.iss = 'https://other-issuer.example'; }],
    ['unknown message_type', 'NO_MESSAGE_TYPE_CLAIM', (c) => { c[CLAIM.messageType] = 'LtiSomethingElse'; }],
    ['version 1.1', 'WRONG_LTI_VERSION_CLAIM', (c) => { c[CLAIM.version] = '1.1'; }],
    ['missing deployment_id', 'NO_DEPLOYMENT_ID_CLAIM', (c) => { delete c[CLAIM.deploymentId]; }],
    ['missing resource_link.id', 'NO_RESOURCE_LINK_ID_CLAIM', (c) => { c[CLAIM.resourceLink] = {}; }],
    ['missing roles', 'NO_ROLES_CLAIM', (c) => { delete c[CLAIM.roles]; }],
    ['empty sub', 'NO_SUB_CLAIM', (c) => { c.sub = ''; }],
    // Refused only because Sequelize rejects `WHERE nonce = undefined`; ltijs itself never requires a nonce.
    ['missing nonce (ltijs-sequelize artefact)', 'WHERE parameter "nonce" has invalid "undefined" value', (c) => { delete c.nonce; }],
  ])('refuses %s with 401 %s', async (_name, message, mutate) => {
    const { final } = await launch({ mutate });
    expect([final.status, errorMessage(final.body)]).toEqual([401, message]);
  });

  it.each<[string, (c: JWTPayload) => void]>([
    ['missing exp', (c) => { delete c.exp; }],
    ['missing iat (tokenMaxAge is then never checked)', (c) => { delete c.iat; }],
    ['an unregistered deployment_id', (c) => { c[CLAIM.deploymentId] = 'deployment-nobody-registered'; }],
    ['empty roles', (c) => { c[CLAIM.roles] = []; }],
    ['target_link_uri claim differing from the login', (c) => { c[CLAIM.targetLinkUri] = 'https://elsewhere.example/'; }],
  ])('accepts %s', async (_name, mutate) => {
    const { final } = await launch({ mutate });
    expect(final.status, final.body).toBe(200);
  });

  it('answers 401 on the launch route without id_token or ltik, and for an ltik without its session cookie', async () => {
    const bare = await send(undefined, tool.launchUrl);
    expect([bare.status, errorMessage(bare.body)]).toEqual([401, 'NO_LTIK_OR_IDTOKEN_FOUND']);
    const ok = await launch();
    const ltikUrl = ok.hops[0]?.location ?? '';
    const noCookie = await send(new CookieJar(), ltikUrl);
    expect([noCookie.status, errorMessage(noCookie.body)]).toEqual([401, 'Session not found.']);
  });

  it('refuses a wrong signature and alg none', async () => {
    const { privateKey: stranger } = await generateKeyPair('RS256');
    const lr = await login();
    const forged = await postIdToken(lr, await signWith(stranger, launchClaims(lr.auth), KID));
    expect([last(forged).status, errorMessage(last(forged).body)]).toEqual([401, 'invalid signature']);
    const lr2 = await login();
    const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${enc({ alg: 'none', kid: KID })}.${enc(launchClaims(lr2.auth))}.`;
    const none = await postIdToken(lr2, unsigned);
    expect([last(none).status, errorMessage(last(none).body)]).toEqual([401, 'jwt signature is required']);
  });

  it('answers its trigger routes itself, before ltijs (no ltik needed): 405 for GET, 400 for a bad body', async () => {
    const get = await send(undefined, tool.triggerUrls.grade);
    expect(get.status).toBe(405);
    const bad = await request(tool.triggerUrls.roster, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"memberships":"not a url"}' });
    expect([bad.statusCode, await bad.body.json()]).toEqual([400, { error: 'memberships must be an absolute http(s) URL' }]);
    const notJson = await request(tool.triggerUrls.lineItems, { method: 'POST', body: 'x' });
    expect([notJson.statusCode, await notJson.body.json()]).toEqual([400, { error: 'body must be a JSON object' }]);
  });

  it('caches access tokens for their expires_in, renews them only then, and never retries after a 401', async () => {
    const grade = async (): Promise<number> => {
      const res = await request(tool.triggerUrls.grade, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lineItem: platform.lineItemUrl, userId: 'user-graded' }),
      });
      await res.body.text();
      return res.statusCode;
    };
    platform.tokenLifetime = 1;
    const tokensBefore = platform.tokenRequests.length;
    expect(await grade()).toBe(200);
    expect(platform.tokenRequests.length).toBe(tokensBefore + 1);
    const first = platform.scorePosts.at(-1)?.token ?? '';
    // The platform ends the token early: ltijs reuses it from its cache, gets 401 and gives up.
    platform.revoked.add(first);
    expect(await grade()).toBe(502);
    expect(platform.tokenRequests.length).toBe(tokensBefore + 1);
    expect(platform.scorePosts.at(-1)).toEqual({ token: first, status: 401 });
    // Once expires_in (1 s) has passed, ltijs requests a new token by itself (Platform.platformAccessToken).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await grade()).toBe(200);
    expect(platform.tokenRequests.length).toBe(tokensBefore + 2);
    expect(platform.scorePosts.at(-1)?.token).not.toBe(first);
    // The client assertion carries no deployment_id claim (LTI-TOK-005, a SHOULD).
    const assertion = platform.tokenRequests.at(-1)?.get('client_assertion') ?? '';
    const claims = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'sub']);
  });

  it('refuses a state whose cookie belongs to another login', async () => {
    const a = await login();
    const b = await login();
    const res = await send(a.jar, tool.launchUrl, {
      method: 'POST',
      form: { id_token: await platform.sign(launchClaims(a.auth)), state: b.auth.get('state') ?? '' },
    });
    expect([res.status, errorMessage(res.body)]).toEqual([401, 'MISSING_VALIDATION_COOKIE']);
  });

  it('echoes a foreign target_link_uri as redirect_uri and lti_deployment_id as given', async () => {
    const lr = await login({ target_link_uri: 'https://elsewhere.example/cb', lti_deployment_id: 'dep-x' });
    expect(lr.auth.get('redirect_uri')).toBe('https://elsewhere.example/cb');
    expect(lr.auth.get('lti_deployment_id')).toBe('dep-x');
    expect(lr.auth.get('id_token_signed_response_alg')).toBe('RS256');
  });

  it('validates an id_token posted to any path and redirects back to that path with ltik', async () => {
    const lr = await login();
    const first = await send(lr.jar, `${tool.baseUrl}/elsewhere`, {
      method: 'POST',
      form: { id_token: await platform.sign(launchClaims(lr.auth)), state: lr.auth.get('state') ?? '' },
    });
    const hops = await follow(lr.jar, first);
    expect(hops.map((h) => h.status)).toEqual([302, 404]);
    expect(new URL(hops[0]?.location ?? '').pathname).toBe('/elsewhere');
  });

  it('runs a second instance alongside the first, starts again after close, and leaves no SIGINT listener', async () => {
    const sigint = process.listenerCount('SIGINT');
    const cfg = {
      platform: {
        issuer: platform.issuer, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID,
        authorizationUrl: platform.authorizationUrl, tokenUrl: platform.tokenUrl, jwksUrl: platform.jwksUrl,
      },
    };
    const second = await startLtijsTool(cfg);
    expect(second.baseUrl).not.toBe(tool.baseUrl);
    await second.close();
    await second.close(); // idempotent
    const third = await startLtijsTool(cfg);
    try {
      expect(process.listenerCount('SIGINT')).toBe(sigint);
      const lr = await login({}, 'GET', third);
      const hops = await postIdToken(lr, await platform.sign(launchClaims(lr.auth, 'user-third', third)));
      expect(hops.map((h) => h.status)).toEqual([302, 200]);
      expect(last(hops).body).toContain('<dd id="user">user-third</dd>');
      // The first instance is unaffected.
      expect((await launch()).final.status).toBe(200);
    } finally {
      await third.close();
    }
  }, 90_000); // two synchronous RSA-4096 key generations (one per registerPlatform)
});

