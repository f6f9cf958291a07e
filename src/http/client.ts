import { request, errors as undiciErrors, type Dispatcher } from 'undici';
import { HarnessError } from '../core/errors.js';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Set-Cookie can repeat, so it is kept apart. */
  setCookie: string[];
  body: string;
  durationMs: number;
}

function flatten(h: Dispatcher.ResponseData['headers']): { headers: Record<string, string>; setCookie: string[] } {
  const headers: Record<string, string> = {};
  let setCookie: string[] = [];
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    if (k === 'set-cookie') setCookie = Array.isArray(v) ? v : [v];
    headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return { headers, setCookie };
}

async function readCapped(body: Dispatcher.ResponseData['body'], max: number, url: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      throw new HarnessError('ERR_RESPONSE_TOO_LARGE', `response from ${url} exceeds ${max} bytes`, 'An answer should be a page or a JSON document, not a download; check the URL.');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Maps network failures to one-line reasons with a hint, never a stack. */
export function toHarnessError(e: unknown, req: HttpRequest): HarnessError {
  if (e instanceof HarnessError) return e;
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err.code ?? err.cause?.code ?? '';
  const where = `${req.method} ${req.url}`;
  if (e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError || err.name === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return new HarnessError('ERR_TIMEOUT', `${where}: no answer within ${req.timeoutMs} ms`, 'Raise --timeout, or check that the target is up.');
  if (code === 'ECONNREFUSED') return new HarnessError('ERR_TARGET_UNREACHABLE', `${where}: connection refused`, 'Is the target running and listening on that port?');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new HarnessError('ERR_TARGET_UNREACHABLE', `${where}: host name not found (DNS)`, 'Check the host name in the configuration.');
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return new HarnessError('ERR_TARGET_UNREACHABLE', `${where}: connection closed by the target`, 'The target dropped the connection; see its logs.');
  if (/CERT|SSL|TLS|ERR_TLS|DEPTH_ZERO|SELF_SIGNED/i.test(code) || /certificate|tls|ssl/i.test(err.message ?? ''))
    return new HarnessError('ERR_TLS', `${where}: TLS error (${code || err.message})`, 'Use a certificate the system trusts, or set NODE_EXTRA_CA_CERTS to your CA file.');
  if (err.name === 'AbortError') return new HarnessError('ERR_TIMEOUT', `${where}: aborted`);
  if (err instanceof TypeError && /url/i.test(err.message)) return new HarnessError('ERR_CONFIG_INVALID', `${where}: invalid URL`);
  return new HarnessError('ERR_TARGET_UNREACHABLE', `${where}: ${code || err.message || 'request failed'}`);
}

export async function send(req: HttpRequest): Promise<HttpResponse> {
  const started = performance.now();
  const signals = [AbortSignal.timeout(req.timeoutMs), ...(req.signal ? [req.signal] : [])];
  try {
    const res = await request(req.url, {
      method: req.method as Dispatcher.HttpMethod,
      headers: req.headers ?? {},
      body: req.body,
      signal: AbortSignal.any(signals),
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const { headers, setCookie } = flatten(res.headers);
    const body = await readCapped(res.body, req.maxBodyBytes ?? MAX_BODY_BYTES, req.url);
    return { status: res.statusCode, headers, setCookie, body, durationMs: Math.round(performance.now() - started) };
  } catch (e) {
    throw toHarnessError(e, req);
  }
}
