import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { KeyStore } from '../../../src/keys/store.js';
import { DR, MESSAGE_TYPE, SCOPE } from '../../../src/lti/vocab.js';
import { PlatformEmulator } from '../../../src/roles/platform/emulator.js';
import { mismatchedIssuer } from '../../../src/roles/platform/registration-metadata.js';

const metadata = (): Record<string, unknown> => ({
  application_type: 'web', grant_types: ['implicit', 'client_credentials'], response_types: ['id_token'],
  redirect_uris: ['http://127.0.0.1:1/launch'], initiate_login_uri: 'http://127.0.0.1:1/login', client_name: 'T', jwks_uri: 'http://127.0.0.1:1/jwks',
  token_endpoint_auth_method: 'private_key_jwt', scope: `${SCOPE.score} https://example.test/other`,
  [DR.toolConfiguration]: { domain: '127.0.0.1:1', target_link_uri: 'http://127.0.0.1:1/resource', claims: [], messages: [{ type: MESSAGE_TYPE.deepLinkingRequest, target_link_uri: 'http://127.0.0.1:1/dl' }] },
});

describe('platform emulator: Dynamic Registration', () => {
  let e: PlatformEmulator;
  beforeAll(async () => {
    e = await PlatformEmulator.start({ host: '127.0.0.1', port: 0, keys: await KeyStore.inMemory(), tool: { clientId: 'c', deploymentId: 'd', redirectUris: [], loginInitiationUrl: 'http://127.0.0.1/', targetLinkUri: 'http://127.0.0.1/' } });
  });
  afterAll(() => e.close());

  const post = async (body: unknown, auth?: string) => {
    const res = await request(e.registration.endpointUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify(body) });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
  };

  it('serves the configuration with the registration members', async () => {
    const res = await request(e.registration.configurationUrl('ours'));
    const c = (await res.body.json()) as Record<string, unknown>;
    expect(c).toMatchObject({
      issuer: e.issuer, registration_endpoint: e.registration.endpointUrl, response_types_supported: ['id_token'], id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'], token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    });
    expect(c.scopes_supported).toEqual(expect.arrayContaining(['openid', SCOPE.score, SCOPE.nrps]));
    expect((c[DR.platformConfiguration] as { messages_supported: unknown[] }).messages_supported).toHaveLength(3);
    expect(e.registration.log.list('configuration').at(-1)?.variant).toBe('ours');
  });

  it('serves a second configuration whose issuer is another name of the host', async () => {
    const res = await request(e.registration.configurationUrl('mismatch'));
    const c = (await res.body.json()) as Record<string, unknown>;
    expect(c.issuer).toBe(e.issuer.replace('127.0.0.1', 'localhost'));
    expect(mismatchedIssuer('http://localhost:9400')).toBe('http://127.0.0.1:9400');
    expect(mismatchedIssuer('https://lms.example/lti')).toBe('https://not-lms.example/lti');
  });

  it('answers 401 without the token or with an unknown one', async () => {
    expect((await post(metadata())).status).toBe(401);
    expect((await post(metadata(), 'Bearer nope')).status).toBe(401);
  });

  it('answers 400 invalid_redirect_uri / invalid_client_metadata for missing members', async () => {
    const token = e.registration.issueToken();
    expect(await post({ ...metadata(), redirect_uris: [] }, `Bearer ${token}`)).toMatchObject({ status: 400, body: { error: 'invalid_redirect_uri' } });
    const { jwks_uri: _j, ...noJwks } = metadata();
    expect(await post(noJwks, `Bearer ${token}`)).toMatchObject({ status: 400, body: { error: 'invalid_client_metadata' } });
  });

  it('registers: 201 with client_id, deployment_id, granted scopes; records the produced registration', async () => {
    const token = e.registration.issueToken();
    const { status, body } = await post(metadata(), `Bearer ${token}`);
    expect(status).toBe(201);
    expect(body.client_id).toMatch(/^lti-conform-dr-/);
    expect(body.scope).toBe(SCOPE.score);
    const deploymentId = (body[DR.toolConfiguration] as { deployment_id: string }).deployment_id;
    expect(e.registration.log.list('registration').at(-1)?.registration).toEqual({
      clientId: body.client_id, deploymentId, redirectUris: ['http://127.0.0.1:1/launch'], loginInitiationUrl: 'http://127.0.0.1:1/login',
      targetLinkUri: 'http://127.0.0.1:1/resource', jwksUrl: 'http://127.0.0.1:1/jwks', deepLinkingUrl: 'http://127.0.0.1:1/dl',
    });
  });

  it('answers the refusal a token was issued with (negative scenario)', async () => {
    const token = e.registration.issueToken({ refuse: { status: 400, error: 'invalid_client_metadata', description: 'on purpose' } });
    expect(await post(metadata(), `Bearer ${token}`)).toMatchObject({ status: 400, body: { error: 'invalid_client_metadata', error_description: 'on purpose' } });
  });
});
