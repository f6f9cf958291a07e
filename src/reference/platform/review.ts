// Submission review (LtiSubmissionReviewRequest) and the LTI 1.1 migration claim (lti1p1). Our own HMAC:
// the reference platform shares no code with the judge.
import { createHmac } from 'node:crypto';
import { CLAIM, LINE_ITEM_SUBMISSION_REVIEW, ROLE } from '../../lti/vocab.js';
import { lineItemUrl } from './ags/present.js';
import type { PlatformContext } from './context.js';
import { findUser, PERSONA_USER } from './data.js';
import type { LineItem } from './store.js';

/** The platform's former LTI 1.1 installation of the tool: lti1p1 claims are signed with its secret. */
export interface Lti11Installation {
  consumerKey: string;
  secret: string;
}

/** The learner whose submission the instructor reviews. */
export const REVIEWED_USER = PERSONA_USER.student;

/** The line item under review: the first one bound to the link, or a new one the platform grades the link with. */
export function reviewedLineItem(ctx: PlatformContext, contextId: string, linkId: string): LineItem {
  const bound = ctx.store.lineItemsOf(ctx.tool.clientId, contextId).find((i) => i.fields.resourceLinkId === linkId);
  if (bound !== undefined) return bound;
  return ctx.store.addLineItem({
    contextId, clientId: ctx.tool.clientId,
    fields: { label: 'Reviewed assignment', scoreMaximum: 100, resourceLinkId: linkId, [LINE_ITEM_SUBMISSION_REVIEW]: { reviewableStatus: ['Submitted', 'Completed'] } },
  });
}

/** Review launches go to the line item's submissionReview.url when it declares one, else the tool's launch URL. */
export function reviewTarget(ctx: PlatformContext, item: LineItem): string {
  const sr = item.fields[LINE_ITEM_SUBMISSION_REVIEW];
  const url = typeof sr === 'object' && sr !== null ? (sr as { url?: unknown }).url : undefined;
  return typeof url === 'string' && url !== '' ? url : ctx.tool.targetLinkUri;
}

export function reviewedLineItemUrl(ctx: PlatformContext, item: LineItem): string {
  return lineItemUrl(ctx, item);
}

export function forUserClaim(): Record<string, unknown> {
  const u = findUser(REVIEWED_USER);
  if (u === undefined) throw new Error('the reviewed user is not in the platform data');
  return { user_id: u.id, given_name: u.givenName, family_name: u.familyName, name: `${u.givenName} ${u.familyName}`, email: u.email, roles: [ROLE.learner] };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** lti1p1 for these (final) claims: HMAC-SHA256 of key&deployment_id&iss&client_id&exp&nonce, Base64. */
export function lti1p1Claim(ctx: PlatformContext, install: Lti11Installation, claims: Record<string, unknown>): Record<string, unknown> {
  const base = [install.consumerKey, str(claims[CLAIM.deploymentId]), str(claims.iss), str(claims.aud), str(claims.exp), str(claims.nonce)].join('&');
  const secret = ctx.flaws.has('lti1p1-wrong-sign') ? `${install.secret}:stale` : install.secret;
  const sign = createHmac('sha256', secret).update(base, 'utf8').digest('base64');
  return { user_id: `lti11-${str(claims.sub)}`, oauth_consumer_key: install.consumerKey, oauth_consumer_key_sign: sign };
}
