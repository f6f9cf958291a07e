import { describe, expect, it } from 'vitest';
import {
  CONFIGURATION_CHECKS, configurationLtiSchema, configurationSchema, REQUEST_CHECKS, requestLtiSchema, requestSchema, RESPONSE_CHECKS, responseLtiSchema, responseSchema,
  type ConfigurationInput, type RegistrationRequestInput, type RegistrationResponseInput,
} from '../../../../src/checks/registration/index.js';
import { checksById } from '../../../../src/checks/registry.js';
import { checkLevel } from '../../../../src/core/check.js';
import { DR, MESSAGE_TYPE, OIDC, SCOPE } from '../../../../src/lti/vocab.js';
import { bad, CTX } from '../check-table.js';

type Doc = Record<string, unknown>;
const ISS = 'https://lms.example';
const TC = DR.toolConfiguration;
const PC = DR.platformConfiguration;
/** How an error inside an LTI object names it. */
const inTool = (rest: string): string => `[${TC}]${rest}`;

const configuration = (over: Doc = {}, platform: Doc = {}): ConfigurationInput => ({
  status: 200,
  json: {
    issuer: ISS, authorization_endpoint: `${ISS}/auth`, token_endpoint: `${ISS}/token`, jwks_uri: `${ISS}/jwks`, registration_endpoint: `${ISS}/register`,
    scopes_supported: [OIDC.scope, SCOPE.score], response_types_supported: [OIDC.responseType], id_token_signing_alg_values_supported: [DR.signingAlg],
    token_endpoint_auth_methods_supported: [DR.authMethodPrivateKeyJwt], claims_supported: ['sub', 'iss'], claims_parameter_supported: false, authorization_server: `${ISS}/token`,
    [PC]: { product_family_code: 'lms', version: '1.0', messages_supported: [{ type: MESSAGE_TYPE.resourceLink, placements: ['course_navigation'] }], variables: ['Context.id'], ...platform },
    ...over,
  },
});

const metadata = (over: Doc = {}, tool: Doc = {}): Doc => ({
  application_type: DR.applicationType, grant_types: [DR.grantImplicit, 'client_credentials'], response_types: [OIDC.responseType],
  redirect_uris: ['https://tool.example/launch'], initiate_login_uri: 'https://tool.example/login', client_name: 'Tool', jwks_uri: 'https://tool.example/jwks',
  token_endpoint_auth_method: DR.authMethodPrivateKeyJwt, scope: `${SCOPE.score} ${SCOPE.nrps}`, contacts: ['admin@tool.example'], logo_uri: 'https://tool.example/logo.png',
  [TC]: {
    domain: 'tool.example', secondary_domains: ['cdn.tool.example'], target_link_uri: 'https://tool.example/launch', custom_parameters: { course: '$Context.id' },
    description: 'A tool', claims: ['iss', 'sub'],
    messages: [{ type: MESSAGE_TYPE.deepLinkingRequest, target_link_uri: 'https://tool.example/dl', label: 'Add', icon_uri: 'https://tool.example/i.png', custom_parameters: { a: 'b' }, placements: ['editor'], roles: [] }],
    ...tool,
  },
  ...over,
});

const request = (m: Doc = metadata()): RegistrationRequestInput => ({
  request: { contentType: 'application/json', authorization: 'Bearer t', metadata: m }, token: 't', offer: { scopes: [], messages: [] },
});

const response = (over: Doc = {}, tool: Doc = {}): RegistrationResponseInput => {
  const m = metadata(over, { deployment_id: 'd1', ...tool });
  return { status: 201, json: { client_id: 'c1', client_id_issued_at: 1700000000, ...m } };
};

