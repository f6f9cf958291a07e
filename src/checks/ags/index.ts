export { LINE_ITEM_POST_CHECKS, LINE_ITEMS_GET_CHECKS, LINE_ITEMS_PAGING_CHECKS, type LineItemsCallInput } from './line-items.js';
export { RESULTS_GET_CHECKS, type ResultsGetInput } from './results.js';
export { SCORE_POST_CHECKS, type ScorePostInput } from './score.js';
