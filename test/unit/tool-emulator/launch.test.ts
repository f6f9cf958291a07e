import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseLaunchOutput, platformLaunch } from '../../../src/actions/tool/launch.js';
import { HarnessError, ScenarioSkipped } from '../../../src/core/errors.js';
import { KeyStore } from '../../../src/keys/store.js';
import { OIDC } from '../../../src/lti/vocab.js';
import { STATE_COOKIE, ToolEmulator } from '../../../src/roles/tool/emulator.js';
import { CLIENT_ID, DEPLOYMENT_ID, makeEnv, register, SESSION, startFakePlatform, type FakePlatform } from './fake-platform.js';

let fp: FakePlatform;
let em: ToolEmulator;

beforeAll(async () => {
  fp = await startFakePlatform();
  em = await ToolEmulator.start({ host: '127.0.0.1', port: 0, keys: await KeyStore.inMemory(), platform: fp.config });
  register(fp, em);
});
afterAll(async () => {
  await em.close();
  await fp.close();
});
beforeEach(() => {
  fp.mode = 'ok';
  fp.seen.length = 0;
});

const httpTrigger = (target = 'launch') => ({ kind: 'http' as const, http: { method: 'GET' as const, url: `${fp.base}/start?target=${target}`, headers: { Cookie: SESSION } } });

