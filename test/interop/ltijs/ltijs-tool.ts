// An LTI 1.3 tool built on ltijs (a certified tool library nobody here wrote), used as an interop
// target for the platform emulator. Runs ltijs with its real validation: no devMode, default
// tokenMaxAge, signed state and session cookies.
//
// Deployment choice: ltijs is set up normally and deployed with `serverless: true`, and its express
// app is mounted on our own node:http server. ltijs's own listener (`deploy({ port })`) binds every
// interface, and turns port 0 into 3000 (`if (options.port)`), so it can bind neither 127.0.0.1
// alone nor an ephemeral port. In serverless mode `deploy` only connects the database.
//
// Deep linking: ltijs has no deep-linking route of its own. An id_token posted to any path is validated
// and redirected with `?ltik=` to the same path, but only the app route dispatches by message_type
// (LtiDeepLinkingRequest -> the onDeepLinking callback, else onConnect). So deepLinkingUrl is the app
// route, and the callback answers at once with ltijs's own auto-submitting form
// (DeepLinking.createDeepLinkingForm), which signs the response with ltijs's per-platform key (the
// one published at the keyset route, jwksUrl) and filters the offered items by accept_types and
// accept_multiple itself.
//
// Trigger routes (POST /test/*, JSON in, JSON out; 200 on success, 400 for a bad body, 502 with the
// error when ltijs's call failed) are answered by our own node:http listener before the request
// reaches ltijs's express app, so ltijs's ltik/session middleware never sees them: they are protected
// only by listening on 127.0.0.1. They drive ltijs's own service clients, Grade and NamesAndRoles.
// Those take an idtoken, but read only a few fields of it (iss + clientId to find the registered
// platform, whose token endpoint and key they use; platformContext.endpoint.lineitems;
// platformContext.namesRoles.context_memberships_url), so each trigger builds that minimal token from
// the registered platform and the URLs in the request body, as lti-conform's trigger templates give
// them; nothing depends on which launch ltijs stored last.
//
// Activation: ltijs stores a dynamically registered platform inactive unless dynReg.autoActivate
// (DynamicRegistration.js `register` inserts platformStatus { active: autoActivate }), and its login
// route answers an inactive platform 401 PLATFORM_NOT_ACTIVATED (onInactivePlatform's default).
// POST /test/activate?clientId=... is what an admin would do: Platform.platformActive(true) on every
// registered platform with that client_id (ltijs's own API; an unknown client_id is a 400).
//
// Singleton: `require('ltijs').Provider` is one instance whose `setup()` throws
// PROVIDER_ALREADY_SETUP the second time. We never touch that instance: every start constructs a
// fresh Provider from the class behind it, so starts may repeat after close() and may even overlap.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ltijs from 'ltijs';
import type { ContentItem, IdToken, Provider, ProviderClass, Response, ServiceToken } from 'ltijs';
import SequelizeDatabase from 'ltijs-sequelize';
import type { TriggerConfig } from '../../../src/config/types.js';

