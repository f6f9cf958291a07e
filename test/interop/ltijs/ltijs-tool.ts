// An LTI 1.3 tool built on ltijs (a certified tool library nobody here wrote), used as an interop
// target for the platform emulator. Runs ltijs with its real validation: no devMode, default
// tokenMaxAge, signed state and session cookies.
//
// Deployment choice: ltijs is set up normally and deployed with `serverless: true`, and its express
// app is mounted on our own node:http server. ltijs's own listener (`deploy({ port })`) binds every
// interface, and turns port 0 into 3000 (`if (options.port)`), so it can bind neither 127.0.0.1
// alone nor an ephemeral port. In serverless mode `deploy` only connects the database.
//
// Singleton: `require('ltijs').Provider` is one instance whose `setup()` throws
// PROVIDER_ALREADY_SETUP the second time. We never touch that instance: every start constructs a
// fresh Provider from the class behind it, so starts may repeat after close() and may even overlap.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ltijs from 'ltijs';
import type { IdToken, Provider, ProviderClass, Response } from 'ltijs';
import SequelizeDatabase from 'ltijs-sequelize';

export interface LtijsToolOptions {
  platform: {
    issuer: string;
    clientId: string;
    /** ltijs keeps no deployment list: any non-empty deployment_id is accepted. Shown on the launch page only. */
    deploymentId: string;
    authorizationUrl: string;
    tokenUrl: string;
    jwksUrl: string;
    name?: string;
  };
  /** Port on 127.0.0.1; default 0 (an ephemeral port). */
  port?: number;
  /** Directory for the sqlite file; default a fresh mkdtemp, removed on close. A given directory is kept. */
  dataDir?: string;
}

export interface RunningLtijsTool {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  baseUrl: string;
  /** OIDC login initiation (ltijs default route `/login`, GET or POST). */
  loginUrl: string;
  /** Launch / app route (ltijs default `/`); receives the form_post and then the `?ltik=` redirect. */
  launchUrl: string;
  /** ltijs sends the login's target_link_uri (query stripped) as redirect_uri, so this is [launchUrl]. */
  redirectUris: string[];
  targetLinkUri: string;
  /** Tool key set (ltijs default route `/keys`). */
  jwksUrl: string;
  close(): Promise<void>;
}

/**
 * LTIJS_DEBUG unset / '' / '0' / 'false': silent. '1' or 'true': ltijs's `provider:*` debug output
 * plus the console messages ltijs and its migrator print. Any other value is passed to
 * `debug.enable()` as the namespace list (e.g. `provider:auth`).
 */
const DEBUG_ENV = 'LTIJS_DEBUG';

function debugEnabled(): boolean {
  const v = process.env[DEBUG_ENV];
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}

/** SQL statements are logged only when LTIJS_DEBUG mentions `sql` (e.g. `LTIJS_DEBUG=provider:*,sql`). */
function sqlDebugEnabled(): boolean {
  return debugEnabled() && (process.env[DEBUG_ENV] ?? '').includes('sql');
}

/** Turns on ltijs's `debug` namespaces (the copy of `debug` ltijs itself resolves). */
function enableLtijsDebug(): void {
  const requireFromLtijs = createRequire(createRequire(import.meta.url).resolve('ltijs'));
  const debugLib = requireFromLtijs('debug') as { enable(namespaces: string): void };
  const v = process.env[DEBUG_ENV] ?? '';
  debugLib.enable(v === '1' || v === 'true' ? 'provider:*' : v);
}

/**
 * Runs `fn` with console.log/info muted unless LTIJS_DEBUG is set. Needed because
 * ltijs-sequelize's migrator (umzug) logs to console.info unconditionally, and ltijs's deploy
 * error path console.logs the real cause before calling process.exit(). If `fn` fails, the muted
 * output is appended to the error so that cause is not lost.
 */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  if (debugEnabled()) return fn();
  const { log, info } = console;
  const muted: string[] = [];
  const mute = (...args: unknown[]): void => {
    muted.push(args.map((a) => (a instanceof Error ? a.stack ?? a.message : String(a))).join(' '));
  };
  console.log = mute;
  console.info = mute;
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Error && muted.length > 0) err.message += `\n${muted.join('\n')}`;
    throw err;
  } finally {
    console.log = log;
    console.info = info;
  }
}

/**
 * ltijs's deploy() reacts to a database failure with `process.exit()`, and always adds a SIGINT
 * listener that closes it and exits. Turn the first into a rejection and remove the second.
 */
