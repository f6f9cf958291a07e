import { redactHeaders, redactText } from './redact.js';
import type { DecodedJwt, Evidence, Exchange } from './result.js';

const MAX_BODY_IN_REPORT = 4096;

function clip(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  const red = redactText(body);
  return red.length > MAX_BODY_IN_REPORT ? `${red.slice(0, MAX_BODY_IN_REPORT)}… (${red.length} chars)` : red;
}

/** Collects a scenario's exchanges and decoded JWTs, redacted once on the way in. */
export class EvidenceRecorder {
  private readonly exchanges: Exchange[] = [];
  private readonly jwts: DecodedJwt[] = [];
  private next = 1;

  record(x: Omit<Exchange, 'id'>): string {
    const id = `x${this.next++}`;
    this.exchanges.push({
      ...x,
      id,
      url: redactText(x.url),
      requestHeaders: redactHeaders(x.requestHeaders),
      responseHeaders: redactHeaders(x.responseHeaders),
      requestBody: clip(x.requestBody),
      responseBody: clip(x.responseBody),
    });
    return id;
  }

  /** Completes an exchange recorded before its answer was known (inbound requests). */
  complete(id: string, patch: Pick<Exchange, 'status'> & Partial<Pick<Exchange, 'responseHeaders' | 'responseBody' | 'durationMs'>>): void {
    const x = this.exchanges.find((e) => e.id === id);
    if (!x) return;
    x.status = patch.status;
    if (patch.responseHeaders) x.responseHeaders = redactHeaders(patch.responseHeaders);
    if (patch.responseBody !== undefined) x.responseBody = clip(patch.responseBody);
    if (patch.durationMs !== undefined) x.durationMs = patch.durationMs;
  }

  jwt(label: string, header: unknown, payload: unknown): void {
    this.jwts.push({ label, header, payload });
  }

  snapshot(): Evidence {
    return { exchanges: [...this.exchanges], jwts: [...this.jwts] };
  }
}
