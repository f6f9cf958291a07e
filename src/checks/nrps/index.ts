export { MEMBERSHIPS_GET_CHECKS, MEMBERSHIPS_PAGING_CHECKS, type MembershipsGetInput } from './memberships.js';
