import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../../src/keys/store.js';
import { CLAIM, OIDC } from '../../../src/lti/vocab.js';
import { STATE_COOKIE, ToolEmulator } from '../../../src/roles/tool/emulator.js';
import type { PlatformTargetConfig } from '../../../src/config/types.js';

const PLATFORM: PlatformTargetConfig = {
  kind: 'platform', issuer: 'https://lms.example', clientId: 'client-9', deploymentId: 'dep-9',
  authorizationUrl: 'https://lms.example/auth?tenant=t1', tokenUrl: 'https://lms.example/token', jwksUrl: 'https://lms.example/jwks',
};
let em: ToolEmulator;
let keys: KeyStore;

beforeAll(async () => {
  keys = await KeyStore.inMemory();
  em = await ToolEmulator.start({ host: '127.0.0.1', port: 0, keys, platform: { ...PLATFORM }, now: () => 1_700_000_000 });
});
afterAll(() => em.close());

async function call(method: 'GET' | 'POST', url: string, form?: Record<string, string>, headers: Record<string, string> = {}) {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const res = await request(url, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(body ? { body } : {}) });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

const loginParams = (target: string) => ({ iss: PLATFORM.issuer, login_hint: 'u1', target_link_uri: target, lti_message_hint: 'h1' });

describe('ToolEmulator', () => {
  it('publishes its URLs and the values a platform registers', () => {
    const base = `http://127.0.0.1:${em.server.port}`;
    expect(em.urls).toEqual({
      login: `${base}/lti/login`, launch: `${base}/lti/launch`, deepLink: `${base}/lti/deep-link`, unregistered: `${base}/lti/unregistered`,
      jwks: `${base}/.well-known/jwks.json`, targetLink: `${base}/lti/launch`, deepLinkTarget: `${base}/lti/deep-link`, registration: `${base}/lti/register`,
    });
    expect(em.registrationValues()).toEqual({
      loginInitiationUrl: em.urls.login, redirectUris: [em.urls.launch, em.urls.deepLink], targetLinkUri: em.urls.launch,
      deepLinkingUrl: em.urls.deepLink, jwksUrl: em.urls.jwks, registrationUrl: em.urls.registration, clientId: 'client-9', deploymentId: 'dep-9',
    });
    expect(em.registrationValues().redirectUris).not.toContain(em.urls.unregistered);
  });

  it('serves the public JWKS of its key store', async () => {
    const r = await call('GET', em.urls.jwks);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual(keys.jwks());
    expect(r.text).not.toMatch(/"d"\s*:/);
  });

  it('answers a POST login with a 302 to the authorization URL, keeping its query, and a state cookie', async () => {
    const mark = em.marks();
    const r = await call('POST', em.urls.login, loginParams(em.urls.deepLinkTarget));
    expect(r.status).toBe(302);
    const loc = new URL(String(r.headers.location));
    expect(`${loc.origin}${loc.pathname}`).toBe('https://lms.example/auth');
    const q = Object.fromEntries(loc.searchParams);
    expect(q).toMatchObject({
      tenant: 't1', scope: OIDC.scope, response_type: OIDC.responseType, response_mode: OIDC.responseMode, prompt: OIDC.prompt,
      client_id: 'client-9', redirect_uri: em.urls.deepLink, login_hint: 'u1', lti_message_hint: 'h1',
    });
    expect(String(r.headers['set-cookie'])).toBe(`${STATE_COOKIE}=${q.state}; Path=/; HttpOnly; Secure; SameSite=None`);
    const rec = em.initiations[mark.initiation]!;
    expect(rec).toMatchObject({ method: 'POST', at: 1_700_000_000, params: loginParams(em.urls.deepLinkTarget) });
    expect(rec.authRequest).toEqual(Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'tenant')));
    expect(em.pending(q.state!)).toEqual({ nonce: q.nonce, authRequest: rec.authRequest, initiation: rec });
  });

  it('drops parameters the initiation did not have (no login_hint to echo)', async () => {
    const r = await call('GET', `${em.urls.login}?iss=x`);
    const q = new URL(String(r.headers.location)).searchParams;
    expect(q.has('login_hint')).toBe(false);
    expect(q.has('lti_message_hint')).toBe(false);
    expect(q.get('redirect_uri')).toBe(em.urls.launch);
  });

  it('a plan that throws is a 500, and the initiation is still recorded', async () => {
    const mark = em.marks();
    em.authPlan = () => {
      throw new Error('boom <b>');
    };
    try {
      const r = await call('GET', `${em.urls.login}?iss=x`);
      expect(r.status).toBe(500);
      expect(r.text).toContain('boom');
      expect(r.text).not.toContain('<b>');
      expect(em.initiations.length).toBe(mark.initiation + 1);
    } finally {
      em.authPlan = (_i, d) => d;
    }
  });

  it('records responses at registered and unregistered URIs, with the state cookie', async () => {
    const mark = em.marks();
    const a = await call('POST', em.urls.launch, { id_token: 'a.b.c', state: 's1' }, { cookie: `other=1; ${STATE_COOKIE}=s1` });
    expect(a.status).toBe(200);
    expect(a.text).toContain('lti-conform received the launch');
    await call('POST', em.urls.unregistered, { id_token: 'x.y.z', state: 's2' });
    await call('GET', `${em.urls.deepLink}?error=login_required&state=s3`);
    expect(em.responses.slice(mark.response)).toEqual([
      expect.objectContaining({ path: '/lti/launch', registered: true, method: 'POST', form: { id_token: 'a.b.c', state: 's1' }, stateCookie: 's1', at: 1_700_000_000 }),
      expect.objectContaining({ path: '/lti/unregistered', registered: false, form: { id_token: 'x.y.z', state: 's2' } }),
      expect.objectContaining({ path: '/lti/deep-link', registered: true, method: 'GET', form: { error: 'login_required', state: 's3' } }),
    ]);
    expect(em.responses[mark.response + 1]).not.toHaveProperty('stateCookie');
  });

  it('waitFor resolves on a later record, honours since, and gives undefined on timeout or abort', async () => {
    const mark = em.marks();
    const waiting = em.waitFor('response', (r) => r.form.state === 'later', { timeoutMs: 5000, since: mark.response });
    await call('POST', em.urls.launch, { state: 'later' });
    expect((await waiting)?.form.state).toBe('later');
    expect(await em.waitFor('response', () => true, { timeoutMs: 20, since: em.marks().response })).toBeUndefined();
    const ac = new AbortController();
    const aborted = em.waitFor('initiation', () => true, { timeoutMs: 5000, signal: ac.signal, since: em.marks().initiation });
    ac.abort();
    expect(await aborted).toBeUndefined();
    // A throwing matcher counts as no match.
    expect(await em.waitFor('response', () => { throw new Error('x'); }, { timeoutMs: 10 })).toBeUndefined();
  });

  it('uses publicUrl for every URL it hands out', async () => {
    const other = await ToolEmulator.start({ host: '127.0.0.1', port: 0, publicUrl: 'https://tunnel.example/base/', keys, platform: PLATFORM });
    try {
      expect(other.urls.login).toBe('https://tunnel.example/base/lti/login');
      expect(other.registrationValues().jwksUrl).toBe('https://tunnel.example/base/.well-known/jwks.json');
    } finally {
      await other.close();
    }
  });
});

