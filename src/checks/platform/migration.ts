import { fail, pass, type Check, type Verdict } from '../../core/check.js';
import { lti1p1BaseString, lti1p1Verify } from '../../keys/lti1p1.js';
import { CLAIM } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import type { SpecRef } from '../../spec/specs.js';
import { shown } from '../client-assertion/jwt.js';
import { isObject, NO_TOKEN, type Json } from './input.js';

// The lti1p1 claim of a launch from a platform that had an LTI 1.1 installation of this tool (catalog §1.15).
// The secret is an input only: no verdict ever carries it.

export interface MigrationInput {
  /** The id_token payload; absent when none arrived. */
  payload?: Json;
  /** The configured LTI 1.1 key (optional) and secret. */
  lti11: { consumerKey?: string; secret: string };
  /** Our client_id: used for the base string when aud is an array. */
  clientId: string;
}

function migrationCheck(id: string, title: string, refs: readonly [SpecRef, ...SpecRef[]], judge: (claim: Json, input: MigrationInput & { payload: Json }) => Verdict): Check<MigrationInput> {
  return {
    id, title, refs,
    run: (input) => {
      if (!input.payload) return fail(NO_TOKEN, 'an id_token posted to our redirect_uri', null);
      const claim = input.payload[CLAIM.lti1p1];
      if (!isObject(claim)) return pass('no lti1p1 claim (lti1p1.claim.present judges that)');
      return judge(claim, { ...input, payload: input.payload });
    },
  };
}

export const lti1p1Present: Check<MigrationInput> = {
  id: 'lti1p1.claim.present',
  title: 'the launch carries the lti1p1 claim with oauth_consumer_key and oauth_consumer_key_sign',
  refs: [rule('LTI-MIGR-001')],
  run: ({ payload }) => {
    if (!payload) return fail(NO_TOKEN, 'an id_token posted to our redirect_uri', null);
    const claim = payload[CLAIM.lti1p1];
    if (!isObject(claim)) return fail(claim === undefined ? 'the lti1p1 claim is missing although an LTI 1.1 installation is configured' : 'the lti1p1 claim is not a JSON object', 'an lti1p1 claim with oauth_consumer_key and oauth_consumer_key_sign', claim ?? null);
    const missing = (['oauth_consumer_key', 'oauth_consumer_key_sign'] as const).filter((k) => typeof claim[k] !== 'string' || claim[k] === '');
    return missing.length === 0 ? pass() : fail(`the lti1p1 claim lacks ${missing.join(' and ')}`, 'oauth_consumer_key and oauth_consumer_key_sign (strings)', Object.keys(claim));
  },
};

export const lti1p1ConsumerKey: Check<MigrationInput> = migrationCheck(
  'lti1p1.consumer-key.matches',
  'oauth_consumer_key is the configured LTI 1.1 consumer key',
  [rule('LTI-MIGR-001')],
  (claim, { lti11 }) => {
    if (lti11.consumerKey === undefined) return pass('no consumer key configured (target.lti11.consumerKey)');
    const v = claim.oauth_consumer_key;
    return v === lti11.consumerKey ? pass() : fail(`oauth_consumer_key is ${shown(v)}`, lti11.consumerKey, v ?? null);
  },
);

/** The base string's client_id is aud when it is a string, else the client_id we were registered with. */
function clientIdOf(payload: Json, clientId: string): string {
  return typeof payload.aud === 'string' ? payload.aud : clientId;
}

export const lti1p1Signature: Check<MigrationInput> = migrationCheck(
  'lti1p1.signature.valid',
  'oauth_consumer_key_sign is Base64(HMAC-SHA256) of key&deployment_id&iss&client_id&exp&nonce under the LTI 1.1 secret',
  [rule('MIGR-SIGN')],
  (claim, { payload, lti11, clientId }) => {
    const key = claim.oauth_consumer_key;
    const sign = claim.oauth_consumer_key_sign;
    if (typeof key !== 'string' || typeof sign !== 'string') return pass('no key or signature to verify (lti1p1.claim.present judges that)');
    const base = {
      consumerKey: key, deploymentId: String(payload[CLAIM.deploymentId] ?? ''), issuer: String(payload.iss ?? ''), clientId: clientIdOf(payload, clientId),
      exp: typeof payload.exp === 'number' || typeof payload.exp === 'string' ? payload.exp : '', nonce: String(payload.nonce ?? ''),
    };
    if (lti1p1Verify(base, lti11.secret, sign)) return pass();
    return fail('oauth_consumer_key_sign does not verify with the configured LTI 1.1 secret', `HMAC-SHA256 (Base64) of "${lti1p1BaseString(base)}" under the configured secret`, sign);
  },
);

export const MIGRATION_CHECKS = [lti1p1Present, lti1p1ConsumerKey, lti1p1Signature] as const;
