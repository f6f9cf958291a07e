import { describe, expect, it } from 'vitest';
import { agsAuthRefused, agsAuthStatus401, authChecks, contextIsolated, scopeEnforced } from '../../../src/checks/platform-services/access.js';
import {
  malformedScoreRefused, resultsBody, resultsIncludeScored, resultsMediaType, resultsStatusOk, resultsUserFilter, scoreAccepted, scoreOverMaximumAccepted,
} from '../../../src/checks/platform-services/ags-scores.js';
import {
  AGS_AUTH_CHECKS, AGS_CONTEXT_CHECKS, AGS_SCOPE_CHECKS, MALFORMED_SCORE_CHECKS, RESULTS_CHECKS, SCORE_CHECKS, SCORE_OVER_MAXIMUM_CHECKS,
  type ContextIsolationInput, type MalformedScoreInput, type OutOfScopeInput, type ResultsInput, type ScoreAnswerInput, type UnauthenticatedInput,
} from '../../../src/checks/platform-services/index.js';
import { checkLevel } from '../../../src/core/check.js';
import { MEDIA_TYPE } from '../../../src/lti/vocab.js';
import { bad, checkTable, type Case } from './check-table.js';
import { answer, ID1, ID2 } from './platform-services-fixtures.js';

const ACCEPTED = [200, 201, 202, 204];

describe('score POST', () => {
  checkTable(SCORE_CHECKS, (): ScoreAnswerInput => ({ status: 200 }), [
    { name: '403', check: scoreAccepted, input: { status: 403 }, verdict: bad('the score POST was answered 403', ACCEPTED, 403) },
  ], /^platform-ags\.score\.[a-z-]+$/);

  checkTable(SCORE_OVER_MAXIMUM_CHECKS, (): ScoreAnswerInput => ({ status: 204 }), [
    { name: '400 for extra credit', check: scoreOverMaximumAccepted, input: { status: 400 }, verdict: bad('the score with scoreGiven > scoreMaximum was answered 400', ACCEPTED, 400) },
  ], /^platform-ags\.score\.[a-z-]+$/);

  const FAILING: Case<MalformedScoreInput>[] = [
    { name: 'accepted', check: malformedScoreRefused, input: { status: 200, defect: 'no timestamp' }, verdict: bad('the platform accepted a score with no timestamp (200)', 400, 200) },
    { name: 'a server error', check: malformedScoreRefused, input: { status: 500, defect: 'no timestamp' }, verdict: bad('the score with no timestamp was answered 500', 400, 500) },
  ];
  checkTable(MALFORMED_SCORE_CHECKS, (): MalformedScoreInput => ({ status: 400, defect: 'no timestamp' }), FAILING, /^platform-ags\.score\.[a-z-]+$/);

  it('a valid score must be accepted; accepting a malformed one only warns (NT-P-29)', () => {
    expect(checkLevel(scoreAccepted.refs, 'spec')).toBe('fail');
    expect(checkLevel(scoreOverMaximumAccepted.refs, 'spec')).toBe('fail');
    expect(checkLevel(malformedScoreRefused.refs, 'certification')).toBe('warn');
  });
});

