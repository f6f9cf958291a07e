import type { Hop, Navigation } from '../../http/browser.js';
import { signJwt } from '../../keys/sign.js';
import type { Mutator, LaunchMessage } from '../../mutators/types.js';
import { PATHS, type AuthAnswer, type AuthHandler, type AuthRequest } from '../../roles/platform/emulator.js';
import {
  AGS_SCOPES, CONTEXT_ID, deepLinkingClaims, freshId, RESOURCE_LINK_ID, resourceLinkClaims, type DeepLinkingSettings, type LaunchBase, type LaunchVariant,
} from '../../roles/platform/launch-claims.js';
import type { ToolTestEnv } from './env.js';

export type LoginParams = Record<string, string | undefined>;

export interface LaunchSpec {
  method?: 'GET' | 'POST';
  variant?: LaunchVariant;
  /** A deep-linking request (to target.deepLinkingUrl) with these settings (undefined = no settings claim). */
  deepLinking?: { settings: DeepLinkingSettings | undefined };
  /** Change the login initiation parameters (defaults are all the parameters a platform may send). */
  login?: (defaults: Record<string, string>, env: ToolTestEnv) => LoginParams;
  mutators?: readonly Mutator[];
  /** Change the form we post back (drop state, answer with an OIDC error, ...). */
  answer?: (fields: Record<string, string>, auth: AuthRequest) => Record<string, string>;
}

export interface SentToken {
  jwt: string;
  message: LaunchMessage;
}

export interface LaunchRun {
  login: Record<string, string>;
  nav: Navigation;
  /** Hops up to and including our authorization endpoint; the rest is the launch itself. */
  loginHops: Hop[];
  launchHops: Hop[];
  auth?: AuthRequest;
  /** What our endpoint answered: the form posted to the tool, or a refusal. */
  answer?: AuthAnswer;
  token?: SentToken;
}

/** Where the launch lands: the deep-linking URL for deep-linking requests, else the target link URI. */
export function launchTarget(env: ToolTestEnv, spec: LaunchSpec): string {
  return spec.deepLinking ? (env.tool.deepLinkingUrl ?? env.tool.targetLinkUri) : env.tool.targetLinkUri;
}

export function defaultLoginParams(env: ToolTestEnv, spec: LaunchSpec = {}): Record<string, string> {
  return {
    iss: env.emulator.issuer,
    login_hint: freshId('login-hint'),
    target_link_uri: launchTarget(env, spec),
    lti_message_hint: freshId('message-hint'),
    client_id: env.tool.clientId,
    lti_deployment_id: env.tool.deploymentId,
  };
}

/** Builds, mutates and signs the id_token answering this authentication request. */
async function buildToken(env: ToolTestEnv, spec: LaunchSpec, auth: AuthRequest): Promise<SentToken> {
  const now = env.now();
  const urls = env.emulator.services.urls(CONTEXT_ID, RESOURCE_LINK_ID);
  const base: LaunchBase = {
    issuer: env.emulator.issuer, clientId: env.tool.clientId, deploymentId: env.tool.deploymentId, targetLinkUri: launchTarget(env, spec), nonce: auth.params.nonce ?? '', now,
    services: { lineItems: urls.lineItems, lineItem: urls.lineItem, memberships: urls.memberships, agsScopes: AGS_SCOPES },
  };
  const variant = spec.variant ?? { persona: 'instructor' };
  const payload = spec.deepLinking ? deepLinkingClaims(base, variant, spec.deepLinking.settings) : resourceLinkClaims(base, variant);
  let message: LaunchMessage = { header: { typ: 'JWT', kid: env.emulator.keys.current.kid }, payload, signing: 'rs256' };
  for (const m of spec.mutators ?? []) message = m.apply(message, { issuer: base.issuer, clientId: base.clientId, now });
  const jwt = await signJwt(message.header, message.payload, message.signing, env.emulator.keys);
  env.evidence.jwt('id_token sent to the tool', { ...message.header, alg: message.signing === 'none' ? 'none' : message.signing === 'hs256-public-pem' ? 'HS256' : 'RS256' }, message.payload);
  return { jwt, message };
}

/** A real platform never posts a token to an unregistered redirect_uri or for another client (LTI-OIDC-012). */
function refusal(env: ToolTestEnv, auth: AuthRequest): AuthAnswer | undefined {
  if (auth.params.client_id !== env.tool.clientId) return { kind: 'refuse', status: 400, error: 'unauthorized_client', description: 'unknown client_id' };
  const redirect = auth.params.redirect_uri;
  if (!redirect || !env.tool.redirectUris.includes(redirect)) return { kind: 'refuse', status: 400, error: 'invalid_request', description: 'redirect_uri is not registered' };
  return undefined;
}

/** Answers the tool's authentication request with this spec's (mutated) id_token, recording what happened in `run`. */
export function authHandlerFor(env: ToolTestEnv, spec: LaunchSpec, run: Partial<LaunchRun>): AuthHandler {
  return async (auth) => {
    run.auth = auth;
    const refused = refusal(env, auth);
    if (refused) return (run.answer = refused);
    run.token = await buildToken(env, spec, auth);
    const fields: Record<string, string> = { id_token: run.token.jwt, ...(auth.params.state !== undefined ? { state: auth.params.state } : {}) };
    return (run.answer = { kind: 'post', action: auth.params.redirect_uri!, fields: spec.answer ? spec.answer(fields, auth) : fields });
  };
}

/** One launch through the browser: login initiation, authentication request, form post of the id_token. */
export async function launch(env: ToolTestEnv, spec: LaunchSpec = {}): Promise<LaunchRun> {
  const defaults = defaultLoginParams(env, spec);
  const loginParams = spec.login ? spec.login(defaults, env) : defaults;
  const login = Object.fromEntries(Object.entries(loginParams).filter((e): e is [string, string] => e[1] !== undefined));
  const run: Partial<LaunchRun> = { login };
  env.emulator.authHandler = authHandlerFor(env, spec, run);
  try {
    const method = spec.method ?? 'GET';
    const url = new URL(env.tool.loginInitiationUrl);
    if (method === 'GET') for (const [k, v] of Object.entries(login)) url.searchParams.append(k, v);
    // The launch starts on a platform page, so the browser treats it as a navigation from our site.
    const initiator = env.emulator.url(PATHS.launchStart);
    const nav = await env.browser.navigate(method === 'GET' ? { method, url: url.toString(), initiator } : { method, url: url.toString(), form: Object.entries(login), initiator });
    const authUrl = env.emulator.url(PATHS.authorization);
    const split = nav.hops.findIndex((h) => h.url.split('?')[0] === authUrl);
    const cut = split < 0 ? nav.hops.length : split + 1;
    return { ...(run as LaunchRun), login, nav, loginHops: nav.hops.slice(0, cut), launchHops: nav.hops.slice(cut) };
  } finally {
    env.emulator.authHandler = undefined;
  }
}

/** Posts the same form again from the same browser (replay). */
export async function repost(env: ToolTestEnv, run: LaunchRun): Promise<Navigation | undefined> {
  if (run.answer?.kind !== 'post') return undefined;
  return env.browser.navigate({ method: 'POST', url: run.answer.action, form: Object.entries(run.answer.fields), initiator: env.emulator.url(PATHS.authorization) });
}