export interface LtijsToolOptions {
  /** Registered statically at start. Absent with dynamicRegistration: the tool registers through its dynReg route. */
  platform?: {
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
  /** Turn on ltijs's Dynamic Registration service (route registrationUrl). */
  dynamicRegistration?: boolean;
  /**
   * ltijs's dynReg.autoActivate; default true here (ltijs's own default is false). With false, a
   * registered platform is refused at login until activated through activateUrl.
   */
  autoActivate?: boolean;
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
  /**
   * target_link_uri for deep-linking requests: the app route again, since ltijs dispatches
   * LtiDeepLinkingRequest to onDeepLinking only there.
   */
  deepLinkingUrl: string;
  /**
   * Tool key set (ltijs default route `/keys`): the public half of the key ltijs generated for the
   * registered platform, which signs its deep-linking responses and client assertions.
   */
  jwksUrl: string;
  /** Trigger routes driving ltijs's Grade and NamesAndRoles services (see ltijsTriggers). */
  triggerUrls: Record<keyof typeof TRIGGER_PATHS, string>;
  /** ltijs's Dynamic Registration route (default `/register`); answers only with dynamicRegistration. */
  registrationUrl: string;
  /** POST `?clientId=<client_id>`: activates the platform registered with that client_id (see ltijsActivateTrigger). */
  activateUrl: string;
  close(): Promise<void>;
}

/** Same paths and bodies as the reference tool's trigger routes. */
export const TRIGGER_PATHS = {
  grade: '/test/grade',
  lineItems: '/test/line-items',
  createLineItem: '/test/create-line-item',
  results: '/test/results',
  roster: '/test/roster',
} as const;

const post = (url: string, body: Record<string, string>): TriggerConfig => ({
  kind: 'http',
  http: { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
});

/** The triggers a user would configure for this tool: the same map demoTriggers builds for the reference tool. */
export function ltijsTriggers(tool: Pick<RunningLtijsTool, 'triggerUrls'>): Record<string, TriggerConfig> {
  const u = tool.triggerUrls;
  return {
    grade: post(u.grade, { lineItem: '{{ags.lineitem}}', userId: '{{launch.sub}}' }),
    lineItems: post(u.lineItems, { lineItems: '{{ags.lineitems}}' }),
    createLineItem: post(u.createLineItem, { lineItems: '{{ags.lineitems}}' }),
    results: post(u.results, { lineItem: '{{ags.lineitem}}' }),
    roster: post(u.roster, { memberships: '{{nrps.url}}' }),
  };
}

export const ACTIVATE_PATH = '/test/activate';

/** triggers.activateRegistration for a tool started with autoActivate: false. */
export function ltijsActivateTrigger(tool: Pick<RunningLtijsTool, 'activateUrl'>): TriggerConfig {
  return { kind: 'http', http: { method: 'POST', url: `${tool.activateUrl}?clientId={{registration.client_id|url}}` } };
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

/**
 * What the tool offers in every deep-linking response: a link first, then a resource link back to
 * the tool. ltijs itself drops the types not in accept_types and, unless accept_multiple, keeps only
 * the first item left.
 */
function contentItems(baseUrl: string, launchUrl: string): ContentItem[] {
  return [
    { type: 'link', url: `${baseUrl}/content/reading-1`, title: 'ltijs reading', text: 'A link picked by the ltijs tool' },
    { type: 'ltiResourceLink', url: launchUrl, title: 'ltijs activity', text: 'An activity of the ltijs tool', custom: { activity: 'ltijs-1' } },
  ];
}

class BadRequest extends Error {}

const MAX_BODY = 64 * 1024;
const MAX_PAGES = 100;
const MAX_ERROR_BODY = 2_000;

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new BadRequest('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
        resolve(v as Record<string, unknown>);
      } catch {
        reject(new BadRequest('body must be a JSON object'));
      }
    });
  });
}

function httpUrl(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  if (typeof v === 'string') {
    try {
      const u = new URL(v);
      if (u.protocol === 'http:' || u.protocol === 'https:') return v;
    } catch {
      // reported below
    }
  }
  throw new BadRequest(`${name} must be an absolute http(s) URL`);
}

function nonEmpty(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  if (typeof v !== 'string' || v.trim() === '') throw new BadRequest(`${name} must be a non-empty string`);
  return v;
}

/** Follows `next` links (ltijs returns one page per call and hands back the Link header's next URL verbatim). */
async function allPages<T extends { next?: string }>(first: () => Promise<T>, more: (url: string) => Promise<T>): Promise<T[]> {
  let page = await first();
  const pages: T[] = [page];
  while (page.next && pages.length < MAX_PAGES) {
    page = await more(page.next);
    pages.push(page);
  }
  return pages;
}

