import { expect, it } from 'vitest';
import type { Check, Verdict } from '../../../src/core/check.js';

export const CTX = { profile: 'certification' as const };

export const bad = (message: string, expected: unknown, actual: unknown): Verdict => ({ ok: false, message, expected, actual });

/** One input wrong in one way, the verdict its check must give, and any other check the same defect trips. */
export interface Case<In> {
  name: string;
  check: Check<In>;
  input: In;
  verdict: Verdict;
  alsoFails?: readonly Check<In>[];
}

/**
 * The shared table tests: every check passes the valid input; each failing case gives exactly its verdict
 * and trips no check but its own (and the declared overlaps); every check has a failing case; ids are
 * unique, well formed, and cite the spec.
 */
export function checkTable<In>(all: readonly Check<In>[], valid: () => In, failing: readonly Case<In>[], idPattern: RegExp): void {
  it.each(all.map((c) => [c.id, c] as const))('%s passes the conforming input', (_id, check) => {
    expect(check.run(valid(), CTX).ok, JSON.stringify(check.run(valid(), CTX))).toBe(true);
  });

  it.each(failing.map((c) => [c.name, c] as const))('%s: fails with message, expected and actual', (_name, c) => {
    expect(c.check.run(c.input, CTX)).toEqual(c.verdict);
  });

  it('each failing input trips only its own check (and the declared overlaps)', () => {
    for (const c of failing) {
      const allowed = new Set([c.check.id, ...(c.alsoFails ?? []).map((x) => x.id)]);
      const tripped = all.filter((x) => !x.run(c.input, CTX).ok).map((x) => x.id);
      expect(tripped.filter((id) => !allowed.has(id)), c.name).toEqual([]);
      for (const id of allowed) if (all.some((x) => x.id === id)) expect(tripped, `${c.name}: ${id}`).toContain(id);
    }
  });

  it('every exported check has at least one failing case in the table', () => {
    const covered = new Set(failing.map((c) => c.check.id));
    expect(all.map((c) => c.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('check ids are unique, follow subject.property.predicate and cite the spec', () => {
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of all) {
      expect(c.id).toMatch(idPattern);
      expect(c.refs.length).toBeGreaterThan(0);
      expect(c.title.length).toBeGreaterThan(0);
    }
  });
}
