// The platform's answer to a valid token request ([SEC] §4.1, RFC 6749 §5.1).
import { fail, pass, type Check } from '../../core/check.js';
import { TOKEN_TYPE_BEARER } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { header } from '../service/http.js';
import { isObject, notJudged, show } from './input.js';
import { secRef } from './refs.js';

/** The answer to a token request we made correctly, and the scopes we asked for. */
export interface TokenResponseInput {
  status: number;
  headers: Record<string, string>;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
  requestedScopes: string[];
}

/**
 * [SEC] §4.1.1 states 0x20-0x7A, which would forbid {|}~ that RFC 6749 (VSCHAR) and RFC 6750 (b64token, ~) allow;
 * we fail only outside the printable range 0x20-0x7E.
 */
const TOKEN_CHARS = /^[\x20-\x7E]*$/;
const MIN_TOKEN_LENGTH = 15;

const body = (i: TokenResponseInput): Record<string, unknown> | undefined => (i.status === 200 && isObject(i.json) ? i.json : undefined);
const token = (i: TokenResponseInput): string | undefined => {
  const t = body(i)?.access_token;
  return typeof t === 'string' && t !== '' ? t : undefined;
};
const NO_TOKEN = notJudged('no access token (see platform-token.response.access-token-present)');

export const tokenStatusOk: Check<TokenResponseInput> = {
  id: 'platform-token.response.status-ok',
  title: 'a valid client-credentials request with a signed assertion is answered 200',
  refs: [rule('LTI-TOK-001'), rule('LTI-TOK-007')],
  run: (i) => (i.status === 200 ? pass() : fail(`the token endpoint answered ${i.status}${isObject(i.json) && typeof i.json.error === 'string' ? ` (${i.json.error})` : ''}`, 200, i.status)),
};

export const tokenJsonObject: Check<TokenResponseInput> = {
  id: 'platform-token.response.json-object',
  title: 'the token response body is a JSON object',
  refs: [secRef('§4.1 (RFC 6749 §5.1)', 'MUST')],
  run: (i) => (i.status !== 200 ? notJudged(`the token endpoint answered ${i.status}`) : isObject(i.json) ? pass() : fail('the body is not a JSON object', 'a JSON object', i.json ?? null)),
};

export const accessTokenPresent: Check<TokenResponseInput> = {
  id: 'platform-token.response.access-token-present',
  title: 'the token response has a non-empty access_token string',
  refs: [secRef('§4.1 (RFC 6749 §5.1)', 'MUST')],
  run: (i) => {
    const b = body(i);
    if (!b) return notJudged('no JSON object to read');
    return token(i) !== undefined ? pass() : fail(`access_token is ${b.access_token === undefined ? 'missing' : `${typeof b.access_token} ${show(b.access_token)}`}`, 'a non-empty string', b.access_token ?? null);
  },
};

export const accessTokenCharset: Check<TokenResponseInput> = {
  id: 'platform-token.response.access-token-charset',
  title: 'the access token uses only printable ASCII characters (0x20-0x7E)',
  refs: [rule('LTI-TOK-011')],
  run: (i) => {
    const t = token(i);
    if (t === undefined) return NO_TOKEN;
    const bad = [...new Set([...t].filter((c) => !TOKEN_CHARS.test(c)))];
    // The token itself never goes to a report: only the offending characters.
    return bad.length === 0 ? pass() : fail(`the access token contains ${bad.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}`, 'characters 0x20-0x7E only', bad);
  },
};

export const accessTokenLength: Check<TokenResponseInput> = {
  id: 'platform-token.response.access-token-length',
  title: `the access token is at least ${MIN_TOKEN_LENGTH} characters long`,
  refs: [rule('LTI-TOK-011', 'SHOULD')],
  run: (i) => {
    const t = token(i);
    if (t === undefined) return NO_TOKEN;
    return t.length >= MIN_TOKEN_LENGTH ? pass() : fail(`the access token has ${t.length} characters`, `at least ${MIN_TOKEN_LENGTH}`, t.length);
  },
};

export const tokenTypeBearer: Check<TokenResponseInput> = {
  id: 'platform-token.response.token-type-bearer',
  title: 'token_type is bearer (any case)',
  refs: [rule('LTI-TOK-001'), secRef('§4.1 (RFC 6749 §5.1, RFC 6750)', 'MUST')],
  run: (i) => {
    const b = body(i);
    if (!b) return notJudged('no JSON object to read');
    const t = b.token_type;
    return typeof t === 'string' && t.toLowerCase() === TOKEN_TYPE_BEARER ? pass() : fail(`token_type is ${show(t)}`, TOKEN_TYPE_BEARER, t ?? null);
  },
};

export const expiresInNumber: Check<TokenResponseInput> = {
  id: 'platform-token.response.expires-in',
  title: 'expires_in gives the token lifetime in seconds (a positive number)',
  refs: [secRef('§4.1 (RFC 6749 §5.1: RECOMMENDED)', 'SHOULD')],
  run: (i) => {
    const b = body(i);
    if (!b) return notJudged('no JSON object to read');
    const e = b.expires_in;
    return typeof e === 'number' && e > 0 ? pass() : fail(`expires_in is ${e === undefined ? 'missing' : show(e)}`, 'a positive number of seconds', e ?? null);
  },
};

export const scopeNotWider: Check<TokenResponseInput> = {
  id: 'platform-token.response.scope-not-wider',
  title: 'the granted scope is the requested set or a subset, never a scope not asked for',
  refs: [rule('LTI-TOK-009')],
  run: (i) => {
    const b = body(i);
    if (!b) return notJudged('no JSON object to read');
    if (b.scope === undefined) return pass('no scope member: the requested scopes were granted (RFC 6749 §5.1)');
    if (typeof b.scope !== 'string') return fail(`scope is ${show(b.scope)}, not a space-separated string`, i.requestedScopes.join(' '), b.scope);
    const extra = b.scope.split(/\s+/).filter((s) => s !== '' && !i.requestedScopes.includes(s));
    return extra.length === 0 ? pass() : fail(`the platform granted scopes that were not requested: ${extra.join(' ')}`, i.requestedScopes, b.scope.split(/\s+/).filter(Boolean));
  },
};

/**
 * RFC 6749 §5.1: "The authorization server MUST include the HTTP "Cache-Control" response header field
 * [RFC2616] with a value of "no-store" in any response containing tokens". That binds an OAuth server; the
 * LTI texts adopt the client-credentials grant ([SEC] §4.1) but we found no LTI sentence repeating the rule,
 * so a missing header warns.
 */
export const cacheControlNoStore: Check<TokenResponseInput> = {
  id: 'platform-token.response.no-store',
  title: 'the token response carries Cache-Control: no-store',
  refs: [secRef('§4.1 (RFC 6749 §5.1)', 'SHOULD')],
  run: (i) => {
    if (token(i) === undefined) return NO_TOKEN;
    const cc = header(i.headers, 'cache-control');
    const directives = (cc ?? '').split(',').map((d) => d.trim().toLowerCase());
    return directives.includes('no-store') ? pass() : fail(`Cache-Control is ${cc === undefined ? 'missing' : `"${cc}"`}`, 'no-store', cc ?? null);
  },
};

/** Checks on the answer to a valid token request (NT-P-17, NT-P-18). */
export const TOKEN_RESPONSE_CHECKS = [
  tokenStatusOk, tokenJsonObject, accessTokenPresent, accessTokenCharset, accessTokenLength, tokenTypeBearer, expiresInNumber, scopeNotWider, cacheControlNoStore,
] as const;
