import type { AssertionMutation } from '../../src/actions/tool/assertion.js';
import { requestToken, type TokenForm } from '../../src/actions/tool/token.js';
import { noTokenIssued, TOKEN_REFUSAL_CHECKS, TOKEN_RESPONSE_CHECKS } from '../../src/checks/platform-services/index.js';
import { OAUTH_ERROR, SCOPE } from '../../src/lti/vocab.js';
import { rule } from '../../src/spec/rules.js';
import type { SpecRef } from '../../src/spec/specs.js';
import { clientContext, type PlatformScenario } from './kinds.js';

const SUITE = 'platform.token';
const ALL_SCOPES = [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.nrps];

const issues: PlatformScenario = {
  id: 'platform.token.issues-token', title: 'issues an access token for a valid client_credentials request',
  summary: 'NT-P-18: a correct request (RS256 client assertion signed with our registered key, iss = sub = client_id, aud = token URL) for every AGS and NRPS scope. The answer must be JSON with access_token, token_type bearer, expires_in and a scope never wider than asked.',
  role: 'platform', suite: SUITE, refs: [rule('LTI-TOK-009'), rule('LTI-TOK-011')],
  async run(ctx) {
    let scopes = ALL_SCOPES;
    let r = await requestToken(clientContext(ctx.env), { scopes });
    // A registration may grant fewer scopes; invalid_scope then is a correct answer (RFC 6749 §5.2): ask for one.
    if (r.status === 400 && (r.json as { error?: unknown } | undefined)?.error === OAUTH_ERROR.invalidScope) {
      scopes = [SCOPE.score];
      r = await requestToken(clientContext(ctx.env), { scopes });
    }
    for (const check of TOKEN_RESPONSE_CHECKS) ctx.judge(check, { status: r.status, headers: r.headers, json: r.json, requestedScopes: scopes }, { evidence: [r.exchangeId] });
  },
};

const narrow: PlatformScenario = {
  id: 'platform.token.never-grants-unrequested-scopes', title: 'grants no scope beyond the one requested',
  summary: 'NT-P-17: only the score scope is requested; the granted scope must not be wider.',
  role: 'platform', suite: SUITE, refs: [rule('LTI-TOK-009')],
  async run(ctx) {
    const scopes = [SCOPE.score];
    const r = await requestToken(clientContext(ctx.env), { scopes });
    for (const check of TOKEN_RESPONSE_CHECKS) ctx.judge(check, { status: r.status, headers: r.headers, json: r.json, requestedScopes: scopes }, { evidence: [r.exchangeId] });
  },
};

interface Refusal {
  id: string;
  title: string;
  summary: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  mutation?: AssertionMutation;
  form?: (f: TokenForm) => TokenForm;
  expectedErrors: string[];
  /** Send one valid request first, then the same assertion again (jti replay). */
  replay?: boolean;
}

const REFUSALS: Refusal[] = [
  { id: 'rejects-unknown-key', title: 'refuses an assertion signed with an unregistered key', summary: 'NT-P-11: our kid, a key the platform never saw.', refs: [rule('LTI-TOK-007')], mutation: 'unknown-key', expectedErrors: [OAUTH_ERROR.invalidClient, OAUTH_ERROR.invalidGrant] },
  { id: 'rejects-wrong-audience', title: 'refuses an assertion whose aud is not the token endpoint', summary: 'NT-P-12.', refs: [rule('LTI-TOK-008')], mutation: 'wrong-aud', expectedErrors: [OAUTH_ERROR.invalidClient, OAUTH_ERROR.invalidGrant] },
  { id: 'rejects-expired-assertion', title: 'refuses an expired assertion', summary: 'NT-P-13: exp five minutes ago.', refs: [rule('LTI-TOK-007')], mutation: 'expired', expectedErrors: [OAUTH_ERROR.invalidClient, OAUTH_ERROR.invalidGrant] },
  { id: 'rejects-iss-sub-mismatch', title: 'refuses an assertion whose iss differs from sub', summary: 'NT-P-13.', refs: [rule('LTI-TOK-007')], mutation: 'iss-not-sub', expectedErrors: [OAUTH_ERROR.invalidClient, OAUTH_ERROR.invalidGrant] },
  { id: 'rejects-replayed-jti', title: 'refuses an assertion sent a second time', summary: 'NT-P-14: the same assertion (same jti) twice; jti validation is required of the authorization server.', refs: [rule('LTI-TOK-007')], replay: true, expectedErrors: [OAUTH_ERROR.invalidClient, OAUTH_ERROR.invalidGrant] },
  { id: 'rejects-alg-none', title: 'refuses an unsigned assertion (alg none)', summary: 'NT-P-15.', refs: [rule('LTI-SEC-003')], mutation: 'alg-none', expectedErrors: [OAUTH_ERROR.invalidClient, OAUTH_ERROR.invalidGrant] },
  { id: 'rejects-hs256', title: 'refuses an HS256 assertion keyed with our public key', summary: 'NT-P-15: key confusion.', refs: [rule('LTI-SEC-005')], mutation: 'hs256', expectedErrors: [OAUTH_ERROR.invalidClient, OAUTH_ERROR.invalidGrant] },
  { id: 'rejects-wrong-grant-type', title: 'refuses grant_type=password', summary: 'NT-P-16.', refs: [rule('LTI-TOK-010')], form: (f) => ({ ...f, grant_type: 'password' }), expectedErrors: [OAUTH_ERROR.unsupportedGrantType, OAUTH_ERROR.invalidRequest] },
  {
    id: 'rejects-missing-assertion-type', title: 'refuses a request without client_assertion_type', summary: 'NT-P-16.', refs: [rule('LTI-TOK-010')],
    form: (f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'client_assertion_type')), expectedErrors: [OAUTH_ERROR.invalidRequest, OAUTH_ERROR.invalidClient],
  },
];

const refusals: PlatformScenario[] = REFUSALS.map((r) => ({
  id: `platform.token.${r.id}`, title: r.title, summary: `${r.summary} The platform must issue no token and should answer with an RFC 6749 error.`,
  role: 'platform', suite: SUITE, refs: r.refs,
  async run(ctx) {
    const client = clientContext(ctx.env);
    const scopes = [SCOPE.score];
    let reuse: string | undefined;
    if (r.replay) reuse = (await requestToken(client, { scopes })).assertion.jwt;
    const res = await requestToken(client, { scopes, ...(r.mutation ? { mutation: r.mutation } : {}), ...(r.form ? { form: r.form } : {}), ...(reuse ? { reuseAssertion: reuse } : {}) });
    const input = { status: res.status, json: res.json, expectedErrors: r.expectedErrors };
    ctx.judge(noTokenIssued(r.refs), input, { evidence: [res.exchangeId] });
    for (const check of TOKEN_REFUSAL_CHECKS) if (check.id !== 'platform-token.refusal.no-token') ctx.judge(check, input, { evidence: [res.exchangeId] });
  },
}));

export const tokenScenarios: PlatformScenario[] = [issues, narrow, ...refusals];
