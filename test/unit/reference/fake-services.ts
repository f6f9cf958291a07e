// The platform's service side for the reference tool's client: a token endpoint, a paged line item
// container, scores, results and a paged NRPS roster. It records every request for the tests to judge
// and answers the way a strict platform would (401 for unknown tokens, 400 for made-up paging URLs).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { request } from 'undici';
import { ROLE } from '../../../src/lti/vocab.js';
import type { RunningReferenceTool } from '../../../src/reference/tool/index.js';

export interface TokenRecord {
  contentType: string;
  form: Record<string, string>;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  jwt: string;
}

export interface CallRecord {
  method: string;
  /** Full URL as requested. */
  url: string;
  accept: string;
  contentType: string;
  token: string;
  /** Scopes of the token, or undefined when it was not (or no longer) valid. */
  scopes: string[] | undefined;
  body: string;
  status: number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function decode(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  try {
    return { header: decodeProtectedHeader(jwt) as Record<string, unknown>, payload: decodeJwt(jwt) as Record<string, unknown> };
  } catch {
    return { header: {}, payload: {} };
  }
}

export class FakeServices {
  base = '';
  tokens: TokenRecord[] = [];
  calls: CallRecord[] = [];
  /** Every next-page URL we advertised in a Link header. */
  advertised: string[] = [];
  expiresIn = 3600;
  /** When set, the token endpoint refuses with this status. */
  tokenRefusal: number | undefined;
  private issued = new Map<string, string[]>();

  get urls() {
    return {
      token: `${this.base}/token`,
      lineItems: `${this.base}/ags/lineitems?ctx=c1`,
      lineItem: `${this.base}/ags/lineitems/1?x=1`,
      memberships: `${this.base}/nrps/memberships?ctx=c1`,
    };
  }

  /** Every token issued so far stops working (the platform expired them early). */
  revokeAll(): void {
    this.issued.clear();
  }

  /** Records made since `mark` (a calls.length taken earlier). */
  since(mark: number): CallRecord[] {
    return this.calls.slice(mark);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', this.base);
    const send = (status: number, value?: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { ...(value === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(value === undefined ? '' : JSON.stringify(value));
    };
    if (url.pathname === '/token') return this.token(req, body, send);

    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const record: CallRecord = {
      method: req.method ?? 'GET',
      url: `${this.base}${req.url ?? ''}`,
      accept: req.headers.accept ?? '',
      contentType: req.headers['content-type'] ?? '',
      token,
      scopes: this.issued.get(token),
      body,
      status: 0,
    };
    this.calls.push(record);
    const answer = (status: number, value?: unknown, headers?: Record<string, string>): void => {
      record.status = status;
      send(status, value, headers);
    };
    if (record.scopes === undefined) return answer(401, { error: 'invalid_token' });
    this.route(req.method ?? 'GET', url, body, answer);
  }

  private token(req: IncomingMessage, body: string, send: (s: number, v?: unknown) => void): void {
    const form = Object.fromEntries(new URLSearchParams(body));
    const jwt = form.client_assertion ?? '';
    this.tokens.push({ contentType: req.headers['content-type'] ?? '', form, jwt, ...decode(jwt) });
    if (this.tokenRefusal !== undefined) return send(this.tokenRefusal, { error: 'invalid_client' });
    const token = `tok-${this.tokens.length}`;
    const scopes = (form.scope ?? '').split(' ').filter((s) => s !== '');
    this.issued.set(token, scopes);
    send(200, { access_token: token, token_type: 'Bearer', expires_in: this.expiresIn, scope: scopes.join(' ') });
  }

  /** Pages: the next URL carries its own opaque query that no client could rebuild. */
  private paged(url: URL, pages: unknown[][], answer: (s: number, v?: unknown, h?: Record<string, string>) => void, wrap?: (items: unknown[]) => unknown): void {
    if (url.searchParams.has('page')) return answer(400, { error: 'unknown paging parameter' });
    const index = Number(url.searchParams.get('cursor')?.replace('p', '') ?? '1');
    const items = pages[index - 1] ?? [];
    const headers: Record<string, string> = {};
    if (index < pages.length) {
      const next = `${this.base}${url.pathname}?ctx=c1&cursor=p${index + 1}&sig=a%2Fb`;
      this.advertised.push(next);
      headers.link = `<${this.base}${url.pathname}?ctx=c1>; rel="first", <${next}>; rel="next"`;
    }
    answer(200, wrap === undefined ? items : wrap(items), headers);
  }

  private route(method: string, url: URL, body: string, answer: (s: number, v?: unknown, h?: Record<string, string>) => void): void {
    const item = (n: number) => ({ id: `${this.base}/ags/lineitems/${n}?x=1`, label: `Item ${n}`, scoreMaximum: 10 });
    switch (`${method} ${url.pathname}`) {
      case 'GET /ags/lineitems':
        return this.paged(url, [[item(1)], [item(2)], [item(3)]], answer);
      case 'POST /ags/lineitems':
        return answer(201, { ...(JSON.parse(body) as object), id: item(9).id });
      case 'POST /ags/lineitems/1/scores':
        return answer(204);
      case 'GET /ags/lineitems/1/results':
        return this.paged(url, [[{ userId: 'user-42', resultScore: 8 }], [{ userId: 'user-43', resultScore: 5 }]], answer);
      case 'GET /nrps/memberships':
        return this.paged(
          url,
          [[{ user_id: 'user-42', roles: [ROLE.instructor], status: 'Active' }], [{ user_id: 'user-43', roles: [ROLE.learner] }]],
          answer,
          (members) => ({ id: url.href, context: { id: 'ctx-1' }, members }),
        );
      default:
        return answer(404, { error: 'not found' });
    }
  }
}

/** Calls one of the tool's trigger routes; a string body is sent as is. */
export async function trigger(
  tool: RunningReferenceTool,
  name: keyof RunningReferenceTool['triggerUrls'],
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await request(tool.triggerUrls[name], {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
}
