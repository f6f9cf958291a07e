// Any tool (the reference tool, the ltijs one) registered with the reference platform and the platform
// with it. Neither registration can change after start and each needs the other's URLs, so the
// platform's port is reserved first: the tool starts with the platform's URLs known in advance.
import { createServer } from 'node:net';
import { request } from 'undici';
import type { EvidenceRecorder } from '../../src/core/evidence.js';
import type { Hop } from '../../src/http/browser.js';
import { PATHS } from '../../src/reference/platform/context.js';
import { startReferencePlatform, type RunningReferencePlatform } from '../../src/reference/platform/index.js';

export interface PlatformUrls {
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  jwksUrl: string;
}

export interface ToolUrls {
  loginUrl: string;
  redirectUris: string[];
  targetLinkUri: string;
  deepLinkingUrl: string;
  jwksUrl: string;
  close(): Promise<void>;
}

/** A port nothing listens on right now (the platform binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function withReferencePlatform<T extends ToolUrls>(
  ids: { clientId: string; deploymentId: string },
  startTool: (platform: PlatformUrls) => Promise<T>,
): Promise<{ urls: PlatformUrls; tool: T; platform: RunningReferencePlatform; close(): Promise<void> }> {
  const issuer = `http://127.0.0.1:${await freePort()}`;
  const urls = { issuer, authorizationUrl: `${issuer}${PATHS.auth}`, tokenUrl: `${issuer}${PATHS.token}`, jwksUrl: `${issuer}${PATHS.jwks}` };
  const tool = await startTool(urls);
  const platform = await startReferencePlatform({
    port: Number(new URL(issuer).port),
    tool: { ...ids, loginInitiationUrl: tool.loginUrl, redirectUris: tool.redirectUris, targetLinkUri: tool.targetLinkUri, deepLinkingUrl: tool.deepLinkingUrl, jwksUrl: tool.jwksUrl },
  });
  return { urls, tool, platform, close: async () => { await platform.close(); await tool.close(); } };
}

/** `METHOD origin+path STATUS` of each hop (queries dropped: they carry per-launch values). */
export const trail = (hops: readonly Hop[]): string[] =>
  hops.map((h) => `${h.method} ${new URL(h.url).origin}${new URL(h.url).pathname} ${h.status}`);

/** The payload of a JWT form field the browser posted (the evidence keeps header and payload, not the signature). */
export function postedJwt(evidence: EvidenceRecorder, hop: Hop | undefined, field: string): Record<string, unknown> {
  const x = evidence.snapshot().exchanges.find((e) => e.id === hop?.exchangeId);
  const jwt = new URLSearchParams(x?.requestBody ?? '').get(field) ?? '';
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** POSTs JSON to a tool's trigger route. */
export async function trigger(url: string, body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
}
