import type { Check } from '../../core/check.js';
import { DEEP_LINKING_REQUEST_CHECKS, PLATFORM_ID_TOKEN_CHECKS, RESOURCE_LINK_CHECKS, type PlatformIdTokenInput } from '../../checks/platform/index.js';
import { SUBMISSION_REVIEW_CHECKS } from '../../checks/platform/submission-review.js';
import { CLAIM, MESSAGE_TYPE } from '../../lti/vocab.js';
import { judgePlanned, jwtKind, type JwtMessage, type Plan } from '../kind.js';
import type { JudgeContext, Kind } from '../types.js';

// Messages a platform sends (id_tokens): the checks our tool emulator judges a platform's launches with.

const NEEDS_INITIATION = 'needs the login initiation that started the flow; not part of the message';

const PLAN: Plan = {
  needs: {
    'id-token.iss.matches': ['issuer'],
    'id-token.aud.contains-client-id': ['clientId'],
    'id-token.azp.client-id': ['clientId'],
    'id-token.deployment-id.configured': ['deploymentId'],
    'id-token.kid.in-jwks': ['jwks'],
    'id-token.signature.valid': ['jwks'],
  },
  cannot: {
    'auth-response.state.echoed': 'state travels beside the id_token in the authentication response, not inside it',
    'id-token.deployment-id.matches-initiation': NEEDS_INITIATION,
  },
};

function input(m: JwtMessage, ctx: JudgeContext, messageType: string): PlatformIdTokenInput {
  const { expected: e, signature: s } = ctx;
  return {
    token: { header: m.header, payload: m.payload, signatureValid: s?.signatureValid ?? false, kidFound: s?.kidFound ?? false, ...(s?.verifyError ? { verifyError: s.verifyError } : {}) },
    // Placeholders stand in for values not given; the checks comparing with them are not run (PLAN.needs).
    expected: { issuer: e.issuer ?? '', clientId: e.clientId ?? 'the client_id', deploymentId: e.deploymentId ?? '', ...(e.nonce !== undefined ? { nonce: e.nonce } : {}), messageType },
    now: ctx.now,
  };
}

/**
 * A platform-originating message of one message type: the checks every id_token gets, then those of its type.
 * `extra` is where a message type's own checks go (one list per type).
 */
export function platformMessageKind(id: string, messageType: string, extra: readonly Check<PlatformIdTokenInput>[]): Kind {
  return jwtKind({
    id,
    title: `${messageType} id_token`,
    sender: 'platform',
    detect: (m) => m.payload[CLAIM.messageType] === messageType,
    judge: (m, ctx) =>
      judgePlanned(ctx, [...PLATFORM_ID_TOKEN_CHECKS, ...extra], input(m, ctx, messageType), {
        ...PLAN,
        notes: { 'id-token.nonce.matches': ctx.expected.nonce === undefined ? 'give --nonce <value> to compare it' : undefined },
      }),
  });
}

export const resourceLinkKind = platformMessageKind('resource-link', MESSAGE_TYPE.resourceLink, RESOURCE_LINK_CHECKS);
export const deepLinkingRequestKind = platformMessageKind('deep-linking-request', MESSAGE_TYPE.deepLinkingRequest, DEEP_LINKING_REQUEST_CHECKS);

export const submissionReviewKind = platformMessageKind('submission-review', MESSAGE_TYPE.submissionReview, SUBMISSION_REVIEW_CHECKS);
