// The id_token of a launch ([SEC] §5.1.2, [CORE] §5.3–5.4, [DL] §4.4): claims from the launch intent,
// signed by keys.ts. The claim-level flaws live here, each changing one claim.
import {
  CLAIM,
  CONTENT_ITEM_TYPE,
  DOCUMENT_TARGET,
  LTI_VERSION,
  MESSAGE_TYPE,
  SCOPE,
} from '../../lti/vocab.js';
import {
  ID_TOKEN_TTL_S,
  PATHS,
  lineItemsPath,
  membershipsPath,
  nowSeconds,
  platformUrl,
  type PlatformContext,
} from './context.js';
import { findCourse, findMember, findUser, TOOL_PLATFORM } from './data.js';
import type { LaunchIntent } from './hint.js';
import { launchTarget } from './launch.js';
import { lineItemUrl } from './ags/present.js';
import { forUserClaim, lti1p1Claim, reviewedLineItem, reviewedLineItemUrl } from './review.js';
import { randomToken } from './store.js';

export interface IdTokenInput {
  intent: LaunchIntent;
  /** The authentication request's nonce (absent only when a flaw let a request without one through). */
  nonce: string | undefined;
  /** Deep linking `data`, bound to this launch. */
  dlData?: string;
}

/** The AGS line item bound to a link, when exactly one is ([AGS] §3.1). */
function boundLineItem(ctx: PlatformContext, contextId: string, linkId: string | undefined): string | undefined {
  if (linkId === undefined) return undefined;
  const bound = ctx.store.lineItemsOf(ctx.tool.clientId, contextId).filter((i) => i.fields.resourceLinkId === linkId);
  return bound.length === 1 && bound[0] !== undefined ? lineItemUrl(ctx, bound[0]) : undefined;
}

export function launchClaims(ctx: PlatformContext, input: IdTokenInput): Record<string, unknown> {
  const { intent } = input;
  const { tool, flaws } = ctx;
  const course = findCourse(intent.contextId);
  const user = findUser(intent.userId);
  if (course === undefined || user === undefined) throw new Error('launch intent names an unknown course or user');
  const member = findMember(course, user.id);
  const link = intent.linkId === undefined ? undefined : ctx.store.links.get(intent.linkId);
  const deepLinking = intent.message === 'deep-linking';
  const review = intent.message === 'submission-review';
  const now = nowSeconds(ctx);
  const expired = flaws.has('token-expired');

  const claims: Record<string, unknown> = {
    iss: ctx.issuer,
    aud: tool.clientId,
    sub: user.id,
    iat: expired ? now - ID_TOKEN_TTL_S - 60 : now,
    exp: expired ? now - 60 : now + ID_TOKEN_TTL_S,
  };
  if (input.nonce !== undefined) claims.nonce = flaws.has('token-omits-nonce-echo') ? randomToken(16) : input.nonce;
  if (intent.pii) {
    claims.name = `${user.givenName} ${user.familyName}`;
    claims.given_name = user.givenName;
    claims.family_name = user.familyName;
    claims.email = user.email;
  }
  claims[CLAIM.messageType] = deepLinking ? MESSAGE_TYPE.deepLinkingRequest : review ? MESSAGE_TYPE.submissionReview : MESSAGE_TYPE.resourceLink;
  claims[CLAIM.version] = flaws.has('token-wrong-version') ? '1.2.0' : LTI_VERSION;
  if (!flaws.has('token-omits-deployment-id')) claims[CLAIM.deploymentId] = tool.deploymentId;
  const target = launchTarget(ctx, intent);
  claims[CLAIM.targetLinkUri] = flaws.has('token-target-link-mismatch') ? new URL('/elsewhere', target).toString() : target;
  if (!deepLinking && link !== undefined && !flaws.has('token-omits-resource-link')) {
    claims[CLAIM.resourceLink] = { id: link.id, title: link.title };
  }
  claims[CLAIM.roles] = [...(member?.roles ?? []), ...user.institutionRoles];
  claims[CLAIM.context] = {
    id: course.id,
    label: course.label,
    title: flaws.has('token-whitespace-padding') ? `${course.title} ` : course.title,
    type: [...course.type],
  };
  claims[CLAIM.toolPlatform] = { ...TOOL_PLATFORM };
  claims[CLAIM.launchPresentation] = {
    document_target: DOCUMENT_TARGET.iframe,
    return_url: platformUrl(ctx, PATHS.launchReturn),
    locale: 'en-US',
  };
  const custom: Record<string, unknown> = flaws.has('dl-link-drops-item-custom') ? {} : { ...(link?.custom ?? {}) };
  if (flaws.has('token-custom-non-string')) custom.attempts = 3;
  claims[CLAIM.custom] = custom;

  const reviewed = review && link !== undefined ? reviewedLineItemUrl(ctx, reviewedLineItem(ctx, course.id, link.id)) : undefined;
  const lineitem = deepLinking ? undefined : review ? (flaws.has('sr-omits-lineitem') ? undefined : reviewed) : boundLineItem(ctx, course.id, link?.id);
  if (review && !flaws.has('sr-omits-for-user')) claims[CLAIM.forUser] = forUserClaim();
  claims[CLAIM.ags] = {
    scope: [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score],
    lineitems: platformUrl(ctx, lineItemsPath(course.id)),
    ...(lineitem === undefined ? {} : { lineitem }),
  };
  claims[CLAIM.nrps] = {
    context_memberships_url: platformUrl(ctx, membershipsPath(course.id)),
    service_versions: ['2.0'],
  };
  if (deepLinking) {
    claims[CLAIM.deepLinkingSettings] = {
      deep_link_return_url: platformUrl(ctx, PATHS.deepLinkReturn),
      accept_types: Object.values(CONTENT_ITEM_TYPE),
      accept_presentation_document_targets: [DOCUMENT_TARGET.iframe, DOCUMENT_TARGET.window],
      accept_multiple: true,
      accept_lineitem: true,
      ...(input.dlData === undefined ? {} : { data: input.dlData }),
    };
  }
  // Signed over the claims as sent (deployment_id, iss, aud, exp, nonce), so other flaws do not break it.
  if (ctx.lti11 !== undefined && !deepLinking && !flaws.has('lti1p1-omits-claim')) claims[CLAIM.lti1p1] = lti1p1Claim(ctx, ctx.lti11, claims);
  return claims;
}

export function signIdToken(ctx: PlatformContext, input: IdTokenInput): Promise<string> {
  return ctx.keys.sign(launchClaims(ctx, input));
}
