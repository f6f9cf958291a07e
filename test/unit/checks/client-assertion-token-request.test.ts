import { describe, expect, it } from 'vitest';
import {
  assertionAlgRs256, assertionAud, assertionDeploymentId, assertionExp, assertionIat, assertionIss, assertionJti, assertionJtiUnique,
  assertionKidKnown, assertionKidPresent, assertionShortLived, assertionSignatureValid, assertionSub,
} from '../../../src/checks/client-assertion/assertion.js';
import { CLIENT_ASSERTION_CHECKS, TOKEN_REQUEST_ALL_CHECKS, TOKEN_REQUEST_CHECKS, type TokenRequestInput } from '../../../src/checks/client-assertion/index.js';
import {
  tokenAssertionPresent, tokenAssertionType, tokenContentType, tokenGrantType, tokenScopeOffered, tokenScopePresent,
} from '../../../src/checks/client-assertion/request.js';
import { checkLevel } from '../../../src/core/check.js';
import { CLAIM, MEDIA_TYPE, OAUTH, SCOPE } from '../../../src/lti/vocab.js';
import type { DecodedAssertion } from '../../../src/roles/platform/services/records.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';

const CLIENT_ID = 'tool-123';
const ISSUER = 'https://platform.example';
const TOKEN_URL = 'https://platform.example/token';
const NOW = 1_700_000_000;
const OFFERED = [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadOnly, SCOPE.nrps];

function valid(): TokenRequestInput {
  return {
    record: {
      exchangeId: 'x1',
      at: NOW * 1000,
      contentType: MEDIA_TYPE.formUrlEncoded,
      form: {
        grant_type: OAUTH.grantClientCredentials,
        client_assertion_type: OAUTH.clientAssertionTypeJwtBearer,
        client_assertion: 'eyJ.eyJ.sig',
        scope: `${SCOPE.lineItem} ${SCOPE.score}`,
      },
      assertion: {
        header: { alg: 'RS256', kid: 'tool-key-1', typ: 'JWT' },
        payload: { iss: CLIENT_ID, sub: CLIENT_ID, aud: TOKEN_URL, iat: NOW, exp: NOW + 300, jti: 'jti-2', [CLAIM.deploymentId]: 'deploy-1' },
        signatureValid: true,
        kidFound: true,
      },
      status: 200,
      grantedScopes: [SCOPE.lineItem, SCOPE.score],
    },
    clientId: CLIENT_ID,
    tokenUrl: TOKEN_URL,
    issuer: ISSUER,
    offeredScopes: OFFERED,
    now: NOW,
    earlierJtis: ['jti-1'],
  };
}

type Draft = TokenRequestInput & { record: { assertion: DecodedAssertion } };
const input = (change: (d: Draft) => void): TokenRequestInput => {
  const d = valid() as Draft;
  change(d);
  return d;
};
const form = (name: string, value: string | undefined) => input((d) => {
  if (value === undefined) delete d.record.form[name];
  else d.record.form[name] = value;
});
const claim = (name: string, value: unknown) => input((d) => {
  if (value === undefined) delete d.record.assertion.payload[name];
  else d.record.assertion.payload[name] = value;
});

