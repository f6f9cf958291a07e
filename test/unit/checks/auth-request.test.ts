import { describe, expect, it } from 'vitest';
import type { Check, Verdict } from '../../../src/core/check.js';
import {
  AUTH_REQUEST_CHECKS, authClientId, authLoginHintEchoed, authMessageHintEchoed, authNoncePresent, authPromptNone,
  authRedirectUriRegistered, authResponseModeFormPost, authResponseTypeIdToken, authScopeOpenid, authStatePresent,
  type AuthRequestInput,
} from '../../../src/checks/login/auth-request.js';
import { OIDC } from '../../../src/lti/vocab.js';

const CTX = { profile: 'certification' as const };
const REDIRECTS = ['https://tool.example/lti/launch', 'https://tool.example/lti/launch2'];
const REGISTRATION = { clientId: 'tool-123', redirectUris: REDIRECTS };
const SENT = { loginHint: 'login-hint-42', messageHint: 'message-hint-7' };

function validParams(): Record<string, string> {
  return {
    scope: OIDC.scope,
    response_type: OIDC.responseType,
    response_mode: OIDC.responseMode,
    prompt: OIDC.prompt,
    client_id: 'tool-123',
    redirect_uri: 'https://tool.example/lti/launch',
    login_hint: 'login-hint-42',
    lti_message_hint: 'message-hint-7',
    nonce: 'n-0S6_WzA2Mj',
    state: 'af0ifjsldkj',
  };
}

function input(change: (p: Record<string, string>) => void = () => {}, sent: AuthRequestInput['sent'] = SENT): AuthRequestInput {
  const params = validParams();
  change(params);
  return { params, sent, registration: REGISTRATION };
}

const drop = (k: string) => (p: Record<string, string>) => { delete p[k]; };
const set = (k: string, v: string) => (p: Record<string, string>) => { p[k] = v; };
const bad = (message: string, expected: unknown, actual: unknown): Verdict => ({ ok: false, message, expected, actual });

type Case = [string, Check<AuthRequestInput>, AuthRequestInput, Verdict];

const FAILING: Case[] = [
  ['scope missing', authScopeOpenid, input(drop('scope')), bad('scope is missing', 'openid', null)],
  ['scope "openid profile"', authScopeOpenid, input(set('scope', 'openid profile')), bad('scope is "openid profile"', 'openid', 'openid profile')],
  ['response_type missing', authResponseTypeIdToken, input(drop('response_type')), bad('response_type is missing', 'id_token', null)],
  ['response_type "code"', authResponseTypeIdToken, input(set('response_type', 'code')), bad('response_type is "code"', 'id_token', 'code')],
  ['response_mode missing', authResponseModeFormPost, input(drop('response_mode')), bad('response_mode is missing', 'form_post', null)],
  ['response_mode "query"', authResponseModeFormPost, input(set('response_mode', 'query')), bad('response_mode is "query"', 'form_post', 'query')],
  ['prompt missing', authPromptNone, input(drop('prompt')), bad('prompt is missing', 'none', null)],
  ['prompt "login"', authPromptNone, input(set('prompt', 'login')), bad('prompt is "login"', 'none', 'login')],
  ['client_id missing', authClientId, input(drop('client_id')), bad('client_id is not the one we registered for the tool', 'tool-123', null)],
  ['client_id of another tool', authClientId, input(set('client_id', 'tool-999')), bad('client_id is not the one we registered for the tool', 'tool-123', 'tool-999')],
  ['redirect_uri missing', authRedirectUriRegistered, input(drop('redirect_uri')), bad('redirect_uri is missing', REDIRECTS, null)],
  ['redirect_uri unregistered', authRedirectUriRegistered, input(set('redirect_uri', 'https://evil.example/lti/launch')),
    bad('redirect_uri is not registered (exact string match)', REDIRECTS, 'https://evil.example/lti/launch')],
  ['redirect_uri with a trailing slash (not an exact match)', authRedirectUriRegistered, input(set('redirect_uri', 'https://tool.example/lti/launch/')),
    bad('redirect_uri is not registered (exact string match)', REDIRECTS, 'https://tool.example/lti/launch/')],
  ['login_hint missing', authLoginHintEchoed, input(drop('login_hint')), bad('login_hint was not echoed unchanged', 'login-hint-42', null)],
  ['login_hint altered', authLoginHintEchoed, input(set('login_hint', 'login-hint-43')), bad('login_hint was not echoed unchanged', 'login-hint-42', 'login-hint-43')],
  ['nonce missing', authNoncePresent, input(drop('nonce')), bad('nonce is missing or empty', 'a fresh non-empty value', null)],
  ['nonce empty', authNoncePresent, input(set('nonce', '')), bad('nonce is missing or empty', 'a fresh non-empty value', '')],
  ['state missing', authStatePresent, input(drop('state')),
    bad('state is missing; the tool cannot tie the answer to the browser', 'a non-empty value', null)],
  ['state empty', authStatePresent, input(set('state', '')),
    bad('state is missing; the tool cannot tie the answer to the browser', 'a non-empty value', '')],
  ['lti_message_hint dropped', authMessageHintEchoed, input(drop('lti_message_hint')), bad('lti_message_hint was dropped', 'message-hint-7', null)],
  ['lti_message_hint altered', authMessageHintEchoed, input(set('lti_message_hint', 'message-hint-8')), bad('lti_message_hint was altered', 'message-hint-7', 'message-hint-8')],
];

