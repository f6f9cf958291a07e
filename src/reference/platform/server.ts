// node:http plumbing: routing, reading bodies, writing replies. The handlers hold the LTI logic.
import type { IncomingMessage, RequestListener } from 'node:http';
import { MEDIA_TYPE } from '../../lti/vocab.js';
import { handleAgs, isAgsPath } from './ags/routes.js';
import { handleAuth } from './auth.js';
import { PATHS, type PlatformContext } from './context.js';
import { COURSES } from './data.js';
import { handleDeepLinkReturn } from './deep-link.js';
import { escapeHtml, jsonError, jsonReply, page, parseCookies, refuse, type Reply } from './html.js';
import { BodyError, readForm, readText, type ServiceRequest } from './http.js';
import { handleLaunchStart, launchQuery } from './launch.js';
import { handleNrps, isNrpsPath } from './nrps.js';
import { handleToken } from './token.js';
import { DR_PATHS, handleRegister, handleTestRegister, openidConfiguration } from './registration.js';
import { requestListener } from '../shared/http.js';

function tokenBodyError(e: unknown): never {
  if (e instanceof BodyError) throw new BodyError(jsonError(400, 'invalid_request', 'expected a form-encoded body'));
  throw e;
}

function allow(methods: string): Reply {
  const r = refuse(405, 'method not allowed');
  r.headers['allow'] = methods;
  return r;
}

/** launch_presentation.return_url: accepts lti_msg, lti_errormsg, lti_log, lti_errorlog ([CORE] §5.4.4). */
function launchReturn(q: URLSearchParams): Reply {
  const lines: string[] = [];
  const msg = q.get('lti_msg');
  const err = q.get('lti_errormsg');
  if (msg !== null && msg !== '') lines.push(msg);
  if (err !== null && err !== '') lines.push(`The tool reported an error: ${err}`);
  return page(200, 'Back in the course', lines.length > 0 ? lines : ['The activity is closed.']);
}

/** A small index for people: one link per launch the platform can start. */
function home(ctx: PlatformContext): Reply {
  const items: string[] = [];
  for (const { id: context } of COURSES) {
    for (const persona of ['instructor', 'student'] as const) {
      for (const message of ['resource-link', 'deep-linking'] as const) {
        const href = `${PATHS.launch}?${launchQuery({ persona, message, context })}`;
        items.push(`<a href="${escapeHtml(href)}">${escapeHtml(`${context}: ${message} as ${persona}`)}</a>`);
      }
    }
  }
  return page(200, 'lti-conform reference platform', [`Issuer ${ctx.issuer}`], items);
}

async function route(ctx: PlatformContext, req: IncomingMessage): Promise<Reply> {
  // Origin-form only: the request target is always a path on the issuer ('//host' stays a path).
  const target = req.url ?? '/';
  const url = new URL(`${ctx.issuer}${target.startsWith('/') ? target : '/'}`);
  const method = req.method ?? 'GET';
  const cookies = parseCookies(req.headers.cookie);
  const path = url.pathname;
  if (isAgsPath(path) || isNrpsPath(path)) {
    let body: Promise<string> | undefined;
    const tooLarge = jsonError(413, 'invalid_request', 'request body is too large');
    const service: ServiceRequest = { method, url, headers: req.headers, text: () => (body ??= readText(req, tooLarge)) };
    return isAgsPath(path) ? handleAgs(ctx, service) : handleNrps(ctx, service);
  }
  switch (path) {
    case '/':
      return method === 'GET' ? home(ctx) : allow('GET');
    case PATHS.launch:
      if (ctx.tool.clientId === '') return page(409, 'No tool registered', ['Register a tool first (Dynamic Registration).']);
      return method === 'GET' ? handleLaunchStart(ctx, url.searchParams, cookies) : allow('GET');
    case DR_PATHS.configuration:
      return method === 'GET' ? openidConfiguration(ctx) : allow('GET');
    case DR_PATHS.register:
      if (method !== 'POST') return allow('POST');
      return handleRegister(ctx, req.headers.authorization, await readText(req, jsonError(413, 'invalid_client_metadata', 'request body is too large')));
    case DR_PATHS.testRegister:
      return method === 'GET' ? handleTestRegister(ctx, url.searchParams) : allow('GET');
    case PATHS.auth: {
      if (method !== 'GET' && method !== 'POST') return allow('GET, POST');
      const params = new URLSearchParams(url.searchParams);
      // Form fields win over query parameters of the same name.
      if (method === 'POST') for (const [k, v] of await readForm(req)) params.set(k, v);
      return handleAuth(ctx, params, cookies);
    }
    case PATHS.token:
      if (method !== 'POST') return allow('POST');
      // The token endpoint answers every refusal as an RFC 6749 JSON error, body problems included.
      return handleToken(ctx, await readForm(req).catch(tokenBodyError));
    case PATHS.jwks:
      if (method !== 'GET') return allow('GET');
      return jsonReply(200, ctx.keys.jwks(), MEDIA_TYPE.json, { 'cache-control': 'max-age=300' });
    case PATHS.deepLinkReturn:
      return method === 'POST' ? handleDeepLinkReturn(ctx, await readForm(req), cookies) : allow('POST');
    case PATHS.launchReturn:
      return method === 'GET' ? launchReturn(url.searchParams) : allow('GET');
    default:
      return refuse(404, 'no such page');
  }
}


export function platformRequestListener(ctx: PlatformContext): RequestListener {
  return requestListener((req) => route(ctx, req));
}
