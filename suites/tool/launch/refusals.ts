import * as claims from '../../../src/mutators/claims.js';
import * as sig from '../../../src/mutators/signature.js';
import type { Mutator } from '../../../src/mutators/types.js';
import { rule } from '../../../src/spec/rules.js';
import type { SpecRef } from '../../../src/spec/specs.js';
import { refusedLaunch, type ToolScenario } from './kinds.js';

interface Refusal {
  id: string;
  title: string;
  summary: string;
  certification?: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  mutator: Mutator;
  certificationOnly?: string;
}

/** Each is a valid launch with exactly one thing wrong (catalog 2.1, 3.1). */
const REFUSALS: Refusal[] = [
  // The certification suite's known-bad payloads (catalog 3.1).
  { id: 'rejects-missing-kid', title: 'refuses an id_token whose header has no kid', summary: 'NT-T-01: the JOSE header carries no kid.', certification: 'No KID Sent in JWT header', refs: [rule('LTI-SEC-012')], mutator: sig.removeKid },
  { id: 'rejects-unknown-kid', title: 'refuses an id_token whose kid is not in the platform JWKS', summary: 'NT-T-02: kid imstester_66067 is not one of our keys.', certification: 'Incorrect KID in JWT header', refs: [rule('LTI-CORE-001')], mutator: sig.unknownKid },
  { id: 'rejects-wrong-version', title: 'refuses version 11.3', summary: 'NT-T-06: the version claim is 11.3.', certification: 'Wrong LTI Version', refs: [rule('LTI-CORE-018')], mutator: claims.wrongVersion },
  { id: 'rejects-missing-version', title: 'refuses a launch without the version claim', summary: 'NT-T-07.', certification: 'No LTI Version', refs: [rule('LTI-CORE-018')], mutator: claims.missingVersion },
  { id: 'rejects-non-lti-payload', title: 'refuses a signed JWT that is not an LTI message', summary: 'NT-T-08: payload {"name":"badltilaunch"}.', certification: 'Invalid LTI message', refs: [rule('CERT-INVALID-LAUNCH'), rule('LTI-CORE-009')], mutator: claims.nonLtiPayload },
  { id: 'rejects-missing-lti-claims', title: 'refuses a launch without message_type, version and roles', summary: 'NT-T-09.', certification: 'Missing LTI Claims', refs: [rule('LTI-CORE-019'), rule('LTI-CORE-018')], mutator: claims.missingCoreClaims },
  { id: 'rejects-bogus-timestamps', title: 'refuses iat 11111 / exp 22222', summary: 'NT-T-10: timestamps from 1970.', certification: 'Timestamps Incorrect', refs: [rule('LTI-CORE-007')], mutator: claims.bogusTimestamps },
  { id: 'rejects-missing-message-type', title: 'refuses a launch without message_type', summary: 'NT-T-12.', certification: 'messsage_type Claim Missing', refs: [rule('LTI-CORE-019')], mutator: claims.missingMessageType },
  { id: 'rejects-missing-roles', title: 'refuses a launch without the roles claim', summary: 'NT-T-14.', certification: 'role Claim Missing', refs: [rule('LTI-RL-008')], mutator: claims.missingRoles },
  { id: 'rejects-missing-deployment-id', title: 'refuses a launch without deployment_id', summary: 'NT-T-16: every message carries deployment_id (LTI-CORE-013 binds the platform; the suite expects the tool to refuse).', certification: 'deployment_id Claim Missing', refs: [rule('LTI-CORE-013', 'CERT')], mutator: claims.missingDeploymentId },
  { id: 'rejects-missing-resource-link', title: 'refuses a resource link launch without resource_link', summary: 'NT-T-18.', certification: 'resource_link_id Claim Missing', refs: [rule('LTI-RL-007')], mutator: claims.missingResourceLink },
  { id: 'rejects-empty-sub', title: 'refuses sub = ""', summary: 'NT-T-15: an empty user id (the suite\'s "user Claim Missing" fixture).', certification: 'user Claim Missing', refs: [rule('LTI-CORE-012', 'CERT')], mutator: claims.emptySub },
  {
    id: 'rejects-missing-sub', title: 'refuses a launch without sub (certification profile)', summary: 'NT-T-15: the suite expects a launch without sub to be refused; the spec reads it as an anonymous launch (LTI-CORE-029), so this runs only in the certification profile.',
    certification: 'user Claim Missing', refs: [rule('LTI-CORE-012', 'CERT')], mutator: claims.missingSub,
    certificationOnly: 'the spec profile reads a launch without sub as anonymous (LTI-CORE-029); only the certification suite requires refusal',
  },
  // Further negatives of catalog 2.1.
  { id: 'rejects-foreign-key-signature', title: 'refuses a token signed by another key under a valid kid', summary: 'NT-T-03.', refs: [rule('LTI-CORE-001')], mutator: sig.foreignKey },
  { id: 'rejects-alg-none', title: 'refuses an unsigned token (alg none)', summary: 'NT-T-04.', refs: [rule('LTI-SEC-003')], mutator: sig.algNone },
  { id: 'rejects-hs256-key-confusion', title: 'refuses HS256 keyed with the platform public key', summary: 'NT-T-05: the classic key-confusion attack.', refs: [rule('LTI-CORE-001'), rule('LTI-SEC-005')], mutator: sig.hs256KeyConfusion },
  { id: 'rejects-expired', title: 'refuses an expired id_token', summary: 'NT-T-11: exp 10 minutes ago, beyond any clock-skew leeway.', refs: [rule('LTI-CORE-007')], mutator: claims.expired },
  { id: 'rejects-missing-exp', title: 'refuses an id_token without exp', summary: 'exp is a required ID Token claim; without it the token never expires and "now is before exp" cannot hold.', refs: [rule('LTI-CORE-007')], mutator: claims.missingExp },
  { id: 'rejects-missing-iat', title: 'refuses an id_token without iat', summary: 'iat is a required ID Token claim (LTI-CORE-011 binds the platform, so a warning).', refs: [rule('LTI-CORE-011', 'SHOULD')], mutator: claims.missingIat },
  { id: 'rejects-future-nbf', title: 'refuses an id_token not yet valid (nbf)', summary: 'NT-T-56: nbf 10 minutes ahead.', refs: [rule('LTI-CORE-034')], mutator: claims.futureNbf },
  { id: 'rejects-unknown-message-type', title: 'refuses an unknown message_type', summary: 'NT-T-13: message_type LtiFooRequest.', refs: [rule('LTI-CORE-019')], mutator: claims.unknownMessageType },
  { id: 'rejects-unknown-deployment-id', title: 'refuses a deployment_id it never registered', summary: 'NT-T-17.', refs: [rule('LTI-CORE-016')], mutator: claims.unknownDeploymentId },
  { id: 'rejects-empty-resource-link-id', title: 'refuses resource_link.id = ""', summary: 'NT-T-19 (the MUST binds the platform, so a warning).', refs: [rule('LTI-RL-004', 'SHOULD')], mutator: claims.emptyResourceLinkId },
  { id: 'rejects-wrong-issuer', title: 'refuses an iss other than the registered platform', summary: 'NT-T-20.', refs: [rule('LTI-CORE-002')], mutator: claims.wrongIssuer },
  { id: 'rejects-wrong-audience', title: 'refuses an aud without its client_id', summary: 'NT-T-21.', refs: [rule('LTI-CORE-003')], mutator: claims.wrongAudience },
  { id: 'rejects-untrusted-audience', title: 'refuses an extra untrusted audience without azp', summary: 'NT-T-22: aud = [client_id, untrusted].', refs: [rule('LTI-CORE-003'), rule('LTI-CORE-004')], mutator: claims.untrustedAudience },
  { id: 'rejects-wrong-azp', title: 'refuses an azp naming another client', summary: 'NT-T-23.', refs: [rule('LTI-CORE-005')], mutator: claims.wrongAzp },
  { id: 'rejects-missing-nonce', title: 'refuses an id_token without nonce', summary: 'NT-T-24.', refs: [rule('LTI-CORE-009')], mutator: claims.missingNonce },
  {
    id: 'rejects-mismatched-nonce', title: 'refuses a nonce other than the one it sent', summary: 'NT-T-26: OpenID Connect Core 3.2.2.11 requires the comparison.',
    refs: [{ spec: 'OIDC', section: '§3.2.2.11', keyword: 'MUST', rule: 'LTI-CORE-010' }], mutator: claims.otherNonce,
  },
];

export const refusalScenarios: ToolScenario[] = REFUSALS.map((r) =>
  refusedLaunch({
    id: `tool.launch.${r.id}`,
    title: r.title,
    summary: `${r.summary} Wrong in one way: ${r.mutator.describe}. The tool must refuse it.`,
    refs: r.refs,
    ...(r.certification ? { certification: r.certification } : {}),
    launch: { mutators: [r.mutator] },
    ...(r.certificationOnly ? { skipReason: (_env, profile) => (profile === 'spec' ? r.certificationOnly : undefined) } : {}),
  }),
);