const ALL = [...AUTH_REQUEST_CHECKS, authMessageHintEchoed];

describe('authentication request checks', () => {
  it.each(ALL.map((c) => [c.id, c] as const))('%s passes a conforming authentication request', (_id, check) => {
    expect(check.run(input(), CTX)).toEqual({ ok: true });
  });

  it('the second registered redirect_uri is accepted too', () => {
    expect(authRedirectUriRegistered.run(input(set('redirect_uri', REDIRECTS[1]!)), CTX)).toEqual({ ok: true });
  });

  it.each(FAILING)('%s fails with message, expected and actual', (_name, check, given, verdict) => {
    expect(check.run(given, CTX)).toEqual(verdict);
  });

  it('each check fails only on its own parameter (the other checks still pass)', () => {
    for (const [name, failing, given] of FAILING) {
      const others = ALL.filter((c) => c !== failing).filter((c) => !c.run(given, CTX).ok).map((c) => c.id);
      expect(others, name).toEqual([]);
    }
  });

  it('every exported check has at least one failing case in the table', () => {
    const covered = new Set(FAILING.map(([, c]) => c.id));
    expect(ALL.map((c) => c.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('check ids are unique, follow subject.property.predicate and cite the spec', () => {
    const ids = ALL.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('auth-request.response-type.id-token');
    expect(ids).toContain('auth-request.response-mode.form-post');
    for (const c of ALL) {
      expect(c.id).toMatch(/^auth-request\.[a-z-]+\.[a-z-]+$/);
      expect(c.refs.length).toBeGreaterThan(0);
    }
  });

  it('AUTH_REQUEST_CHECKS holds the nine parameter rules and not the message hint rule', () => {
    expect(AUTH_REQUEST_CHECKS).toHaveLength(9);
    expect(AUTH_REQUEST_CHECKS).not.toContain(authMessageHintEchoed);
  });
});

describe('lti_message_hint when none was sent', () => {
  it('passes with a note', () => {
    const given = input(drop('lti_message_hint'), { loginHint: SENT.loginHint });
    expect(authMessageHintEchoed.run(given, CTX)).toEqual({ ok: true, note: 'no lti_message_hint was sent' });
  });

  it('passes with a note even if the tool invents one', () => {
    const given = input(set('lti_message_hint', 'invented'), { loginHint: SENT.loginHint });
    expect(authMessageHintEchoed.run(given, CTX)).toEqual({ ok: true, note: 'no lti_message_hint was sent' });
  });

  it('an empty hint that was sent must come back empty, not dropped', () => {
    const sent = { loginHint: SENT.loginHint, messageHint: '' };
    expect(authMessageHintEchoed.run(input(set('lti_message_hint', ''), sent), CTX).ok).toBe(true);
    expect(authMessageHintEchoed.run(input(drop('lti_message_hint'), sent), CTX)).toEqual(bad('lti_message_hint was dropped', '', null));
  });
});
