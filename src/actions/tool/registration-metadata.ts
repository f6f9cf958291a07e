// What our tool asks the platform to register (LTI Dynamic Registration / RFC 7591 client metadata), and
// the platform registration we derive from the platform's configuration and answer.
import { isObject, type Json } from '../../checks/registration/json.js';
import { deploymentIdOf } from '../../checks/registration/response.js';
import type { DynamicPlatformTargetConfig, PlatformTargetConfig } from '../../config/types.js';
import { DR, MESSAGE_TYPE, OAUTH, OIDC, SCOPE } from '../../lti/vocab.js';
import type { ToolUrls } from '../../roles/tool/emulator.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The AGS and NRPS scopes our emulated tool uses. */
export const TOOL_SCOPES: readonly string[] = [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.nrps];
/** The claims our tool asks for (OIDC standard claims; LTI claims come with every message). */
const CLAIMS = ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'];
export const CLIENT_NAME = 'lti-conform';

function messagesSupported(config: Json): string[] {
  const p = config[DR.platformConfiguration];
  const list = isObject(p) && Array.isArray(p.messages_supported) ? p.messages_supported : [];
  return list.map((m) => (isObject(m) ? str(m.type) : undefined)).filter((t): t is string => t !== undefined);
}

/** Our client metadata: every member a conforming platform needs, scopes limited to what it supports. */
export function clientMetadata(urls: ToolUrls, config: Json): Json {
  const supported = Array.isArray(config.scopes_supported) ? config.scopes_supported : undefined;
  const scopes = supported ? TOOL_SCOPES.filter((s) => supported.includes(s)) : TOOL_SCOPES;
  const offered = messagesSupported(config);
  const messages: Json[] = [
    { type: MESSAGE_TYPE.resourceLink, target_link_uri: urls.targetLink, label: CLIENT_NAME },
    { type: MESSAGE_TYPE.deepLinkingRequest, target_link_uri: urls.deepLinkTarget, label: CLIENT_NAME },
    ...(offered.includes(MESSAGE_TYPE.submissionReview) ? [{ type: MESSAGE_TYPE.submissionReview, target_link_uri: urls.targetLink }] : []),
  ];
  return {
    application_type: DR.applicationType,
    grant_types: [DR.grantImplicit, OAUTH.grantClientCredentials],
    response_types: [OIDC.responseType],
    redirect_uris: [urls.launch, urls.deepLink],
    initiate_login_uri: urls.login,
    client_name: CLIENT_NAME,
    jwks_uri: urls.jwks,
    token_endpoint_auth_method: DR.authMethodPrivateKeyJwt,
    ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
    [DR.toolConfiguration]: { domain: new URL(urls.launch).host, target_link_uri: urls.targetLink, claims: CLAIMS, messages },
  };
}

/**
 * The platform target the rest of the suite runs on: the configuration's endpoints, the client_id (and
 * deployment_id) of the answer; services and lti11 stay as configured. A reason when it cannot be built.
 */
export function derivePlatform(target: DynamicPlatformTargetConfig, config: unknown, answer: unknown): PlatformTargetConfig | string {
  const c = isObject(config) ? config : {};
  // RFC 7591 makes client_id a string; a number is judged elsewhere but still lets the run go on.
  const raw = isObject(answer) ? answer.client_id : undefined;
  const clientId = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : str(raw);
  if (clientId === undefined) return 'the registration answer has no client_id';
  const need = { issuer: str(c.issuer), authorizationUrl: str(c.authorization_endpoint), tokenUrl: str(c.token_endpoint), jwksUrl: str(c.jwks_uri) };
  const missing = Object.entries({ issuer: need.issuer, authorization_endpoint: need.authorizationUrl, token_endpoint: need.tokenUrl, jwks_uri: need.jwksUrl }).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) return `the OpenID configuration lacks ${missing.join(', ')}`;
  return {
    kind: 'platform', ...(target.name ? { name: target.name } : {}), issuer: need.issuer!, clientId, deploymentId: deploymentIdOf(answer) ?? '',
    authorizationUrl: need.authorizationUrl!, tokenUrl: need.tokenUrl!, jwksUrl: need.jwksUrl!,
    ...(str(c.authorization_server) ? { authorizationServer: str(c.authorization_server)! } : {}),
    ...(target.services ? { services: target.services } : {}), ...(target.lti11 ? { lti11: target.lti11 } : {}),
  };
}

/** Stands in for the platform until registration produced the real one (nothing is sent with it). */
export function placeholderPlatform(target: DynamicPlatformTargetConfig): PlatformTargetConfig {
  const where = target.registration.openidConfigurationUrl ?? 'http://127.0.0.1/';
  let origin = 'http://127.0.0.1';
  try {
    origin = new URL(where).origin;
  } catch {
    // keep the loopback placeholder
  }
  return {
    kind: 'platform', ...(target.name ? { name: target.name } : {}), issuer: origin, clientId: '', deploymentId: '', authorizationUrl: origin, tokenUrl: origin, jwksUrl: origin,
    ...(target.services ? { services: target.services } : {}), ...(target.lti11 ? { lti11: target.lti11 } : {}),
  };
}
