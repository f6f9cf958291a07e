import { HarnessError } from '../core/errors.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Flags shared by `test` and `demo` (DESIGN.md "Flags shared by test"). */
export interface RunFlags {
  config?: string;
  reportJson?: string;
  reportJunit?: string;
  reporter: 'default' | 'verbose' | 'dot' | 'github' | 'none';
  grep?: string;
  only?: string[];
  bail?: string | boolean;
  timeout?: string;
  strict?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  profile?: string;
  color?: boolean;
}

export function parseBail(v: RunFlags['bail']): number {
  if (v === undefined || v === false) return 0;
  if (v === true) return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new HarnessError('ERR_USAGE', `--bail takes a positive whole number, not "${v}"`);
  return n;
}

export function parseTimeout(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 3_600_000) throw new HarnessError('ERR_USAGE', `--timeout takes milliseconds between 1 and 3600000, not "${v}"`);
  return n;
}

export function parseProfile(v: string | undefined, fallback: 'certification' | 'spec' = 'certification'): 'certification' | 'spec' {
  if (v === undefined) return fallback;
  if (v === 'certification' || v === 'spec') return v;
  throw new HarnessError('ERR_USAGE', `--profile must be "certification" or "spec", not "${v}"`);
}

interface Filterable {
  id: string;
  title: string;
}

/** --grep matches "<id> <title>"; --only takes exact ids or a prefix ending in '*'. */
export function filterScenarios<T extends Filterable>(all: T[], grep: string | undefined, only: string[] | undefined, partOfMore = false): T[] {
  let re: RegExp | undefined;
  if (grep !== undefined) {
    try {
      re = new RegExp(grep, 'i');
    } catch (e) {
      throw new HarnessError('ERR_USAGE', `--grep is not a valid regular expression: ${(e as Error).message}`);
    }
  }
  const picks = only ?? [];
  // When several suites are filtered one by one, an id known to another suite is not an error here.
  for (const o of partOfMore ? [] : picks) {
    const known = o.endsWith('*') ? all.some((s) => s.id.startsWith(o.slice(0, -1))) : all.some((s) => s.id === o);
    if (!known) throw new HarnessError('ERR_USAGE', `--only ${o}: no such scenario`, 'Run `lti-conform list` to see the ids.');
  }
  return all.filter(
    (s) =>
      (re ? re.test(`${s.id} ${s.title}`) : true) &&
      (picks.length === 0 || picks.some((o) => (o.endsWith('*') ? s.id.startsWith(o.slice(0, -1)) : s.id === o))),
  );
}
