import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformTestEnv } from '../../../src/actions/tool/env.js';
import { clientMetadata, derivePlatform, placeholderPlatform } from '../../../src/actions/tool/registration-metadata.js';
import { fetchConfiguration } from '../../../src/actions/tool/registration.js';
import { resolveConfig } from '../../../src/config/load.js';
import { EvidenceRecorder } from '../../../src/core/evidence.js';
import { DR, MESSAGE_TYPE, SCOPE } from '../../../src/lti/vocab.js';
import type { ToolUrls } from '../../../src/roles/tool/emulator.js';
import { configError } from '../config/helpers.js';

const URLS: ToolUrls = {
  login: 'https://t.example/lti/login', launch: 'https://t.example/lti/launch', deepLink: 'https://t.example/lti/deep-link', unregistered: 'https://t.example/x',
  jwks: 'https://t.example/jwks', targetLink: 'https://t.example/lti/launch', deepLinkTarget: 'https://t.example/lti/deep-link', registration: 'https://t.example/lti/register',
};
const TARGET = { kind: 'platform' as const, registration: {}, services: { lineItemsUrl: 'https://lms.example/li' } };
const CONFIG = { issuer: 'https://lms.example', authorization_endpoint: 'https://lms.example/auth', token_endpoint: 'https://lms.example/token', jwks_uri: 'https://lms.example/jwks' };

describe('our client metadata', () => {
  it('asks only for supported scopes and offers submission review only when the platform lists it', () => {
    const m = clientMetadata(URLS, { scopes_supported: ['openid', SCOPE.score, SCOPE.nrps], [DR.platformConfiguration]: { messages_supported: [{ type: MESSAGE_TYPE.submissionReview }] } });
    expect(m.scope).toBe(`${SCOPE.score} ${SCOPE.nrps}`);
    expect(m).toMatchObject({ application_type: 'web', grant_types: ['implicit', 'client_credentials'], response_types: ['id_token'], redirect_uris: [URLS.launch, URLS.deepLink], initiate_login_uri: URLS.login, jwks_uri: URLS.jwks, token_endpoint_auth_method: 'private_key_jwt' });
    const tc = m[DR.toolConfiguration] as { domain: string; messages: { type: string }[] };
    expect(tc.domain).toBe('t.example');
    expect(tc.messages.map((x) => x.type)).toEqual([MESSAGE_TYPE.resourceLink, MESSAGE_TYPE.deepLinkingRequest, MESSAGE_TYPE.submissionReview]);
    expect((clientMetadata(URLS, {})[DR.toolConfiguration] as { messages: unknown[] }).messages).toHaveLength(2);
  });

  it('derives the platform from the configuration and answer, keeping configured services; no deployment_id leaves it to the first launch', () => {
    expect(derivePlatform(TARGET, CONFIG, { client_id: 'c1', [DR.toolConfiguration]: { deployment_id: 'd1' } })).toEqual({
      kind: 'platform', issuer: CONFIG.issuer, clientId: 'c1', deploymentId: 'd1', authorizationUrl: CONFIG.authorization_endpoint, tokenUrl: CONFIG.token_endpoint, jwksUrl: CONFIG.jwks_uri, services: TARGET.services,
    });
    expect(derivePlatform(TARGET, CONFIG, { client_id: 'c1' })).toMatchObject({ deploymentId: '' });
    expect(derivePlatform(TARGET, CONFIG, {})).toBe('the registration answer has no client_id');
    expect(derivePlatform(TARGET, { issuer: 'x' }, { client_id: 'c' })).toMatch(/lacks authorization_endpoint, token_endpoint, jwks_uri/);
    // authorization_server becomes the aud of our assertions; a numeric client_id is read as its string
    expect(derivePlatform(TARGET, { ...CONFIG, authorization_server: 'https://auth.lms.example/token' }, { client_id: 42 })).toMatchObject({ clientId: '42', authorizationServer: 'https://auth.lms.example/token' });
    expect(derivePlatform(TARGET, CONFIG, { client_id: 'c1' })).not.toHaveProperty('authorizationServer');
    expect(placeholderPlatform({ ...TARGET, registration: { openidConfigurationUrl: 'https://lms.example/.well-known/openid-configuration' } }).issuer).toBe('https://lms.example');
  });
});

describe('fetching a hostile OpenID configuration', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (req.url === '/html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
      if (req.url === '/ok') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ seen: req.headers.authorization ?? null }));
      // /hang: never answers
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  const env = (): PlatformTestEnv => ({ evidence: new EvidenceRecorder(), timeoutMs: 500, signal: new AbortController().signal } as unknown as PlatformTestEnv);

  it('errors with a reason on a redirect loop, an HTML page and a hang; sends the token as bearer', async () => {
    await expect(fetchConfiguration(env(), `${base}/loop`, undefined)).rejects.toMatchObject({ code: 'ERR_REDIRECT_LOOP' });
    await expect(fetchConfiguration(env(), `${base}/html`, undefined)).rejects.toMatchObject({ code: 'ERR_UNEXPECTED_RESPONSE', message: expect.stringMatching(/text\/html, not JSON/) as unknown as string });
    await expect(fetchConfiguration(env(), `${base}/hang`, undefined)).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
    const ok = await fetchConfiguration(env(), `${base}/ok`, 'tok');
    expect(ok.json).toEqual({ seen: 'Bearer tok' });
  });
});

describe('config: a dynamic platform target', () => {
  const base = { target: { kind: 'platform', registration: {} } };
  it('needs openidConfigurationUrl or triggers.register, naming the field', async () => {
    const e = await configError(() => resolveConfig(base, { env: {}, baseDir: '/' }));
    expect(e.message).toMatch(/target\.registration\.openidConfigurationUrl: is required unless triggers\.register/);
    expect(resolveConfig({ ...base, triggers: { register: 'manual' } }, { env: {}, baseDir: '/' }).target).toEqual(base.target);
    expect(resolveConfig({ target: { kind: 'platform', registration: { openidConfigurationUrl: 'https://lms.example/c' } } }, { env: {}, baseDir: '/' }).target).toMatchObject({ registration: { openidConfigurationUrl: 'https://lms.example/c' } });
  });
});
