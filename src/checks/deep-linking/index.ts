import { DEEP_LINK_CONTENT_ITEM_CHECKS } from './content-items.js';
import { DEEP_LINK_FORM_CHECKS } from './form.js';
import { DEEP_LINK_MESSAGE_CHECKS } from './message.js';

export type { DeepLinkResponseInput } from './input.js';
export { DEEP_LINK_CONTENT_ITEM_CHECKS } from './content-items.js';
export { DEEP_LINK_FORM_CHECKS } from './form.js';
export { DEEP_LINK_MESSAGE_CHECKS } from './message.js';

/**
 * Every check on a deep-linking response, all on DeepLinkResponseInput. Without a decodable JWT the JWT
 * checks fail with "no decodable JWT"; a scenario that wants one finding for that judges
 * DEEP_LINK_FORM_CHECKS first and the others only when `jwt` is present.
 */
export const DEEP_LINK_RESPONSE_CHECKS = [...DEEP_LINK_FORM_CHECKS, ...DEEP_LINK_MESSAGE_CHECKS, ...DEEP_LINK_CONTENT_ITEM_CHECKS] as const;
