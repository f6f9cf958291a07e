// What the platform under test sent to our emulated tool, kept raw for the checks to judge.
import type { DeepLinkAnswerRecord } from './deep-link-response.js';

/** One OIDC third-party-initiated login that reached our login initiation URL. */
export interface LoginInitiationRecord {
  exchangeId: string;
  at: number;
  method: string;
  /** Query (GET) or form fields (POST) as received. */
  params: Record<string, string>;
  /** The authentication request we answered with (302 to the platform's authorization URL), if any. */
  authRequest?: Record<string, string>;
}

/** One authentication response (form post of id_token and state, or an OIDC error) at one of our URIs. */
export interface AuthResponseRecord {
  exchangeId: string;
  at: number;
  /** Path that received it: a registered redirect URI, or the decoy URI we never registered. */
  path: string;
  /** Whether that path is one of the redirect URIs we asked the platform to register. */
  registered: boolean;
  method: string;
  contentType: string;
  form: Record<string, string>;
  /** The state our login cookie carried on this request, if the browser sent it back. */
  stateCookie?: string;
  /** What we posted back to deep_link_return_url when this was an LtiDeepLinkingRequest (decoded, unsigned). */
  deepLinkAnswer?: DeepLinkAnswerRecord;
}

/** One registration initiation (LTI Dynamic Registration) that reached our registration URL. */
export interface RegistrationInitiationRecord {
  exchangeId: string;
  at: number;
  /** The query as received: openid_configuration, registration_token. */
  params: Record<string, string>;
}
