// LTI Dynamic Registration, platform side: the OpenID configuration, registration tokens, and the
// registration endpoint (RFC 7591 with the LTI tool configuration). A registration made with a valid
// token and complete metadata becomes the tool launches go to; anything else accepted (only through a
// flaw) is kept aside, so a stray registration never hijacks the running tool.
import { request } from 'undici';
import { DR, MESSAGE_TYPE, OAUTH, OIDC } from '../../lti/vocab.js';
import type { PlatformContext, ToolRegistration } from './context.js';
import { TOOL_PLATFORM } from './data.js';
import { jsonError, jsonReply, page, refuse, type Reply } from './html.js';
import { randomToken, TtlStore } from './store.js';
import { ALLOWED_SCOPES } from './token.js';
import { ToolJwks } from './tool-jwks.js';

export const DR_PATHS = { configuration: '/.well-known/openid-configuration', register: '/register', testRegister: '/test/register' } as const;
const TOKEN_TTL_MS = 60 * 60_000;
const INITIATION_TIMEOUT_MS = 5_000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isUrl = (v: unknown): v is string => {
  try {
    return typeof v === 'string' && /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
};
const includes = (v: unknown, x: string): boolean => Array.isArray(v) && v.includes(x);

export interface DynamicClient {
  clientId: string;
  deploymentId: string;
  /** It became the tool launches go to (valid token, complete metadata). */
  active: boolean;
}

interface RegistrationState {
  tokens: TtlStore<true>;
  clients: DynamicClient[];
}

const states = new WeakMap<PlatformContext, RegistrationState>();
function stateOf(ctx: PlatformContext): RegistrationState {
  let s = states.get(ctx);
  if (!s) states.set(ctx, (s = { tokens: new TtlStore(ctx.now, TOKEN_TTL_MS), clients: [] }));
  return s;
}

/** A registration token, valid for an hour (reusable until then, like a signed token would be). */
export function issueRegistrationToken(ctx: PlatformContext): string {
  const token = randomToken();
  stateOf(ctx).tokens.set(token, true);
  return token;
}

export function dynamicClients(ctx: PlatformContext): readonly DynamicClient[] {
  return [...stateOf(ctx).clients];
}

export function openidConfiguration(ctx: PlatformContext): Reply {
  const u = (p: string): string => `${ctx.issuer}${p}`;
  const config: Json = {
    issuer: ctx.issuer, authorization_endpoint: u('/auth'), token_endpoint: u('/token'), jwks_uri: u('/.well-known/jwks.json'),
    registration_endpoint: u(DR_PATHS.register),
    token_endpoint_auth_methods_supported: [DR.authMethodPrivateKeyJwt], token_endpoint_auth_signing_alg_values_supported: [DR.signingAlg],
    scopes_supported: [OIDC.scope, ...ALLOWED_SCOPES], response_types_supported: [OIDC.responseType], id_token_signing_alg_values_supported: [DR.signingAlg],
    claims_supported: ['iss', 'sub', 'aud', 'name', 'given_name', 'family_name', 'email'], subject_types_supported: ['public'],
    [DR.platformConfiguration]: {
      product_family_code: TOOL_PLATFORM.product_family_code, version: TOOL_PLATFORM.version,
      messages_supported: [{ type: MESSAGE_TYPE.resourceLink }, { type: MESSAGE_TYPE.deepLinkingRequest }],
    },
  };
  if (ctx.flaws.has('dr-config-omits-registration-endpoint')) delete config.registration_endpoint;
  if (ctx.flaws.has('dr-config-omits-platform-configuration')) delete config[DR.platformConfiguration];
  return jsonReply(200, config);
}

function refusal(ctx: PlatformContext, status: 400 | 401, error: string, description: string): Reply {
  if (ctx.flaws.has('dr-errors-as-html-500')) return { status: 500, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><p>Something went wrong.</p>' };
  return jsonError(status, error, description, status === 401 ? { 'www-authenticate': `Bearer error="${error}"` } : {});
}

/** The RFC 7591 error for metadata we cannot register, or undefined. */
function metadataProblem(ctx: PlatformContext, m: Json): [string, string] | undefined {
  const flaws = ctx.flaws;
  const invalid = (d: string): [string, string] => [DR.errorInvalidClientMetadata, d];
  if (m.redirect_uris === undefined ? !flaws.has('dr-accepts-missing-redirect-uris') : !Array.isArray(m.redirect_uris) || m.redirect_uris.length === 0 || !m.redirect_uris.every(isUrl))
    return [DR.errorInvalidRedirectUri, 'redirect_uris must be a non-empty array of URLs'];
  if (m.jwks_uri === undefined ? !flaws.has('dr-accepts-missing-jwks-uri') : !isUrl(m.jwks_uri)) return invalid('jwks_uri must be a URL');
  if (!isUrl(m.initiate_login_uri)) return invalid('initiate_login_uri must be a URL');
  if (m.token_endpoint_auth_method !== DR.authMethodPrivateKeyJwt) return invalid(`token_endpoint_auth_method must be ${DR.authMethodPrivateKeyJwt}`);
  if (!includes(m.grant_types, DR.grantImplicit) || !includes(m.grant_types, OAUTH.grantClientCredentials)) return invalid('grant_types must include implicit and client_credentials');
  if (!includes(m.response_types, OIDC.responseType)) return invalid('response_types must include id_token');
  if (m.application_type !== undefined && m.application_type !== DR.applicationType) return invalid('application_type must be web');
  const tc = m[DR.toolConfiguration];
  if (!isObject(tc) || typeof tc.domain !== 'string' || tc.domain === '' || !isUrl(tc.target_link_uri)) return invalid('the LTI tool configuration needs domain and target_link_uri');
  return undefined;
}

function deepLinkTarget(tc: Json): string | undefined {
  const m = Array.isArray(tc.messages) ? tc.messages.find((x) => isObject(x) && x.type === MESSAGE_TYPE.deepLinkingRequest) : undefined;
  return isObject(m) && isUrl(m.target_link_uri) ? m.target_link_uri : undefined;
}

/** POST /register: bearer registration token, JSON client metadata; 201 with the registered client. */
export function handleRegister(ctx: PlatformContext, authorization: string | undefined, body: string): Reply {
  const st = stateOf(ctx);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  const tokenValid = bearer !== undefined && st.tokens.has(bearer);
  if (!tokenValid && !ctx.flaws.has(bearer === undefined ? 'dr-accepts-missing-token' : 'dr-accepts-wrong-token'))
    return refusal(ctx, 401, 'invalid_token', bearer === undefined ? 'a registration token is required' : 'unknown or expired registration token');
  let m: unknown;
  try {
    m = JSON.parse(body);
  } catch {
    m = undefined;
  }
  if (!isObject(m)) return refusal(ctx, 400, DR.errorInvalidClientMetadata, 'the body must be a JSON object');
  const problem = metadataProblem(ctx, m);
  if (problem) return refusal(ctx, 400, problem[0], problem[1]);
  const tc = m[DR.toolConfiguration] as Json;
  const clientId = `ref-dr-${randomToken(9)}`;
  const deploymentId = `ref-dr-deployment-${st.clients.length + 1}`;
  const complete = Array.isArray(m.redirect_uris) && isUrl(m.jwks_uri);
  const active = tokenValid && complete;
  st.clients.push({ clientId, deploymentId, active });
  if (active) {
    const dl = deepLinkTarget(tc);
    const tool: ToolRegistration = {
      clientId, deploymentId, loginInitiationUrl: m.initiate_login_uri as string, redirectUris: [...(m.redirect_uris as string[])],
      targetLinkUri: tc.target_link_uri as string, ...(dl ? { deepLinkingUrl: dl } : {}), jwksUrl: m.jwks_uri as string,
    };
    ctx.tool = tool;
    ctx.toolJwks = new ToolJwks(tool.jwksUrl, ctx.now);
  }
  const answer: Json = { ...m, client_id: clientId, [DR.toolConfiguration]: { ...tc, deployment_id: deploymentId } };
  if (ctx.flaws.has('dr-omits-client-id')) delete answer.client_id;
  return jsonReply(201, answer);
}

/** GET /test/register?url=<initiation URL>: the platform opens the tool's registration URL itself (headless runs). */
export async function handleTestRegister(ctx: PlatformContext, q: URLSearchParams): Promise<Reply> {
  const raw = q.get('url');
  if (!isUrl(raw)) return refuse(400, 'url must be the tool registration initiation URL');
  const target = new URL(raw);
  target.searchParams.set(DR.openidConfigurationParam, `${ctx.issuer}${DR_PATHS.configuration}`);
  target.searchParams.set(DR.registrationTokenParam, issueRegistrationToken(ctx));
  try {
    const res = await request(target, { headersTimeout: INITIATION_TIMEOUT_MS, bodyTimeout: INITIATION_TIMEOUT_MS });
    await res.body.dump();
    return page(res.statusCode < 400 ? 200 : 502, 'Registration started', [`The tool's registration page answered HTTP ${res.statusCode}.`]);
  } catch (e) {
    return page(502, 'Registration not started', [`The tool's registration page could not be reached: ${(e as Error).message}`]);
  }
}
