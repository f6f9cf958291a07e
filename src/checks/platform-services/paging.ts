// A list read page by page (limit=n, then every rel="next" as given): did the platform link every page
// while more remained, and does the union hold every item exactly once?
import { fail, pass, type Check } from '../../core/check.js';
import type { SpecRef } from '../../spec/specs.js';
import { notJudged } from './input.js';

/** One paged read, reduced to what the paging rules look at. */
export interface PagingInput {
  /** The page size asked for (`limit`). */
  limit: number;
  /** Each page read, in order: the item ids it listed and whether it carried Link rel="next". */
  pages: { ids: string[]; next: boolean }[];
  /** Ids known to be in the list (items we created; the roster read without limit). */
  expectedIds: string[];
  /** The reader stopped on its page bound (or a next-link loop) while a next link remained. */
  truncated: boolean;
}

const listed = (i: PagingInput): Set<string> => new Set(i.pages.flatMap((p) => p.ids));
const missing = (i: PagingInput): string[] => {
  const seen = listed(i);
  return i.expectedIds.filter((id) => !seen.has(id));
};

/** The last page read lacks rel="next" only when nothing remains. */
export function pagingNext(prefix: string, refs: readonly [SpecRef, ...SpecRef[]]): Check<PagingInput> {
  return {
    id: `${prefix}.paging-next`,
    title: 'while more items remain, each page carries Link rel="next"',
    refs,
    run: (i) => {
      if (i.truncated) return notJudged(`the read stopped after ${i.pages.length} pages with a next link left`);
      const last = i.pages.at(-1);
      if (!last) return notJudged('no page was read');
      const left = missing(i);
      if (last.next || left.length === 0) return pass();
      return fail(`page ${i.pages.length} (limit ${i.limit}) has no rel="next" although ${left.length} item(s) were not listed yet`, `a next link until ${left.join(', ')} are listed`, 'no next link');
    },
  };
}

/** Every expected item appears, and no item appears on two pages. */
export function pagingComplete(prefix: string, refs: readonly [SpecRef, ...SpecRef[]]): Check<PagingInput> {
  return {
    id: `${prefix}.paging-complete`,
    title: 'the pages together list every item exactly once',
    refs,
    run: (i) => {
      const all = i.pages.flatMap((p) => p.ids);
      const twice = [...new Set(all.filter((id, n) => all.indexOf(id) !== n))];
      if (twice.length > 0) return fail(`items listed on more than one page: ${twice.join(', ')}`, 'each item on one page', i.pages.map((p) => p.ids));
      if (i.truncated) return pass('not all pages were read; only duplicates were looked for');
      const left = missing(i);
      return left.length === 0 ? pass() : fail(`${left.length} item(s) appear on no page`, i.expectedIds, all);
    },
  };
}

/** No page lists more items than `limit` asked for. */
export function pagingLimit(prefix: string, refs: readonly [SpecRef, ...SpecRef[]]): Check<PagingInput> {
  return {
    id: `${prefix}.limit-honoured`,
    title: 'no page holds more items than limit',
    refs,
    run: (i) => {
      const over = i.pages.findIndex((p) => p.ids.length > i.limit);
      return over < 0 ? pass() : fail(`page ${over + 1} lists ${i.pages[over]!.ids.length} items with limit=${i.limit}`, `at most ${i.limit}`, i.pages[over]!.ids.length);
    },
  };
}
