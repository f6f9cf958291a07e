// node:http plumbing: routing, body reading, writing replies. No LTI logic here.
import type { IncomingMessage, RequestListener } from 'node:http';
import { contentBody } from './content-items.js';
import type { ToolContext } from './context.js';
import { json, jsonReply, parseCookies, refuse, type Reply } from './html.js';
import { handleLaunch, handleResource } from './launch.js';
import { handleLogin } from './login.js';
import { handleRegistration, REGISTRATION_PATH } from './registration.js';
import { handleTrigger, isTriggerPath } from './services/triggers.js';
import { BodyError, readText, requestListener } from '../shared/http.js';

export const PATHS = {
  login: '/lti/login',
  launch: '/lti/launch',
  resource: '/lti/resource',
  deepLink: '/lti/deep-link',
  submissionReview: '/lti/submission-review',
  jwks: '/.well-known/jwks.json',
} as const;



async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const text = await readText(req, refuse(400, 'request body is too large'));
  if (text.length === 0) return new URLSearchParams();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new BodyError(refuse(400, 'expected an application/x-www-form-urlencoded body'));
  }
  return new URLSearchParams(text);
}

// Lenient about Content-Type: trigger configs often omit it, and the body's shape is checked anyway.
async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req, jsonReply(400, { ok: false, error: 'request body is too large' }));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(jsonReply(400, { ok: false, error: 'the body must be JSON' }));
  }
}

function allow(methods: string): Reply {
  const r = refuse(405, 'method not allowed');
  r.headers['allow'] = methods;
  return r;
}

async function route(ctx: ToolContext, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', ctx.origin);
  const method = req.method ?? 'GET';
  const cookies = parseCookies(req.headers.cookie);
  if (isTriggerPath(url.pathname)) {
    if (method !== 'POST') return allow('POST');
    return handleTrigger(ctx.services, url.pathname, await readJson(req));
  }
  const content = contentBody(url.pathname, url.searchParams);
  if (content !== undefined) {
    if (method !== 'GET') return allow('GET');
    return { status: 200, headers: { 'content-type': content.type }, body: content.body };
  }
  switch (url.pathname) {
    case PATHS.login: {
      if (method !== 'GET' && method !== 'POST') return allow('GET, POST');
      const params = new URLSearchParams(url.searchParams);
      // Form fields win over query parameters of the same name.
      if (method === 'POST') for (const [k, v] of await readForm(req)) params.set(k, v);
      return handleLogin(ctx, method, params);
    }
    case PATHS.launch:
      if (method !== 'POST') return allow('POST');
      return handleLaunch(ctx, await readForm(req), cookies);
    // A resource link launch may name the deep linking URL; it lands like any other.
    case PATHS.resource:
    case PATHS.deepLink:
    case PATHS.submissionReview:
      if (method !== 'GET') return allow('GET');
      return handleResource(ctx, cookies);
    case REGISTRATION_PATH:
      if (method !== 'GET') return allow('GET');
      return handleRegistration(ctx, url.searchParams);
    case PATHS.jwks:
      if (method !== 'GET') return allow('GET');
      return json(await ctx.key.jwks());
    default:
      return refuse(404, 'no such page');
  }
}


export function toolRequestListener(ctx: ToolContext): RequestListener {
  return requestListener((req) => route(ctx, req));
}
