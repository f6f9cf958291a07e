import type { Keyword, SpecId, SpecRef } from './specs.js';

// Catalog rules (../shared/spec/lti-catalog.md) that our checks cite: id -> where, how strong, and a
// one-line paraphrase for `explain`.
const RULES = {
  'LTI-SEC-003': ['SEC', '§5.4', 'MUST', 'No message JWT uses alg none.'],
  'LTI-SEC-005': ['CERT', '§4.2', 'CERT', 'RS256 only; symmetric algorithms and public-key HMAC are never acceptable.'],
  'LTI-SEC-010': ['SEC', '§6.4', 'MUST', 'A rotated key is published under a new kid.'],
  'LTI-SEC-012': ['CERT', '6.1.1', 'CERT', 'Signed messages carry kid in the JOSE header; a launch without one is refused.'],
  'LTI-SEC-013': ['CORE', '§4.3', 'MUST', 'Receivers ignore claims they do not understand.'],
  'LTI-OIDC-001': ['SEC', '§5.1.1.1', 'MUST', 'Login initiation includes iss, login_hint and target_link_uri.'],
  'LTI-OIDC-002': ['SEC', '§5.1.1.1', 'MUST', 'The tool accepts login initiation by GET and by POST.'],
  'LTI-OIDC-004': ['CORE', '§4.1.1', 'MUST', 'A received lti_message_hint is copied unchanged into the authentication request.'],
  'LTI-OIDC-006': ['SEC', '§5.1.1.1', 'SHOULD', 'The tool refuses initiation for an unknown issuer or client id.'],
  'LTI-OIDC-010': ['SEC', '§5.1.1.2', 'MUST', 'The authentication request carries scope=openid, response_type=id_token, response_mode=form_post, prompt=none, client_id, redirect_uri, login_hint and nonce.'],
  'LTI-OIDC-011': ['SEC', '§5.1.1.2', 'SHOULD', 'The authentication request carries a state bound to the browser.'],
  'LTI-OIDC-012': ['SEC', '§5.1.1.3', 'MUST', 'redirect_uri is one of the URIs registered for the client.'],
  'LTI-OIDC-021': ['SEC', '§5.1.1.4', 'MUST', 'A tool that sent state verifies the returned state against the browser session.'],
  'LTI-OIDC-022': ['OIDC', '§3.1.2.6', 'SHOULD', 'An OIDC error response is shown as an error, never treated as a launch.'],
  'LTI-OIDC-023': ['CORE', '§5.3.4', 'SHOULD', 'The tool lands on the signed target_link_uri claim, not the unsigned login parameter.'],
  'LTI-CORE-001': ['SEC', '§5.1.3 (1)', 'MUST', 'The id_token signature is verified with the platform key selected by kid.'],
  'LTI-CORE-002': ['SEC', '§5.1.3 (2)', 'MUST', 'iss equals the registered platform issuer.'],
  'LTI-CORE-003': ['SEC', '§5.1.3 (3)', 'MUST', 'aud contains the client_id; untrusted extra audiences are refused.'],
  'LTI-CORE-004': ['SEC', '§5.1.3 (4)', 'SHOULD', 'With several audiences, azp is present.'],
  'LTI-CORE-005': ['SEC', '§5.1.3 (5)', 'SHOULD', 'azp, when present, equals the client_id.'],
  'LTI-CORE-007': ['SEC', '§5.1.3 (7)', 'MUST', 'The current time is before exp.'],
  'LTI-CORE-009': ['SEC', '§5.1.3 (9)', 'MUST', 'nonce is present.'],
  'LTI-CORE-010': ['SEC', '§5.1.3 (9)', 'SHOULD', 'A nonce seen before is refused (replay); it equals the one the tool sent.'],
  'LTI-CORE-011': ['SEC', '§5.1.2', 'MUST', 'The id_token has iss, aud, exp, iat and nonce (and sub unless anonymous).'],
  'LTI-CORE-012': ['SEC', '§5.1.2', 'MUST', 'sub, when present, is a non-empty string of at most 255 ASCII characters.'],
  'LTI-CORE-013': ['CORE', '§3.1.3', 'MUST', 'Every message includes deployment_id.'],
  'LTI-CORE-016': ['CORE', '§3.1.3', 'SHOULD', 'A deployment_id unknown for the registration is refused.'],
  'LTI-CORE-018': ['CERT', '6.1.1', 'CERT', 'A wrong or missing version claim is refused.'],
  'LTI-CORE-019': ['CERT', '6.1.1', 'CERT', 'A missing or unsupported message_type is refused.'],
  'LTI-CORE-029': ['CORE', '§5.3.6.1', 'MAY', 'An absent sub means an anonymous launch.'],
  'LTI-CORE-034': ['RFC7519', '§4.1.5', 'MUST', 'A token is not accepted before its nbf.'],
  'LTI-RL-004': ['CORE', '§5.3.5', 'MUST', 'resource_link.id is present and non-empty.'],
  'LTI-RL-007': ['CERT', '6.1.1', 'CERT', 'A launch without resource_link is refused.'],
  'LTI-RL-008': ['CERT', '6.1.1', 'CERT', 'A launch without roles is refused.'],
  'LTI-RL-009': ['CERT', '6.1.2-6.1.3', 'CERT', 'Valid launch variants (roles, PII, context) are accepted.'],
  'LTI-VOC-003': ['CORE', 'App. A', 'MUST', 'Tools recognise URI-form roles and context types; simple names MAY be recognised.'],
  'CERT-INVALID-LAUNCH': ['CERT', '6.1.1', 'CERT', 'A payload that is not an LTI message is refused.'],
} as const satisfies Record<string, readonly [SpecId, string, Keyword, string]>;

export type RuleId = keyof typeof RULES;

export function rule(id: RuleId, keyword?: Keyword): SpecRef {
  const [spec, section, kw] = RULES[id];
  return { spec, section, keyword: keyword ?? kw, rule: id };
}

export function ruleText(id: string): string | undefined {
  return (RULES as Record<string, readonly [SpecId, string, Keyword, string]>)[id]?.[3];
}

export function isRuleId(id: string): id is RuleId {
  return id in RULES;
}