describe('results GET (NT-P-33)', () => {
  const result = (userId: string, over: Record<string, unknown> = {}) => ({ id: `${ID1}/results/${userId}`, scoreOf: ID1, userId, resultScore: 0.8, resultMaximum: 1, ...over });
  const valid = (): ResultsInput => ({ answer: answer(200, [result('u1')], MEDIA_TYPE.resultContainer), lineItemId: ID1, userId: 'u1', scoredUserIds: ['u1'] });
  const bodyFault = `item 1 (${ID1}/results/u1): scoreOf is "${ID2}", not the line item id, resultMaximum is 0`;
  const FAILING: Case<ResultsInput>[] = [
    { name: '401', check: resultsStatusOk, input: { ...valid(), answer: answer(401, undefined) }, verdict: bad('the platform answered 401', 200, 401) },
    { name: 'labelled application/json', check: resultsMediaType, input: { ...valid(), answer: answer(200, [result('u1')]) }, verdict: bad(`Content-Type is "${MEDIA_TYPE.json}"`, MEDIA_TYPE.resultContainer, MEDIA_TYPE.json) },
    {
      name: 'scoreOf another item, resultMaximum 0', check: resultsBody, input: { ...valid(), answer: answer(200, [result('u1', { scoreOf: ID2, resultMaximum: 0 })], MEDIA_TYPE.resultContainer) },
      verdict: bad(`invalid results: ${bodyFault}`, `results of ${ID1}`, [bodyFault]),
    },
    {
      name: 'no userId', check: resultsBody, input: { ...valid(), userId: undefined, scoredUserIds: [], answer: answer(200, [result('', {})], MEDIA_TYPE.resultContainer) },
      verdict: bad(`invalid results: item 1 (${ID1}/results/): userId is ""`, `results of ${ID1}`, [`item 1 (${ID1}/results/): userId is ""`]),
    },
    {
      name: 'an object, not an array', check: resultsBody, input: { ...valid(), answer: answer(200, { results: [] }, MEDIA_TYPE.resultContainer) },
      verdict: bad('the body is not a JSON array', 'an array of results', { results: [] }),
    },
    {
      name: 'user_id filter ignored', check: resultsUserFilter, input: { ...valid(), answer: answer(200, [result('u1'), result('u2')], MEDIA_TYPE.resultContainer) },
      verdict: bad('user_id=u1 returned 2 result(s), 1 of other users', 'at most one result, for u1', ['u1', 'u2']),
    },
    { name: 'a scored user without result', check: resultsIncludeScored, input: { ...valid(), answer: answer(200, [], MEDIA_TYPE.resultContainer) }, verdict: bad('no result for scored user(s) u1', ['u1'], []) },
  ];
  checkTable(RESULTS_CHECKS, valid, FAILING, /^platform-ags\.results\.[a-z-]+$/);
});

describe('calls without a valid token (NT-P-19)', () => {
  const valid = (): UnauthenticatedInput => ({ status: 401, credential: 'none' });
  const FAILING: Case<UnauthenticatedInput>[] = [
    { name: 'served without a token', check: agsAuthRefused, input: { status: 200, credential: 'none' }, verdict: bad('a call without a token was answered 200', 401, 200) },
    { name: 'a server error for a bogus token', check: agsAuthRefused, input: { status: 500, credential: 'bogus' }, verdict: bad('a call with a token the platform never issued was answered 500', 401, 500) },
    { name: '403 for a bogus token', check: agsAuthStatus401, input: { status: 403, credential: 'bogus' }, verdict: bad('a call with a token the platform never issued was refused with 403', 401, 403) },
  ];
  checkTable(AGS_AUTH_CHECKS, valid, FAILING, /^platform-ags\.auth\.[a-z0-9-]+$/);

  it('refusing is a MUST, the exact 401 a SHOULD; the factory names checks per service', () => {
    expect(checkLevel(agsAuthRefused.refs, 'spec')).toBe('fail');
    expect(checkLevel(agsAuthStatus401.refs, 'spec')).toBe('warn');
    expect(authChecks('platform-nrps').map((c) => c.id)).toEqual(['platform-nrps.auth.refused', 'platform-nrps.auth.status-401']);
  });
});

describe('scope enforcement (NT-P-20, NT-P-21)', () => {
  const FAILING: Case<OutOfScopeInput>[] = [
    { name: 'a score-only token creates a line item', check: scopeEnforced, input: { status: 201, operation: 'POST lineitems with a score-only token' }, verdict: bad('the platform allowed POST lineitems with a score-only token (201)', [401, 403], 201) },
  ];
  checkTable(AGS_SCOPE_CHECKS, (): OutOfScopeInput => ({ status: 403, operation: 'POST lineitems with a score-only token' }), FAILING, /^platform-ags\.scope\.[a-z-]+$/);
  it('only warns, in both profiles (AGS: scope control is a MAY)', () => {
    expect(checkLevel(scopeEnforced.refs, 'certification')).toBe('warn');
    expect(checkLevel(scopeEnforced.refs, 'spec')).toBe('warn');
  });
});

describe('context isolation (NT-P-26)', () => {
  const A = 'https://lms.example/ctx/A/lineitems/1';
  const FAILING: Case<ContextIsolationInput>[] = [
    { name: 'context A item listed in B', check: contextIsolated, input: { listedIds: [ID1, A], otherContextIds: [A] }, verdict: bad(`the container lists line items of another context: ${A}`, 'none of them', [A]) },
  ];
  checkTable(AGS_CONTEXT_CHECKS, (): ContextIsolationInput => ({ listedIds: [ID1], otherContextIds: [A] }), FAILING, /^platform-ags\.context\.[a-z-]+$/);
  it('fails only in the certification profile (CERT)', () => {
    expect(checkLevel(contextIsolated.refs, 'certification')).toBe('fail');
    expect(checkLevel(contextIsolated.refs, 'spec')).toBe('warn');
  });
});
