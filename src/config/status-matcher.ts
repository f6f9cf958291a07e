import { HarnessError } from '../core/errors.js';

export type StatusPredicate = (status: number) => boolean;

interface Term {
  test: StatusPredicate;
  text: string;
}

const CLASS = /^([1-5])xx$/i;
const COMPARE = /^(>=|<=|>|<)\s*(\d{3})$/;
const RANGE = /^(\d{3})\s*-\s*(\d{3})$/;
const EXACT = /^(\d{3})$/;

const isStatus = (n: number): boolean => n >= 100 && n <= 599;

function parseTerm(raw: string): Term | undefined {
  const t = raw.trim();
  let m = CLASS.exec(t);
  if (m) {
    const c = Number(m[1]);
    return { test: (s) => Math.floor(s / 100) === c, text: `${c}xx` };
  }
  m = COMPARE.exec(t);
  if (m) {
    const op = m[1] as '>=' | '<=' | '>' | '<';
    const n = Number(m[2]);
    const tests: Record<typeof op, StatusPredicate> = {
      '>=': (s) => s >= n,
      '<=': (s) => s <= n,
      '>': (s) => s > n,
      '<': (s) => s < n,
    };
    return { test: tests[op], text: `${op}${n}` };
  }
  m = RANGE.exec(t);
  if (m) {
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    if (!isStatus(lo) || !isStatus(hi) || lo > hi) return undefined;
    return { test: (s) => s >= lo && s <= hi, text: `${lo}-${hi}` };
  }
  m = EXACT.exec(t);
  if (m) {
    const n = Number(m[1]);
    return isStatus(n) ? { test: (s) => s === n, text: String(n) } : undefined;
  }
  return undefined;
}

/** Alternatives separated by `,` or `|`; undefined if any is malformed. */
function parseTerms(spec: string): Term[] | undefined {
  const terms = spec.split(/[,|]/).map(parseTerm);
  return terms.every((t): t is Term => t !== undefined) ? terms : undefined;
}

export const STATUS_MATCHER_SYNTAX = '2xx, 4xx|5xx, >=400, <300, 200, 200,302 or 200-299';

function invalid(spec: string): HarnessError {
  return new HarnessError(
    'ERR_CONFIG_INVALID',
    `Invalid status matcher ${JSON.stringify(spec)}`,
    `Use a class, comparison, code, list or range: ${STATUS_MATCHER_SYNTAX}`,
  );
}

export function isValidStatusMatcher(spec: string): boolean {
  return parseTerms(spec) !== undefined;
}

/** "2xx", "4xx|5xx", ">=400", "<300", "200", "200,302", "200-299" → predicate on an HTTP status. */
export function parseStatusMatcher(spec: string): StatusPredicate {
  const terms = parseTerms(spec);
  if (terms === undefined) throw invalid(spec);
  return (status) => terms.some((t) => t.test(status));
}

/** Normalised wording for reports: "4xx or 5xx", ">=400", "200 or 302". */
export function describeStatusMatcher(spec: string): string {
  const terms = parseTerms(spec);
  if (terms === undefined) throw invalid(spec);
  return terms.map((t) => t.text).join(' or ');
}
