import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HostileTarget {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Requests received so far. */
  hits: number;
  /** Resolves on the first request: proof that the run has reached the target. */
  firstHit: Promise<void>;
  close(): Promise<void>;
}

/** A tiny node:http server on 127.0.0.1:0 that answers every request with `handle`. */
export async function startTarget(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<HostileTarget> {
  let hit: () => void = () => undefined;
  const firstHit = new Promise<void>((r) => (hit = r));
  const server = createServer((req, res) => {
    target.hits++;
    hit();
    // A client that gives up (timeout, size cap) must not crash the test process.
    res.on('error', () => undefined);
    handle(req, res);
  });
  server.on('connection', (socket) => socket.on('error', () => undefined));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const target: HostileTarget = {
    url: `http://127.0.0.1:${port}`,
    hits: 0,
    firstHit,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return target;
}

/** A base URL on which nothing listens: a port the OS just handed out, then released. */
export async function closedPortUrl(): Promise<string> {
  const t = await startTarget(() => undefined);
  await t.close();
  return t.url;
}

export interface Workspace {
  dir: string;
  /** Writes lti-conform config for a tool at `base`; returns its path. */
  toolConfig(base: string, name?: string): Promise<string>;
  path(...parts: string[]): string;
  remove(): Promise<void>;
}

/** The LTI 1.1 secret of the e2e tool config: it signs lti1p1 claims and must never reach output. */
export const E2E_LTI11_SECRET = 'e2e-lti11-secret-5b9e';

/** A temp folder with a `.git` folder, so the CLI's upward config search stops inside it. */
export async function workspace(): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'lti-conform-e2e-'));
  await mkdir(join(dir, '.git'));
  return {
    dir,
    path: (...parts) => join(dir, ...parts),
    async toolConfig(base, name = 'tool.yaml') {
      const file = join(dir, name);
      const yaml = [
        'target:',
        '  kind: tool',
        '  clientId: e2e-client',
        '  deploymentId: e2e-deployment',
        `  loginInitiationUrl: ${base}/login`,
        `  targetLinkUri: ${base}/launch`,
        `  redirectUris: [${base}/launch]`,
        `  deepLinkingUrl: ${base}/deep-link`,
        `  jwksUrl: ${base}/jwks`,
        `  submissionReviewUrl: ${base}/review`,
        `  lti11: { consumerKey: e2e-lti11-key, secret: ${E2E_LTI11_SECRET} }`,
        'emulator:',
        '  host: 127.0.0.1',
        '  port: 0',
        `  keyFile: ${JSON.stringify(join(dir, 'keys', 'emulator.json'))}`,
        // Every scenario runs (none is skipped for want of a trigger); each starts with a launch.
        'triggers:',
        ...['grade', 'lineItems', 'createLineItem', 'results', 'roster'].map((t) => `  ${t}: { http: { method: POST, url: "${base}/test/${t}" } }`),
        '',
      ].join('\n');
      await writeFile(file, yaml);
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
