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
  'LTI-DL-007': ['DL', '§2.2', 'SHOULD', 'A deep-linking request without settings or without deep_link_return_url is refused.'],
  'LTI-TOK-012': ['SEC', '§7.1.1', 'MUST', 'No refresh tokens: after expiry the tool requests a new access token.'],
  'CERT-INVALID-LAUNCH': ['CERT', '6.1.1', 'CERT', 'A payload that is not an LTI message is refused.'],
  // Deep linking response, token request, AGS and NRPS (checks in src/checks/{deep-linking,client-assertion,service,ags,nrps}).
  'LTI-SEC-004': ['SEC', '§6.1', 'MUST', 'RSA signing uses at least RS256; RS256 is the interoperable default.'],
  'LTI-DLR-001': ['DL', '§2.3', 'MUST', 'The deep-linking response is a JWT auto-posted to deep_link_return_url in the form parameter JWT.'],
  'LTI-DLR-002': ['SEC', '§5.2.2', 'MUST', 'The tool JWT is signed with the tool key; iss is the client_id, aud contains the platform issuer, exp, iat and nonce are present.'],
  'LTI-DLR-003': ['DL', '§4.5.2-4.5.4', 'MUST', 'message_type is LtiDeepLinkingResponse, version is 1.3.0, deployment_id is the one of the request.'],
  'LTI-DLR-004': ['DL', '§4.5.5', 'MUST', 'The data of the deep-linking request is echoed unchanged in the response.'],
  'LTI-DLR-005': ['SEC', '§5.2.3 (1)', 'MUST', 'The platform verifies the response signature with the tool key selected by kid.'],
  'LTI-DLR-008': ['SEC', '§5.2.3 (4-5)', 'SHOULD', 'With several audiences azp is present; azp, when present, is the platform issuer.'],
  'LTI-DLR-009': ['SEC', '§5.2.3 (6)', 'SHOULD', 'alg is RS256 or the algorithm agreed at registration.'],
  'LTI-DLR-010': ['SEC', '§5.2.3 (7)', 'MUST', 'The current time is before exp.'],
  'LTI-DLR-011': ['SEC', '§5.2.3 (9)', 'MUST', 'The response carries a nonce.'],
  'LTI-DLR-013': ['DL', '§4.4.1', 'SHOULD', 'Returned items respect accept_types, accept_multiple, accept_presentation_document_targets and accept_media_types.'],
  'LTI-DLI-001': ['DL', '§3.1-3.5', 'MUST', 'Every content item has a type and the properties its type requires, with the types the spec gives.'],
  'LTI-DLI-002': ['DL', '§3.2', 'MUST', 'ltiResourceLink custom values are strings ("" allowed, null not).'],
  'LTI-DLI-005': ['DL', '§3.6-3.7', 'SHOULD', 'Item types not defined by 1EdTech, and extension property keys, are fully-qualified URLs.'],
  'LTI-TOK-001': ['CORE', '§6.2', 'MUST', 'Services are called with a bearer token obtained through the client-credentials grant with a JWT client assertion.'],
  'LTI-TOK-002': ['CORE', '§6.2', 'MUST', 'The client assertion has iss and sub equal to the tool client_id.'],
  'LTI-TOK-003': ['SEC', '§4.1.1', 'MUST', 'The client assertion has iss, sub, aud, iat, exp and jti; exp is an absolute expiry (typically iat + 5 minutes).'],
  'LTI-TOK-004': ['SEC', '§4.1.1', 'MUST', 'The client assertion aud names the authorization server (commonly the token endpoint URL).'],
  'LTI-TOK-005': ['CORE', '§6.2.1', 'SHOULD', 'The client assertion carries the deployment_id claim.'],
  'LTI-TOK-006': ['SEC', '§4.1', 'MUST', 'The token request includes scope.'],
  'LTI-TOK-007': ['SEC', '§4.1.1', 'MUST', 'The authorization server validates iss, sub, exp, aud and jti, then the signature.'],
  'LTI-AGS-009': ['AGS', '§3.2.4', 'MUST', 'The tool uses the next page URL as given, without re-applying filters.'],
  'LTI-AGS-015': ['AGS', '§3.2.7', 'MUST', 'A line item the tool posts has a non-blank label.'],
  'LTI-AGS-016': ['AGS', '§3.2.8', 'MUST', 'scoreMaximum is a number greater than 0.'],
  'LTI-AGS-019': ['AGS', '§3.2.12-3.2.13', 'MUST', 'startDateTime and endDateTime are ISO 8601 with a time zone designator.'],
  'LTI-AGS-022': ['AGS', '§3.3.1, §3.4.1', 'MUST', 'Results and scores URLs are the line item URL with /results or /scores appended to its path, its query kept.'],
  'LTI-AGS-026': ['AGS', '§3.4.5-3.4.9', 'MUST', 'A score has userId (the learner: the launch sub), timestamp, activityProgress and gradingProgress with allowed values.'],
  'LTI-AGS-027': ['AGS', '§3.4.4', 'MUST', 'scoreGiven is >= 0 and scoreMaximum is present whenever scoreGiven is.'],
  'LTI-AGS-030': ['AGS', '§3.4.9', 'MUST', 'Score timestamps are ISO 8601 with sub-second precision and a zone, strictly increasing per line item and user.'],
  'LTI-AGS-032': ['AGS', '§3.4.6', 'MUST', 'scoringUserId, when present, is a non-empty LTI user id.'],
  'LTI-AGS-033': ['AGS', '§3.4.10', 'MUST', 'submission.startedAt and submittedAt are ISO 8601 with sub-second precision and a zone.'],
  'LTI-NRPS-001': ['NRPS', '§2.4, §3.6.1', 'SHOULD', 'The roster request accepts the membership container media type and carries a token with the NRPS scope.'],
  'LTI-NRPS-006': ['NRPS', '§2.4.2', 'MUST', 'An incomplete page carries Link rel="next"; its absence means the list is complete.'],
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
