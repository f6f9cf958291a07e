import { fail, type Check, type Verdict } from '../../core/check.js';
import type { DecodedAssertion, TokenRequestRecord } from '../../roles/platform/services/records.js';
import type { SpecRef } from '../../spec/specs.js';

/** One token request the tool sent to our token endpoint, with what it had to match. */
export interface TokenRequestInput {
  record: TokenRequestRecord;
  clientId: string;
  tokenUrl: string;
  /** Our issuer: also accepted as the assertion audience (the authorization server designates it). */
  issuer: string;
  /** Scopes the launch offered (the AGS claim's `scope`, the NRPS scope when the NRPS claim was sent). */
  offeredScopes: string[];
  /** Seconds since the epoch. */
  now: number;
  /**
   * jti values of the tool's earlier assertions that were still unexpired when this one was made; a jti
   * may be reused once its assertion has expired ([SEC] §4.1.1: "potentially reusable").
   */
  earlierJtis: string[];
}

/** A check on the decoded client assertion; without one it fails (token-request.client-assertion.present says why). */
export function assertionCheck(
  id: string,
  title: string,
  refs: readonly [SpecRef, ...SpecRef[]],
  judge: (a: DecodedAssertion, input: TokenRequestInput) => Verdict,
): Check<TokenRequestInput> {
  return {
    id,
    title,
    refs,
    run: (input) => (input.record.assertion ? judge(input.record.assertion, input) : fail('no client assertion could be decoded from the token request', 'a signed JWT in client_assertion', null)),
  };
}
