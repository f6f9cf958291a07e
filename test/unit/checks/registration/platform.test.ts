import { describe, expect, it } from 'vitest';
import {
  CONFIGURATION_CHECKS, configurationDocument, configurationLtiSchema, configurationLtiValues, configurationPlatform, configurationRegistrationEndpoint, configurationRequired, configurationSchema,
  INITIATION_CHECKS, initiationNoFragment, initiationOpenidConfiguration, REFUSAL_CHECKS, refusalFits, refusalNotRegistered, refusalShape, RESPONSE_CHECKS,
  responseClientId, responseDeploymentId, responseJson, responseLtiSchema, responseSchema, responseStatus,
  type ConfigurationInput, type InitiationInput, type RegistrationRefusalInput, type RegistrationResponseInput,
} from '../../../../src/checks/registration/index.js';
import { checkLevel } from '../../../../src/core/check.js';
import { DR, SCOPE } from '../../../../src/lti/vocab.js';
import { bad, checkTable, CTX, type Case } from '../check-table.js';

const ISS = 'https://lms.example';
const config = (): Record<string, unknown> => ({
  issuer: ISS, authorization_endpoint: `${ISS}/auth`, token_endpoint: `${ISS}/token`, jwks_uri: `${ISS}/jwks`, registration_endpoint: `${ISS}/register`,
  token_endpoint_auth_methods_supported: ['private_key_jwt'], token_endpoint_auth_signing_alg_values_supported: ['RS256'],
  scopes_supported: ['openid', SCOPE.score], response_types_supported: ['id_token'], id_token_signing_alg_values_supported: ['RS256'],
  claims_supported: ['sub'], [DR.platformConfiguration]: { product_family_code: 'lms', version: '1', messages_supported: [{ type: 'LtiResourceLinkRequest' }] },
});
const without = (k: string): ConfigurationInput => {
  const c = config();
  delete c[k];
  return { status: 200, json: c };
};

