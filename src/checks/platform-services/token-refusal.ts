// The platform's answer to a token request that is wrong in one way: it must issue no token, and should
// say why with an RFC 6749 §5.2 error ([SEC] §4.1).
import { fail, pass, type Check } from '../../core/check.js';
import { OAUTH_ERROR } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import type { SpecRef } from '../../spec/specs.js';
import { is2xx, isObject, notJudged, show } from './input.js';

/** The answer to a broken token request, and the error codes that fit what we broke. */
export interface TokenRefusalInput {
  status: number;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
  /** RFC 6749 §5.2 codes that name the defect (e.g. invalid_client for a bad signature); empty = any. */
  expectedErrors: string[];
}

const ERROR_CODES: readonly string[] = Object.values(OAUTH_ERROR);
const errorOf = (json: unknown): unknown => (isObject(json) ? json.error : undefined);
const issuedToken = (i: TokenRefusalInput): boolean => isObject(i.json) && typeof i.json.access_token === 'string' && i.json.access_token !== '';

/**
 * No access token for a request that must be refused. The refs say why it must be refused; the default
 * cites the assertion validation every authorization server performs (LTI-TOK-007). Scenarios pass the
 * rule their defect breaks (LTI-TOK-008 wrong aud, LTI-SEC-003 alg none, LTI-TOK-010 wrong grant, ...).
 */
export function noTokenIssued(refs: readonly [SpecRef, ...SpecRef[]] = [rule('LTI-TOK-007')]): Check<TokenRefusalInput> {
  return {
    id: 'platform-token.refusal.no-token',
    title: 'the broken token request gets no access token',
    refs,
    // A 2xx without a token is a malformed refusal (platform-token.refusal.status), not a security failure.
    run: (i) => (issuedToken(i) ? fail(`the platform issued an access token (HTTP ${i.status})`, 'a refusal without access_token', 'an access token') : pass()),
  };
}

export const refusalNoToken = noTokenIssued();

export const refusalStatus: Check<TokenRefusalInput> = {
  id: 'platform-token.refusal.status',
  title: 'the refusal is HTTP 400 (401 allowed for invalid_client)',
  refs: [rule('LTI-TOK-010')],
  run: (i) => {
    if (i.status === 400) return pass();
    const clientError = errorOf(i.json) === OAUTH_ERROR.invalidClient || (errorOf(i.json) === undefined && i.expectedErrors.includes(OAUTH_ERROR.invalidClient));
    if (i.status === 401 && clientError) return pass();
    return fail(`the refusal is HTTP ${i.status}`, clientError ? [400, 401] : 400, i.status);
  },
};

export const refusalErrorFormat: Check<TokenRefusalInput> = {
  id: 'platform-token.refusal.error-code',
  title: 'the refusal is a JSON object whose error is an RFC 6749 §5.2 code',
  refs: [rule('LTI-TOK-010')],
  run: (i) => {
    if (is2xx(i.status)) return notJudged(`HTTP ${i.status} is no refusal (see platform-token.refusal.no-token)`);
    if (!isObject(i.json)) return fail('the refusal body is not a JSON object', `{"error": one of ${ERROR_CODES.join(', ')}}`, i.json ?? null);
    const e = i.json.error;
    return typeof e === 'string' && ERROR_CODES.includes(e) ? pass() : fail(`error is ${show(e)}`, ERROR_CODES, e ?? null);
  },
};

/** The exact code is the platform's judgement of the defect: a different valid code only warns. */
export const refusalErrorExpected: Check<TokenRefusalInput> = {
  id: 'platform-token.refusal.error-fits',
  title: 'the error code names what is wrong with the request',
  refs: [rule('LTI-TOK-010', 'SHOULD')],
  run: (i) => {
    const e = errorOf(i.json);
    if (i.expectedErrors.length === 0) return pass('any RFC 6749 §5.2 code fits this defect');
    if (typeof e !== 'string' || !ERROR_CODES.includes(e)) return notJudged('no RFC 6749 error code (see platform-token.refusal.error-code)');
    return i.expectedErrors.includes(e) ? pass() : fail(`error is "${e}"`, i.expectedErrors, e);
  },
};

/** Checks on the answer to a token request broken in one way (NT-P-11..17). */
export const TOKEN_REFUSAL_CHECKS = [refusalNoToken, refusalStatus, refusalErrorFormat, refusalErrorExpected] as const;
