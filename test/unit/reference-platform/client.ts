// Browser and service-client steps done by hand with undici (no redirects followed, cookies carried
// explicitly), so each test sees exactly what the platform answered.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { request } from 'undici';
import { MEDIA_TYPE, OAUTH, OIDC } from '../../../src/lti/vocab.js';
import type { LaunchOptions, RunningReferencePlatform } from '../../../src/reference/platform/index.js';
import type { FakeTool, SignMode } from './fake-tool.js';

export interface Hop {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  location?: string;
}

export async function send(
  url: string,
  opts: { method?: string; cookie?: string; form?: Record<string, string>; body?: string; type?: string; token?: string } = {},
): Promise<Hop> {
  const headers: Record<string, string> = {};
  if (opts.cookie !== undefined) headers.cookie = opts.cookie;
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.body;
  if (opts.form !== undefined) body = new URLSearchParams(opts.form).toString();
  if (body !== undefined) headers['content-type'] = opts.type ?? MEDIA_TYPE.formUrlEncoded;
  const res = await request(url, { method: (opts.method ?? (body === undefined ? 'GET' : 'POST')) as 'GET', headers, body });
  const text = await res.body.text();
  const loc = res.headers.location;
  return { status: res.statusCode, headers: res.headers, body: text, location: typeof loc === 'string' ? loc : undefined };
}

const unescape = (s: string): string => s.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));

/** The auto-submitting form of a form_post answer, if the page is one. */
export function autoPostForm(body: string): { action: string; fields: Record<string, string> } | undefined {
  const action = /<form method="POST" action="([^"]*)">/.exec(body)?.[1];
  if (action === undefined) return undefined;
  const fields: Record<string, string> = {};
  for (const m of body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[unescape(m[1] ?? '')] = unescape(m[2] ?? '');
  return { action: unescape(action), fields };
}

export interface Env {
  platform: RunningReferencePlatform;
  tool: FakeTool;
}

export interface Started {
  hop: Hop;
  cookie: string;
  initiation: URLSearchParams;
}

/** GET a launch trigger: the session cookie and the login initiation parameters. */
export async function startLaunch({ platform }: Env, opts: LaunchOptions = {}): Promise<Started> {
  const hop = await send(platform.launchUrl(opts));
  const set = hop.headers['set-cookie'];
  const cookie = (Array.isArray(set) ? set[0] : set)?.split(';')[0] ?? '';
  return { hop, cookie, initiation: new URL(hop.location ?? 'http://x.invalid').searchParams };
}

/** The authentication request a correct tool makes from that initiation. */
export function authParams({ tool, platform }: Env, s: Started, persona: 'instructor' | 'student' = 'instructor'): Record<string, string> {
  return {
    scope: OIDC.scope,
    response_type: OIDC.responseType,
    response_mode: OIDC.responseMode,
    prompt: OIDC.prompt,
    client_id: tool.clientId,
    redirect_uri: tool.registration.redirectUris[0] ?? '',
    login_hint: s.initiation.get('login_hint') ?? platform.users[persona],
    state: 'state-123',
    nonce: `nonce-${Math.random().toString(36).slice(2)}`,
    lti_message_hint: s.initiation.get('lti_message_hint') ?? '',
  };
}

export interface Authorized {
  hop: Hop;
  form?: { action: string; fields: Record<string, string> };
  idToken?: string;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
}

/** Sends the authentication request (undefined values are left out) and reads the form post. */
export async function authorize(env: Env, params: Record<string, string | undefined>, cookie: string, method: 'GET' | 'POST' = 'GET'): Promise<Authorized> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = v;
  const hop =
    method === 'GET'
      ? await send(`${env.platform.authorizationUrl}?${new URLSearchParams(clean).toString()}`, { cookie })
      : await send(env.platform.authorizationUrl, { cookie, form: clean });
  const form = autoPostForm(hop.body);
  const idToken = form?.fields.id_token;
  if (idToken === undefined) return { hop, form };
  return {
    hop,
    form,
    idToken,
    header: decodeProtectedHeader(idToken) as Record<string, unknown>,
    claims: decodeJwt(idToken) as Record<string, unknown>,
  };
}

export interface Launched extends Authorized {
  started: Started;
  params: Record<string, string>;
}

/** The whole browser side of a launch: trigger, then a correct authentication request. */
export async function launch(env: Env, opts: LaunchOptions = {}, change: Record<string, string | undefined> = {}): Promise<Launched> {
  const started = await startLaunch(env, opts);
  const params = { ...authParams(env, started, opts.persona), ...change };
  const auth = await authorize(env, params, started.cookie);
  return { ...auth, started, params: params as Record<string, string> };
}

export async function tokenRequest(env: Env, form: Record<string, string | undefined>): Promise<Hop> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (v !== undefined) clean[k] = v;
  return send(env.platform.tokenUrl, { form: clean });
}

/** A token request with a (possibly changed) assertion. */
export async function tokenWith(env: Env, scope: string, change: Record<string, unknown> = {}, mode: SignMode = 'rs256', header: Record<string, unknown> = {}): Promise<Hop> {
  const claims: Record<string, unknown> = { ...env.tool.assertionClaims(env.platform), ...change };
  for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
  return tokenRequest(env, {
    grant_type: OAUTH.grantClientCredentials,
    client_assertion_type: OAUTH.clientAssertionTypeJwtBearer,
    client_assertion: await env.tool.sign(claims, mode, header),
    scope,
  });
}

export async function accessToken(env: Env, scopes: readonly string[]): Promise<string> {
  const hop = await tokenWith(env, scopes.join(' '));
  if (hop.status !== 200) throw new Error(`token request failed: ${hop.status} ${hop.body}`);
  return (JSON.parse(hop.body) as { access_token: string }).access_token;
}

export function json<T = unknown>(hop: Hop): T {
  return JSON.parse(hop.body) as T;
}

/** The rel="next" URL of a Link header. */
export function nextLink(hop: Hop): string | undefined {
  const link = hop.headers.link;
  return typeof link === 'string' ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
}
