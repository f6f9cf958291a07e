import { describe, expect, it } from 'vitest';
import { bearerTokenValid, SERVICE_CALL_CHECKS, scopeGranted, tokenScoped, type ServiceCallInput } from '../../../src/checks/service/call.js';
import { derivedUrl, isDerivedUrl, rangeCovers } from '../../../src/checks/service/http.js';
import { SCOPE } from '../../../src/lti/vocab.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';
import { call } from './service-fixtures.js';

function valid(): ServiceCallInput {
  return { call: call({ operation: 'scores.post', method: 'POST', token: { present: true, valid: true, expired: false, scopes: [SCOPE.score] } }), requiredScope: SCOPE.score };
}

const token = (t: Partial<ServiceCallInput['call']['token']>): ServiceCallInput => {
  const v = valid();
  v.call.token = { ...v.call.token, ...t };
  return v;
};

const FAILING: Case<ServiceCallInput>[] = [
  { name: 'no Authorization header', check: bearerTokenValid, input: token({ present: false, valid: false, scopes: [] }), verdict: bad('the call has no Authorization: Bearer token', 'an access token from the token endpoint', null) },
  { name: 'expired token', check: bearerTokenValid, input: token({ valid: false, expired: true }), verdict: bad('the access token had expired; the tool must request a new one (no refresh tokens)', 'an unexpired access token', 'expired token') },
  { name: 'token we never issued', check: bearerTokenValid, input: token({ valid: false }), verdict: bad('the bearer token is not one our token endpoint issued', 'an access token from the token endpoint', 'unknown token') },
  { name: 'score posted with a line item token', check: tokenScoped, input: token({ scopes: [SCOPE.lineItem] }), verdict: bad('the token lacks the scope for POST scores.post', SCOPE.score, [SCOPE.lineItem]) },
];

describe('service call checks', () => {
  checkTable(SERVICE_CALL_CHECKS, valid, FAILING, /^service-call\.[a-z-]+\.[a-z-]+$/);

  it('the full line item scope covers line item reads', () => {
    expect(scopeGranted(SCOPE.lineItemReadOnly, [SCOPE.lineItem])).toBe(true);
    expect(scopeGranted(SCOPE.lineItem, [SCOPE.lineItemReadOnly])).toBe(false);
    const read = { call: call({ token: { present: true, valid: true, expired: false, scopes: [SCOPE.lineItem] } }), requiredScope: SCOPE.lineItemReadOnly };
    expect(tokenScoped.run(read, CTX)).toEqual({ ok: true });
  });

  it('a token we revoked before its expires_in is not held against the tool (NT-T-46 provokes it)', () => {
    expect(bearerTokenValid.run(token({ valid: false, expired: true, revoked: true }), CTX)).toEqual({ ok: true, note: 'we revoked this token before its expires_in; the 401 it got is expected' });
  });

  it('the scope check leaves a missing token to the token check', () => {
    expect(tokenScoped.run(token({ present: false, valid: false }), CTX)).toEqual({ ok: true, note: 'no usable token (see service-call.bearer-token.valid)' });
  });
});

describe('service URL helpers', () => {
  const li = 'https://platform.example/ctx/1/lineitems/7/lineitem?x=1';
  it('derives /scores and /results keeping the query', () => {
    expect(derivedUrl(li, 'scores')).toBe('https://platform.example/ctx/1/lineitems/7/lineitem/scores?x=1');
    expect(isDerivedUrl(li, 'results', 'https://platform.example/ctx/1/lineitems/7/lineitem/results?user_id=u1&x=1')).toBe(true);
    expect(isDerivedUrl(li, 'scores', 'https://platform.example/ctx/1/lineitems/7/lineitem/scores')).toBe(false);
    expect(isDerivedUrl(li, 'scores', 'https://platform.example/ctx/1/lineitems/7/lineitem?x=1/scores')).toBe(false);
    expect(isDerivedUrl('https://p.example/li/', 'scores', 'https://p.example/li/scores')).toBe(true);
    expect(isDerivedUrl(li, 'scores', 'http://platform.example/ctx/1/lineitems/7/lineitem/scores?x=1')).toBe(false);
  });
  it('matches media ranges', () => {
    expect(rangeCovers('image/*', 'image/png')).toBe(true);
    expect(rangeCovers('*/*', 'application/pdf')).toBe(true);
    expect(rangeCovers('text/html', 'TEXT/HTML')).toBe(true);
    expect(rangeCovers('image/*', 'application/pdf')).toBe(false);
  });
});