describe('registration schema checks: conforming documents pass', () => {
  it.each([configurationSchema, configurationLtiSchema].map((c) => [c.id, c] as const))('%s passes a conforming configuration', (_id, c) => {
    expect(c.run(configuration(), CTX)).toEqual({ ok: true });
  });
  it.each([requestSchema, requestLtiSchema].map((c) => [c.id, c] as const))('%s passes a conforming request', (_id, c) => {
    expect(c.run(request(), CTX)).toEqual({ ok: true });
  });
  it.each([responseSchema, responseLtiSchema].map((c) => [c.id, c] as const))('%s passes a conforming answer', (_id, c) => {
    expect(c.run(response(), CTX)).toEqual({ ok: true });
  });

  it('Moodle 3.x messages_supported as plain strings passes', () => {
    const moodle = configuration({}, { messages_supported: [MESSAGE_TYPE.resourceLink, MESSAGE_TYPE.deepLinkingRequest] });
    expect(configurationLtiSchema.run(moodle, CTX)).toEqual({ ok: true });
    expect(configurationSchema.run(moodle, CTX)).toEqual({ ok: true });
  });

  it('extension members pass everywhere (Canvas-style URL members, unknown keys)', () => {
    const ext = { 'https://canvas.instructure.com/lti/account_name': 'Account', 'x-custom': { any: [1, true] } };
    expect(configurationSchema.run(configuration(ext, ext), CTX)).toEqual({ ok: true });
    expect(configurationLtiSchema.run(configuration(ext, ext), CTX)).toEqual({ ok: true });
    const tool = { ...ext, messages: [{ type: MESSAGE_TYPE.resourceLink, 'https://canvas.instructure.com/lti/course_navigation/default_enabled': false }] };
    for (const c of [requestSchema, requestLtiSchema]) expect(c.run(request(metadata(ext, tool)), CTX)).toEqual({ ok: true });
    for (const c of [responseSchema, responseLtiSchema]) expect(c.run(response(ext, tool), CTX)).toEqual({ ok: true });
  });

  it('documents that are not objects are left to the json/document checks', () => {
    expect(configurationSchema.run({ status: 200, json: undefined }, CTX)).toMatchObject({ ok: true, note: expect.stringMatching(/^not judged/) as unknown as string });
    expect(requestLtiSchema.run(request(undefined as unknown as Doc), CTX)).toMatchObject({ ok: true });
    expect(responseSchema.run({ status: 201, json: [] }, CTX)).toMatchObject({ ok: true });
  });
});

