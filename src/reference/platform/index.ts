// The embedded reference LTI 1.3 platform: a small, genuinely correct LTI Advantage platform (OIDC
// launches, deep linking, token endpoint, AGS, NRPS) with switchable flaws, used by
// `lti-conform demo platform` and by self-tests. It shares no code with the judge (src/core, src/checks).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { PATHS, lineItemsPath, membershipsPath, type PlatformContext, type ToolRegistration } from './context.js';
import { COURSES, defaultLinkId, PERSONA_USER, type Persona } from './data.js';
import { flawSet, type PlatformFlaw } from './flaws.js';
import { PlatformKeys } from './keys.js';
import { launchQuery, type LaunchOptions } from './launch.js';
import { platformRequestListener } from './server.js';
import { DR_PATHS, dynamicClients, issueRegistrationToken, type DynamicClient } from './registration.js';
import type { Lti11Installation } from './review.js';
import { PlatformStore } from './store.js';
import { ToolJwks } from './tool-jwks.js';
import { listenForOrigin } from '../shared/http.js';

export {
  PLATFORM_FLAWS,
  AUTH_FLAWS,
  MESSAGE_FLAWS,
  AS_FLAWS,
  AGS_FLAWS,
  NRPS_FLAWS,
  DL_FLAWS,
  REGISTRATION_FLAWS,
  SUBMISSION_REVIEW_FLAWS,
  MIGRATION_FLAWS,
  type PlatformFlaw,
} from './flaws.js';
export type { ToolRegistration } from './context.js';
export type { LaunchOptions } from './launch.js';
export type { Persona } from './data.js';

export interface ReferencePlatformOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** A tool registered by hand; without it, tools register by Dynamic Registration. */
  tool?: ToolRegistration;
  flaws?: readonly PlatformFlaw[];
  /** The platform's former LTI 1.1 installation of the tool: launches carry a signed lti1p1 claim. */
  lti11?: Lti11Installation;
  /** Millisecond clock; default Date.now. */
  now?: () => number;
}

export interface RunningReferencePlatform {
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  /** Dynamic Registration: the OpenID configuration, tokens, and a test route that starts registration. */
  registration: {
    openidConfigurationUrl: string;
    endpoint: string;
    /** A registration token, as an administrator would hand it out (valid an hour). */
    issueToken(): string;
    /** GET it: the platform opens this tool registration initiation URL with openid_configuration and a token. */
    startUrl(initiationUrl: string): string;
    clients(): readonly DynamicClient[];
  };
  /** HTTP launch triggers: GET opens a launch as that persona, 302 to the tool's login initiation. */
  launchUrl(opts?: LaunchOptions): string;
  services: {
    lineItemsUrl(context?: string): string;
    membershipsUrl(context?: string): string;
    /** The id of the course's default resource link (what a plain launch of that course opens). */
    resourceLinkId(context?: string): string;
  };
  /** The stable user ids of the two personas (the `sub` of their launches, `userId` of their scores). */
  users: Readonly<Record<Persona, string>>;
  /** Courses that exist: course-1 and course-2. */
  contexts: readonly string[];
  close(): Promise<void>;
}

/** Until a tool registers dynamically: launches are refused, and no client id or key matches. */
const UNREGISTERED: ToolRegistration = { clientId: '', deploymentId: '', loginInitiationUrl: '', redirectUris: [], targetLinkUri: '', jwksUrl: '' };

export async function startReferencePlatform(opts: ReferencePlatformOptions): Promise<RunningReferencePlatform> {
  const flaws = flawSet(opts.flaws);
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const tool: ToolRegistration = opts.tool ? { ...opts.tool, redirectUris: [...opts.tool.redirectUris] } : UNREGISTERED;
  const keys = await PlatformKeys.create(flaws);

  // The issuer needs the bound port, so the request listener is attached right after listen().
  const server = createServer();
  const issuer = await listenForOrigin(server, host, opts.port ?? 0);
  const url = (path: string): string => `${issuer}${path}`;

  const ctx: PlatformContext = {
    tool,
    flaws,
    now,
    issuer,
    secret: randomBytes(32),
    keys,
    toolJwks: new ToolJwks(tool.jwksUrl, now),
    store: new PlatformStore(now),
    ...(opts.lti11 ? { lti11: { ...opts.lti11 } } : {}),
  };
  server.on('request', platformRequestListener(ctx));

  return {
    issuer,
    authorizationUrl: url(PATHS.auth),
    tokenUrl: url(PATHS.token),
    jwksUrl: url(PATHS.jwks),
    registration: {
      openidConfigurationUrl: url(DR_PATHS.configuration),
      endpoint: url(DR_PATHS.register),
      issueToken: () => issueRegistrationToken(ctx),
      startUrl: (initiationUrl) => url(`${DR_PATHS.testRegister}?${new URLSearchParams({ url: initiationUrl }).toString()}`),
      clients: () => dynamicClients(ctx),
    },
    launchUrl: (o) => url(`${PATHS.launch}?${launchQuery(o)}`),
    services: {
      lineItemsUrl: (context = 'course-1') => url(lineItemsPath(context)),
      membershipsUrl: (context = 'course-1') => url(membershipsPath(context)),
      resourceLinkId: (context = 'course-1') => defaultLinkId(context),
    },
    users: { ...PERSONA_USER },
    contexts: COURSES.map((c) => c.id),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
