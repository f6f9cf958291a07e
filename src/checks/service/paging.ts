import { fail, pass, type Check } from '../../core/check.js';
import type { ServiceCallRecord } from '../../roles/platform/services/records.js';
import type { SpecRef } from '../../spec/specs.js';
import { samePath, sameUrl } from './http.js';

/** The GETs of one paged read, in order, and every `rel="next"` URL we answered them with. */
export interface PagedReadInput {
  calls: ServiceCallRecord[];
  issuedNextLinks: string[];
}

const requested = (calls: ServiceCallRecord[], link: string): boolean => calls.some((c) => sameUrl(c.url, link));

/** Every next link we issued was requested (compared as parsed URLs), so the last page was read. */
export function pagesFollowed(id: string, what: string, refs: readonly [SpecRef, ...SpecRef[]]): Check<PagedReadInput> {
  return {
    id,
    title: `the tool reads every page of the ${what}, following each next link`,
    refs,
    run: ({ calls, issuedNextLinks }) => {
      const missed = issuedNextLinks.filter((l) => !requested(calls, l));
      if (missed.length === 0) return pass(issuedNextLinks.length === 0 ? 'a single page: no next link was issued' : undefined);
      const read = issuedNextLinks.length - missed.length + 1;
      return fail(`the tool stopped after ${read} of ${issuedNextLinks.length + 1} pages: it never requested ${missed[0]}`, issuedNextLinks, calls.map((c) => c.url));
    },
  };
}

/**
 * No page was fetched from a URL the tool built itself: after the first GET, every GET to the path of an
 * unrequested next link must be that link exactly (a repeat of the first URL, a restart, is fine).
 */
export function nextLinksVerbatim(id: string, what: string, refs: readonly [SpecRef, ...SpecRef[]]): Check<PagedReadInput> {
  return {
    id,
    title: `the tool requests the ${what} next links exactly as given, without re-applying filters`,
    refs,
    run: ({ calls, issuedNextLinks }) => {
      const first = calls[0]?.url;
      const pending = issuedNextLinks.filter((l) => !requested(calls, l));
      const rebuilt = calls
        .slice(1)
        .filter((c) => !issuedNextLinks.some((l) => sameUrl(l, c.url)) && !(first !== undefined && sameUrl(c.url, first)))
        .filter((c) => pending.some((l) => samePath(l, c.url)));
      if (rebuilt.length === 0) return pass();
      return fail(`the tool requested ${rebuilt[0]!.url} instead of the next link as given`, pending, rebuilt.map((c) => c.url));
    },
  };
}
