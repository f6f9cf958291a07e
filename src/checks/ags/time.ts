// ISO 8601 instants compared to any precision: Date.parse stops at milliseconds, and two scores
// 0.1 ms apart are still strictly increasing ([AGS] §3.4.9).

/** Nanoseconds since the epoch, or undefined when the text is not an ISO 8601 date-time with a zone. */
export type Instant = bigint;

const RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)$/;

export function parseInstant(text: string): Instant | undefined {
  const m = RE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone, sign, zh = '0', zm = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  const offsetMin = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  const nanos = BigInt((frac + '000000000').slice(0, 9));
  return (BigInt(ms) - BigInt(offsetMin) * 60_000n) * 1_000_000n + nanos;
}

export function compareInstants(a: Instant, b: Instant): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
