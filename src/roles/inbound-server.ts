import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HarnessError } from '../core/errors.js';
import type { EvidenceRecorder } from '../core/evidence.js';

const MAX_INBOUND_BODY = 1024 * 1024;

export interface InboundRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
  /** Query for GET, form body for POST (what an OIDC endpoint accepts). */
  params: URLSearchParams;
  exchangeId: string;
}

export interface InboundResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | '*';
  /** Exact path, or a prefix ending in '/*' (service URLs carry ids). */
  path: string;
  handle(req: InboundRequest): Promise<InboundResponse> | InboundResponse;
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): InboundResponse => ({
  status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }, body: JSON.stringify(value),
});

export const html = (status: number, body: string): InboundResponse => ({ status, headers: { 'content-type': 'text/html; charset=utf-8' }, body });

function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_INBOUND_BODY) {
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_INBOUND_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The HTTP server behind our emulated role. Every request the target sends us is recorded as
 * inbound evidence of the scenario in progress. Bad requests get JSON errors, never a crash.
 */
export class InboundServer {
  private server: Server | undefined;
  /** Evidence of the scenario in progress; the runner swaps it per scenario. */
  recorder: EvidenceRecorder | undefined;
  port = 0;

  constructor(private readonly routes: Route[], readonly host: string, private readonly wantedPort: number) {}

  async listen(): Promise<number> {
    const server = createServer((req, res) => void this.dispatch(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'EADDRINUSE'
          ? new HarnessError('ERR_PORT_IN_USE', `emulator.port ${this.wantedPort} on ${this.host} is already in use`, 'Stop the other process or set emulator.port (0 picks a free port).')
          : new HarnessError('ERR_CONFIG_INVALID', `cannot listen on ${this.host}:${this.wantedPort}: ${e.message}`)));
      server.listen(this.wantedPort, this.host, () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const method = req.method ?? 'GET';
    let out: InboundResponse;
    let exchangeId = '';
    try {
      // The Host header is the target's to get wrong; a bad one is answered, never thrown.
      const url = new URL(req.url ?? '/', `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`);
      const read = await readBody(req);
      exchangeId = this.recorder?.record({ direction: 'inbound', method, url: url.toString(), requestHeaders: headers, requestBody: read ?? `(body over ${MAX_INBOUND_BODY} bytes, not kept)` }) ?? '';
      if (read === undefined) out = json(413, { error: 'invalid_request', error_description: `body larger than ${MAX_INBOUND_BODY} bytes` });
      else {
        const params = method === 'POST' && /x-www-form-urlencoded/i.test(headers['content-type'] ?? '') ? new URLSearchParams(read) : url.searchParams;
        const onPath = this.routes.filter((r) => pathMatches(r.path, url.pathname));
        const route = onPath.find((r) => r.method === '*' || r.method === method);
        const allowed = onPath.map((r) => r.method);
        out = route
          ? await route.handle({ method, url, headers, body: read, params, exchangeId })
          : allowed.length > 0
            ? json(405, { error: 'invalid_request', error_description: `${method} is not allowed on ${url.pathname}` }, { allow: allowed.join(', ') })
            : json(404, { error: 'not_found', error_description: `${method} ${url.pathname} is not served here` });
      }
    } catch (e) {
      out = json(e instanceof TypeError ? 400 : 500, { error: e instanceof TypeError ? 'invalid_request' : 'server_error', error_description: (e as Error).message });
    }
    if (exchangeId) this.recorder?.complete(exchangeId, { status: out.status, ...(out.headers ? { responseHeaders: out.headers } : {}), ...(out.body !== undefined ? { responseBody: out.body } : {}) });
    res.writeHead(out.status, out.headers ?? {});
    res.end(out.body ?? '');
  }
}
