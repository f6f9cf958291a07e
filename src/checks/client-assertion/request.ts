import { fail, pass, type Check } from '../../core/check.js';
import { MEDIA_TYPE, OAUTH } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { mediaTypeOf } from '../service/http.js';
import type { TokenRequestInput } from './input.js';

// The token request itself: the client-credentials grant with a JWT client assertion ([SEC] §4.1, §4.1.1).

const param = (name: string, value: string, refs: Check<TokenRequestInput>['refs']): Check<TokenRequestInput> => ({
  id: `token-request.${name.replace(/_/g, '-')}.${value.replace(/^.*:/, '').replace(/_/g, '-')}`,
  title: `the token request has ${name}=${value}`,
  refs,
  run: ({ record }) => {
    const got = record.form[name];
    return got === value ? pass() : fail(`${name} is ${got === undefined ? 'missing' : `"${got}"`}`, value, got ?? null);
  },
});

export const tokenContentType: Check<TokenRequestInput> = {
  id: 'token-request.content-type.form-urlencoded',
  title: 'the token request body is application/x-www-form-urlencoded',
  refs: [rule('LTI-TOK-001')],
  run: ({ record }) =>
    mediaTypeOf(record.contentType) === MEDIA_TYPE.formUrlEncoded ? pass() : fail('the token request is not form-encoded', MEDIA_TYPE.formUrlEncoded, record.contentType || null),
};

export const tokenGrantType = param('grant_type', OAUTH.grantClientCredentials, [rule('LTI-TOK-001')]);
export const tokenAssertionType = param('client_assertion_type', OAUTH.clientAssertionTypeJwtBearer, [rule('LTI-TOK-001')]);

export const tokenAssertionPresent: Check<TokenRequestInput> = {
  id: 'token-request.client-assertion.present',
  title: 'the token request carries a decodable client_assertion JWT',
  refs: [rule('LTI-TOK-001'), rule('LTI-TOK-003')],
  run: ({ record }) => {
    const raw = record.form.client_assertion;
    if (!raw) return fail(raw === undefined ? 'client_assertion is missing' : 'client_assertion is empty', 'a signed JWT', raw ?? null);
    return record.assertion ? pass() : fail('client_assertion is not a decodable JWT', 'a compact JWS (header.payload.signature)', raw.slice(0, 80));
  },
};

/** Scopes as sent: space-separated ([RFC 6749] §3.3). */
const requested = (scope: string | undefined): string[] => (scope ?? '').split(' ').filter((s) => s.length > 0);

export const tokenScopePresent: Check<TokenRequestInput> = {
  id: 'token-request.scope.present',
  title: 'the token request names the scopes it wants',
  refs: [rule('LTI-TOK-006')],
  run: ({ record }) => (requested(record.form.scope).length > 0 ? pass() : fail(`scope is ${record.form.scope === undefined ? 'missing' : 'empty'}`, 'one or more space-separated scopes', record.form.scope ?? null)),
};

export const tokenScopeOffered: Check<TokenRequestInput> = {
  id: 'token-request.scope.offered',
  title: 'every requested scope is one the launch offered',
  refs: [rule('LTI-TOK-006', 'SHOULD')],
  run: ({ record, offeredScopes }) => {
    const asked = requested(record.form.scope);
    if (asked.length === 0) return pass('no scope requested (see token-request.scope.present)');
    const extra = asked.filter((s) => !offeredScopes.includes(s));
    return extra.length === 0 ? pass() : fail(`scope(s) the platform did not offer: ${extra.join(' ')}`, offeredScopes, extra);
  },
};

/** Checks on the token request parameters (judge them always). */
export const TOKEN_REQUEST_CHECKS = [tokenContentType, tokenGrantType, tokenAssertionType, tokenAssertionPresent, tokenScopePresent, tokenScopeOffered] as const;
