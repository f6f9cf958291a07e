// HTTP plumbing of the reference targets: plain reply values, bounded bodies, cookies, one listener.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

const MAX_BODY_BYTES = 256 * 1024;

/** Thrown while reading a body; the listener writes its reply. */
export class BodyError extends Error {
  constructor(readonly reply: Reply) {
    super(`body refused with ${reply.status}`);
  }
}

export async function readText(req: IncomingMessage, tooLarge: Reply): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyError(tooLarge);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

function write(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

/** Routes every request; a refused body gets its reply, anything else unexpected a bare 500. */
export function requestListener(route: (req: IncomingMessage) => Promise<Reply>): RequestListener {
  return (req, res) => {
    route(req).then(
      (reply) => write(res, reply),
      (e: unknown) => {
        if (e instanceof BodyError) return write(res, e.reply);
        write(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error\n' });
      },
    );
  };
}

/**
 * Binds a server with no listener yet and returns its origin: a target's URLs need the bound port, so
 * the caller attaches the request listener afterwards.
 */
export async function listenForOrigin(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
}
