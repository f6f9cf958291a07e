// Everything a request handler needs, built once by startReferenceTool.
import type { FlawSet } from './flaws.js';
import type { JwksCache } from './jwks-cache.js';
import type { Lti11Installation } from './lti1p1.js';
import type { ToolKey } from './keys.js';
import type { ServiceClient } from './services/client.js';
import type { LoginState, Session, TtlStore } from './state-store.js';

/** What the tool was told about the one platform it trusts (its registration). */
export interface PlatformRegistration {
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  authorizationUrl: string;
  jwksUrl: string;
  /** OAuth 2 token endpoint for the client_credentials grant (AGS, NRPS). */
  tokenUrl: string;
}

export interface ToolContext {
  platform: PlatformRegistration;
  flaws: FlawSet;
  now: () => number;
  /** scheme://host:port of the tool; landing URLs must be on it. */
  origin: string;
  launchUrl: string;
  targetLinkUri: string;
  /** target_link_uri the platform uses for deep linking requests. */
  deepLinkingUrl: string;
  /** target_link_uri of submission review launches. */
  submissionReviewUrl: string;
  /** The LTI 1.1 installation this tool migrates from (lti1p1 claim), if any. */
  lti11?: Lti11Installation;
  secureCookies: boolean;
  states: TtlStore<LoginState>;
  /** Nonces already used by an accepted launch (replay guard). */
  nonces: TtlStore<true>;
  sessions: TtlStore<Session>;
  jwks: JwksCache;
  key: ToolKey;
  services: ServiceClient;
}

export const STATE_COOKIE = 'lti_state';
export const SESSION_COOKIE = 'lti_session';
export const STATE_TTL_MS = 5 * 60_000;
export const SESSION_TTL_MS = 60 * 60_000;
export const CLOCK_LEEWAY_S = 60;

/** True when `url` parses and lives on the tool's own origin (no open redirect). */
export function onOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
