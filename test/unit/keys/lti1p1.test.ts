import { describe, expect, it } from 'vitest';
import { lti1p1BaseString, lti1p1Sign, lti1p1Verify } from '../../../src/keys/lti1p1.js';

// The Migration Guide's worked example (catalog §1.15), reused by Tsugi, Sakai and a Canvas spec test.
const GOLDEN = { consumerKey: '179248902', deploymentId: '689302', issuer: 'https://lmsvendor.com', clientId: 'PM48OJSfGDTAzAo', exp: 1551290856, nonce: '172we8671fd8z' };

describe('lti1p1 oauth_consumer_key_sign', () => {
  it('joins the six values with &', () => {
    expect(lti1p1BaseString(GOLDEN)).toBe('179248902&689302&https://lmsvendor.com&PM48OJSfGDTAzAo&1551290856&172we8671fd8z');
  });

  it('matches the golden vector', () => {
    expect(lti1p1Sign(GOLDEN, 'my-lti11-secret')).toBe('lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps=');
  });

  it('verifies the right signature and refuses another secret or value', () => {
    expect(lti1p1Verify(GOLDEN, 'my-lti11-secret', 'lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps=')).toBe(true);
    expect(lti1p1Verify(GOLDEN, 'other-secret', 'lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps=')).toBe(false);
    expect(lti1p1Verify({ ...GOLDEN, nonce: 'x' }, 'my-lti11-secret', 'lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps=')).toBe(false);
  });
});
