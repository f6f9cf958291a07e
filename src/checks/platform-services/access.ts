// Who may call the services: a call without a valid token, a token without the scope, another context.
import { fail, pass, type Check } from '../../core/check.js';
import { rule } from '../../spec/rules.js';
import { sameUrl } from '../service/http.js';
import { is2xx, notJudged } from './input.js';
import { secRef } from './refs.js';

/** The status of a service call made without a usable token. */
export interface UnauthenticatedInput {
  status: number;
  /** What the call carried: no Authorization header, or a token the platform never issued. */
  credential: 'none' | 'bogus';
}

const what = (c: UnauthenticatedInput['credential']): string => (c === 'none' ? 'without a token' : 'with a token the platform never issued');
const refused = (status: number): boolean => status >= 400 && status < 500;

/** `<prefix>.auth.refused` (MUST) and `<prefix>.auth.status-401` (SHOULD) for one service. */
export function authChecks(prefix: string): readonly [Check<UnauthenticatedInput>, Check<UnauthenticatedInput>] {
  return [
    {
      id: `${prefix}.auth.refused`,
      title: 'a call without a valid access token is refused',
      refs: [rule('LTI-TOK-014')],
      run: ({ status, credential }) => (refused(status) ? pass() : fail(`a call ${what(credential)} was answered ${status}`, 401, status)),
    },
    {
      id: `${prefix}.auth.status-401`,
      title: 'the refusal is 401 Unauthorized',
      refs: [secRef('§4.1 (RFC 6750 §3.1: invalid_token -> 401)', 'SHOULD')],
      run: ({ status, credential }) => {
        if (!refused(status)) return notJudged(`HTTP ${status} is no refusal (see ${prefix}.auth.refused)`);
        return status === 401 ? pass() : fail(`a call ${what(credential)} was refused with ${status}`, 401, status);
      },
    },
  ];
}

export const [agsAuthRefused, agsAuthStatus401] = authChecks('platform-ags');

/** The status of an AGS call the token's scopes do not cover (line item POST with a score-only token). */
export interface OutOfScopeInput {
  status: number;
  /** e.g. "POST lineitems with a score-only token". */
  operation: string;
}

/** AGS lets a platform control access by scope (a MAY): accepting the call only warns (NT-P-20, NT-P-21). */
export const scopeEnforced: Check<OutOfScopeInput> = {
  id: 'platform-ags.scope.enforced',
  title: 'an operation outside the token\'s scopes is refused',
  refs: [rule('LTI-TOK-015', 'SHOULD')],
  run: ({ status, operation }) => {
    if (refused(status)) return pass();
    return fail(is2xx(status) ? `the platform allowed ${operation} (${status})` : `${operation} was answered ${status}`, [401, 403], status);
  },
};

/** Line item ids listed by context B's container (all pages), and those created in context A. */
export interface ContextIsolationInput {
  listedIds: string[];
  otherContextIds: string[];
}

export const contextIsolated: Check<ContextIsolationInput> = {
  id: 'platform-ags.context.isolated',
  title: 'line items created in one context are not listed in another',
  refs: [rule('LTI-AGS-038')],
  run: ({ listedIds, otherContextIds }) => {
    const leaked = otherContextIds.filter((id) => listedIds.some((l) => sameUrl(l, id)));
    return leaked.length === 0 ? pass() : fail(`the container lists line items of another context: ${leaked.join(', ')}`, 'none of them', leaked);
  },
};

/** Checks on a call without / with a bogus token (NT-P-19). */
export const AGS_AUTH_CHECKS = [agsAuthRefused, agsAuthStatus401] as const;
/** Check on a call outside the token's scopes (NT-P-20, NT-P-21). */
export const AGS_SCOPE_CHECKS = [scopeEnforced] as const;
/** Check on context B's line items (NT-P-26). */
export const AGS_CONTEXT_CHECKS = [contextIsolated] as const;
