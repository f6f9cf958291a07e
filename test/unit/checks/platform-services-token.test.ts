import { describe, expect, it } from 'vitest';
import { noTokenIssued, TOKEN_REFUSAL_CHECKS, TOKEN_RESPONSE_CHECKS, type TokenRefusalInput, type TokenResponseInput } from '../../../src/checks/platform-services/index.js';
import { refusalErrorExpected, refusalErrorFormat, refusalNoToken, refusalStatus } from '../../../src/checks/platform-services/token-refusal.js';
import {
  accessTokenCharset, accessTokenLength, accessTokenPresent, cacheControlNoStore, expiresInNumber, scopeNotWider, tokenJsonObject, tokenStatusOk, tokenTypeBearer,
} from '../../../src/checks/platform-services/token-response.js';
import { checkLevel } from '../../../src/core/check.js';
import { MEDIA_TYPE, OAUTH_ERROR, SCOPE } from '../../../src/lti/vocab.js';
import { rule } from '../../../src/spec/rules.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';

const REQUESTED = [SCOPE.lineItem, SCOPE.score];
const TOKEN = 'abcdefghijklmnop0123';

describe('token response checks (NT-P-17, NT-P-18)', () => {
  const valid = (): TokenResponseInput => ({
    status: 200,
    headers: { 'content-type': MEDIA_TYPE.json, 'cache-control': 'no-store', pragma: 'no-cache' },
    json: { access_token: TOKEN, token_type: 'Bearer', expires_in: 3600, scope: SCOPE.score },
    requestedScopes: REQUESTED,
  });
  const body = (change: Record<string, unknown>): TokenResponseInput => {
    const v = valid();
    const json = { ...(v.json as Record<string, unknown>), ...change };
    for (const [k, x] of Object.entries(change)) if (x === undefined) delete json[k];
    return { ...v, json };
  };
  const FAILING: Case<TokenResponseInput>[] = [
    { name: '401 invalid_client', check: tokenStatusOk, input: { ...valid(), status: 401, json: { error: 'invalid_client' } }, verdict: bad('the token endpoint answered 401 (invalid_client)', 200, 401) },
    { name: 'body not JSON', check: tokenJsonObject, input: { ...valid(), json: undefined }, verdict: bad('the body is not a JSON object', 'a JSON object', null) },
    { name: 'body a JSON array', check: tokenJsonObject, input: { ...valid(), json: [TOKEN] }, verdict: bad('the body is not a JSON object', 'a JSON object', [TOKEN]) },
    { name: 'access_token missing', check: accessTokenPresent, input: body({ access_token: undefined }), verdict: bad('access_token is missing', 'a non-empty string', null) },
    { name: 'access_token a number', check: accessTokenPresent, input: body({ access_token: 123 }), verdict: bad('access_token is number 123', 'a non-empty string', 123) },
    {
      name: 'access_token with a tab', check: accessTokenCharset, input: body({ access_token: `${TOKEN}\t` }),
      verdict: bad('the access token contains U+0009', 'characters 0x20-0x7E only', ['\t']),
    },
    { name: 'access_token with é', check: accessTokenCharset, input: body({ access_token: `${TOKEN}é` }), verdict: bad('the access token contains U+00E9', 'characters 0x20-0x7E only', ['é']) },
    { name: 'access_token of 11 characters', check: accessTokenLength, input: body({ access_token: 'short-token' }), verdict: bad('the access token has 11 characters', 'at least 15', 11) },
    { name: 'token_type mac', check: tokenTypeBearer, input: body({ token_type: 'mac' }), verdict: bad('token_type is "mac"', 'bearer', 'mac') },
    { name: 'token_type missing', check: tokenTypeBearer, input: body({ token_type: undefined }), verdict: bad('token_type is missing', 'bearer', null) },
    { name: 'expires_in missing', check: expiresInNumber, input: body({ expires_in: undefined }), verdict: bad('expires_in is missing', 'a positive number of seconds', null) },
    { name: 'expires_in a string', check: expiresInNumber, input: body({ expires_in: '3600' }), verdict: bad('expires_in is "3600"', 'a positive number of seconds', '3600') },
    {
      name: 'scope wider than asked', check: scopeNotWider, input: body({ scope: `${SCOPE.score} ${SCOPE.nrps}` }),
      verdict: bad(`the platform granted scopes that were not requested: ${SCOPE.nrps}`, REQUESTED, [SCOPE.score, SCOPE.nrps]),
    },
    { name: 'scope an array', check: scopeNotWider, input: body({ scope: [SCOPE.score] }), verdict: bad(`scope is ["${SCOPE.score}"], not a space-separated string`, REQUESTED.join(' '), [SCOPE.score]) },
    { name: 'no Cache-Control', check: cacheControlNoStore, input: { ...valid(), headers: { 'content-type': MEDIA_TYPE.json } }, verdict: bad('Cache-Control is missing', 'no-store', null) },
    { name: 'Cache-Control no-cache', check: cacheControlNoStore, input: { ...valid(), headers: { 'Cache-Control': 'no-cache' } }, verdict: bad('Cache-Control is "no-cache"', 'no-store', 'no-cache') },
  ];
  checkTable(TOKEN_RESPONSE_CHECKS, valid, FAILING, /^platform-token\.response\.[a-z0-9-]+$/);

  it.each([
    ['token_type in lower case', body({ token_type: 'bearer' })],
    ['no scope member (all requested granted)', body({ scope: undefined })],
    ['a narrower scope', body({ scope: SCOPE.score })],
    ['Cache-Control with several directives', { ...valid(), headers: { 'Cache-Control': 'private, No-Store' } }],
  ])('passes %s', (_n, input) => {
    for (const c of TOKEN_RESPONSE_CHECKS) expect(c.run(input, CTX).ok, c.id).toBe(true);
  });

  it('warns only for length, expires_in and Cache-Control (SHOULD); fails for the rest', () => {
    const warn = TOKEN_RESPONSE_CHECKS.filter((c) => checkLevel(c.refs, 'certification') === 'warn').map((c) => c.id);
    expect(warn.sort()).toEqual([accessTokenLength.id, cacheControlNoStore.id, expiresInNumber.id].sort());
  });
});

