import { describe, expect, it } from 'vitest';
import { MEMBERSHIPS_GET_CHECKS, MEMBERSHIPS_PAGING_CHECKS, membershipsAccept, membershipsPagesFollowed, type MembershipsGetInput } from '../../../src/checks/nrps/memberships.js';
import type { PagedReadInput } from '../../../src/checks/service/paging.js';
import { checkLevel } from '../../../src/core/check.js';
import { MEDIA_TYPE } from '../../../src/lti/vocab.js';
import { bad, checkTable, type Case } from './check-table.js';
import { call } from './service-fixtures.js';

const ROSTER = 'https://platform.example/ctx/1/memberships';
const nrps = (url: string, headers: Record<string, string> = { Accept: MEDIA_TYPE.membershipContainer }) => call({ service: 'nrps', operation: 'memberships.get', url, headers });

describe('membership GET checks', () => {
  const valid = (): MembershipsGetInput => ({ call: nrps(ROSTER) });
  const FAILING: Case<MembershipsGetInput>[] = [
    { name: 'Accept application/json', check: membershipsAccept, input: { call: nrps(ROSTER, { accept: MEDIA_TYPE.json }) }, verdict: bad(`Accept is "${MEDIA_TYPE.json}"`, MEDIA_TYPE.membershipContainer, MEDIA_TYPE.json) },
  ];
  checkTable(MEMBERSHIPS_GET_CHECKS, valid, FAILING, /^nrps\.memberships\.[a-z-]+$/);
  it('warns only (NRPS §2.4 is a SHOULD)', () => expect(checkLevel(membershipsAccept.refs, 'certification')).toBe('warn'));
});

describe('membership paging (NT-T-51)', () => {
  const P2 = `${ROSTER}?p=2`;
  const P3 = `${ROSTER}?p=3`;
  const valid = (): PagedReadInput => ({ calls: [nrps(ROSTER), nrps(P2), nrps(P3)], issuedNextLinks: [P2, P3] });
  const FAILING: Case<PagedReadInput>[] = [
    { name: 'read two of three pages', check: membershipsPagesFollowed, input: { calls: [nrps(ROSTER), nrps(P2)], issuedNextLinks: [P2, P3] }, verdict: bad(`the tool stopped after 2 of 3 pages: it never requested ${P3}`, [P2, P3], [ROSTER, P2]) },
  ];
  checkTable(MEMBERSHIPS_PAGING_CHECKS, valid, FAILING, /^nrps\.memberships\.[a-z-]+$/);
  it('warns only (the paging rule binds the platform)', () => expect(checkLevel(membershipsPagesFollowed.refs, 'certification')).toBe('warn'));
});