describe('registration configuration checks (NT-P-45)', () => {
  const FAILING: Case<ConfigurationInput>[] = [
    { name: '404 JSON', check: configurationDocument, input: { status: 404, json: config() }, verdict: bad('the configuration answered HTTP 404', '200 with a JSON object', { status: 404, json: config() }) },
    { name: 'no jwks_uri', check: configurationRequired, input: without('jwks_uri'), verdict: bad('missing or malformed: jwks_uri', ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri', 'response_types_supported', 'id_token_signing_alg_values_supported'], ['jwks_uri']) },
    { name: 'no registration_endpoint', check: configurationRegistrationEndpoint, input: without('registration_endpoint'), verdict: bad('registration_endpoint is missing', 'an absolute https URL', null) },
    {
      name: 'no private_key_jwt', check: configurationLtiValues, input: { status: 200, json: { ...config(), token_endpoint_auth_methods_supported: ['client_secret_basic'] } },
      verdict: bad('token_endpoint_auth_methods_supported without private_key_jwt', expect.any(Array) as unknown as string[], ['token_endpoint_auth_methods_supported without private_key_jwt']),
    },
    { name: 'no LTI platform configuration', check: configurationPlatform, input: without(DR.platformConfiguration), verdict: bad(`${DR.platformConfiguration} is missing`, 'an object with product_family_code, version, messages_supported', null) },
    // Member types by JSON Schema (more cases in schema.test.ts).
    { name: 'claims_supported a string', check: configurationSchema, input: { status: 200, json: { ...config(), claims_supported: 'sub' } }, verdict: bad('the OpenID configuration has members of the wrong type: /claims_supported must be array [OpenID Connect Discovery §3]', 'member types per the registration:openid-configuration schema', ['/claims_supported must be array [OpenID Connect Discovery §3]']) },
    { name: 'authorization_server a number', check: configurationLtiSchema, input: { status: 200, json: { ...config(), authorization_server: 1 } }, verdict: bad('the LTI platform configuration has members of the wrong type: /authorization_server must be string [DR §3.4]', 'member types per the registration:openid-configuration:lti schema', ['/authorization_server must be string [DR §3.4]']) },
  ];
  checkTable(CONFIGURATION_CHECKS, () => ({ status: 200, json: config() }), FAILING, /^registration\.configuration\.[a-z-]+$/);

  it('a missing registration_endpoint fails; a missing platform configuration only warns', () => {
    expect(checkLevel(configurationRegistrationEndpoint.refs, 'spec')).toBe('fail');
    expect(checkLevel(configurationPlatform.refs, 'spec')).toBe('warn');
  });
});

describe('registration initiation checks (LTI-DR-001, -009)', () => {
  const valid = (): InitiationInput => ({ params: { openid_configuration: `${ISS}/.well-known/openid-configuration`, registration_token: 't' } });
  const FAILING: Case<InitiationInput>[] = [
    { name: 'no openid_configuration', check: initiationOpenidConfiguration, input: { params: { registration_token: 't' } }, verdict: bad('openid_configuration is missing', 'an absolute https URL', null) },
    { name: 'fragment', check: initiationNoFragment, input: { params: { openid_configuration: `${ISS}/config#x` } }, verdict: bad('the openid_configuration URL has a fragment', 'no #fragment', `${ISS}/config#x`) },
  ];
  checkTable(INITIATION_CHECKS, valid, FAILING, /^registration\.initiation\.[a-z-]+$/);
});

describe('registration response checks (NT-P-47)', () => {
  const valid = (): RegistrationResponseInput => ({ status: 201, json: { client_id: 'c1', [DR.toolConfiguration]: { deployment_id: 'd1' } } });
  const FAILING: Case<RegistrationResponseInput>[] = [
    { name: '400', check: responseStatus, input: { ...valid(), status: 400 }, verdict: bad('the registration endpoint answered HTTP 400', '201 (or 200)', 400) },
    { name: 'HTML', check: responseJson, input: { status: 201, json: undefined }, verdict: bad('the answer is not a JSON object', 'a JSON object', null), alsoFails: [responseClientId, responseDeploymentId] },
    { name: 'no client_id', check: responseClientId, input: { status: 201, json: { [DR.toolConfiguration]: { deployment_id: 'd1' } } }, verdict: bad('client_id is missing', 'a non-empty string', null), alsoFails: [responseSchema] },
    { name: 'client_id a number', check: responseSchema, input: { status: 201, json: { client_id: 1, [DR.toolConfiguration]: { deployment_id: 'd1' } } }, verdict: bad('the registration answer has members of the wrong type: /client_id must be string [RFC 7591 §3.2.1]', 'member types per the registration:response schema', ['/client_id must be string [RFC 7591 §3.2.1]']), alsoFails: [responseClientId] },
    { name: 'deployment_id a number', check: responseLtiSchema, input: { status: 201, json: { client_id: 'c1', [DR.toolConfiguration]: { deployment_id: 1 } } }, verdict: bad(`the LTI tool configuration of the answer has members of the wrong type: [${DR.toolConfiguration}]/deployment_id must be string [DR §3.6.1]`, 'member types per the registration:response:lti schema', [`[${DR.toolConfiguration}]/deployment_id must be string [DR §3.6.1]`]), alsoFails: [responseDeploymentId] },
    { name: 'no deployment_id', check: responseDeploymentId, input: { status: 201, json: { client_id: 'c1' } }, verdict: bad('no deployment_id in the answer: lti-conform learns it from the first launch', `${DR.toolConfiguration}.deployment_id`, null) },
  ];
  checkTable(RESPONSE_CHECKS, valid, FAILING, /^registration\.response\.[a-z-]+$/);

  it('200 is as good as 201, and a missing deployment_id is only information', () => {
    expect(responseStatus.run({ ...valid(), status: 200 }, CTX).ok).toBe(true);
    expect(checkLevel(responseDeploymentId.refs, 'certification')).toBe('info');
  });
});

describe('registration refusal checks (NT-P-46)', () => {
  const valid = (): RegistrationRefusalInput => ({ status: 400, json: { error: DR.errorInvalidRedirectUri }, defect: 'metadata', expectedErrors: [DR.errorInvalidRedirectUri] });
  const FAILING: Case<RegistrationRefusalInput>[] = [
    {
      name: 'registered anyway', check: refusalNotRegistered, input: { ...valid(), status: 201, json: { client_id: 'stray' } },
      verdict: bad('the platform registered it (HTTP 201, client_id "stray"): a stray registration to delete in the platform', 'a refusal', { status: 201, client_id: 'stray' }),
    },
    { name: '500 HTML', check: refusalShape, input: { ...valid(), status: 500, json: undefined }, verdict: bad('the refusal is HTTP 500', 400, 500) },
    { name: '400 without error', check: refusalShape, input: { ...valid(), json: { message: 'no' } }, verdict: bad('the 400 body has error missing', '{"error": "<code>"}', { message: 'no' }) },
    { name: 'other code', check: refusalFits, input: { ...valid(), json: { error: 'invalid_request' } }, verdict: bad('error is "invalid_request"', [DR.errorInvalidRedirectUri], 'invalid_request') },
  ];
  checkTable(REFUSAL_CHECKS, valid, FAILING, /^registration\.refusal\.[a-z-]+$/);

  it('a 401 passes, and a metadata refusal answered 401 (spent token) is not judged for its code', () => {
    const spent = { ...valid(), status: 401, json: { error: 'invalid_token' } };
    expect(refusalShape.run(spent, CTX).ok).toBe(true);
    expect(refusalFits.run(spent, CTX)).toEqual({ ok: true, note: expect.stringMatching(/^not judged/) as unknown as string });
    // the same as a 400 invalid_token (some platforms answer token problems 400)
    expect(refusalFits.run({ ...spent, status: 400 }, CTX)).toEqual({ ok: true, note: expect.stringMatching(/^not judged/) as unknown as string });
  });
});