/** The error ltijs's call threw; got's HTTPError carries the platform's answer. */
function failure(err: unknown): Record<string, unknown> {
  const e = err as { message?: unknown; name?: unknown; response?: { statusCode?: unknown; body?: unknown } };
  const body = e.response?.body;
  return {
    error: typeof e.message === 'string' ? e.message : String(err),
    ...(typeof e.name === 'string' ? { name: e.name } : {}),
    ...(typeof e.response?.statusCode === 'number' ? { platformStatus: e.response.statusCode } : {}),
    ...(body !== undefined ? { platformBody: String(body).slice(0, MAX_ERROR_BODY) } : {}),
  };
}

interface TriggerDeps {
  lti: Provider;
  platform: LtijsToolOptions['platform'];
}

/** The idtoken fields ltijs's services read (see ServiceToken), from the registration and the trigger's URLs. */
function serviceToken(d: TriggerDeps, platformContext: ServiceToken['platformContext'], user?: string): ServiceToken {
  if (!d.platform) throw new BadRequest('triggers need a statically registered platform');
  return { iss: d.platform.issuer, clientId: d.platform.clientId, deploymentId: d.platform.deploymentId, ...(user !== undefined ? { user } : {}), platformContext };
}

async function runTrigger(d: TriggerDeps, path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { Grade, NamesAndRoles } = d.lti;
  switch (path) {
    case TRIGGER_PATHS.grade: {
      const lineItem = httpUrl(body, 'lineItem');
      const userId = nonEmpty(body, 'userId');
      const score = await Grade.submitScore(serviceToken(d, {}, userId), lineItem, {
        userId, scoreGiven: 8, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded',
      });
      return { summary: 'score posted', score };
    }
    case TRIGGER_PATHS.lineItems: {
      const token = serviceToken(d, { endpoint: { lineitems: httpUrl(body, 'lineItems') } });
      const pages = await allPages(() => Grade.getLineItems(token), (url) => Grade.getLineItems(token, { url }));
      const ids = pages.flatMap((p) => p.lineItems.map((li) => li.id));
      return { summary: `${ids.length} line items on ${pages.length} pages`, pages: pages.length, ids };
    }
    case TRIGGER_PATHS.createLineItem: {
      const token = serviceToken(d, { endpoint: { lineitems: httpUrl(body, 'lineItems') } });
      const lineItem = await Grade.createLineItem(token, { label: 'ltijs quiz', scoreMaximum: 10, resourceId: 'ltijs-quiz', tag: 'grade' });
      return { summary: 'line item created', lineItem };
    }
    case TRIGGER_PATHS.results: {
      const lineItem = httpUrl(body, 'lineItem');
      const token = serviceToken(d, {});
      const pages = await allPages(() => Grade.getScores(token, lineItem), (url) => Grade.getScores(token, lineItem, { url }));
      const results = pages.flatMap((p) => p.scores);
      return { summary: `${results.length} results on ${pages.length} pages`, pages: pages.length, results };
    }
    case TRIGGER_PATHS.roster: {
      const token = serviceToken(d, { namesRoles: { context_memberships_url: httpUrl(body, 'memberships') } });
      const roster = await NamesAndRoles.getMembers(token, { pages: false });
      const userIds = roster.members.map((m) => m.user_id);
      return { summary: `${userIds.length} members`, userIds };
    }
    default:
      throw new BadRequest('no such trigger');
  }
}

/** Activates, through ltijs's Platform API, every registered platform with the query's clientId. */
async function activatePlatform(lti: Provider, url: URL): Promise<Record<string, unknown>> {
  const clientId = url.searchParams.get('clientId') ?? '';
  if (clientId === '') throw new BadRequest('clientId must be a non-empty query parameter');
  const platforms = [];
  for (const p of await lti.getAllPlatforms()) if ((await p.platformClientId()) === clientId) platforms.push(p);
  if (platforms.length === 0) throw new BadRequest(`no platform registered with clientId ${clientId}`);
  for (const p of platforms) await p.platformActive(true);
  return { summary: `${platforms.length} platform(s) activated`, clientId };
}