const FAILING: Case<TokenRequestInput>[] = [
  { name: 'JSON body', check: tokenContentType, input: input((d) => { d.record.contentType = MEDIA_TYPE.json; }), verdict: bad('the token request is not form-encoded', MEDIA_TYPE.formUrlEncoded, MEDIA_TYPE.json) },
  { name: 'grant_type missing', check: tokenGrantType, input: form('grant_type', undefined), verdict: bad('grant_type is missing', 'client_credentials', null) },
  { name: 'grant_type authorization_code', check: tokenGrantType, input: form('grant_type', 'authorization_code'), verdict: bad('grant_type is "authorization_code"', 'client_credentials', 'authorization_code') },
  { name: 'client_assertion_type saml', check: tokenAssertionType, input: form('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer'), verdict: bad('client_assertion_type is "urn:ietf:params:oauth:client-assertion-type:saml2-bearer"', OAUTH.clientAssertionTypeJwtBearer, 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer') },
  {
    name: 'client_assertion missing', check: tokenAssertionPresent, input: input((d) => { delete d.record.form.client_assertion; delete (d.record as { assertion?: unknown }).assertion; }),
    verdict: bad('client_assertion is missing', 'a signed JWT', null), alsoFails: CLIENT_ASSERTION_CHECKS,
  },
  {
    name: 'client_assertion not a JWT', check: tokenAssertionPresent, input: input((d) => { d.record.form.client_assertion = 'secret'; delete (d.record as { assertion?: unknown }).assertion; }),
    verdict: bad('client_assertion is not a decodable JWT', 'a compact JWS (header.payload.signature)', 'secret'), alsoFails: CLIENT_ASSERTION_CHECKS,
  },
  { name: 'scope missing', check: tokenScopePresent, input: form('scope', undefined), verdict: bad('scope is missing', 'one or more space-separated scopes', null) },
  { name: 'scope blank', check: tokenScopePresent, input: form('scope', ' '), verdict: bad('scope is empty', 'one or more space-separated scopes', ' ') },
  {
    name: 'scope not offered', check: tokenScopeOffered, input: input((d) => { d.offeredScopes = [SCOPE.score]; }),
    verdict: bad(`scope(s) the platform did not offer: ${SCOPE.lineItem}`, [SCOPE.score], [SCOPE.lineItem]),
  },
  { name: 'alg HS256', check: assertionAlgRs256, input: input((d) => { d.record.assertion.header.alg = 'HS256'; }), verdict: bad('alg is "HS256"', 'RS256', 'HS256') },
  { name: 'no kid', check: assertionKidPresent, input: input((d) => { delete d.record.assertion.header.kid; }), verdict: bad('the JOSE header has no kid', 'a kid of the tool JWKS', null) },
  {
    name: 'kid not in the JWKS', check: assertionKidKnown, input: input((d) => { d.record.assertion.header.kid = 'old-key'; d.record.assertion.kidFound = false; d.record.assertion.signatureValid = false; }),
    verdict: bad('kid "old-key" is not in the tool\'s JWKS', 'a kid published at the tool jwksUrl', 'old-key'),
  },
  {
    name: 'signed by another key', check: assertionSignatureValid, input: input((d) => { d.record.assertion.signatureValid = false; d.record.assertion.verifyError = 'signature verification failed'; }),
    verdict: bad('the signature cannot be verified with the tool\'s keys: signature verification failed', 'a signature made with the private key of a key in the tool JWKS', { alg: 'RS256', kid: 'tool-key-1' }),
  },
  { name: 'iss is a URL', check: assertionIss, input: claim('iss', 'https://tool.example'), verdict: bad('iss is "https://tool.example", not the client_id', CLIENT_ID, 'https://tool.example') },
  { name: 'sub missing', check: assertionSub, input: claim('sub', undefined), verdict: bad('sub is missing, not the client_id', CLIENT_ID, null) },
  { name: 'aud missing', check: assertionAud, input: claim('aud', undefined), verdict: bad('aud is missing', TOKEN_URL, null) },
  { name: 'aud another server', check: assertionAud, input: claim('aud', ['https://auth.other.example/token']), verdict: bad('aud does not name our authorization server', [TOKEN_URL, ISSUER], ['https://auth.other.example/token']) },
  { name: 'iat missing', check: assertionIat, input: claim('iat', undefined), verdict: bad('iat is missing', `a NumericDate (about ${NOW})`, null) },
  { name: 'exp past', check: assertionExp, input: claim('exp', NOW - 61), verdict: bad('exp is 61s in the past (leeway 60s)', `a NumericDate after ${NOW}`, NOW - 61) },
  { name: 'exp a day later', check: assertionShortLived, input: claim('exp', NOW + 86_400), verdict: bad('the assertion is valid for 86400 s; the framework expects minutes (typically 300 s)', 'exp - iat <= 3600', 86_400) },
  { name: 'jti missing', check: assertionJti, input: claim('jti', undefined), verdict: bad('jti is missing', 'a unique non-empty string', null) },
  { name: 'jti reused', check: assertionJtiUnique, input: claim('jti', 'jti-1'), verdict: bad('jti was already used by an earlier assertion that had not expired (replay)', 'a fresh jti', 'jti-1') },
  { name: 'deployment_id absent', check: assertionDeploymentId, input: claim(CLAIM.deploymentId, undefined), verdict: bad('the deployment_id claim is missing', 'the deployment id of the launch', null) },
];

describe('token request and client assertion checks', () => {
  checkTable(TOKEN_REQUEST_ALL_CHECKS, valid, FAILING, /^(token-request|client-assertion)\.[a-z-]+\.[a-z0-9-]+$/);

  it('the arrays partition the checks', () => {
    expect(TOKEN_REQUEST_ALL_CHECKS).toHaveLength(TOKEN_REQUEST_CHECKS.length + CLIENT_ASSERTION_CHECKS.length);
  });

  it('names the parameter checks after their values', () => {
    expect(tokenGrantType.id).toBe('token-request.grant-type.client-credentials');
    expect(tokenAssertionType.id).toBe('token-request.client-assertion-type.jwt-bearer');
  });

  it('accepts what the framework allows', () => {
    const ok = (c: (typeof TOKEN_REQUEST_ALL_CHECKS)[number], i: TokenRequestInput) => expect(c.run(i, CTX).ok, c.id).toBe(true);
    ok(assertionAud, claim('aud', ISSUER));
    ok(assertionAud, claim('aud', ['https://x.example', TOKEN_URL]));
    ok(tokenContentType, input((d) => { d.record.contentType = `${MEDIA_TYPE.formUrlEncoded};charset=UTF-8`; }));
    ok(assertionExp, claim('exp', NOW - 59));
    ok(assertionJtiUnique, input((d) => { d.earlierJtis = []; }));
  });

  it('an unknown kid is one finding: the signature check defers to kid.known', () => {
    const given = FAILING.find((c) => c.name === 'kid not in the JWKS')!.input;
    expect(assertionSignatureValid.run(given, CTX)).toEqual({ ok: true, note: 'not verifiable: unknown kid (see client-assertion.kid.known)' });
  });

  it('levels: scope offered, lifetime and deployment_id warn; RS256 and kid are certification failures', () => {
    for (const c of [tokenScopeOffered, assertionShortLived, assertionDeploymentId]) expect(checkLevel(c.refs, 'certification'), c.id).toBe('warn');
    for (const c of [assertionAlgRs256, assertionKidPresent]) {
      expect(checkLevel(c.refs, 'certification'), c.id).toBe('fail');
      expect(checkLevel(c.refs, 'spec'), c.id).toBe('warn');
    }
    for (const c of [tokenGrantType, tokenScopePresent, assertionIss, assertionAud, assertionJtiUnique, assertionSignatureValid]) expect(checkLevel(c.refs, 'spec'), c.id).toBe('fail');
  });
});
