import { describe, expect, it } from 'vitest';
import { authRequestRefused, authResponseArrived, authResponseRegisteredUri, type AuthRequestAnswer } from '../../../src/checks/platform/auth-response.js';
import { checkLevel } from '../../../src/core/check.js';
import { rule } from '../../../src/spec/rules.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';

const refused = authRequestRefused([rule('LTI-OIDC-012')]);

describe('platform authentication response checks', () => {
  describe('arrival', () => {
    checkTable([authResponseArrived], () => ({ arrived: true }), [
      { name: 'timed out', check: authResponseArrived, input: { arrived: false, error: 'no POST within 30000 ms' }, verdict: bad('no id_token reached our redirect_uri: no POST within 30000 ms', 'a form POST of id_token and state to the redirect_uri', 'no POST within 30000 ms') },
      { name: 'nothing known', check: authResponseArrived, input: { arrived: false }, verdict: bad('no id_token reached our redirect_uri', 'a form POST of id_token and state to the redirect_uri', null) },
    ], /^platform\.auth-response\.arrived$/);
  });

  describe('registered redirect URIs only', () => {
    checkTable([authResponseRegisteredUri], () => ({ unregisteredPosts: 0 }), [
      { name: 'posted to an unregistered URI', check: authResponseRegisteredUri, input: { unregisteredPosts: 1 }, verdict: bad('the platform posted 1 authentication response(s) to an unregistered redirect_uri', 0, 1) },
    ], /^auth-response\.registered-uri$/);
  });

  describe('refusal (NT-P-02..07)', () => {
    const FAILING: Case<AuthRequestAnswer>[] = [
      { name: 'an id_token was issued', check: refused, input: { tokenIssued: true }, verdict: bad('the platform issued an id_token for an authentication request it must refuse', 'an error response or an error page, no id_token', 'an id_token') },
    ];
    checkTable([refused], () => ({ tokenIssued: false, errorSeen: 'invalid_request' }), FAILING, /^platform\.auth-request\.refused$/);

    it('an OIDC error and an error page both count as refusal', () => {
      expect(refused.run({ tokenIssued: false, errorSeen: 'login_required' }, CTX)).toEqual({ ok: true, note: 'refused with error=login_required' });
      expect(refused.run({ tokenIssued: false, finalStatus: 400 }, CTX)).toEqual({ ok: true, note: 'no id_token was issued; the browser ended on HTTP 400' });
      expect(refused.run({ tokenIssued: false }, CTX)).toEqual({ ok: true, note: 'no id_token was issued' });
    });

    it('takes its references, and so its level, from the scenario', () => {
      expect(refused.refs).toEqual([rule('LTI-OIDC-012')]);
      expect(checkLevel(authRequestRefused([rule('LTI-CORE-006')]).refs, 'spec')).toBe('warn');
      expect(checkLevel(authResponseRegisteredUri.refs, 'spec')).toBe('fail');
    });
  });
});