describe('registration schema checks: type violations', () => {
  it('configuration: issuer not a URL and a *_supported string fail (MUST)', () => {
    const v = configurationSchema.run(configuration({ issuer: 'lms', claims_supported: 'sub iss' }), CTX);
    const errors = ['/issuer must be a fully qualified URL [OpenID Connect Discovery §3]', '/claims_supported must be array [OpenID Connect Discovery §3]'];
    expect(v).toEqual(bad(`the OpenID configuration has members of the wrong type: ${errors.join('; ')}`, 'member types per the registration:openid-configuration schema', errors));
    expect(checkLevel(configurationSchema.refs, 'spec')).toBe('fail');
  });

  it('configuration: a *_supported boolean of Discovery stays a boolean', () => {
    expect(configurationSchema.run(configuration({ request_uri_parameter_supported: ['x'] }), CTX)).toMatchObject({ ok: false, actual: ['/request_uri_parameter_supported must be boolean [OpenID Connect Discovery §3]'] });
  });

  it('configuration: a message without type, placements as a string, a number as message warn (SHOULD)', () => {
    const v = configurationLtiSchema.run(configuration({ authorization_server: 5 }, { version: 1, messages_supported: [{ placements: 'x' }, 3] }), CTX);
    expect(v).toMatchObject({
      ok: false,
      actual: [
        '/authorization_server must be string [DR §3.4]', `[${PC}]/version must be string [DR §3.4]`, `[${PC}]/messages_supported/0/type is required [DR §3.4]`,
        `[${PC}]/messages_supported/0/placements must be array [DR §3.4]`, `[${PC}]/messages_supported/1 must be object or string [DR §3.4]`,
      ],
    });
    expect(checkLevel(configurationLtiSchema.refs, 'spec')).toBe('warn');
    // the LTI slip is not the OpenID check's business
    expect(configurationSchema.run(configuration({ authorization_server: 5 }, { version: 1 }), CTX)).toEqual({ ok: true });
  });

  it('request: redirect_uris as a string fails (MUST)', () => {
    const v = requestSchema.run(request(metadata({ redirect_uris: 'https://tool.example/launch' })), CTX);
    expect(v).toEqual(bad('the client metadata has members of the wrong type: /redirect_uris must be array [RFC 7591 §2]', 'member types per the registration:request schema', ['/redirect_uris must be array [RFC 7591 §2]']));
    expect(checkLevel(requestSchema.refs, 'spec')).toBe('fail');
  });

  it('request: scope as an array fails (MUST); a redirect URI that is not a URI fails', () => {
    expect(requestSchema.run(request(metadata({ scope: [SCOPE.score] })), CTX)).toMatchObject({ ok: false, actual: ['/scope must be string [RFC 7591 §2]'] });
    expect(requestSchema.run(request(metadata({ redirect_uris: ['not a uri'] })), CTX)).toMatchObject({ ok: false, actual: ['/redirect_uris/0 must be a fully qualified URL [RFC 7591 §2]'] });
  });

  it('request: messages as an object warns (SHOULD), and the MUST check ignores it', () => {
    const m = metadata({}, { messages: { type: MESSAGE_TYPE.resourceLink } });
    expect(requestLtiSchema.run(request(m), CTX)).toEqual(
      bad(`the LTI tool configuration has members of the wrong type: ${inTool('/messages must be array [DR §3.5.2]')}`, 'member types per the registration:request:lti schema', [inTool('/messages must be array [DR §3.5.2]')]),
    );
    expect(checkLevel(requestLtiSchema.refs, 'spec')).toBe('warn');
    expect(requestSchema.run(request(m), CTX)).toEqual({ ok: true });
  });

  it('request: custom_parameters values that are not strings, a message without type, the tool configuration not an object warn', () => {
    const v = requestLtiSchema.run(request(metadata({}, { custom_parameters: { n: 1 }, messages: [{ label: 'x' }] })), CTX);
    expect(v).toMatchObject({ ok: false, actual: [inTool('/custom_parameters/n must be string [DR §3.5.2]'), inTool('/messages/0/type is required [DR §3.5.2]')] });
    expect(requestLtiSchema.run(request({ ...metadata(), [TC]: 'tool.example' }), CTX)).toMatchObject({ ok: false, actual: [inTool(' must be object [DR §3.5.2]')] });
  });

  it('response: client_id as a number fails (MUST); a missing one too', () => {
    expect(responseSchema.run(response({ client_id: 42 }), CTX)).toEqual(
      bad('the registration answer has members of the wrong type: /client_id must be string [RFC 7591 §3.2.1]', 'member types per the registration:response schema', ['/client_id must be string [RFC 7591 §3.2.1]']),
    );
    expect(responseSchema.run({ status: 201, json: metadata() }, CTX)).toMatchObject({ ok: false, actual: ['/client_id is required [RFC 7591 §3.2.1]'] });
    expect(responseSchema.run(response({ client_id_issued_at: '1700000000' }), CTX)).toMatchObject({ ok: false, actual: ['/client_id_issued_at must be number [RFC 7591 §3.2.1]'] });
    expect(checkLevel(responseSchema.refs, 'spec')).toBe('fail');
  });

  it('response: deployment_id as a number warns (SHOULD)', () => {
    expect(responseLtiSchema.run(response({}, { deployment_id: 7 }), CTX)).toMatchObject({ ok: false, actual: [inTool('/deployment_id must be string [DR §3.6.1]')] });
    expect(checkLevel(responseLtiSchema.refs, 'spec')).toBe('warn');
  });
});

describe('registration schema checks: wiring', () => {
  it('each document list judges its two schema checks', () => {
    expect(CONFIGURATION_CHECKS).toEqual(expect.arrayContaining([configurationSchema, configurationLtiSchema]));
    expect(REQUEST_CHECKS).toEqual(expect.arrayContaining([requestSchema, requestLtiSchema]));
    expect(RESPONSE_CHECKS).toEqual(expect.arrayContaining([responseSchema, responseLtiSchema]));
  });

  it('explain knows them, with their rules', () => {
    const byId = checksById();
    for (const c of [configurationSchema, configurationLtiSchema, requestSchema, requestLtiSchema, responseSchema, responseLtiSchema]) expect(byId.get(c.id)).toBe(c);
    expect([configurationSchema, requestSchema, responseSchema, configurationLtiSchema].map((c) => c.refs[0].rule)).toEqual(['DR-CONFIG-TYPES', 'DR-METADATA-TYPES', 'DR-METADATA-TYPES', 'DR-LTI-TYPES']);
  });
});
