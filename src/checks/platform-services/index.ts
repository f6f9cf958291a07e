// Checks on a platform's token endpoint, AGS and NRPS answers (we play the tool). Pure: no I/O.
export { TOKEN_RESPONSE_CHECKS, type TokenResponseInput } from './token-response.js';
export { noTokenIssued, TOKEN_REFUSAL_CHECKS, type TokenRefusalInput } from './token-refusal.js';
export { LINE_ITEMS_FILTER_CHECKS, LINE_ITEMS_GET_CHECKS, LINE_ITEMS_NO_MATCH_CHECKS, LINE_ITEMS_PAGING_CHECKS, type LineItemFilter, type LineItemsAnswerInput, type LineItemsFilterInput } from './ags-container.js';
export {
  LINE_ITEM_CREATE_CHECKS, LINE_ITEM_DELETE_CHECKS, LINE_ITEM_READ_CHECKS, LINE_ITEM_UPDATE_CHECKS,
  type LineItemCreateInput, type LineItemDeleteInput, type LineItemReadInput, type LineItemUpdateInput,
} from './ags-line-item.js';
export { MALFORMED_SCORE_CHECKS, RESULTS_CHECKS, SCORE_CHECKS, SCORE_OVER_MAXIMUM_CHECKS, type MalformedScoreInput, type ResultsInput, type ScoreAnswerInput } from './ags-scores.js';
export { AGS_AUTH_CHECKS, AGS_CONTEXT_CHECKS, AGS_SCOPE_CHECKS, type ContextIsolationInput, type OutOfScopeInput, type UnauthenticatedInput } from './access.js';
export { MEMBERSHIPS_CHECKS, MEMBERSHIPS_PAGING_CHECKS, membersOf, NRPS_AUTH_CHECKS, ROLE_FILTER_CHECKS, roleMatches, type MembershipsInput, type RoleFilterInput } from './nrps.js';
export type { PagingInput } from './paging.js';
export type { ServiceAnswer } from './input.js';
export { foreignResourceLinkRefused, invalidLineItemRefused, type InvalidLineItemInput } from './ags-refusals.js';