describe('token refusal checks (NT-P-11..16)', () => {
  const valid = (): TokenRefusalInput => ({ status: 400, json: { error: OAUTH_ERROR.invalidClient, error_description: 'bad signature' }, expectedErrors: [OAUTH_ERROR.invalidClient] });
  const FAILING: Case<TokenRefusalInput>[] = [
    {
      name: 'a token issued', check: refusalNoToken, input: { ...valid(), status: 200, json: { access_token: TOKEN, token_type: 'bearer' } },
      verdict: bad('the platform issued an access token (HTTP 200)', 'a refusal without access_token', 'an access token'), alsoFails: [refusalStatus],
    },
    { name: '403 for a bad signature', check: refusalStatus, input: { ...valid(), status: 403 }, verdict: bad('the refusal is HTTP 403', [400, 401], 403) },
    { name: '200 without a token', check: refusalStatus, input: { status: 200, json: {}, expectedErrors: [] }, verdict: bad('the refusal is HTTP 200', 400, 200) },
    {
      name: '401 for invalid_grant', check: refusalStatus, input: { status: 401, json: { error: OAUTH_ERROR.invalidGrant }, expectedErrors: [OAUTH_ERROR.invalidGrant] },
      verdict: bad('the refusal is HTTP 401', 400, 401),
    },
    { name: 'a code RFC 6749 does not define', check: refusalErrorFormat, input: { ...valid(), json: { error: 'bad_signature' } }, verdict: bad('error is "bad_signature"', Object.values(OAUTH_ERROR), 'bad_signature') },
    {
      name: 'an HTML refusal', check: refusalErrorFormat, input: { ...valid(), json: undefined },
      verdict: bad('the refusal body is not a JSON object', `{"error": one of ${Object.values(OAUTH_ERROR).join(', ')}}`, null),
    },
    {
      name: 'invalid_request for a bad signature', check: refusalErrorExpected, input: { ...valid(), json: { error: OAUTH_ERROR.invalidRequest } },
      verdict: bad('error is "invalid_request"', [OAUTH_ERROR.invalidClient], OAUTH_ERROR.invalidRequest),
    },
  ];
  checkTable(TOKEN_REFUSAL_CHECKS, valid, FAILING, /^platform-token\.refusal\.[a-z0-9-]+$/);

  it.each([
    ['401 invalid_client', { status: 401, json: { error: OAUTH_ERROR.invalidClient }, expectedErrors: [OAUTH_ERROR.invalidClient] }],
    ['401 without a body when invalid_client fits', { status: 401, json: undefined, expectedErrors: [OAUTH_ERROR.invalidClient, OAUTH_ERROR.invalidGrant] }],
    ['any code when none is expected', { status: 400, json: { error: OAUTH_ERROR.invalidScope }, expectedErrors: [] }],
  ])('status and code pass %s', (_n, input: TokenRefusalInput) => {
    for (const c of [refusalNoToken, refusalStatus, refusalErrorExpected]) expect(c.run(input, CTX).ok, c.id).toBe(true);
  });

  it('the refusal must happen (MUST); the exact code only warns', () => {
    expect(checkLevel(refusalNoToken.refs, 'spec')).toBe('fail');
    expect(checkLevel(refusalStatus.refs, 'spec')).toBe('fail');
    expect(checkLevel(refusalErrorExpected.refs, 'certification')).toBe('warn');
  });

  it('noTokenIssued cites the rule the scenario breaks', () => {
    const c = noTokenIssued([rule('LTI-TOK-008')]);
    expect(c.id).toBe(refusalNoToken.id);
    expect(c.refs).toEqual([rule('LTI-TOK-008')]);
    expect(c.run({ status: 200, json: { access_token: TOKEN }, expectedErrors: [] }, CTX).ok).toBe(false);
  });
});
