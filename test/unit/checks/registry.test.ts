import { describe, expect, it } from 'vitest';
import { checksById } from '../../../src/checks/registry.js';

describe('check registry (what explain knows)', () => {
  it('holds the checks of both roles, each citing the spec', () => {
    const all = checksById();
    expect(all.size).toBeGreaterThan(150);
    for (const id of ['auth-request.prompt.none', 'deep-link-response.data.echoed', 'client-assertion.jti.unique', 'id-token.nonce.matches', 'platform-token.response.scope-not-wider', 'jwks.keys.public-only'])
      expect(all.get(id)?.refs.length, id).toBeGreaterThan(0);
  });

  it('does not know an id no check has', () => {
    expect(checksById().get('no.such.check')).toBeUndefined();
  });
});
