import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferencePlatform } from '../../../src/reference/platform/index.js';
import { authorize, authParams, launch, send, startLaunch, type Env } from './client.js';
import { FakeTool } from './fake-tool.js';

let env: Env;
let clock = Date.now();
beforeAll(async () => {
  const tool = await FakeTool.start();
  env = { tool, platform: await startReferencePlatform({ tool: tool.registration, now: () => clock }) };
});
afterAll(async () => {
  await env.platform.close();
  await env.tool.close();
});

describe('reference platform: authentication request refusals', () => {
  it.each([
    ['an unregistered redirect_uri', { redirect_uri: 'http://127.0.0.1:1/stolen' }],
    ['a redirect_uri that only extends a registered one', { redirect_uri: 'REGISTERED/x' }],
    ['no redirect_uri', { redirect_uri: undefined }],
    ['an unknown client_id', { client_id: 'someone-else' }],
    ['no client_id', { client_id: undefined }],
  ])('answers %s with a 400 page and posts nothing', async (_n, change: Record<string, string | undefined>) => {
    const s = await startLaunch(env);
    const params: Record<string, string | undefined> = { ...authParams(env, s), ...change };
    if (params.redirect_uri?.startsWith('REGISTERED')) params.redirect_uri = params.redirect_uri.replace('REGISTERED', env.tool.registration.redirectUris[0] ?? '');
    const a = await authorize(env, params, s.cookie);
    expect(a.hop.status).toBe(400);
    expect(a.form).toBeUndefined();
    expect(a.hop.body).not.toContain('id_token');
  });

  it('posts to any of the registered redirect URIs', async () => {
    const second = env.tool.registration.redirectUris[1] ?? '';
    const l = await launch(env, {}, { redirect_uri: second });
    expect(l.form?.action).toBe(second);
    expect(l.idToken).toBeDefined();
  });

  it.each([
    ['no nonce', { nonce: undefined }, 'invalid_request'],
    ['response_type=code', { response_type: 'code' }, 'unsupported_response_type'],
    ['response_mode=query', { response_mode: 'query' }, 'invalid_request'],
    ['scope=profile', { scope: 'profile' }, 'invalid_scope'],
    ['no prompt', { prompt: undefined }, 'invalid_request'],
    ['prompt=login', { prompt: 'login' }, 'invalid_request'],
    ['the login_hint of another user', { login_hint: 'ref-user-student-2001' }, 'login_required'],
    ['a tampered lti_message_hint', { lti_message_hint: 'TAMPER' }, 'invalid_request'],
    ['no lti_message_hint', { lti_message_hint: undefined }, 'invalid_request'],
  ])('answers %s with an error form post to the redirect URI, state echoed', async (_n, change: Record<string, string | undefined>, error) => {
    const s = await startLaunch(env);
    const params = { ...authParams(env, s), ...change };
    if (params.lti_message_hint === 'TAMPER') params.lti_message_hint = `${s.initiation.get('lti_message_hint') ?? ''}x`;
    const a = await authorize(env, params, s.cookie);
    expect(a.hop.status).toBe(200);
    expect(a.form?.action).toBe(env.tool.registration.redirectUris[0]);
    expect(a.form?.fields).toEqual({ error, error_description: expect.any(String) as string, state: 'state-123' });
  });

  it('accepts scope lists that include openid', async () => {
    expect((await launch(env, {}, { scope: 'openid profile' })).idToken).toBeDefined();
  });

  it('leaves state out of an error when the request had none', async () => {
    const a = await launch(env, {}, { nonce: undefined, state: undefined });
    expect(a.form?.fields).toEqual({ error: 'invalid_request', error_description: expect.any(String) as string });
  });

  it('answers login_required when no user is signed in (prompt=none)', async () => {
    const s = await startLaunch(env);
    const a = await authorize(env, authParams(env, s), '');
    expect(a.form?.fields.error).toBe('login_required');
  });

  it("refuses a message hint issued to another user's launch", async () => {
    const instructor = await startLaunch(env);
    const student = await startLaunch(env, { persona: 'student' });
    const params = { ...authParams(env, instructor), lti_message_hint: student.initiation.get('lti_message_hint') ?? '' };
    expect((await authorize(env, params, instructor.cookie)).form?.fields.error).toBe('invalid_request');
  });

  it('refuses a message hint older than 30 minutes', async () => {
    const s = await startLaunch(env);
    clock += 31 * 60_000;
    try {
      expect((await authorize(env, authParams(env, s), s.cookie)).form?.fields.error).toBe('invalid_request');
    } finally {
      clock -= 31 * 60_000;
    }
  });

  it('lets a browser switch persona: the newest launch decides who is signed in', async () => {
    const first = await startLaunch(env);
    const second = await send(env.platform.launchUrl({ persona: 'student' }), { cookie: first.cookie });
    expect(String(second.headers['set-cookie'])).toContain(first.cookie);
    const again = await authorize(env, authParams(env, first), first.cookie);
    expect(again.form?.fields.error).toBe('login_required');
  });
});
