import { checkLevel, type Check, type Profile } from '../core/check.js';
import type { CheckResult } from '../core/result.js';
import type { SpecRef } from '../spec/specs.js';
import type { Expected, JudgeContext, SignatureCheck } from './types.js';

/** A check `validate` did not run, and why (the flag that enables it, or why it cannot apply to one message). */
export interface NotChecked {
  id: string;
  title: string;
  refs: readonly SpecRef[];
  why: string;
}

export interface Judgement {
  checks: CheckResult[];
  notChecked: NotChecked[];
}

/** A judge context that records into `out`, as the scenario runner's judge does. */
export function judgeContext(out: Judgement, o: { expected: Expected; now: number; profile: Profile; signature?: SignatureCheck; lti11Secret?: string }): JudgeContext {
  const ctx: JudgeContext = {
    ...o,
    judge<In>(check: Check<In>, input: In, note?: string) {
      const verdict = check.run(input, { profile: o.profile });
      const level = checkLevel(check.refs, o.profile);
      const status = verdict.ok ? 'passed' : level === 'fail' ? 'failed' : level === 'warn' ? 'warned' : 'info';
      const text = verdict.ok ? verdict.note : verdict.message;
      const message = [text, note].filter((x) => x !== undefined && x !== '').join('; ');
      out.checks.push({
        id: check.id, title: check.title, status, level, refs: check.refs,
        ...(message ? { message } : {}),
        ...(verdict.ok ? {} : { expected: verdict.expected, actual: verdict.actual }),
      });
    },
    notChecked(check, why) {
      out.notChecked.push({ id: check.id, title: check.title, refs: check.refs, why });
    },
  };
  return ctx;
}

const UNITS: [number, string][] = [[86_400 * 365, 'year'], [86_400 * 30, 'month'], [86_400, 'day'], [3_600, 'hour'], [60, 'minute'], [1, 'second']];

/** "3 days", "1 hour", "42 seconds": the largest unit that fits. */
export function span(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const [unit, name] = UNITS.find(([u]) => s >= u) ?? [1, 'second'];
  const n = Math.floor(s / unit);
  return `${n} ${name}${n === 1 ? '' : 's'}`;
}

const at = (epoch: number): string => {
  const d = new Date(epoch * 1000);
  return Number.isNaN(d.getTime()) ? String(epoch) : d.toISOString().replace('.000Z', 'Z');
};

/**
 * Old messages are explained, not refused: an exp in the past becomes a note ("expired 3 days ago at ..."),
 * and exp/iat that pass get their distance from now as a note too. A missing or non-numeric exp still fails.
 */
export function explainClock(checks: CheckResult[], payload: Record<string, unknown>, now: number): void {
  const { exp, iat } = payload;
  for (const [i, c] of checks.entries()) {
    if (c.id.endsWith('.exp.not-expired') && typeof exp === 'number' && Number.isFinite(exp)) {
      if (c.status !== 'passed' && exp <= now) {
        checks[i] = {
          id: c.id, title: c.title, refs: c.refs, status: 'info', level: 'info',
          message: `expired ${span(now - exp)} ago at ${at(exp)} (exp ${exp}); noted, not held against the message (give --now to judge it at another time)`,
        };
      } else if (c.status === 'passed') {
        const when = exp > now ? `expires in ${span(exp - now)} at ${at(exp)}` : `expired ${span(now - exp)} ago at ${at(exp)}, within the leeway`;
        checks[i] = { ...c, message: [c.message, when].filter(Boolean).join('; ') };
      }
    }
    if (c.id.endsWith('.iat.present') && c.status === 'passed' && typeof iat === 'number' && Number.isFinite(iat)) {
      const when = iat <= now ? `issued ${span(now - iat)} ago at ${at(iat)}` : `issued ${span(iat - now)} in the future at ${at(iat)}`;
      checks[i] = { ...c, message: [c.message, when].filter(Boolean).join('; ') };
    }
  }
}
