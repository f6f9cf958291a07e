import { launch, type LoginParams } from '../../../src/actions/platform/launch.js';
import type { ToolTestEnv } from '../../../src/actions/platform/env.js';
import { AUTH_REQUEST_CHECKS, authMessageHintEchoed } from '../../../src/checks/login/auth-request.js';
import { loginProceeds, loginRefused } from '../../../src/checks/login/initiation.js';
import { launchAccepted } from '../../../src/checks/launch/outcome.js';
import { rule } from '../../../src/spec/rules.js';
import type { SpecRef } from '../../../src/spec/specs.js';
import { customScenario, evidenceOf, finalAnswer, requirePostedToken, type ToolScenario } from './kinds.js';

const drop = (...keys: string[]) => (d: Record<string, string>): LoginParams => {
  const out: LoginParams = { ...d };
  for (const k of keys) delete out[k];
  return out;
};

function initiation(method: 'GET' | 'POST'): ToolScenario {
  const refs = [rule('LTI-OIDC-002'), rule('LTI-OIDC-010')] as const;
  return customScenario({
    id: `tool.launch.login-${method.toLowerCase()}`, title: `answers a login initiation sent by ${method} with a complete authentication request`,
    summary: `Third-party initiated login by ${method} (NT-T-32): the tool must send the browser to our authorization endpoint with scope, response_type, response_mode, prompt, client_id, a registered redirect_uri, login_hint, nonce (and should add state); the launch that follows must be accepted.`,
    refs, launch: {},
  }, async (ctx) => {
    const run = await launch(ctx.env, { method, login: drop('lti_message_hint') });
    const answer = { reachedAuthorization: run.auth !== undefined, finalStatus: run.nav.final.status, finalUrl: run.nav.final.url };
    if (!ctx.judge(loginProceeds(refs), answer, { evidence: evidenceOf(run.nav) }) || !run.auth) return;
    const input = { params: run.auth.params, sent: { loginHint: run.login.login_hint ?? '' }, registration: ctx.env.tool };
    for (const check of AUTH_REQUEST_CHECKS) ctx.judge(check, input, { evidence: [run.auth.exchangeId] });
    requirePostedToken(run);
    ctx.judge(launchAccepted(refs), { answer: finalAnswer(run.nav), rules: ctx.env.outcome }, { evidence: evidenceOf(run.nav) });
  });
}

const messageHint = customScenario({
  id: 'tool.launch.login-echoes-message-hint', title: 'copies lti_message_hint unchanged into the authentication request',
  summary: 'NT-T-31: the login initiation carries an lti_message_hint with spaces, slashes, plus signs and non-ASCII characters; the authentication request must carry it byte for byte.',
  refs: [rule('LTI-OIDC-004')], launch: {},
}, async (ctx) => {
  const hint = 'lti-conform/hint +=&?:ü 1';
  const run = await launch(ctx.env, { login: (d) => ({ ...d, lti_message_hint: hint }) });
  if (!run.auth) {
    ctx.judge(loginProceeds([rule('LTI-OIDC-002')]), { reachedAuthorization: false, finalStatus: run.nav.final.status, finalUrl: run.nav.final.url }, { evidence: evidenceOf(run.nav) });
    return;
  }
  ctx.judge(authMessageHintEchoed, { params: run.auth.params, sent: { loginHint: run.login.login_hint ?? '', messageHint: hint }, registration: ctx.env.tool }, { evidence: [run.auth.exchangeId] });
});

interface BadLogin {
  id: string;
  title: string;
  summary: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  login: (d: Record<string, string>, env: ToolTestEnv) => LoginParams;
}

const BAD_LOGINS: BadLogin[] = [
  { id: 'login-refuses-missing-iss', title: 'refuses a login initiation without iss', summary: 'NT-T-29 (practice: LTI-OIDC-001 binds the platform, so a warning).', refs: [rule('LTI-OIDC-001', 'SHOULD')], login: drop('iss') },
  { id: 'login-refuses-missing-login-hint', title: 'refuses a login initiation without login_hint', summary: 'NT-T-29 (practice, a warning).', refs: [rule('LTI-OIDC-001', 'SHOULD')], login: drop('login_hint') },
  { id: 'login-refuses-missing-target-link-uri', title: 'refuses a login initiation without target_link_uri', summary: 'NT-T-29 (practice, a warning).', refs: [rule('LTI-OIDC-001', 'SHOULD')], login: drop('target_link_uri') },
  { id: 'login-refuses-unknown-issuer', title: 'refuses a login initiation from an unknown issuer', summary: 'NT-T-30: iss of a platform the tool never registered.', refs: [rule('LTI-OIDC-006')], login: (d) => ({ ...d, iss: 'https://unregistered-platform.example' }) },
  { id: 'login-refuses-unknown-client-id', title: 'refuses a login initiation for an unknown client_id', summary: 'NT-T-30: our issuer with a client_id the tool never registered.', refs: [rule('LTI-OIDC-006')], login: (d) => ({ ...d, client_id: 'lti-conform-unregistered-client' }) },
];

const badLogins: ToolScenario[] = BAD_LOGINS.map((b) =>
  customScenario({ id: `tool.launch.${b.id}`, title: b.title, summary: `${b.summary} The tool should answer with an error instead of starting authentication.`, refs: b.refs, launch: {} }, async (ctx) => {
    const run = await launch(ctx.env, { login: b.login });
    ctx.judge(loginRefused(b.refs), { reachedAuthorization: run.auth !== undefined, finalStatus: run.nav.final.status, finalUrl: run.nav.final.url }, { evidence: evidenceOf(run.nav) });
  }),
);

export const loginScenarios: ToolScenario[] = [initiation('GET'), initiation('POST'), messageHint, ...badLogins];
