import { CLIENT_ASSERTION_CHECKS, type TokenRequestInput } from '../../checks/client-assertion/index.js';
import { DEEP_LINK_CONTENT_ITEM_CHECKS, DEEP_LINK_MESSAGE_CHECKS, type DeepLinkResponseInput } from '../../checks/deep-linking/index.js';
import { CLAIM, MESSAGE_TYPE } from '../../lti/vocab.js';
import { judgePlanned, jwtKind } from '../kind.js';
import type { Kind } from '../types.js';

// Messages a tool sends as JWTs: the deep-linking response and the client assertion of a token request.

const NEEDS_SETTINGS = 'needs the deep_linking_settings of the request it answers; not part of the message';

export const deepLinkingResponseKind: Kind = jwtKind({
  id: 'deep-linking-response',
  title: `${MESSAGE_TYPE.deepLinkingResponse} JWT`,
  sender: 'tool',
  detect: (m) => m.payload[CLAIM.messageType] === MESSAGE_TYPE.deepLinkingResponse,
  judge: (m, ctx) => {
    const { expected: e, signature: s } = ctx;
    const input: DeepLinkResponseInput = {
      // The form checks (how the response arrived) are not judged: only the JWT is at hand.
      form: { method: 'POST', contentType: '', fields: {} },
      jwt: { header: m.header, payload: m.payload, signatureValid: s?.signatureValid ?? false, kidFound: s?.kidFound ?? false, ...(s?.verifyError ? { verifyError: s.verifyError } : {}) },
      request: {
        issuer: e.issuer ?? '', clientId: e.clientId ?? '', deploymentId: e.deploymentId ?? '', ...(e.data !== undefined ? { data: e.data } : {}),
        settings: { accept_types: [], accept_presentation_document_targets: [] },
      },
      now: ctx.now,
    };
    judgePlanned(ctx, [...DEEP_LINK_MESSAGE_CHECKS, ...DEEP_LINK_CONTENT_ITEM_CHECKS], input, {
      needs: {
        'deep-link-response.signature.valid': ['jwks'],
        'deep-link-response.iss.client-id': ['clientId'],
        'deep-link-response.aud.platform-issuer': ['issuer'],
        'deep-link-response.azp.platform-issuer': ['issuer'],
        'deep-link-response.deployment-id.matches': ['deploymentId'],
        'deep-link-response.data.echoed': ['data'],
      },
      cannot: {
        'deep-link-response.content-items.accepted-types': NEEDS_SETTINGS,
        'deep-link-response.content-items.multiple-allowed': NEEDS_SETTINGS,
        'deep-link-response.content-items.presentation-targets': NEEDS_SETTINGS,
        'deep-link-response.content-items.media-types': NEEDS_SETTINGS,
      },
    });
  },
});

/** RFC 7523 client assertion: no message_type, iss = sub (the client_id), a jti and an aud. */
const looksLikeAssertion = (p: Record<string, unknown>): boolean =>
  p[CLAIM.messageType] === undefined && typeof p.iss === 'string' && p.iss === p.sub && p.jti !== undefined && p.aud !== undefined;

export const clientAssertionKind: Kind = jwtKind({
  id: 'client-assertion',
  title: 'client assertion (RFC 7523) of a token request',
  sender: 'tool',
  detect: (m) => looksLikeAssertion(m.payload),
  judge: (m, ctx) => {
    const { expected: e, signature: s } = ctx;
    const iss = typeof m.payload.iss === 'string' ? m.payload.iss : '';
    const authServer = e.tokenUrl ?? e.issuer ?? '';
    const input: TokenRequestInput = {
      record: {
        exchangeId: 'validate', at: 0, contentType: '', form: {}, status: 0, grantedScopes: [],
        assertion: { header: m.header, payload: m.payload, signatureValid: s?.signatureValid ?? false, kidFound: s?.kidFound ?? false, ...(s?.verifyError ? { verifyError: s.verifyError } : {}) },
      },
      // Without --client-id, sub is compared with iss: RFC 7523 §3 wants both to be the client_id.
      clientId: e.clientId ?? iss,
      tokenUrl: authServer,
      issuer: e.issuer ?? authServer,
      offeredScopes: [],
      now: ctx.now,
      earlierJtis: [],
    };
    const noClientId = e.clientId === undefined;
    judgePlanned(ctx, CLIENT_ASSERTION_CHECKS, input, {
      needs: {
        'client-assertion.kid.known': ['jwks'],
        'client-assertion.signature.valid': ['jwks'],
        'client-assertion.iss.client-id': ['clientId'],
        'client-assertion.aud.token-endpoint': ['tokenUrl', 'issuer'],
      },
      cannot: { 'client-assertion.jti.unique': 'needs the earlier assertions of the same tool; not part of the message' },
      notes: { 'client-assertion.sub.client-id': noClientId ? 'compared with iss (no --client-id given)' : undefined },
    });
  },
});
