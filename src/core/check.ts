import type { Keyword, SpecRef } from '../spec/specs.js';

export type Verdict =
  | { ok: true; note?: string }
  | { ok: false; message: string; expected?: unknown; actual?: unknown };

export type Profile = 'certification' | 'spec';

export interface CheckContext {
  profile: Profile;
}

/** A named judgement tied to the spec text it enforces. A check never throws for a conformance problem. */
export interface Check<In> {
  id: string;
  title: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  run(input: In, ctx: CheckContext): Verdict;
}

export type Level = 'fail' | 'warn' | 'info';

/** MUST fails; CERT fails in the certification profile and warns otherwise; SHOULD warns; MAY informs. */
export function levelOf(keyword: Keyword, profile: Profile): Level {
  switch (keyword) {
    case 'MUST':
      return 'fail';
    case 'CERT':
      return profile === 'certification' ? 'fail' : 'warn';
    case 'SHOULD':
      return 'warn';
    case 'MAY':
      return 'info';
  }
}

const RANK: Record<Level, number> = { fail: 2, warn: 1, info: 0 };

/** The strongest level among a check's references decides its severity. */
export function checkLevel(refs: readonly SpecRef[], profile: Profile): Level {
  return refs.map((r) => levelOf(r.keyword, profile)).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'info');
}

export function pass(note?: string): Verdict {
  return note === undefined ? { ok: true } : { ok: true, note };
}

export function fail(message: string, expected?: unknown, actual?: unknown): Verdict {
  return { ok: false, message, expected, actual };
}