async function deployServerless(lti: Provider): Promise<void> {
  const sigintBefore = new Set(process.listeners('SIGINT'));
  const realExit = process.exit;
  process.exit = ((code?: number | string | null) => {
    throw new Error(`ltijs deploy failed (it called process.exit(${String(code ?? '')}))`);
  }) as typeof process.exit;
  try {
    await lti.deploy({ serverless: true, silent: true });
  } finally {
    process.exit = realExit;
    for (const listener of process.listeners('SIGINT')) {
      if (!sigintBefore.has(listener)) process.off('SIGINT', listener);
    }
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function launchPage(token: IdToken): string {
  const ctx = token.platformContext;
  const rows: [string, string][] = [
    ['user', token.user],
    ['iss', token.iss],
    ['client-id', token.clientId],
    ['deployment-id', token.deploymentId],
    ['message-type', ctx.messageType ?? ''],
    ['resource-link-id', ctx.resource?.id ?? ''],
    ['roles', (ctx.roles ?? []).join(' ')],
    ['target-link-uri', ctx.targetLinkUri ?? ''],
  ];
  const dl = rows.map(([k, v]) => `<dt>${k}</dt><dd id="${k}">${escapeHtml(v)}</dd>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>ltijs launch</title></head>` +
    `<body><h1>ltijs launch OK</h1><dl>${dl}</dl></body></html>`;
}

function listen(server: Server, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startLtijsTool(opts: LtijsToolOptions): Promise<RunningLtijsTool> {
  if (debugEnabled()) enableLtijsDebug();
  const ownDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'ltijs-tool-')));
  // Unique per start: rows are encrypted with the per-start key, so a reused file would be unreadable.
  const storage = join(dataDir, `ltijs-${randomBytes(6).toString('hex')}.sqlite`);

  const ProviderCtor = Object.getPrototypeOf(ltijs.Provider).constructor as ProviderClass;
  const lti = new ProviderCtor();
  const db = new SequelizeDatabase('ltijs', null, null, {
    dialect: 'sqlite',
    storage,
    logging: sqlDebugEnabled() ? (sql: string) => console.error(`[ltijs-sequelize] ${sql}`) : false,
  });
  lti.setup(randomBytes(32).toString('hex'), { plugin: db }, {
    // Plain http on 127.0.0.1: Secure cookies would never come back. Platform and tool are both on
    // 127.0.0.1 (same site, ports do not matter), so Lax lets the form_post carry the state cookie;
    // 'None' would require Secure in browsers.
    cookies: { secure: false, sameSite: 'Lax' },
    devMode: false,
  });
  lti.onConnect((token: IdToken, _req, res: Response) => {
    res.status(200).type('html').send(launchPage(token));
  });

  const server = createServer(lti.app);
  let deployed = false;
  try {
    await quietly(() => deployServerless(lti));
    deployed = true;
    await lti.registerPlatform({
      url: opts.platform.issuer,
      name: opts.platform.name ?? 'lti-conform platform',
      clientId: opts.platform.clientId,
      authenticationEndpoint: opts.platform.authorizationUrl,
      accesstokenEndpoint: opts.platform.tokenUrl,
      authConfig: { method: 'JWK_SET', key: opts.platform.jwksUrl },
    });
    const { port } = await listen(server, opts.port ?? 0);
    const baseUrl = `http://127.0.0.1:${port}`;
    const launchUrl = new URL(lti.appRoute(), baseUrl).href;
    let closed: Promise<void> | undefined;
    return {
      baseUrl,
      loginUrl: new URL(lti.loginRoute(), baseUrl).href,
      launchUrl,
      redirectUris: [launchUrl],
      targetLinkUri: launchUrl,
      jwksUrl: new URL(lti.keysetRoute(), baseUrl).href,
      close() {
        closed ??= shutdown(server, lti, ownDataDir ? dataDir : undefined);
        return closed;
      },
    };
  } catch (err) {
    await shutdown(server, deployed ? lti : undefined, ownDataDir ? dataDir : undefined).catch(() => undefined);
    throw err;
  }
}

async function shutdown(server: Server, lti: Provider | undefined, removeDir: string | undefined): Promise<void> {
  await closeServer(server);
  // lti.close() stops ltijs-sequelize's cleanup cron job and closes the sqlite connection.
  if (lti) await lti.close({ silent: !debugEnabled() });
  if (removeDir) await rm(removeDir, { recursive: true, force: true });
}
