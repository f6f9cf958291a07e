// Small readers for decoded JWT parts, shared by the deep-linking response and client assertion checks.

/** Clock skew we forgive on exp (seconds); [SEC] §5.2.2 allows "some small leeway". */
export const EXP_LEEWAY_S = 60;

export type Claims = Record<string, unknown>;

/** `aud` as a list (a string is one audience); undefined when absent or not strings. */
export function audiences(aud: unknown): string[] | undefined {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud) && aud.every((a) => typeof a === 'string')) return aud as string[];
  return undefined;
}

export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Why a numeric-date claim (exp, iat) is unusable, or undefined when it is a JSON number. */
export function numericDateProblem(name: string, v: unknown): string | undefined {
  if (v === undefined) return `${name} is missing`;
  if (typeof v !== 'number' || !Number.isFinite(v)) return `${name} is not a JSON number (${JSON.stringify(v)})`;
  return undefined;
}

/** exp present, numeric and not yet past (with leeway). */
export function expProblem(exp: unknown, now: number): string | undefined {
  const bad = numericDateProblem('exp', exp);
  if (bad) return bad;
  const past = now - (exp as number);
  return past >= EXP_LEEWAY_S ? `exp is ${past}s in the past (leeway ${EXP_LEEWAY_S}s)` : undefined;
}

/** `"x"` for strings, `missing` for undefined, JSON otherwise: for messages. */
export function shown(v: unknown): string {
  return v === undefined ? 'missing' : JSON.stringify(v);
}
