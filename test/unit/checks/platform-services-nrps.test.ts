import { describe, expect, it } from 'vitest';
import {
  MEMBERSHIPS_CHECKS, MEMBERSHIPS_PAGING_CHECKS, NRPS_AUTH_CHECKS, ROLE_FILTER_CHECKS, roleMatches,
  type MembershipsInput, type PagingInput, type RoleFilterInput, type UnauthenticatedInput,
} from '../../../src/checks/platform-services/index.js';
import {
  membersNoDeleted, membershipsContainer, membershipsMediaType, membershipsPagingComplete, membershipsPagingNext, membershipsStatusOk, membersRequired, membersStatusKnown,
  nrpsAuthRefused, roleFilterMatches,
} from '../../../src/checks/platform-services/nrps.js';
import { checkLevel } from '../../../src/core/check.js';
import { MEDIA_TYPE, MEMBER_STATUS, ROLE } from '../../../src/lti/vocab.js';
import { bad, checkTable, type Case } from './check-table.js';
import { answer } from './platform-services-fixtures.js';

const ROSTER_URL = 'https://lms.example/ctx/1/memberships';
const ID = /^platform-nrps\.[a-z-]+\.[a-z0-9-]+$/;
const learner = { user_id: 'u1', roles: [ROLE.learner], status: 'Active', name: 'Ada' };
const instructor = { user_id: 'u2', roles: [ROLE.instructor] };
const container = (members: unknown, over: Record<string, unknown> = {}) => ({ id: ROSTER_URL, context: { id: 'ctx-1', label: 'C1', title: 'Course 1' }, members, ...over });
const roster = (json: unknown, status = 200) => answer(status, json, MEDIA_TYPE.membershipContainer);
const MEMBER = 'user_id (non-empty string) and roles (array of strings)';

describe('membership GET (NT-P-34)', () => {
  const valid = (): MembershipsInput => ({ answer: roster(container([learner, instructor])), contextId: 'ctx-1' });
  const SHAPE = '{ id, context: { id }, members: [] }';
  const FAILING: Case<MembershipsInput>[] = [
    { name: '403', check: membershipsStatusOk, input: { answer: roster(undefined, 403) }, verdict: bad('the platform answered 403', 200, 403) },
    { name: 'labelled application/json', check: membershipsMediaType, input: { answer: answer(200, container([])) }, verdict: bad(`Content-Type is "${MEDIA_TYPE.json}"`, MEDIA_TYPE.membershipContainer, MEDIA_TYPE.json) },
    { name: 'no context', check: membershipsContainer, input: { answer: roster(container([learner], { context: undefined })) }, verdict: bad('the membership container is invalid: context.id is missing', SHAPE, ['context.id is missing']) },
    {
      name: 'another context', check: membershipsContainer, input: { ...valid(), answer: roster(container([learner], { context: { id: 'ctx-2' } })) },
      verdict: bad('the membership container is invalid: context.id is "ctx-2", not the launch context "ctx-1"', SHAPE, ['context.id is "ctx-2", not the launch context "ctx-1"']),
    },
    {
      name: 'a bare array of members', check: membershipsContainer, input: { answer: roster([learner]) },
      verdict: bad('the body is not a JSON object', SHAPE, [learner]),
    },
    {
      name: 'members not an array (a missing container id alone is allowed)', check: membershipsContainer, input: { answer: roster(container({}, { id: undefined })) },
      verdict: bad('the membership container is invalid: members is {}, not an array', SHAPE, ['members is {}, not an array']),
    },
    { name: 'a member without user_id', check: membersRequired, input: { answer: roster(container([{ ...learner, user_id: '' }])) }, verdict: bad('member 1: user_id is ""', MEMBER, ['member 1: user_id is ""']) },
    {
      name: 'roles as a string', check: membersRequired, input: { answer: roster(container([learner, { ...instructor, roles: 'Instructor' }])) },
      verdict: bad('member 2 (u2): roles is "Instructor"', MEMBER, ['member 2 (u2): roles is "Instructor"']),
    },
    { name: 'status in lower case', check: membersStatusKnown, input: { answer: roster(container([{ ...learner, status: 'active' }])) }, verdict: bad('member 1 (u1): status is "active"', MEMBER_STATUS, ['member 1 (u1): status is "active"']) },
    {
      name: 'a Deleted member in a plain roster', check: membersNoDeleted, input: { answer: roster(container([learner, { ...instructor, status: 'Deleted' }])) },
      verdict: bad('member 2 (u2): status is "Deleted"', 'no member with status Deleted', ['member 2 (u2): status is "Deleted"']),
    },
  ];
  checkTable(MEMBERSHIPS_CHECKS, valid, FAILING, ID);

  it('the media type fails only in the certification profile (the suite verifies the headers)', () => {
    expect(checkLevel(membershipsMediaType.refs, 'certification')).toBe('fail');
    expect(checkLevel(membershipsMediaType.refs, 'spec')).toBe('warn');
    expect(checkLevel(membersStatusKnown.refs, 'certification')).toBe('warn');
    expect(checkLevel(membersNoDeleted.refs, 'spec')).toBe('fail');
  });
});

