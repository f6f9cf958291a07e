// The embedded reference LTI 1.3 tool: a small, genuinely correct tool with switchable flaws, used by
// `lti-conform demo tool` and by self-tests. It shares no code with the judge (src/core, src/checks).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { SESSION_TTL_MS, STATE_TTL_MS, type PlatformRegistration, type ToolContext } from './context.js';
import { flawSet, type ToolFlaw } from './flaws.js';
import { JwksCache } from './jwks-cache.js';
import { PATHS, toolRequestListener } from './server.js';
import { TtlStore, type LoginState, type Session } from './state-store.js';

export { TOOL_FLAWS, LOGIN_FLAWS, LAUNCH_FLAWS, POSITIVE_SIDE_FLAWS, type ToolFlaw } from './flaws.js';
export type { PlatformRegistration } from './context.js';

export interface ReferenceToolOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  platform: PlatformRegistration;
  flaws?: readonly ToolFlaw[];
  /** Millisecond clock; default Date.now. */
  now?: () => number;
}

export interface RunningReferenceTool {
  baseUrl: string;
  loginUrl: string;
  launchUrl: string;
  redirectUris: string[];
  targetLinkUri: string;
  jwksUrl: string;
  close(): Promise<void>;
}

/** The tool's own signing key, published for deep linking responses and client assertions. */
async function toolJwks(): Promise<{ keys: unknown[] }> {
  const { publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
}

export async function startReferenceTool(opts: ReferenceToolOptions): Promise<RunningReferenceTool> {
  const flaws = flawSet(opts.flaws);
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  // Made on first request: launches never need it, and RSA key generation is slow.
  let jwks: Promise<{ keys: unknown[] }> | undefined;
  const publicJwks = (): Promise<{ keys: unknown[] }> => (jwks ??= toolJwks());

  // The context needs the bound port, so the request listener is attached right after listen().
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = (path: string): string => `${origin}${path}`;

  const ctx: ToolContext = {
    platform: { ...opts.platform, deploymentIds: [...opts.platform.deploymentIds] },
    flaws,
    now,
    origin: new URL(origin).origin,
    launchUrl: url(PATHS.launch),
    targetLinkUri: url(PATHS.resource),
    secureCookies: false,
    states: new TtlStore<LoginState>(now, STATE_TTL_MS),
    nonces: new TtlStore<true>(now, SESSION_TTL_MS, 100_000),
    sessions: new TtlStore<Session>(now, SESSION_TTL_MS),
    jwks: new JwksCache(opts.platform.jwksUrl, now),
  };
  server.on('request', toolRequestListener(ctx, publicJwks));

  return {
    baseUrl: origin,
    loginUrl: url(PATHS.login),
    launchUrl: url(PATHS.launch),
    redirectUris: [url(PATHS.launch)],
    targetLinkUri: url(PATHS.resource),
    jwksUrl: url(PATHS.jwks),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
