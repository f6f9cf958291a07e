import { fail, pass, type Check } from '../../core/check.js';
import { rule } from '../../spec/rules.js';

// Step 1 of the launch: the platform's third-party initiated login to our login URL ([SEC] §5.1.1.1; [CORE] §4.1).

/** The login initiation parameters (query or form), and the registration they had to match. */
export interface LoginInitiationInput {
  params: Record<string, string>;
  expected: { issuer: string; clientId: string; deploymentId: string; targetLinkUris: string[] };
}

const shownParam = (v: string | undefined): string => (v === undefined ? 'missing' : JSON.stringify(v));

export const loginIss: Check<LoginInitiationInput> = {
  id: 'login-initiation.iss.matches',
  title: 'iss is present and is the configured platform issuer',
  refs: [rule('LTI-OIDC-001'), rule('PLT-ISS')],
  run: ({ params, expected }) => {
    if (params.iss === expected.issuer) return pass();
    return fail(params.iss ? `iss is ${shownParam(params.iss)}, not the configured issuer (case-sensitive match)` : 'iss is missing or empty', expected.issuer, params.iss ?? null);
  },
};

export const loginHintPresent: Check<LoginInitiationInput> = {
  id: 'login-initiation.login-hint.present',
  title: 'login_hint is present',
  refs: [rule('LTI-OIDC-001')],
  run: ({ params }) => (params.login_hint ? pass() : fail('login_hint is missing or empty', 'a non-empty opaque value', params.login_hint ?? null)),
};

export const loginTargetPresent: Check<LoginInitiationInput> = {
  id: 'login-initiation.target-link-uri.present',
  title: 'target_link_uri is present',
  refs: [rule('LTI-OIDC-001')],
  run: ({ params, expected }) => (params.target_link_uri ? pass() : fail('target_link_uri is missing or empty', expected.targetLinkUris, params.target_link_uri ?? null)),
};

export const loginTargetRegistered: Check<LoginInitiationInput> = {
  id: 'login-initiation.target-link-uri.registered',
  title: 'target_link_uri is one of our launch URLs',
  refs: [rule('PLT-LOGIN-TARGET')],
  run: ({ params, expected }) => {
    const t = params.target_link_uri;
    if (!t) return pass('no target_link_uri (login-initiation.target-link-uri.present judges that)');
    return expected.targetLinkUris.includes(t) ? pass() : fail(`target_link_uri ${shownParam(t)} is none of our launch URLs (exact string match)`, expected.targetLinkUris, t);
  },
};

export const loginClientId: Check<LoginInitiationInput> = {
  id: 'login-initiation.client-id.matches',
  title: 'client_id, when sent, is our client id',
  refs: [rule('PLT-LOGIN-CLIENT-ID')],
  run: ({ params, expected }) => {
    if (params.client_id === undefined) return pass('no client_id sent (it is optional)');
    return params.client_id === expected.clientId ? pass() : fail(`client_id is ${shownParam(params.client_id)}, not the client id of our registration`, expected.clientId, params.client_id);
  },
};

export const loginDeploymentId: Check<LoginInitiationInput> = {
  id: 'login-initiation.lti-deployment-id.configured',
  title: 'lti_deployment_id, when sent, is the configured deployment',
  refs: [rule('PLT-DEPLOYMENT')],
  run: ({ params, expected }) => {
    const d = params.lti_deployment_id;
    if (d === undefined) return pass('no lti_deployment_id sent (it is optional)');
    return d === expected.deploymentId ? pass() : fail(`lti_deployment_id is ${shownParam(d)}, not the configured deployment`, expected.deploymentId, d);
  },
};

/** Every rule of the login initiation (NT-P-01; the match with the id_token's deployment_id is an id_token check). */
export const LOGIN_INITIATION_CHECKS = [loginIss, loginHintPresent, loginTargetPresent, loginTargetRegistered, loginClientId, loginDeploymentId] as const;
