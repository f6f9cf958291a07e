import { describe, expect, it } from 'vitest';
import { MIGRATION_CHECKS, lti1p1ConsumerKey, lti1p1Present, lti1p1Signature, type MigrationInput } from '../../../src/checks/platform/migration.js';
import { migrationLinked, migrationWrongSignNotLinked } from '../../../src/checks/launch/migration.js';
import { CLAIM } from '../../../src/lti/vocab.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';

// The Migration Guide's worked example as an id_token (catalog §1.15).
const SECRET = 'my-lti11-secret';
const SIGN = 'lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps=';
const BASE = '179248902&689302&https://lmsvendor.com&PM48OJSfGDTAzAo&1551290856&172we8671fd8z';

function valid(): MigrationInput {
  return {
    payload: {
      iss: 'https://lmsvendor.com', aud: 'PM48OJSfGDTAzAo', exp: 1551290856, nonce: '172we8671fd8z', [CLAIM.deploymentId]: '689302',
      [CLAIM.lti1p1]: { user_id: '34212', oauth_consumer_key: '179248902', oauth_consumer_key_sign: SIGN },
    },
    lti11: { consumerKey: '179248902', secret: SECRET },
    clientId: 'PM48OJSfGDTAzAo',
  };
}

const withLti1p1 = (value: unknown, change: (i: MigrationInput) => void = () => undefined): MigrationInput => {
  const i = valid();
  if (value === undefined) delete i.payload![CLAIM.lti1p1];
  else i.payload![CLAIM.lti1p1] = value;
  change(i);
  return i;
};

const CASES: Case<MigrationInput>[] = [
  { name: 'no lti1p1 claim', check: lti1p1Present, input: withLti1p1(undefined), verdict: bad('the lti1p1 claim is missing although an LTI 1.1 installation is configured', 'an lti1p1 claim with oauth_consumer_key and oauth_consumer_key_sign', null) },
  { name: 'claim without the signature', check: lti1p1Present, input: withLti1p1({ oauth_consumer_key: '179248902' }), verdict: bad('the lti1p1 claim lacks oauth_consumer_key_sign', 'oauth_consumer_key and oauth_consumer_key_sign (strings)', ['oauth_consumer_key']) },
  { name: 'another consumer key', check: lti1p1ConsumerKey, input: withLti1p1(undefined, (i) => { i.payload![CLAIM.lti1p1] = { oauth_consumer_key: 'other', oauth_consumer_key_sign: SIGN }; }), verdict: bad('oauth_consumer_key is "other"', '179248902', 'other'), alsoFails: [lti1p1Signature] },
  { name: 'wrong signature', check: lti1p1Signature, input: withLti1p1({ oauth_consumer_key: '179248902', oauth_consumer_key_sign: 'AAAA' }), verdict: bad('oauth_consumer_key_sign does not verify with the configured LTI 1.1 secret', `HMAC-SHA256 (Base64) of "${BASE}" under the configured secret`, 'AAAA') },
];

describe('lti1p1 claim checks (we play the tool)', () => {
  checkTable(MIGRATION_CHECKS, valid, CASES, /^lti1p1\.[a-z0-9-]+\.[a-z0-9-]+$/);

  it('uses our client_id when aud is an array', () => {
    const i = valid();
    i.payload!.aud = ['PM48OJSfGDTAzAo', 'other'];
    expect(lti1p1Signature.run(i, CTX)).toEqual({ ok: true });
  });

  it('never puts the secret in a verdict', () => {
    const v = lti1p1Signature.run(withLti1p1({ oauth_consumer_key: '179248902', oauth_consumer_key_sign: 'AAAA' }), CTX);
    expect(JSON.stringify(v)).not.toContain(SECRET);
  });
});

describe('what a tool did with the lti1p1 claim (we play the platform)', () => {
  const linkedWhen = 'Linked to LTI 1\\.1 user';
  it('a good signature: linked passes, not shown fails, unknown passes with a note', () => {
    expect(migrationLinked.run({ outcome: 'accepted', body: 'Linked to LTI 1.1 user 34212', linkedWhen }, CTX)).toEqual({ ok: true });
    expect(migrationLinked.run({ outcome: 'accepted', body: 'Launched', linkedWhen }, CTX)).toEqual(bad('the landing page does not show the link to the LTI 1.1 account', `a page matching /${linkedWhen}/`, 'no match'));
    expect(migrationLinked.run({ outcome: 'accepted', body: 'Launched' }, CTX).ok).toBe(true);
  });

  it('a wrong signature: refused, not linked or untellable passes (the last with a note); linked fails', () => {
    expect(migrationWrongSignNotLinked.run({ outcome: 'refused', body: '' }, CTX)).toEqual({ ok: true });
    expect(migrationWrongSignNotLinked.run({ outcome: 'accepted', body: 'Launched', linkedWhen }, CTX).ok).toBe(true);
    const linked = migrationWrongSignNotLinked.run({ outcome: 'accepted', body: 'Linked to LTI 1.1 user 34212', linkedWhen }, CTX);
    expect(linked.ok).toBe(false);
    expect(!linked.ok && linked.message).toMatch(/take over/);
    const untold = migrationWrongSignNotLinked.run({ outcome: 'accepted', body: 'Launched' }, CTX);
    expect(untold.ok && untold.note).toMatch(/cannot be told/);
  });
});
