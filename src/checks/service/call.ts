import { fail, pass, type Check } from '../../core/check.js';
import type { ServiceCallRecord } from '../../roles/platform/services/records.js';
import { SCOPE } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';

/** One call to AGS or NRPS and the scope its operation needs. */
export interface ServiceCallInput {
  call: ServiceCallRecord;
  /** For reads that either scope allows (line items GET), pass the read-only one: the full scope covers it. */
  requiredScope: string;
}

/** Scopes that grant more than their name ([AGS] §3.2: `lineitem` allows every line item read too). */
const ALSO_GRANTED_BY: Record<string, string[]> = {
  [SCOPE.lineItemReadOnly]: [SCOPE.lineItem],
};

export function scopeGranted(required: string, scopes: readonly string[]): boolean {
  return scopes.includes(required) || (ALSO_GRANTED_BY[required] ?? []).some((s) => scopes.includes(s));
}

export const bearerTokenValid: Check<ServiceCallInput> = {
  id: 'service-call.bearer-token.valid',
  title: 'the call carries a bearer access token we issued, not expired',
  refs: [rule('LTI-TOK-001')],
  run: ({ call }) => {
    const t = call.token;
    if (!t.present) return fail('the call has no Authorization: Bearer token', 'an access token from the token endpoint', null);
    if (t.expired && t.revoked) return pass('we revoked this token before its expires_in; the 401 it got is expected');
    if (t.expired) return fail('the access token had expired; the tool must request a new one (no refresh tokens)', 'an unexpired access token', 'expired token');
    if (!t.valid) return fail('the bearer token is not one our token endpoint issued', 'an access token from the token endpoint', 'unknown token');
    return pass();
  },
};

export const tokenScoped: Check<ServiceCallInput> = {
  id: 'service-call.token.scoped',
  title: 'the access token was granted the scope this operation needs',
  refs: [rule('LTI-TOK-001')],
  run: ({ call, requiredScope }) => {
    if (!call.token.present || !call.token.valid) return pass('no usable token (see service-call.bearer-token.valid)');
    return scopeGranted(requiredScope, call.token.scopes) ? pass() : fail(`the token lacks the scope for ${call.method} ${call.operation}`, requiredScope, call.token.scopes);
  },
};

/** Checks every AGS and NRPS call gets. */
export const SERVICE_CALL_CHECKS = [bearerTokenValid, tokenScoped] as const;
