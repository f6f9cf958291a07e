import { CLIENT_ASSERTION_CHECKS } from './assertion.js';
import { TOKEN_REQUEST_CHECKS } from './request.js';

export type { TokenRequestInput } from './input.js';
export { CLIENT_ASSERTION_CHECKS } from './assertion.js';
export { TOKEN_REQUEST_CHECKS } from './request.js';

/**
 * Every check on a token request, all on TokenRequestInput. Without a decodable assertion the assertion
 * checks fail; a scenario that wants one finding for that judges CLIENT_ASSERTION_CHECKS only when
 * `record.assertion` is present.
 */
export const TOKEN_REQUEST_ALL_CHECKS = [...TOKEN_REQUEST_CHECKS, ...CLIENT_ASSERTION_CHECKS] as const;
