import { ID_TOKEN_CLAIM_CHECKS } from './id-token-claims.js';
import { ID_TOKEN_CORE_CHECKS } from './id-token-core.js';
import { ID_TOKEN_HEADER_CHECKS } from './id-token-header.js';
import { idTokenSchemaValid } from './id-token-messages.js';
import { ID_TOKEN_PAYLOAD_CHECKS } from './id-token-payload.js';
import { ID_TOKEN_ROLE_CHECKS } from './id-token-roles.js';

// Checks on what a platform under test sends while it launches us (we play the tool).

export { authRequestRefused, authResponseArrived, authResponseRegisteredUri } from './auth-response.js';
export type { AuthRequestAnswer, AuthResponseArrival, UnregisteredPosts } from './auth-response.js';
export { DEEP_LINKING_REQUEST_CHECKS, RESOURCE_LINK_CHECKS } from './id-token-messages.js';
export { NO_TOKEN, type PlatformIdToken, type PlatformIdTokenInput } from './input.js';
export { JWKS_CHECKS, type PlatformJwksInput } from './jwks.js';
export { LOGIN_INITIATION_CHECKS, type LoginInitiationInput } from './login-initiation.js';

/**
 * The header, signature and claims every platform-originating message must get right, whatever its type; judge
 * them with RESOURCE_LINK_CHECKS or DEEP_LINKING_REQUEST_CHECKS once an id_token arrived.
 */
export const PLATFORM_ID_TOKEN_CHECKS = [
  ...ID_TOKEN_HEADER_CHECKS,
  ...ID_TOKEN_CORE_CHECKS,
  ...ID_TOKEN_ROLE_CHECKS,
  ...ID_TOKEN_CLAIM_CHECKS,
  ...ID_TOKEN_PAYLOAD_CHECKS,
  idTokenSchemaValid,
] as const;
