// node:http plumbing: routing, body reading, writing replies. No LTI logic here.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ToolContext } from './context.js';
import { json, parseCookies, refuse, type Reply } from './html.js';
import { handleLaunch, handleResource } from './launch.js';
import { handleLogin } from './login.js';

export const PATHS = {
  login: '/lti/login',
  launch: '/lti/launch',
  resource: '/lti/resource',
  jwks: '/.well-known/jwks.json',
} as const;

const MAX_BODY_BYTES = 256 * 1024;

class BodyError extends Error {
  constructor(readonly reply: Reply) {
    super(reply.body);
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyError(refuse(400, 'request body is too large'));
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return new URLSearchParams();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new BodyError(refuse(400, 'expected an application/x-www-form-urlencoded body'));
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function allow(methods: string): Reply {
  const r = refuse(405, 'method not allowed');
  r.headers['allow'] = methods;
  return r;
}

async function route(ctx: ToolContext, publicJwks: () => Promise<unknown>, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', ctx.origin);
  const method = req.method ?? 'GET';
  const cookies = parseCookies(req.headers.cookie);
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
    case PATHS.resource:
      if (method !== 'GET') return allow('GET');
      return handleResource(ctx, cookies);
    case PATHS.jwks:
      if (method !== 'GET') return allow('GET');
      return json(await publicJwks());
    default:
      return refuse(404, 'no such page');
  }
}

function write(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

export function toolRequestListener(ctx: ToolContext, publicJwks: () => Promise<unknown>): RequestListener {
  return (req, res) => {
    route(ctx, publicJwks, req).then(
      (reply) => write(res, reply),
      (e: unknown) => {
        if (e instanceof BodyError) return write(res, e.reply);
        write(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error\n' });
      },
    );
  };
}
