// Claims our platform adds for two launch kinds beyond a plain resource link: the submission review
// launch (Submission Review 1.0, catalog §1.10) and the lti1p1 migration claim (catalog §1.15).
import type { Lti11ToolConfig } from '../../config/types.js';
import { lti1p1Sign } from '../../keys/lti1p1.js';
import { CLAIM, MESSAGE_TYPE, ROLE } from '../../lti/vocab.js';
import { personaSub } from './launch-claims.js';

/** The learner whose submission the instructor reviews (a member of our emulated roster). */
export const REVIEWED_LEARNER = {
  user_id: personaSub('student'),
  given_name: 'Alan',
  family_name: 'Turing',
  name: 'Alan Turing',
  email: 'alan.turing@platform.example',
  roles: [ROLE.learner],
} as const;

/**
 * A valid resource link launch (which already names the line item bound to its link in the AGS claim)
 * turned into an LtiSubmissionReviewRequest for that line item, sent to the tool's review URL.
 */
export function submissionReviewClaims(payload: Record<string, unknown>, reviewUrl: string): Record<string, unknown> {
  return {
    ...payload,
    [CLAIM.messageType]: MESSAGE_TYPE.submissionReview,
    [CLAIM.targetLinkUri]: reviewUrl,
    [CLAIM.forUser]: { ...REVIEWED_LEARNER, roles: [...REVIEWED_LEARNER.roles] },
  };
}

/** The LTI 1.1 user id we say the launching user had (differs from sub, as the claim's user_id is for). */
export const lti11UserId = (sub: unknown): string => `lti11-${String(sub ?? 'anonymous')}`;

/**
 * The lti1p1 claim for this payload, signed over its deployment_id, iss, aud (our client id), exp and
 * nonce with the installation's secret; `secret` overrides it (a wrong signature).
 */
export function lti1p1Claim(payload: Record<string, unknown>, lti11: Pick<Lti11ToolConfig, 'consumerKey' | 'secret'>, clientId: string, secret = lti11.secret): Record<string, unknown> {
  const sign = lti1p1Sign({
    consumerKey: lti11.consumerKey, deploymentId: String(payload[CLAIM.deploymentId] ?? ''), issuer: String(payload.iss ?? ''),
    clientId: typeof payload.aud === 'string' ? payload.aud : clientId, exp: Number(payload.exp), nonce: String(payload.nonce ?? ''),
  }, secret);
  return { user_id: lti11UserId(payload.sub), oauth_consumer_key: lti11.consumerKey, oauth_consumer_key_sign: sign };
}
