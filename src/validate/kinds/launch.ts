import type { Check } from '../../core/check.js';
import { DEEP_LINKING_REQUEST_CHECKS, PLATFORM_ID_TOKEN_CHECKS, RESOURCE_LINK_CHECKS, type PlatformIdTokenInput } from '../../checks/platform/index.js';
import { lti1p1Present, lti1p1Signature, type MigrationInput } from '../../checks/platform/migration.js';
import { SUBMISSION_REVIEW_CHECKS } from '../../checks/platform/submission-review.js';
import { CLAIM, MESSAGE_TYPE } from '../../lti/vocab.js';
import { isObject, judgePlanned, jwtKind, type JwtMessage, type Plan } from '../kind.js';
import { LTI11_SECRET_ENV, type JudgeContext, type Kind } from '../types.js';

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
    judge: (m, ctx) => {
      judgePlanned(ctx, [...PLATFORM_ID_TOKEN_CHECKS, ...extra], input(m, ctx, messageType), {
        ...PLAN,
        notes: { 'id-token.nonce.matches': ctx.expected.nonce === undefined ? 'give --nonce <value> to compare it' : undefined },
      });
      if (m.payload[CLAIM.lti1p1] !== undefined) judgeMigration(m, ctx);
    },
  });
}

/** An lti1p1 claim is judged when present; its signature only with the 1.1 secret (from the environment). */
function judgeMigration(m: JwtMessage, ctx: JudgeContext): void {
  const claim = m.payload[CLAIM.lti1p1];
  // Legacy ids alone (Canvas sends user_id only when there was no 1.1 tool) carry nothing to verify.
  if (!isObject(claim) || (claim.oauth_consumer_key === undefined && claim.oauth_consumer_key_sign === undefined)) {
    ctx.notChecked(lti1p1Signature, 'the lti1p1 claim carries no oauth_consumer_key or oauth_consumer_key_sign (legacy ids only)');
    return;
  }
  const input: MigrationInput = { payload: m.payload, lti11: { secret: ctx.lti11Secret ?? '' }, clientId: ctx.expected.clientId ?? '' };
  ctx.judge(lti1p1Present, input);
  if (ctx.lti11Secret === undefined) ctx.notChecked(lti1p1Signature, `set ${LTI11_SECRET_ENV} to the LTI 1.1 secret to verify it`);
  else if (typeof m.payload.aud !== 'string' && ctx.expected.clientId === undefined) ctx.notChecked(lti1p1Signature, 'aud is an array: give --client-id <value> to verify it');
  else ctx.judge(lti1p1Signature, input);
}

export const resourceLinkKind = platformMessageKind('resource-link', MESSAGE_TYPE.resourceLink, RESOURCE_LINK_CHECKS);
export const deepLinkingRequestKind = platformMessageKind('deep-linking-request', MESSAGE_TYPE.deepLinkingRequest, DEEP_LINKING_REQUEST_CHECKS);

export const submissionReviewKind = platformMessageKind('submission-review', MESSAGE_TYPE.submissionReview, SUBMISSION_REVIEW_CHECKS);
