// Step 1 -> 2 as a correct tool does it: the authentication request answering a login initiation.
// Scenarios swap the plan to send a request that is wrong in exactly one way (NT-P-02..07).
import { randomBytes } from 'node:crypto';
import { OIDC } from '../../lti/vocab.js';
import type { LoginInitiationRecord } from './records.js';

export type AuthRequestParams = Record<string, string>;

/**
 * Maps the default (correct) authentication request to what we actually send; undefined values are
 * dropped. `initiation.authRequest` holds the defaults too, so `(i) => ({ ...i.authRequest, x })` works.
 */
export type AuthPlan = (initiation: LoginInitiationRecord, defaults: AuthRequestParams) => Record<string, string | undefined>;

export const defaultAuthPlan: AuthPlan = (_initiation, defaults) => defaults;

export interface PendingLogin {
  /** The nonce we actually sent (undefined when the plan dropped it). */
  nonce: string | undefined;
  authRequest: AuthRequestParams;
  initiation: LoginInitiationRecord;
}

export const randomValue = (): string => randomBytes(18).toString('base64url');

export interface DefaultRequestInput {
  params: Record<string, string>;
  clientId: string;
  launchUri: string;
  deepLinkUri: string;
  deepLinkTarget: string;
  state: string;
  nonce: string;
}

/** [SEC] §5.1.1.2: every required parameter, hints echoed unchanged (LTI-OIDC-004). */
export function defaultAuthRequest(i: DefaultRequestInput): AuthRequestParams {
  const p = i.params;
  const out: AuthRequestParams = {
    scope: OIDC.scope,
    response_type: OIDC.responseType,
    response_mode: OIDC.responseMode,
    prompt: OIDC.prompt,
    client_id: i.clientId,
    redirect_uri: p.target_link_uri === i.deepLinkTarget ? i.deepLinkUri : i.launchUri,
    state: i.state,
    nonce: i.nonce,
  };
  if (p.login_hint !== undefined) out.login_hint = p.login_hint;
  if (p.lti_message_hint !== undefined) out.lti_message_hint = p.lti_message_hint;
  return out;
}

/** Applies the plan; a throwing plan is a scenario bug, so it surfaces as a 500 at our login URL. */
export function applyPlan(plan: AuthPlan, initiation: LoginInitiationRecord, defaults: AuthRequestParams): AuthRequestParams {
  const planned = plan({ ...initiation, authRequest: { ...defaults } }, { ...defaults });
  const out: AuthRequestParams = {};
  for (const [k, v] of Object.entries(planned)) if (v !== undefined) out[k] = v;
  return out;
}

/** The platform's authorization URL with the request as its query (keeping any query it already has). */
export function authorizationRedirect(authorizationUrl: string, request: AuthRequestParams): string {
  const url = new URL(authorizationUrl);
  for (const [k, v] of Object.entries(request)) url.searchParams.set(k, v);
  return url.toString();
}
