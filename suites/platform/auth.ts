import type { AuthPlan } from '../../src/roles/tool/auth-request.js';
import { platformLaunch } from '../../src/actions/tool/launch.js';
import { authRequestRefused, authResponseRegisteredUri } from '../../src/checks/platform/index.js';
import { rule } from '../../src/spec/rules.js';
import type { SpecRef } from '../../src/spec/specs.js';
import type { PlatformScenario } from './kinds.js';

interface BadRequest {
  id: string;
  title: string;
  summary: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  plan: AuthPlan;
}

const without = (key: string): AuthPlan => (_i, d) => ({ ...d, [key]: undefined });
const set = (key: string, value: string): AuthPlan => (_i, d) => ({ ...d, [key]: value });

const BAD: BadRequest[] = [
  { id: 'rejects-unregistered-redirect-uri', title: 'refuses an unregistered redirect_uri and never posts a token there', summary: 'NT-P-02: redirect_uri is a URI of ours that was never registered.', refs: [rule('LTI-OIDC-012')], plan: (_i, d) => d },
  { id: 'rejects-wrong-client-id', title: 'refuses a wrong client_id', summary: 'NT-P-03.', refs: [rule('LTI-OIDC-012')], plan: set('client_id', 'lti-conform-unknown-client') },
  { id: 'rejects-other-users-login-hint', title: 'refuses a login_hint of another user', summary: 'NT-P-04: the login_hint does not match the logged-in user.', refs: [rule('LTI-OIDC-013')], plan: set('login_hint', 'lti-conform-someone-else') },
  { id: 'rejects-missing-nonce', title: 'refuses an authentication request without nonce', summary: 'NT-P-05: nonce is REQUIRED in the implicit flow and the provider verifies required parameters.', refs: [{ spec: 'OIDC', section: '§3.2.2.1, §3.1.2.2', keyword: 'MUST' }], plan: without('nonce') },
  { id: 'rejects-code-response-type', title: 'refuses response_type=code', summary: 'NT-P-06 (LTI-OIDC-010 binds the tool, so a warning).', refs: [rule('LTI-OIDC-010', 'SHOULD')], plan: set('response_type', 'code') },
  { id: 'rejects-query-response-mode', title: 'refuses response_mode=query', summary: 'NT-P-06 (LTI-OIDC-010 binds the tool, so a warning).', refs: [rule('LTI-OIDC-010', 'SHOULD')], plan: set('response_mode', 'query') },
  { id: 'rejects-wrong-scope', title: 'refuses scope=profile', summary: 'NT-P-06 (LTI-OIDC-010 binds the tool, so a warning).', refs: [rule('LTI-OIDC-010', 'SHOULD')], plan: set('scope', 'profile') },
  { id: 'rejects-missing-prompt', title: 'refuses an authentication request without prompt=none', summary: 'NT-P-06: prompt is optional in OpenID Connect; LTI\'s REQUIRED binds the tool, so a warning.', refs: [rule('LTI-OIDC-010', 'SHOULD')], plan: without('prompt') },
  { id: 'rejects-tampered-message-hint', title: 'refuses a tampered lti_message_hint', summary: 'NT-P-07: practice only (the hint is the platform\'s own), so a warning.', refs: [rule('LTI-OIDC-004', 'SHOULD')], plan: (_i, d) => ({ ...d, lti_message_hint: `${d.lti_message_hint ?? ''}-tampered` }) },
];

export const authScenarios: PlatformScenario[] = BAD.map((b) => ({
  id: `platform.auth.${b.id}`, title: b.title, summary: `${b.summary} A fresh launch through triggers.launch, answered with this authentication request; no id_token may be issued.`,
  role: 'platform', suite: 'platform.auth', refs: b.refs,
  skipReason: (env) => (env.triggers.launch ? undefined : 'no trigger configured (triggers.launch)'),
  async run(ctx) {
    const unregistered = ctx.env.toolEmulator.urls.unregistered;
    const plan: AuthPlan = b.id === 'rejects-unregistered-redirect-uri' ? (_i, d) => ({ ...d, redirect_uri: unregistered }) : b.plan;
    const before = ctx.env.toolEmulator.marks().response;
    const run = await platformLaunch(ctx.env, { trigger: 'launch', authPlan: plan, responseTimeoutMs: Math.min(ctx.timeoutMs, 5000) });
    const answers = ctx.env.toolEmulator.responses.slice(before);
    const issued = answers.some((r) => r.form.id_token !== undefined);
    const error = answers.find((r) => r.form.error !== undefined)?.form.error;
    ctx.judge(authRequestRefused(b.refs), { tokenIssued: issued, ...(error ? { errorSeen: error } : {}), ...(run.nav ? { finalStatus: run.nav.final.status } : {}) }, { evidence: answers.map((r) => r.exchangeId) });
    ctx.judge(authResponseRegisteredUri, { unregisteredPosts: answers.filter((r) => !r.registered && r.form.id_token !== undefined).length });
  },
}));
