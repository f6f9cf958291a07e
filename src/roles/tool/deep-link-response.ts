// Step 4 of deep linking as a correct tool does it ([DL] §2.3, §4.5; [SEC] §5.2): answer an
// LtiDeepLinkingRequest with a signed LtiDeepLinkingResponse auto-posted to deep_link_return_url.
// Scenarios swap the plan to send a response that is wrong in exactly one way (NT-P-38..41).
import { isDeepStrictEqual } from 'node:util';
import { decodeJwt } from 'jose';
import { signJwt, type SigningMode } from '../../keys/sign.js';
import type { KeyStore } from '../../keys/store.js';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE, TOOL_MESSAGE_FORM_FIELD } from '../../lti/vocab.js';
import { randomValue } from './auth-request.js';
import { contentItemsFor, type ContentUrls, type DeepLinkSettings } from './deep-link-items.js';

/** A deep-linking response before signing: what a plan changes. */
export interface DeepLinkResponseParts {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signing: SigningMode;
}

export interface DeepLinkPlanContext {
  /** The nonce of the last correct response we posted (for a replay). */
  lastValidNonce?: string;
}

/** Maps the correct response to what we actually send. A plan that cannot apply throws (NotApplicable: skip). */
export type DeepLinkPlan = (correct: DeepLinkResponseParts, ctx: DeepLinkPlanContext) => DeepLinkResponseParts;

export const defaultDeepLinkPlan: DeepLinkPlan = (correct) => correct;

/** The request gives the plan nothing to change (no data to alter): the scenario does not apply. */
export class DeepLinkPlanNotApplicable extends Error {}

export type DeepLinkMutation =
  | 'bad-signature' | 'unknown-kid' | 'wrong-aud' | 'wrong-iss' | 'expired' | 'replayed-nonce' | 'changed-data' | 'wrong-deployment' | 'wrong-message-type';

export const UNKNOWN_KID = 'lti-conform-unknown-kid';
export const OTHER_ISSUER = 'https://other-platform.example';
export const OTHER_CLIENT_ID = 'lti-conform-other-client';
export const OTHER_DEPLOYMENT_ID = 'lti-conform-other-deployment';
/** How far in the past an expired response's exp lies (beyond any sane clock leeway). */
export const EXPIRED_BY_S = 600;

const withClaims = (m: DeepLinkResponseParts, claims: Record<string, unknown>): DeepLinkResponseParts => ({ ...m, payload: { ...m.payload, ...claims } });

