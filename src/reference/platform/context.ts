// Everything a request handler needs, built once by startReferencePlatform.
import type { FlawSet } from './flaws.js';
import type { PlatformKeys } from './keys.js';
import type { Lti11Installation } from './review.js';
import type { PlatformStore } from './store.js';
import type { ToolJwks } from './tool-jwks.js';

/** What the platform knows of the one tool registered with it. */
export interface ToolRegistration {
  clientId: string;
  deploymentId: string;
  loginInitiationUrl: string;
  redirectUris: string[];
  targetLinkUri: string;
  /** target_link_uri of deep linking requests; default targetLinkUri. */
  deepLinkingUrl?: string;
  /** The tool's public keys (client assertions, deep linking responses). */
  jwksUrl: string;
}

export interface PlatformContext {
  tool: ToolRegistration;
  flaws: FlawSet;
  /** Millisecond clock. */
  now: () => number;
  /** The issuer: scheme://host:port, no path. Every URL we publish is on it. */
  issuer: string;
  /** Server secret for the lti_message_hint MAC. */
  secret: Buffer;
  keys: PlatformKeys;
  toolJwks: ToolJwks;
  store: PlatformStore;
  /** The LTI 1.1 installation of the tool (lti1p1 claim), if any. */
  lti11?: Lti11Installation;
}

export const PATHS = {
  launch: '/launch',
  auth: '/auth',
  token: '/token',
  jwks: '/.well-known/jwks.json',
  deepLinkReturn: '/deep-link/return',
  /** launch_presentation.return_url: shows lti_msg / lti_errormsg. */
  launchReturn: '/return',
} as const;

export const SESSION_COOKIE = 'ref_platform_session';
export const SESSION_TTL_S = 3600;
export const ID_TOKEN_TTL_S = 300;
export const ACCESS_TOKEN_TTL_S = 3600;
/** Leeway for exp in messages the tool signs. */
export const CLOCK_LEEWAY_S = 10;

export const lineItemsPath = (contextId: string): string => `/ags/${encodeURIComponent(contextId)}/lineitems`;
export const membershipsPath = (contextId: string): string => `/nrps/${encodeURIComponent(contextId)}/memberships`;

export function nowSeconds(ctx: PlatformContext): number {
  return Math.floor(ctx.now() / 1000);
}

export function platformUrl(ctx: PlatformContext, path: string): string {
  return `${ctx.issuer}${path}`;
}