function sendJson(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/** node:http listener: POST /test/* are our triggers, everything else is ltijs's express app. */
function requestListener(d: TriggerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const triggers = new Set<string>(Object.values(TRIGGER_PATHS));
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (!triggers.has(path) && path !== ACTIVATE_PATH) {
      d.lti.app(req, res);
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'POST only' });
      return;
    }
    (path === ACTIVATE_PATH ? activatePlatform(d.lti, url) : readJson(req).then((body) => runTrigger(d, path, body)))
      .then((out) => sendJson(res, 200, out), (err: unknown) => {
        if (err instanceof BadRequest) sendJson(res, 400, { error: err.message });
        else sendJson(res, 502, failure(err));
      })
      .catch(() => res.destroy());
  };
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
  const server = createServer(requestListener({ lti, platform: opts.platform }));
  // ltijs's dynReg setup needs the tool URL, so with Dynamic Registration the port is bound first
  // (requests only reach ltijs's app once this function has returned).
  let baseUrl = '';
  if (opts.dynamicRegistration) {
    const { port } = await listen(server, opts.port ?? 0);
    baseUrl = `http://127.0.0.1:${port}`;
  }
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
    ...(opts.dynamicRegistration ? { dynReg: { url: baseUrl, name: 'ltijs interop tool', autoActivate: opts.autoActivate ?? true } } : {}),
  });
  lti.onConnect((token: IdToken, _req, res: Response) => {
    res.status(200).type('html').send(launchPage(token));
  });
  // Known once listening; deep-linking requests cannot arrive before.
  lti.onDeepLinking(async (token: IdToken, _req, res: Response) => {
    try {
      const items = contentItems(baseUrl, new URL(lti.appRoute(), baseUrl).href);
      const form = await lti.DeepLinking.createDeepLinkingForm(token, items, { message: 'Content picked by the ltijs tool' });
      res.status(200).type('html').send(form);
    } catch (err) {
      // e.g. MISSING_DEEP_LINK_SETTINGS; shaped like ltijs's own error answers.
      res.status(400).send({ status: 400, error: 'Bad Request', details: { message: err instanceof Error ? err.message : String(err) } });
    }
  });

  let deployed = false;
  try {
    await quietly(() => deployServerless(lti));
    deployed = true;
    if (opts.platform)
      await lti.registerPlatform({
        url: opts.platform.issuer,
        name: opts.platform.name ?? 'lti-conform platform',
        clientId: opts.platform.clientId,
        authenticationEndpoint: opts.platform.authorizationUrl,
        accesstokenEndpoint: opts.platform.tokenUrl,
        authConfig: { method: 'JWK_SET', key: opts.platform.jwksUrl },
      });
    if (!server.listening) {
      const { port } = await listen(server, opts.port ?? 0);
      baseUrl = `http://127.0.0.1:${port}`;
    }
    const launchUrl = new URL(lti.appRoute(), baseUrl).href;
    const url = (path: string): string => new URL(path, baseUrl).href;
    let closed: Promise<void> | undefined;
    return {
      baseUrl,
      loginUrl: new URL(lti.loginRoute(), baseUrl).href,
      launchUrl,
      redirectUris: [launchUrl],
      targetLinkUri: launchUrl,
      deepLinkingUrl: launchUrl,
      jwksUrl: new URL(lti.keysetRoute(), baseUrl).href,
      triggerUrls: {
        grade: url(TRIGGER_PATHS.grade),
        lineItems: url(TRIGGER_PATHS.lineItems),
        createLineItem: url(TRIGGER_PATHS.createLineItem),
        results: url(TRIGGER_PATHS.results),
        roster: url(TRIGGER_PATHS.roster),
      },
      registrationUrl: new URL(lti.dynRegRoute(), baseUrl).href,
      activateUrl: url(ACTIVATE_PATH),
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