/** Each plan changes exactly one thing of the correct response. */
export const DEEP_LINK_MUTATIONS: Record<DeepLinkMutation, { describe: string; plan: DeepLinkPlan }> = {
  'bad-signature': { describe: 'signed with a key that is not the tool\'s, under the tool\'s kid', plan: (m) => ({ ...m, signing: 'foreign-key' }) },
  'unknown-kid': { describe: `kid "${UNKNOWN_KID}", which the tool's key set does not have`, plan: (m) => ({ ...m, header: { ...m.header, kid: UNKNOWN_KID } }) },
  'wrong-aud': { describe: `aud is another platform (${OTHER_ISSUER})`, plan: (m) => withClaims(m, { aud: OTHER_ISSUER }) },
  'wrong-iss': { describe: `iss is another client id (${OTHER_CLIENT_ID})`, plan: (m) => withClaims(m, { iss: OTHER_CLIENT_ID }) },
  expired: { describe: `exp ${EXPIRED_BY_S / 60} minutes before iat`, plan: (m) => withClaims(m, { exp: Number(m.payload.iat) - EXPIRED_BY_S }) },
  'replayed-nonce': {
    describe: 'the nonce of the previous valid response',
    plan: (m, ctx) => {
      if (ctx.lastValidNonce === undefined) throw new Error('no valid deep-linking response was posted before, so there is no nonce to replay');
      return withClaims(m, { nonce: ctx.lastValidNonce });
    },
  },
  'changed-data': {
    describe: 'data with "-changed" appended',
    plan: (m) => {
      if (!(CLAIM.dlData in m.payload)) throw new DeepLinkPlanNotApplicable('the deep-linking request carried no data, so there is none to change');
      return withClaims(m, { [CLAIM.dlData]: `${String(m.payload[CLAIM.dlData])}-changed` });
    },
  },
  'wrong-deployment': { describe: `deployment_id of another deployment (${OTHER_DEPLOYMENT_ID})`, plan: (m) => withClaims(m, { [CLAIM.deploymentId]: OTHER_DEPLOYMENT_ID }) },
  'wrong-message-type': { describe: `message_type ${MESSAGE_TYPE.deepLinkingRequest}`, plan: (m) => withClaims(m, { [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest }) },
};

/** A deep-linking request we can answer: its claims, settings and where the answer goes. */
export interface DeepLinkRequest {
  claims: Record<string, unknown>;
  settings: DeepLinkSettings;
  /** The request's data, when it had one (echoed unchanged). */
  data?: unknown;
  hasData: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The decoded (not verified: judging it is the checks' job) id_token, when it is an LtiDeepLinkingRequest with a usable return URL. */
export function readDeepLinkRequest(idToken: string | undefined): DeepLinkRequest | undefined {
  let claims: Record<string, unknown>;
  try {
    claims = idToken === undefined ? {} : (decodeJwt(idToken) as Record<string, unknown>);
  } catch {
    return undefined;
  }
  const s = claims[CLAIM.deepLinkingSettings];
  if (claims[CLAIM.messageType] !== MESSAGE_TYPE.deepLinkingRequest || !isObject(s) || typeof s.deep_link_return_url !== 'string') return undefined;
  if (!/^https?:\/\//i.test(s.deep_link_return_url)) return undefined;
  const settings: DeepLinkSettings = {
    deep_link_return_url: s.deep_link_return_url,
    accept_types: Array.isArray(s.accept_types) ? s.accept_types.filter((t): t is string => typeof t === 'string') : [],
    ...(typeof s.accept_media_types === 'string' ? { accept_media_types: s.accept_media_types } : {}),
    ...(typeof s.accept_multiple === 'boolean' ? { accept_multiple: s.accept_multiple } : {}),
  };
  const hasData = 'data' in s && s.data !== undefined;
  return { claims, settings, hasData, ...(hasData ? { data: s.data } : {}) };
}

export interface ResponseIdentity {
  /** Our client id: the response's iss ([SEC] §5.2.2). */
  clientId: string;
  kid: string;
  /** Fallbacks when the request lacks iss or deployment_id. */
  issuer: string;
  deploymentId: string;
  /** Seconds since the epoch. */
  now: number;
  nonce: string;
  urls: ContentUrls;
}

/** The correct response to a request ([DL] §4.5, [SEC] §5.2.2). */
export function correctDeepLinkResponse(req: DeepLinkRequest, id: ResponseIdentity): DeepLinkResponseParts {
  const iss = req.claims.iss;
  const deployment = req.claims[CLAIM.deploymentId];
  return {
    header: { alg: 'RS256', kid: id.kid, typ: 'JWT' },
    payload: {
      iss: id.clientId,
      aud: typeof iss === 'string' ? iss : id.issuer,
      iat: id.now,
      exp: id.now + 300,
      nonce: id.nonce,
      [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
      [CLAIM.version]: LTI_VERSION,
      [CLAIM.deploymentId]: typeof deployment === 'string' ? deployment : id.deploymentId,
      ...(req.hasData ? { [CLAIM.dlData]: req.data } : {}),
      [CLAIM.dlContentItems]: contentItemsFor(req.settings, id.urls),
    },
    signing: 'rs256',
  };
}

/** What we answered a deep-linking request with. The signature is never kept; the evidence has the post. */
export type DeepLinkAnswerRecord =
  | { posted: true; returnUrl: string; sent: DeepLinkResponseParts; /** The correct response, unchanged by the plan. */ valid: boolean }
  | { posted: false; returnUrl: string; reason: string; /** The plan does not apply to this request (skip, not an error). */ notApplicable: boolean };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The auto-submitting form that carries the response ([SEC] §5.2.1, [DL] §2.3). */
export function autoPostPage(returnUrl: string, jwt: string): string {
  return '<!doctype html><html><head><meta charset="utf-8"><title>lti-conform</title></head>'
    + `<body onload="document.forms[0].submit()"><form method="POST" action="${esc(returnUrl)}">`
    + `<input type="hidden" name="${TOOL_MESSAGE_FORM_FIELD}" value="${esc(jwt)}">`
    + '<noscript><button type="submit">Continue</button></noscript></form></body></html>\n';
}

export interface DeepLinkAnswerInput {
  request: DeepLinkRequest;
  identity: Omit<ResponseIdentity, 'nonce' | 'kid'>;
  keys: KeyStore;
  plan: DeepLinkPlan;
  lastValidNonce?: string;
}

export interface DeepLinkAnswer {
  record: DeepLinkAnswerRecord;
  status: number;
  body: string;
}

/** Builds, plans, signs: a 200 auto-post page, or a 500 page when the plan fails (a scenario problem). */
export async function answerDeepLink(i: DeepLinkAnswerInput): Promise<DeepLinkAnswer> {
  const returnUrl = i.request.settings.deep_link_return_url;
  const correct = correctDeepLinkResponse(i.request, { ...i.identity, kid: i.keys.current.kid, nonce: randomValue() });
  let sent: DeepLinkResponseParts;
  try {
    sent = i.plan(structuredClone(correct), { ...(i.lastValidNonce !== undefined ? { lastValidNonce: i.lastValidNonce } : {}) });
  } catch (e) {
    const reason = (e as Error).message;
    return {
      record: { posted: false, returnUrl, reason, notApplicable: e instanceof DeepLinkPlanNotApplicable },
      status: 500, body: `<!doctype html><p>lti-conform: the scenario's deep-linking plan failed: ${esc(reason)}</p>\n`,
    };
  }
  const jwt = await signJwt(sent.header, sent.payload, sent.signing, i.keys);
  return { record: { posted: true, returnUrl, sent, valid: isDeepStrictEqual(sent, correct) }, status: 200, body: autoPostPage(returnUrl, jwt) };
}
