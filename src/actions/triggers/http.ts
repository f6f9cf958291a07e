import type { HttpTriggerRequest } from '../../config/types.js';
import { HarnessError, isHarnessError } from '../../core/errors.js';
import { redactText } from '../../core/redact.js';
import { send, type HttpResponse } from '../../http/client.js';
import { renderTemplate } from './template.js';
import type { TriggerContext, TriggerOutcome } from './types.js';

const BODY_IN_MESSAGE = 200;

export async function runHttpTrigger(http: HttpTriggerRequest, timeoutMs: number, ctx: TriggerContext): Promise<TriggerOutcome> {
  const where = `triggers.${ctx.name}`;
  const url = renderTemplate(http.url, ctx.vars, ctx.name);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(http.headers ?? {})) headers[k] = renderTemplate(v, ctx.vars, ctx.name);
  const body = http.body === undefined ? undefined : renderTemplate(http.body, ctx.vars, ctx.name);
  const sent = { direction: 'outbound' as const, method: http.method, url, requestHeaders: headers, ...(body !== undefined ? { requestBody: body } : {}) };

  let res: HttpResponse;
  try {
    res = await send({ method: http.method, url, headers, ...(body !== undefined ? { body } : {}), timeoutMs, signal: ctx.signal });
  } catch (e) {
    const he = isHarnessError(e) ? e : new HarnessError('ERR_TARGET_UNREACHABLE', e instanceof Error ? e.message : String(e));
    ctx.evidence.record({ ...sent, error: he.message });
    throw new HarnessError(he.code, `${where}: ${he.message}`, he.hint);
  }
  ctx.evidence.record({ ...sent, status: res.status, responseHeaders: res.headers, responseBody: res.body, durationMs: res.durationMs });

  if (res.status >= 200 && res.status < 300) return { kind: 'done', detail: `HTTP ${res.status}` };
  const excerpt = res.body.length > BODY_IN_MESSAGE ? `${res.body.slice(0, BODY_IN_MESSAGE)}…` : res.body;
  throw new HarnessError(
    'ERR_TRIGGER_FAILED',
    redactText(`${where}: ${http.method} ${url} answered ${res.status}`),
    excerpt.trim() ? `Response body: ${redactText(excerpt)}` : 'The response body was empty.',
  );
}
