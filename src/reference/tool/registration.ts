// LTI Dynamic Registration, tool side ([DR] §3.3-3.7): GET the registration initiation URL with
// openid_configuration (and registration_token), read the platform configuration, check its issuer
// against the URL it came from, post our client metadata with the token as bearer, and remember the
// registration the platform answers with. The page then posts the close message to the opener.
import { request } from 'undici';
import { DR, MESSAGE_TYPE, OAUTH, OIDC } from '../../lti/vocab.js';
import type { ToolContext } from './context.js';
import { escapeHtml, page, type Reply } from './html.js';
import { JwksCache } from './jwks-cache.js';
import { PATHS } from './server.js';

export const REGISTRATION_PATH = '/lti/register';

const TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 256 * 1024;
const CLIENT_NAME = 'lti-conform reference tool';
const CLAIMS = ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'];
/** Only used by the registration-requests-unsupported-scope flaw. */
const UNOFFERED_SCOPE = 'https://lti-conform.example/scope/not-offered';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

class RegistrationFailed extends Error {
  /** True when the platform refused (its answer, not our own check, ended registration). */
  constructor(message: string, readonly byPlatform = false) {
    super(message);
  }
}

function httpUrl(raw: string | null | undefined, what: string): URL {
  try {
    const u = new URL(raw ?? '');
    if (u.protocol === 'http:' || u.protocol === 'https:') return u;
  } catch {
    // reported below
  }
  throw new RegistrationFailed(`${what} is not an http(s) URL`);
}

/** A bounded HTTP exchange: 10 s timeouts, at most 256 KiB of answer. */
async function exchange(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: unknown }> {
  let status: number;
  let text = '';
  try {
    const res = await request(url, { method, headers, ...(body !== undefined ? { body } : {}), headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
    status = res.statusCode;
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        res.body.destroy();
        throw new RegistrationFailed(`${url} answered more than ${MAX_BODY_BYTES} bytes`);
      }
      text += (chunk as Buffer).toString('utf8');
    }
  } catch (e) {
    if (e instanceof RegistrationFailed) throw e;
    throw new RegistrationFailed(`${url} could not be reached`);
  }
  try {
    return { status, json: JSON.parse(text) as unknown };
  } catch {
    return { status, json: undefined };
  }
}

function closePage(): Reply {
  const script = `(window.opener || window.parent).postMessage({subject: '${DR.closeSubject}'}, '*');`;
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>Registered</title></head><body><h1>Registered</h1><p>${escapeHtml(CLIENT_NAME)} is registered; this window closes.</p><script>${script}</script></body></html>\n`,
  };
}

function metadata(ctx: ToolContext, config: Json): Json {
  const offered = Array.isArray(config.scopes_supported) ? config.scopes_supported.filter((s): s is string => typeof s === 'string') : [];
  const wanted = offered.filter((s) => s !== OIDC.scope);
  const scopes = ctx.flaws.has('registration-requests-unsupported-scope') ? [...wanted, UNOFFERED_SCOPE] : wanted;
  const pc = config[DR.platformConfiguration];
  const platform: Json = isObject(pc) ? pc : {};
  const supported = Array.isArray(platform.messages_supported) ? platform.messages_supported.map((m) => (isObject(m) ? m.type : undefined)) : [];
  const messages = [
    { type: MESSAGE_TYPE.resourceLink, target_link_uri: ctx.targetLinkUri },
    { type: MESSAGE_TYPE.deepLinkingRequest, target_link_uri: ctx.deepLinkingUrl },
  ].filter((m) => supported.includes(m.type));
  return {
    application_type: DR.applicationType,
    grant_types: [DR.grantImplicit, OAUTH.grantClientCredentials],
    response_types: [OIDC.responseType],
    redirect_uris: [ctx.launchUrl],
    initiate_login_uri: `${ctx.origin}${PATHS.login}`,
    client_name: CLIENT_NAME,
    ...(ctx.flaws.has('registration-omits-jwks-uri') ? {} : { jwks_uri: `${ctx.origin}${PATHS.jwks}` }),
    token_endpoint_auth_method: DR.authMethodPrivateKeyJwt,
    scope: scopes.join(' '),
    [DR.toolConfiguration]: { domain: new URL(ctx.origin).host, target_link_uri: ctx.targetLinkUri, claims: CLAIMS, messages },
  };
}

async function register(ctx: ToolContext, params: URLSearchParams): Promise<void> {
  const configUrl = httpUrl(params.get(DR.openidConfigurationParam), DR.openidConfigurationParam);
  const token = params.get(DR.registrationTokenParam) ?? undefined;
  const got = await exchange('GET', configUrl.href, { accept: 'application/json' });
  if (got.status !== 200 || !isObject(got.json)) throw new RegistrationFailed(`the platform configuration answered ${got.status} without a JSON object`);
  const config = got.json;
  // [DR] §3.5.1: the configuration must come from its issuer (same origin as the openid_configuration URL).
  const issuer = str(config.issuer);
  let sameOrigin: boolean;
  try {
    sameOrigin = issuer !== undefined && new URL(issuer).origin === configUrl.origin;
  } catch {
    sameOrigin = false;
  }
  if (!sameOrigin && !ctx.flaws.has('registration-ignores-issuer-mismatch')) throw new RegistrationFailed('the configuration issuer does not match its openid_configuration URL');
  const endpoint = httpUrl(str(config.registration_endpoint), 'registration_endpoint');
  for (const name of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) httpUrl(str(config[name]), name);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token !== undefined && !ctx.flaws.has('registration-omits-bearer-token')) headers.authorization = `Bearer ${token}`;
  const answer = await exchange('POST', endpoint.href, headers, JSON.stringify(metadata(ctx, config)));
  if (answer.status < 200 || answer.status >= 300) throw new RegistrationFailed(`the platform refused the registration (${answer.status})`, true);
  const body = isObject(answer.json) ? answer.json : {};
  const clientId = str(body.client_id);
  if (clientId === undefined) throw new RegistrationFailed('the platform answer has no client_id', true);
  const tc = body[DR.toolConfiguration];
  const toolConfig: Json = isObject(tc) ? tc : {};
  const deploymentId = str(toolConfig.deployment_id);
  // The tool trusts the platform it registered with last (one registration, like the static one).
  Object.assign(ctx.platform, {
    issuer: issuer ?? configUrl.origin, clientId, deploymentIds: deploymentId ? [deploymentId] : [],
    authorizationUrl: str(config.authorization_endpoint), tokenUrl: str(config.token_endpoint), jwksUrl: str(config.jwks_uri),
  });
  ctx.jwks = new JwksCache(ctx.platform.jwksUrl, ctx.now, !ctx.flaws.has('jwks-cached-forever'));
}

/** GET of the registration initiation URL. */
export async function handleRegistration(ctx: ToolContext, params: URLSearchParams): Promise<Reply> {
  try {
    await register(ctx, params);
  } catch (e) {
    const reason = e instanceof RegistrationFailed ? e.message : 'registration failed';
    const byPlatform = e instanceof RegistrationFailed && e.byPlatform;
    if (byPlatform && ctx.flaws.has('registration-crashes-on-error')) throw e;
    if (byPlatform && ctx.flaws.has('registration-closes-on-error')) return closePage();
    return page(400, 'Registration failed', reason);
  }
  return ctx.flaws.has('registration-never-closes') ? page(200, 'Registered', `${CLIENT_NAME} is registered.`) : closePage();
}
