import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { CLAIM, DR, LTI_VERSION, MESSAGE_TYPE, OIDC, ROLE } from '../../../src/lti/vocab.js';

// Real signed tokens for the validate tests: one RS256 key pair per test file, published as a JWKS.

export const ISSUER = 'https://lms.example';
export const CLIENT_ID = 'tool-123';
export const DEPLOYMENT = 'deploy-1';
export const NOW = 1_700_000_000;

export interface Signer {
  jwks: { keys: JWK[] };
  sign(payload: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
}

export async function signer(kid = 'k1'): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    sign: (payload, header = {}) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, ...header }).sign(privateKey),
  };
}

export function resourceLink(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: ISSUER, aud: CLIENT_ID, sub: 'user-1', nonce: 'nonce-1', iat: NOW, exp: NOW + 300,
    [CLAIM.messageType]: MESSAGE_TYPE.resourceLink, [CLAIM.version]: LTI_VERSION, [CLAIM.deploymentId]: DEPLOYMENT,
    [CLAIM.targetLinkUri]: 'https://tool.example/launch', [CLAIM.resourceLink]: { id: 'rl-1' }, [CLAIM.roles]: [ROLE.learner],
    ...over,
  };
}

export function deepLinkingRequest(over: Record<string, unknown> = {}): Record<string, unknown> {
  return resourceLink({
    [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest, [CLAIM.resourceLink]: undefined,
    [CLAIM.deepLinkingSettings]: { deep_link_return_url: 'https://lms.example/dl/return', accept_types: ['ltiResourceLink'], accept_presentation_document_targets: ['iframe'] },
    ...over,
  });
}

export function deepLinkingResponse(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: CLIENT_ID, aud: ISSUER, nonce: 'n-2', iat: NOW, exp: NOW + 300,
    [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse, [CLAIM.version]: LTI_VERSION, [CLAIM.deploymentId]: DEPLOYMENT,
    [CLAIM.dlContentItems]: [{ type: 'ltiResourceLink', title: 'Quiz', url: 'https://tool.example/quiz' }],
    ...over,
  };
}

export function clientAssertion(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: CLIENT_ID, sub: CLIENT_ID, aud: 'https://lms.example/token', jti: 'j-1', iat: NOW, exp: NOW + 300, [CLAIM.deploymentId]: DEPLOYMENT, ...over };
}

export const score = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  userId: 'user-1', scoreGiven: 8, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: '2023-11-14T22:13:20.123Z', ...over,
});

export function openidConfiguration(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token`, jwks_uri: `${ISSUER}/jwks`, registration_endpoint: `${ISSUER}/register`,
    response_types_supported: [OIDC.responseType], id_token_signing_alg_values_supported: [DR.signingAlg], scopes_supported: [OIDC.scope],
    token_endpoint_auth_methods_supported: [DR.authMethodPrivateKeyJwt], token_endpoint_auth_signing_alg_values_supported: [DR.signingAlg],
    [DR.platformConfiguration]: { product_family_code: 'example', version: '1.0', messages_supported: [{ type: MESSAGE_TYPE.resourceLink }] },
    ...over,
  };
}

export function registrationRequest(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    application_type: DR.applicationType, grant_types: [DR.grantImplicit, 'client_credentials'], response_types: [OIDC.responseType],
    redirect_uris: ['https://tool.example/launch'], initiate_login_uri: 'https://tool.example/login', client_name: 'Tool', jwks_uri: 'https://tool.example/jwks',
    token_endpoint_auth_method: DR.authMethodPrivateKeyJwt,
    [DR.toolConfiguration]: { domain: 'tool.example', target_link_uri: 'https://tool.example/launch', claims: ['iss', 'sub'], messages: [{ type: MESSAGE_TYPE.resourceLink }] },
    ...over,
  };
}