describe('role filter (NT-P-37)', () => {
  const valid = (): RoleFilterInput => ({ members: [learner], role: 'Learner' });
  const fault = `member 2 (u2): roles ["${ROLE.instructor}"] lack ${ROLE.learner}`;
  const FAILING: Case<RoleFilterInput>[] = [
    { name: 'an instructor in a learner roster', check: roleFilterMatches, input: { members: [learner, instructor], role: ROLE.learner }, verdict: bad(`members without the role asked for: ${fault}`, ROLE.learner, [fault]) },
  ];
  checkTable(ROLE_FILTER_CHECKS, valid, FAILING, ID);

  it.each([
    ['Learner', ROLE.learner, true],
    [ROLE.learner, 'Learner', true],
    [ROLE.learner, ROLE.learner, true],
    ['Learner', ROLE.institutionStudent, false],
    ['Learner', ROLE.instructor, false],
    [ROLE.institutionStudent, 'Student', false],
  ])('roleMatches(%s, %s) is %s', (filter, role, expected) => expect(roleMatches(filter, role)).toBe(expected));

  it('only warns (SHOULD)', () => expect(checkLevel(roleFilterMatches.refs, 'certification')).toBe('warn'));
});

describe('roster paging with limit (NT-P-35)', () => {
  const valid = (): PagingInput => ({ limit: 1, pages: [{ ids: ['u1'], next: true }, { ids: ['u2'], next: false }], expectedIds: ['u1', 'u2'], truncated: false });
  const FAILING: Case<PagingInput>[] = [
    {
      name: 'no next link', check: membershipsPagingNext, input: { ...valid(), pages: [{ ids: ['u1'], next: false }] },
      verdict: bad('page 1 (limit 1) has no rel="next" although 1 item(s) were not listed yet', 'a next link until u2 are listed', 'no next link'), alsoFails: [membershipsPagingComplete],
    },
    { name: 'a member twice', check: membershipsPagingComplete, input: { ...valid(), pages: [{ ids: ['u1'], next: true }, { ids: ['u1', 'u2'], next: false }] }, verdict: bad('items listed on more than one page: u1', 'each item on one page', [['u1'], ['u1', 'u2']]) },
  ];
  checkTable(MEMBERSHIPS_PAGING_CHECKS, valid, FAILING, ID);
});

describe('roster without a valid token (NT-P-19)', () => {
  const FAILING: Case<UnauthenticatedInput>[] = [
    { name: 'served with a bogus token', check: nrpsAuthRefused, input: { status: 200, credential: 'bogus' }, verdict: bad('a call with a token the platform never issued was answered 200', 401, 200) },
    { name: '403 without a token', check: NRPS_AUTH_CHECKS[1], input: { status: 403, credential: 'none' }, verdict: bad('a call without a token was refused with 403', 401, 403) },
  ];
  checkTable(NRPS_AUTH_CHECKS, (): UnauthenticatedInput => ({ status: 401, credential: 'bogus' }), FAILING, ID);
});