describe('platformLaunch with an http trigger', () => {
  it('follows the whole flow and verifies the id_token', async () => {
    const env = makeEnv(em, fp, { launch: httpTrigger() });
    const run = await platformLaunch(env, { trigger: 'launch' });

    expect(run.initiation?.method).toBe('GET');
    expect(run.initiation?.params).toEqual({
      iss: fp.base, login_hint: 'user-42', target_link_uri: em.urls.targetLink, lti_message_hint: 'msg-7', client_id: CLIENT_ID, lti_deployment_id: DEPLOYMENT_ID,
    });
    const sent = run.authRequest!;
    expect(sent).toMatchObject({
      scope: OIDC.scope, response_type: OIDC.responseType, response_mode: OIDC.responseMode, prompt: OIDC.prompt,
      client_id: CLIENT_ID, redirect_uri: em.urls.launch, login_hint: 'user-42', lti_message_hint: 'msg-7',
    });
    expect(sent.state).toMatch(/^[\w-]{16,}$/);
    expect(sent.nonce).toMatch(/^[\w-]{16,}$/);
    expect(sent.nonce).not.toBe(sent.state);

    expect(run.response).toMatchObject({ path: '/lti/launch', registered: true, method: 'POST', stateCookie: sent.state });
    expect(run.response?.contentType).toContain('x-www-form-urlencoded');
    expect(run.state).toEqual({ sent: sent.state, returned: sent.state });
    expect(run.nonceSent).toBe(sent.nonce);
    expect(run.idToken).toMatchObject({ signatureValid: true, kidFound: true, header: { alg: 'RS256', kid: 'fake-platform-1' }, payload: { nonce: sent.nonce, aud: CLIENT_ID } });
    expect(run.idToken?.verifyError).toBeUndefined();
    expect(em.pending(sent.state!)).toMatchObject({ nonce: sent.nonce, authRequest: sent, initiation: run.initiation });

    // The session cookie from the trigger's headers went into the jar and rode along to /auth.
    expect(fp.seen.find((s) => s.path === '/auth')?.cookie).toContain(SESSION);
    expect(run.nav?.hops.map((h) => h.status)).toEqual([302, 302, 200, 200]);
    const ev = env.evidence.snapshot();
    expect(ev.jwts).toEqual([{ label: 'id_token from the platform', header: run.idToken?.header, payload: run.idToken?.payload }]);
    expect(ev.exchanges.some((x) => x.url === `${fp.base}/jwks` && x.status === 200)).toBe(true);
    expect(ev.exchanges.some((x) => x.direction === 'inbound' && x.url.startsWith(em.urls.login))).toBe(true);
  });

  it('a plan sending the unregistered redirect_uri gets no response, and the plan is put back', async () => {
    const env = makeEnv(em, fp, { launch: httpTrigger() });
    const before = em.marks();
    const run = await platformLaunch(env, { trigger: 'launch', authPlan: (i) => ({ ...i.authRequest, redirect_uri: em.urls.unregistered }) });
    expect(run.initiation).toBeDefined();
    expect(run.authRequest?.redirect_uri).toBe(em.urls.unregistered);
    expect(run.response).toBeUndefined();
    expect(run.idToken).toBeUndefined();
    expect(em.responses.slice(before.response)).toEqual([]);
    expect(run.nav?.hops.at(-1)?.status).toBe(400);

    const again = await platformLaunch(makeEnv(em, fp, { launch: httpTrigger() }), { trigger: 'launch' });
    expect(again.authRequest?.redirect_uri).toBe(em.urls.launch);
  });

  it('a plan can drop parameters (undefined values are not sent)', async () => {
    const run = await platformLaunch(makeEnv(em, fp, { launch: httpTrigger() }), { trigger: 'launch', authPlan: (_i, d) => ({ ...d, nonce: undefined, prompt: undefined }) });
    expect(run.authRequest).not.toHaveProperty('nonce');
    expect(run.authRequest).not.toHaveProperty('prompt');
    expect(run.nonceSent).toBeUndefined();
  });

  it('a deep-linking target_link_uri routes the response to the deep-link URI', async () => {
    const run = await platformLaunch(makeEnv(em, fp, { deepLinking: httpTrigger('deep-link') }), { trigger: 'deepLinking' });
    expect(run.initiation?.params.target_link_uri).toBe(em.urls.deepLinkTarget);
    expect(run.authRequest?.redirect_uri).toBe(em.urls.deepLink);
    expect(run.response).toMatchObject({ path: '/lti/deep-link', registered: true });
    expect(run.idToken?.signatureValid).toBe(true);
  });

  it('a garbage id_token is kept undecoded, without throwing', async () => {
    fp.mode = 'garbage';
    const env = makeEnv(em, fp, { launch: httpTrigger() });
    const run = await platformLaunch(env, { trigger: 'launch' });
    expect(run.idToken).toMatchObject({ jwt: 'this is not a jwt', signatureValid: false, kidFound: false });
    expect(run.idToken?.header).toBeUndefined();
    expect(run.idToken?.payload).toBeUndefined();
    expect(run.idToken?.verifyError).toMatch(/not a decodable JWT/);
    expect(env.evidence.snapshot().jwts).toEqual([]);
  });

  it('a token signed with a key outside the JWKS decodes but does not verify', async () => {
    fp.mode = 'foreign';
    const run = await platformLaunch(makeEnv(em, fp, { launch: httpTrigger() }), { trigger: 'launch' });
    expect(run.idToken).toMatchObject({ signatureValid: false, kidFound: true, payload: { aud: CLIENT_ID } });
    expect(run.idToken?.verifyError).toBeTruthy();
  });

  it('a trigger whose page never reaches our login is a trigger failure, naming where the browser stopped', async () => {
    const env = makeEnv(em, fp, { launch: { kind: 'http', http: { method: 'GET', url: `${fp.base}/nowhere` } } });
    const p = platformLaunch(env, { trigger: 'launch' });
    await expect(p).rejects.toMatchObject({ code: 'ERR_TRIGGER_FAILED', hint: expect.stringContaining(`GET ${fp.base}/nowhere -> 404`) });
  });

  it('refuses trigger methods a browser cannot open', async () => {
    const env = makeEnv(em, fp, { launch: { kind: 'http', http: { method: 'PUT', url: `${fp.base}/start` } } });
    await expect(platformLaunch(env, { trigger: 'launch' })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
  });
});

describe('platformLaunch with other triggers', () => {
  it('command: opens the URL the command prints, with its header lines', async () => {
    const env = makeEnv(em, fp, { launch: { kind: 'command', command: `printf '%s\\n%s\\n' "${fp.base}/start?target=launch" "Cookie: ${SESSION}"` } });
    const run = await platformLaunch(env, { trigger: 'launch' });
    expect(run.response?.registered).toBe(true);
    expect(run.idToken?.signatureValid).toBe(true);
    expect(fp.seen.find((s) => s.path === '/start')?.cookie).toBe(SESSION);
  });

  it('command: output without a URL is a trigger failure', async () => {
    const env = makeEnv(em, fp, { launch: { kind: 'command', command: 'echo nothing to see' } });
    await expect(platformLaunch(env, { trigger: 'launch' })).rejects.toMatchObject({ code: 'ERR_TRIGGER_FAILED' });
  });

  it('manual: announces what to click, then times out cleanly', async () => {
    const env = makeEnv(em, fp, { launch: { kind: 'manual', timeoutMs: 150 } });
    const started = Date.now();
    await expect(platformLaunch(env, { trigger: 'launch' })).rejects.toMatchObject({ code: 'ERR_TIMEOUT', message: expect.stringContaining('within 150 ms') });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(env.announced).toHaveLength(1);
    expect(env.announced[0]).toContain(`Launch the tool registered as ${CLIENT_ID} from your LMS`);
    expect(env.announced[0]).toContain(em.urls.login);
  });

  it('manual: a launch made meanwhile (by a person) is collected', async () => {
    const env = makeEnv(em, fp, { launch: { kind: 'manual', timeoutMs: 5000 } });
    const pending = platformLaunch(env, { trigger: 'launch' });
    await makeEnv(em, fp, {}).browser.navigate({ method: 'GET', url: `${fp.base}/start?target=launch` });
    const run = await pending;
    expect(run.response?.registered).toBe(true);
    expect(run.idToken?.signatureValid).toBe(true);
  });

  it('no trigger configured: the scenario is skipped', async () => {
    const p = platformLaunch(makeEnv(em, fp, {}), { trigger: 'launch' });
    await expect(p).rejects.toBeInstanceOf(ScenarioSkipped);
    await expect(p).rejects.toThrow('no trigger configured (triggers.launch)');
  });
});

describe('parseLaunchOutput', () => {
  it('reads the URL and header lines, skipping blank lines', () => {
    expect(parseLaunchOutput('\nhttps://lms.example/launch?x=1\r\nCookie: a=b; c=d\nX-Token:  t\n\n', 'launch'))
      .toEqual({ url: 'https://lms.example/launch?x=1', method: 'GET', headers: { Cookie: 'a=b; c=d', 'X-Token': 't' } });
  });

  it.each([
    ['', /printed nothing/],
    ['not a url', /not a URL/],
    ['javascript:alert(1)', /not http/],
    ['https://lms.example/\njust text', /line 2 is not/],
  ])('refuses %j', (out, why) => {
    expect(() => parseLaunchOutput(out, 'launch')).toThrow(HarnessError);
    expect(() => parseLaunchOutput(out, 'launch')).toThrow(why);
  });
});

it('the state cookie is named for lti-conform', () => {
  expect(STATE_COOKIE).toBe('lti_conform_state');
});
