// The embedded reference LTI 1.3 tool: a small, genuinely correct LTI Advantage tool (launches, deep
// linking, AGS and NRPS client) with switchable flaws, used by `lti-conform demo tool` and by
// self-tests. It shares no code with the judge (src/core, src/checks).
import { createServer } from 'node:http';
import { SESSION_TTL_MS, STATE_TTL_MS, type PlatformRegistration, type ToolContext } from './context.js';
import { flawSet, type ToolFlaw } from './flaws.js';
import { JwksCache } from './jwks-cache.js';
import type { Lti11Installation } from './lti1p1.js';
import { ToolKey } from './keys.js';
import { PATHS, toolRequestListener } from './server.js';
import { REGISTRATION_PATH } from './registration.js';
import { ServiceClient } from './services/client.js';
import { TRIGGER_PATHS } from './services/triggers.js';
import { TtlStore, type LoginState, type Session } from './state-store.js';
import { listenForOrigin } from '../shared/http.js';

export {
  TOOL_FLAWS,
  LOGIN_FLAWS,
  LAUNCH_FLAWS,
  POSITIVE_SIDE_FLAWS,
  SERVICE_FLAWS,
  REGISTRATION_FLAWS,
  SUBMISSION_REVIEW_FLAWS,
  MIGRATION_FLAWS,
  type ToolFlaw,
} from './flaws.js';
export type { PlatformRegistration } from './context.js';

export interface ReferenceToolOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** The platform registered by hand; without it the tool starts unregistered (every launch refused) until a platform registers it by Dynamic Registration. */
  platform?: PlatformRegistration;
  flaws?: readonly ToolFlaw[];
  /** The LTI 1.1 installation the tool migrates from: lti1p1 claims are verified with its secret. */
  lti11?: Lti11Installation;
  /** Millisecond clock; default Date.now. */
  now?: () => number;
}

/** The tool's trigger routes: POST a JSON body, get JSON back (see services/triggers.ts). */
export type TriggerUrls = Record<keyof typeof TRIGGER_PATHS, string>;

export interface RunningReferenceTool {
  baseUrl: string;
  loginUrl: string;
  launchUrl: string;
  redirectUris: string[];
  targetLinkUri: string;
  /** target_link_uri for deep linking requests. */
  deepLinkingUrl: string;
  /** target_link_uri for submission review launches. */
  submissionReviewUrl: string;
  jwksUrl: string;
  /** Dynamic Registration initiation URL (GET with openid_configuration and registration_token). */
  registrationUrl: string;
  triggerUrls: TriggerUrls;
  close(): Promise<void>;
}

/** Until a platform registers the tool dynamically: no issuer or client id matches, so launches are refused. */
const UNREGISTERED: PlatformRegistration = { issuer: '', clientId: '', deploymentIds: [], authorizationUrl: '', jwksUrl: '', tokenUrl: '' };

export async function startReferenceTool(opts: ReferenceToolOptions = {}): Promise<RunningReferenceTool> {
  const flaws = flawSet(opts.flaws);
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const platform: PlatformRegistration = opts.platform ? { ...opts.platform, deploymentIds: [...opts.platform.deploymentIds] } : { ...UNREGISTERED, deploymentIds: [] };
  const key = new ToolKey();

  // The context needs the bound port, so the request listener is attached right after listen().
  const server = createServer();
  const origin = await listenForOrigin(server, host, opts.port ?? 0);
  const url = (path: string): string => `${origin}${path}`;

  const ctx: ToolContext = {
    platform,
    flaws,
    now,
    origin: new URL(origin).origin,
    launchUrl: url(PATHS.launch),
    targetLinkUri: url(PATHS.resource),
    deepLinkingUrl: url(PATHS.deepLink),
    submissionReviewUrl: url(PATHS.submissionReview),
    ...(opts.lti11 ? { lti11: { ...opts.lti11 } } : {}),
    secureCookies: false,
    states: new TtlStore<LoginState>(now, STATE_TTL_MS),
    nonces: new TtlStore<true>(now, SESSION_TTL_MS, 100_000),
    sessions: new TtlStore<Session>(now, SESSION_TTL_MS),
    jwks: new JwksCache(platform.jwksUrl, now, !flaws.has('jwks-cached-forever')),
    key,
    services: new ServiceClient({ platform, flaws, now, key }),
  };
  server.on('request', toolRequestListener(ctx));

  return {
    baseUrl: origin,
    loginUrl: url(PATHS.login),
    launchUrl: url(PATHS.launch),
    redirectUris: [url(PATHS.launch)],
    targetLinkUri: url(PATHS.resource),
    deepLinkingUrl: url(PATHS.deepLink),
    submissionReviewUrl: url(PATHS.submissionReview),
    jwksUrl: url(PATHS.jwks),
    registrationUrl: url(REGISTRATION_PATH),
    triggerUrls: {
      grade: url(TRIGGER_PATHS.grade),
      lineItems: url(TRIGGER_PATHS.lineItems),
      createLineItem: url(TRIGGER_PATHS.createLineItem),
      results: url(TRIGGER_PATHS.results),
      roster: url(TRIGGER_PATHS.roster),
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