describe('ToolEmulator: Dynamic Registration initiation', () => {
  it('records openid_configuration and registration_token and answers a page with the close button', async () => {
    const since = em.marks().registration;
    const r = await call('GET', `${em.urls.registration}?openid_configuration=${encodeURIComponent('https://lms.example/c')}&registration_token=tok`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('org.imsglobal.lti.close');
    expect(em.registrationInitiations.slice(since).map((x) => x.params)).toEqual([{ openid_configuration: 'https://lms.example/c', registration_token: 'tok' }]);
  });

  it('adopts the first launch deployment when the registration named none', async () => {
    const saved = em.platform;
    em.platform = { ...saved, deploymentId: '' };
    em.learnDeploymentId = true;
    try {
      await call('GET', `${em.urls.login}?iss=${encodeURIComponent(saved.issuer)}&login_hint=u&target_link_uri=${encodeURIComponent(em.urls.launch)}&lti_deployment_id=learnt-1`);
      expect(em.platform.deploymentId).toBe('learnt-1');
      expect(em.learnDeploymentId).toBe(false);
    } finally {
      em.platform = saved;
    }
  });

  it('adopts the deployment_id of the first id_token when the initiation named none (lti_deployment_id is optional)', async () => {
    const saved = em.platform;
    em.platform = { ...saved, deploymentId: '' };
    em.learnDeploymentId = true;
    try {
      await call('GET', `${em.urls.login}?iss=${encodeURIComponent(saved.issuer)}&login_hint=u&target_link_uri=${encodeURIComponent(em.urls.launch)}`);
      expect(em.learnDeploymentId).toBe(true);
      const unsigned = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
      const idToken = `${unsigned({ alg: 'RS256' })}.${unsigned({ [CLAIM.deploymentId]: 'from-token' })}.c2ln`;
      await call('POST', em.urls.launch, { id_token: idToken });
      expect(em.platform.deploymentId).toBe('from-token');
      expect(em.learnDeploymentId).toBe(false);
    } finally {
      em.platform = saved;
    }
  });
});
