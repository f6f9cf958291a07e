import type { ErrorObject } from 'ajv';
import { HarnessError } from '../core/errors.js';
import { formatPath, pointerToSegments } from './path.js';

/** One configuration problem. `message` never contains a configured value (it may hold a secret). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** ERR_CONFIG_INVALID with the problems kept apart for tooling and tests. */
export class ConfigError extends HarnessError {
  constructor(
    readonly issues: readonly ConfigIssue[],
    source: string | undefined,
    hint?: string,
  ) {
    const head = source === undefined ? 'Invalid configuration:' : `Invalid configuration in ${source}:`;
    super('ERR_CONFIG_INVALID', [head, ...issues.map((i) => `${i.path}: ${i.message}`)].join('\n'), hint);
  }
}

/** Levenshtein distance, case-insensitive: `clientID` is a typo of `clientId`. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[t.length] ?? 0;
}

export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.min(3, Math.floor(unknown.length / 3)));
  let best: { key: string; d: number } | undefined;
  for (const key of known) {
    const d = editDistance(unknown, key);
    if (d <= limit && (best === undefined || d < best.d)) best = { key, d };
  }
  return best?.key;
}

const quoteList = (xs: readonly unknown[]): string => xs.map((x) => JSON.stringify(x)).join(', ');

function typeName(t: string): string {
  if (t === 'integer') return 'an integer';
  if (t === 'object' || t === 'array') return `an ${t}`;
  return `a ${t}`;
}

/** Keys valid for the other target kind, so `issuer` on a tool target gets a pointed message. */
export type KindKeys = Readonly<Record<string, readonly string[]>>;

function unknownKey(err: ErrorObject, key: string, kindKeys: KindKeys): string {
  const props = (err.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  const known = Object.keys(props).filter((k) => k !== '$schema');
  const kind = (err.data as { kind?: unknown } | undefined)?.kind;
  if (err.instancePath === '/target' && typeof kind === 'string') {
    const other = Object.entries(kindKeys).find(([k, keys]) => k !== kind && keys.includes(key));
    if (other) return `unknown key "${key}" for kind "${kind}" (only valid when kind is "${other[0]}")`;
  }
  const near = suggestKey(key, known);
  return near === undefined ? `unknown key "${key}"` : `unknown key "${key}" (did you mean "${near}"?)`;
}

function oneOfMessage(err: ErrorObject): string {
  const branches = (err.schema as { required?: string[] }[] | undefined) ?? [];
  const keys = branches.flatMap((b) => b.required ?? []);
  return keys.length > 0 ? `must have exactly one of ${quoteList(keys)}` : 'must match exactly one alternative';
}

function translate(err: ErrorObject, kindKeys: KindKeys): ConfigIssue | undefined {
  const segs = pointerToSegments(err.instancePath);
  const at = (extra?: string): string => formatPath(extra === undefined ? segs : [...segs, extra]);
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'if':
      return undefined; // the failing `then` branch reports the real problem
    case 'required':
      return { path: at(String(p.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: at(), message: unknownKey(err, String(p.additionalProperty), kindKeys) };
    case 'propertyNames':
      return { path: at(), message: `invalid name "${String(p.propertyName)}" (use letters, digits, "-" and "_")` };
    case 'format':
    case 'pattern':
      return { path: at(), message: 'must be an http(s) URL' };
    case 'enum': {
      const allowed = p.allowedValues as unknown[];
      const msg = allowed.length === 1 ? `must be ${quoteList(allowed)}` : `must be one of ${quoteList(allowed)}`;
      return { path: at(), message: msg };
    }
    case 'const':
      return { path: at(), message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'type':
      return { path: at(), message: `must be ${String(p.type).split(',').map(typeName).join(' or ')}` };
    case 'minLength':
      return { path: at(), message: 'must not be empty' };
    case 'minItems':
      return { path: at(), message: p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} items` };
    case 'uniqueItems':
      return { path: at(), message: `must not contain duplicates (items ${String(p.j)} and ${String(p.i)})` };
    case 'minimum':
    case 'maximum':
      return { path: at(), message: `must be ${String(p.comparison)} ${String(p.limit)}` };
    case 'oneOf':
      return { path: at(), message: oneOfMessage(err) };
    default:
      return { path: at(), message: err.message ?? `fails ${err.keyword}` };
  }
}

/** Translate ajv errors into issues, dropping noise from inside `oneOf` branches and duplicates. */
export function issuesFromAjv(errors: readonly ErrorObject[], kindKeys: KindKeys): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const seen = new Set<string>();
  // A value of the wrong type makes every other complaint about it noise.
  const mistyped = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const err of errors) {
    if (/\/oneOf\/\d+\//.test(err.schemaPath)) continue;
    if (err.keyword !== 'type' && mistyped.has(err.instancePath)) continue;
    if (err.keyword === 'pattern' && err.propertyName !== undefined) continue; // reported by propertyNames
    const issue = translate(err, kindKeys);
    if (issue === undefined) continue;
    const key = `${issue.path}\n${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}
