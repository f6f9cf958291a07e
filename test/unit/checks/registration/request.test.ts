import { describe, expect, it } from 'vitest';
import {
  configurationFetched, registrationBearer, registrationClientMetadata, registrationJson, registrationLaunchMembers, registrationMessagesOffered,
  registrationScopesOffered, registrationSent, REQUEST_CHECKS, type RegistrationRequestInput,
} from '../../../../src/checks/registration/request.js';
import { DR, MESSAGE_TYPE, SCOPE } from '../../../../src/lti/vocab.js';

const CTX = { profile: 'certification' as const };
const TOKEN = 'reg-token-1';

function metadata(): Record<string, unknown> {
  return {
    application_type: 'web', grant_types: ['implicit', 'client_credentials'], response_types: ['id_token'],
    redirect_uris: ['https://tool.example/launch'], initiate_login_uri: 'https://tool.example/login', client_name: 'Tool',
    jwks_uri: 'https://tool.example/jwks', token_endpoint_auth_method: 'private_key_jwt', scope: `${SCOPE.score} ${SCOPE.nrps}`,
    [DR.toolConfiguration]: { domain: 'tool.example', target_link_uri: 'https://tool.example/launch', claims: ['iss', 'sub'], messages: [{ type: MESSAGE_TYPE.deepLinkingRequest }] },
  };
}

function input(change: (m: Record<string, unknown>) => void = () => undefined, request: Partial<RegistrationRequestInput['request']> = {}): RegistrationRequestInput {
  const m = metadata();
  change(m);
  return {
    request: { contentType: 'application/json; charset=utf-8', authorization: `Bearer ${TOKEN}`, metadata: m, ...request },
    token: TOKEN,
    offer: { scopes: ['openid', SCOPE.score, SCOPE.nrps], messages: [MESSAGE_TYPE.resourceLink, MESSAGE_TYPE.deepLinkingRequest] },
  };
}

const toolConfig = (m: Record<string, unknown>): Record<string, unknown> => m[DR.toolConfiguration] as Record<string, unknown>;

describe('registration request checks', () => {
  it.each(REQUEST_CHECKS.map((c) => [c.id, c] as const))('%s passes a conforming request', (_id, check) => {
    expect(check.run(input(), CTX)).toEqual({ ok: true });
  });

  it('bearer-token fails without the Authorization header, and with another token', () => {
    expect(registrationBearer.run(input(undefined, { authorization: undefined }), CTX)).toMatchObject({ ok: false, actual: 'no Authorization header' });
    expect(registrationBearer.run(input(undefined, { authorization: 'Bearer other' }), CTX)).toMatchObject({ ok: false, expected: `Bearer ${TOKEN}`, actual: 'Bearer other' });
  });

  it('json fails on a body that is not a JSON object, and on a form content type', () => {
    expect(registrationJson.run(input(undefined, { metadata: undefined }), CTX)).toMatchObject({ ok: false, actual: 'not JSON' });
    expect(registrationJson.run(input(undefined, { contentType: 'application/x-www-form-urlencoded' }), CTX)).toMatchObject({ ok: false, expected: 'application/json' });
  });

  it('launch-members fails naming each missing member', () => {
    const v = registrationLaunchMembers.run(input((m) => { delete m.jwks_uri; m.redirect_uris = []; delete toolConfig(m).target_link_uri; }), CTX);
    expect(v).toMatchObject({ ok: false, actual: ['redirect_uris', 'jwks_uri', `${DR.toolConfiguration}.target_link_uri`] });
  });

  it('client-metadata fails on a wrong auth method and claims that are not a list', () => {
    const v = registrationClientMetadata.run(input((m) => { m.token_endpoint_auth_method = 'client_secret_basic'; toolConfig(m).claims = 'iss sub'; }), CTX);
    expect(v).toMatchObject({ ok: false, expected: ['token_endpoint_auth_method private_key_jwt', 'tool configuration claims (a list)'] });
  });

  it('client-metadata accepts what RFCs default or DR leaves optional: no application_type, no claims, no messages', () => {
    const v = registrationClientMetadata.run(input((m) => { delete m.application_type; delete toolConfig(m).claims; delete toolConfig(m).messages; }), CTX);
    expect(v).toEqual({ ok: true });
  });

  it('scopes-offered fails on a scope we did not offer', () => {
    expect(registrationScopesOffered.run(input((m) => { m.scope = `${SCOPE.score} ${SCOPE.lineItem}`; }), CTX)).toMatchObject({ ok: false, actual: [SCOPE.lineItem] });
  });

  it('messages-offered fails on a message type we did not offer', () => {
    expect(registrationMessagesOffered.run(input((m) => { toolConfig(m).messages = [{ type: MESSAGE_TYPE.submissionReview }]; }), CTX)).toMatchObject({ ok: false, actual: [MESSAGE_TYPE.submissionReview] });
  });

  it('levels follow the rules: bearer token and launch members fail, the rest warn', () => {
    expect([registrationBearer, registrationLaunchMembers, registrationSent].map((c) => c.refs[0].keyword)).toEqual(['MUST', 'MUST', 'MUST']);
    expect([registrationJson, registrationClientMetadata, registrationScopesOffered, registrationMessagesOffered, configurationFetched].map((c) => c.refs[0].keyword)).toEqual(['SHOULD', 'SHOULD', 'SHOULD', 'SHOULD', 'SHOULD']);
  });
});

describe('registration flow checks', () => {
  const flow = { configurationFetched: true, registrationReceived: true };

  it('pass when the tool read the configuration and registered', () => {
    expect(configurationFetched.run(flow, CTX)).toEqual({ ok: true });
    expect(registrationSent.run(flow, CTX)).toEqual({ ok: true });
  });

  it('fail naming where the tool page ended', () => {
    const final = { status: 400, url: 'https://tool.example/register' };
    expect(configurationFetched.run({ ...flow, configurationFetched: false, final }, CTX)).toMatchObject({ ok: false, message: expect.stringContaining('400') });
    expect(registrationSent.run({ ...flow, registrationReceived: false, final }, CTX)).toMatchObject({ ok: false, actual: 'no request' });
  });
});
