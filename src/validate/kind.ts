import type { Check } from '../core/check.js';
import { FLAG_OF, type Expected, type JudgeContext, type Kind, type Message } from './types.js';

// Helpers to declare a kind in a few lines: narrow the message form, and run checks with a plan saying which
// need a flag (not checked without it) and which cannot apply to a message on its own.

export type JwtMessage = Extract<Message, { form: 'jwt' }>;
export type JsonMessage = Extract<Message, { form: 'json' }>;

interface KindSpec<M> {
  id: string;
  title: string;
  sender: Kind['sender'];
  detect(m: M): boolean;
  judge(m: M, ctx: JudgeContext): void;
}

export function jwtKind(k: KindSpec<JwtMessage>): Kind {
  return { ...k, form: 'jwt', detect: (m) => m.form === 'jwt' && k.detect(m), judge: (m, ctx) => m.form === 'jwt' && k.judge(m, ctx) };
}

export function jsonKind(k: KindSpec<JsonMessage>): Kind {
  return { ...k, form: 'json', detect: (m) => m.form === 'json' && k.detect(m), judge: (m, ctx) => m.form === 'json' && k.judge(m, ctx) };
}

/** What a kind needs to run its checks: by check id, the inputs (any one suffices), or why it cannot apply. */
export interface Plan {
  needs?: Record<string, readonly (keyof Expected | 'jwks')[]>;
  cannot?: Record<string, string>;
  /** Said next to the verdict of a check that ran with less than it could use. */
  notes?: Record<string, string | undefined>;
}

const given = (ctx: JudgeContext, what: keyof Expected | 'jwks'): boolean => (what === 'jwks' ? ctx.signature !== undefined : ctx.expected[what] !== undefined);

/** Runs each check the inputs allow; records the others as not checked, naming the flag that enables them. */
export function judgePlanned<In>(ctx: JudgeContext, checks: readonly Check<In>[], input: In, plan: Plan = {}): void {
  for (const c of checks) {
    const cannot = plan.cannot?.[c.id];
    if (cannot) {
      ctx.notChecked(c, cannot);
      continue;
    }
    const needs = plan.needs?.[c.id];
    if (needs && !needs.some((n) => given(ctx, n))) {
      ctx.notChecked(c, `give ${needs.map((n) => `${FLAG_OF[n]} <${n === 'jwks' ? 'url|file' : 'value'}>`).join(' or ')} to check it`);
      continue;
    }
    ctx.judge(c, input, plan.notes?.[c.id]);
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
