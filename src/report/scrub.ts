import { redactText } from '../core/redact.js';

// Evidence is redacted by the recorder already; reporters scrub again so that no report path can leak a
// signature or a private key, whatever a target (or a future recorder bug) put into the results.

/** JWK members that hold private or symmetric key material. */
const PRIVATE_JWK_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth']);
/** The same members in text that is not parseable JSON (clipped bodies, form posts). */
// The closing quote is optional: a clipped body may end inside the value.
const PRIVATE_MEMBER_SRC = String.raw`"(d|p|q|dp|dq|qi|k)"\s*:\s*"[A-Za-z0-9_-]{8,}={0,2}"?`;
const HAS_PRIVATE_MEMBER = new RegExp(PRIVATE_MEMBER_SRC);

function isJwkLike(v: Record<string, unknown>): boolean {
  return typeof v.kty === 'string';
}

/** Returns a JSON-safe deep copy with strings redacted and private JWK members dropped. */
export function scrubValue(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return undefined; // functions, symbols, undefined
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => scrubValue(v, seen) ?? null);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    const obj = value as Record<string, unknown>;
    const jwk = isJwkLike(obj);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (jwk && PRIVATE_JWK_MEMBERS.has(k)) continue;
      const s = scrubValue(v, seen);
      if (s !== undefined) out[k] = s;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Redacts JWT signatures, bearer tokens and private JWK members inside free text. */
export function scrubText(text: string): string {
  let out = redactText(text);
  if (!HAS_PRIVATE_MEMBER.test(out)) return out;
  const trimmed = out.trim();
  if (/^[[{]/.test(trimmed)) {
    try {
      // A parseable JWK loses its private members cleanly, keeping the body valid JSON.
      out = JSON.stringify(scrubValue(JSON.parse(trimmed)));
    } catch {
      // not JSON (e.g. a clipped body): the textual scrub below still applies
    }
  }
  return out.replace(new RegExp(PRIVATE_MEMBER_SRC, 'g'), '"<private member $1 redacted>":""');
}

// CSI/OSC sequences and lone escapes: a target's text must not drive the user's terminal or break XML.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])?|\u009b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Removes ANSI sequences, C0/C1 control characters other than tab and newline, and lone surrogates. */
export function stripControl(s: string): string {
  // With the u flag a surrogate class matches only unpaired halves, which no encoder can write.
  // eslint-disable-next-line no-control-regex
  return stripAnsi(s).replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udfff]/gu, '');
}
