export { SERVICE_CALL_CHECKS, scopeGranted, type ServiceCallInput } from './call.js';
export { nextLinksVerbatim, pagesFollowed, type PagedReadInput } from './paging.js';
