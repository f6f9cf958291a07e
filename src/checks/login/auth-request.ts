import { fail, pass, type Check } from '../../core/check.js';
import { OIDC } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';

/** What the tool sent to our authorization endpoint, and what it had to echo. */
export interface AuthRequestInput {
  params: Record<string, string>;
  sent: { loginHint: string; messageHint?: string };
  registration: { clientId: string; redirectUris: string[] };
}

const fixedValue = (param: string, value: string): Check<AuthRequestInput> => ({
  id: `auth-request.${param.replace(/_/g, '-')}.${value.replace(/_/g, '-')}`,
  title: `the authentication request has ${param}=${value}`,
  refs: [rule('LTI-OIDC-010')],
  run: ({ params }) => (params[param] === value ? pass() : fail(`${param} is ${params[param] === undefined ? 'missing' : `"${params[param]}"`}`, value, params[param] ?? null)),
});

export const authScopeOpenid = fixedValue('scope', OIDC.scope);
export const authResponseTypeIdToken = fixedValue('response_type', OIDC.responseType);
export const authResponseModeFormPost = fixedValue('response_mode', OIDC.responseMode);
export const authPromptNone = fixedValue('prompt', OIDC.prompt);

export const authClientId: Check<AuthRequestInput> = {
  id: 'auth-request.client-id.matches',
  title: 'the authentication request carries the registered client_id',
  refs: [rule('LTI-OIDC-010')],
  run: ({ params, registration }) =>
    params.client_id === registration.clientId ? pass() : fail('client_id is not the one we registered for the tool', registration.clientId, params.client_id ?? null),
};

export const authRedirectUriRegistered: Check<AuthRequestInput> = {
  id: 'auth-request.redirect-uri.registered',
  title: 'redirect_uri is one of the tool\'s registered redirect URIs',
  refs: [rule('LTI-OIDC-010'), rule('LTI-OIDC-012')],
  run: ({ params, registration }) =>
    params.redirect_uri !== undefined && registration.redirectUris.includes(params.redirect_uri)
      ? pass()
      : fail(params.redirect_uri === undefined ? 'redirect_uri is missing' : 'redirect_uri is not registered (exact string match)', registration.redirectUris, params.redirect_uri ?? null),
};

export const authLoginHintEchoed: Check<AuthRequestInput> = {
  id: 'auth-request.login-hint.echoed',
  title: 'login_hint is the one sent in the login initiation',
  refs: [rule('LTI-OIDC-010')],
  run: ({ params, sent }) => (params.login_hint === sent.loginHint ? pass() : fail('login_hint was not echoed unchanged', sent.loginHint, params.login_hint ?? null)),
};

export const authNoncePresent: Check<AuthRequestInput> = {
  id: 'auth-request.nonce.present',
  title: 'the authentication request carries a nonce',
  refs: [rule('LTI-OIDC-010')],
  run: ({ params }) => (params.nonce ? pass() : fail('nonce is missing or empty', 'a fresh non-empty value', params.nonce ?? null)),
};

export const authStatePresent: Check<AuthRequestInput> = {
  id: 'auth-request.state.present',
  title: 'the authentication request carries a state (CSRF protection)',
  refs: [rule('LTI-OIDC-011')],
  run: ({ params }) => (params.state ? pass() : fail('state is missing; the tool cannot tie the answer to the browser', 'a non-empty value', params.state ?? null)),
};

export const authMessageHintEchoed: Check<AuthRequestInput> = {
  id: 'auth-request.lti-message-hint.echoed',
  title: 'lti_message_hint is copied unchanged from the login initiation',
  refs: [rule('LTI-OIDC-004')],
  run: ({ params, sent }) =>
    sent.messageHint === undefined
      ? pass('no lti_message_hint was sent')
      : params.lti_message_hint === sent.messageHint
        ? pass()
        : fail(params.lti_message_hint === undefined ? 'lti_message_hint was dropped' : 'lti_message_hint was altered', sent.messageHint, params.lti_message_hint ?? null),
};

/** Every parameter rule of the authentication request (LTI-OIDC-010/011/012). */
export const AUTH_REQUEST_CHECKS = [
  authScopeOpenid, authResponseTypeIdToken, authResponseModeFormPost, authPromptNone, authClientId,
  authRedirectUriRegistered, authLoginHintEchoed, authNoncePresent, authStatePresent,
] as const;
