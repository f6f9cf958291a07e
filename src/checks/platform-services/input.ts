// Shared shapes of what the platform answered, and small readers the platform-service checks use.
import { fail, pass, type Check, type Verdict } from '../../core/check.js';
import { validate } from '../../schemas/index.js';
import type { SpecRef } from '../../spec/specs.js';
import { header, mediaTypeOf, parseUrl } from '../service/http.js';

/** One answer of the platform: status, response headers (any case), and the body parsed as JSON (undefined when it is not JSON). */
export interface ServiceAnswer {
  status: number;
  headers: Record<string, string>;
  json: unknown;
}

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
export const isAbsoluteUrl = (v: unknown): v is string => typeof v === 'string' && parseUrl(v) !== undefined && /^https?:$/.test(parseUrl(v)!.protocol);
export const isNonBlank = (v: unknown): v is string => typeof v === 'string' && /\S/.test(v);
export const is2xx = (status: number): boolean => status >= 200 && status < 300;
export const show = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v));

/** Skips a judgement whose subject is missing: another check already reports why. */
export const notJudged = (why: string): Verdict => pass(`not judged: ${why}`);

/** The answer's status is `expected` (or one of them). */
export function statusIs<In extends { answer: ServiceAnswer }>(id: string, title: string, expected: readonly number[], refs: readonly [SpecRef, ...SpecRef[]]): Check<In> {
  return {
    id,
    title,
    refs,
    run: ({ answer }) => (expected.includes(answer.status) ? pass() : fail(`the platform answered ${answer.status}`, expected.length === 1 ? expected[0] : expected, answer.status)),
  };
}

/** A successful answer is labelled with `mediaType` (parameters such as charset allowed). */
export function mediaTypeIs<In extends { answer: ServiceAnswer }>(id: string, what: string, mediaType: string, refs: readonly [SpecRef, ...SpecRef[]]): Check<In> {
  return {
    id,
    title: `the ${what} is labelled ${mediaType}`,
    refs,
    run: ({ answer }) => {
      if (!is2xx(answer.status)) return notJudged(`the platform answered ${answer.status}`);
      const got = header(answer.headers, 'content-type');
      return mediaTypeOf(got) === mediaType ? pass() : fail(`Content-Type is ${got === undefined ? 'missing' : `"${got}"`}`, mediaType, got ?? null);
    },
  };
}

/**
 * What is wrong with a line item the platform returned: the line item schema ([AGS] §3.2: non-blank label,
 * scoreMaximum > 0, zoned dates) plus an id that is a URL (§3.2.3). Empty when nothing.
 */
export function lineItemProblems(item: unknown): string[] {
  if (!isObject(item)) return ['not a JSON object'];
  const v = validate('line-item', item);
  return [...(isAbsoluteUrl(item.id) ? [] : [`/id is ${show(item.id)}, not a URL [AGS §3.2.3]`]), ...(v.ok ? [] : v.errors)];
}

/** Problems of each item of a list, as "item 2 (<id>): ..." lines. */
export function listProblems(items: readonly unknown[], problemsOf: (item: unknown) => string[]): string[] {
  return items.flatMap((item, i) => {
    const p = problemsOf(item);
    const id = isObject(item) && typeof item.id === 'string' ? ` (${item.id})` : '';
    return p.length ? [`item ${i + 1}${id}: ${p.join(', ')}`] : [];
  });
}

/** Ids (the `id` member) of the objects of a list. */
export const idsOf = (items: readonly unknown[]): string[] => items.flatMap((x) => (isObject(x) && typeof x.id === 'string' ? [x.id] : []));
