import { fail, pass, type Check } from '../../core/check.js';
import type { ServiceCallRecord } from '../../roles/platform/services/records.js';
import type { SpecRef } from '../../spec/specs.js';
import { acceptedRanges, header, mediaTypeOf } from './http.js';

/** The request body is declared as `mediaType`. */
export function contentTypeIs<In extends { call: ServiceCallRecord }>(id: string, what: string, mediaType: string, refs: readonly [SpecRef, ...SpecRef[]]): Check<In> {
  return {
    id,
    title: `the ${what} is sent as ${mediaType}`,
    refs,
    run: ({ call }) => {
      const got = header(call.headers, 'content-type');
      return mediaTypeOf(got) === mediaType ? pass() : fail(`Content-Type is ${got === undefined ? 'missing' : `"${got}"`}`, mediaType, got ?? null);
    },
  };
}

/** The Accept header names `mediaType` itself (a wildcard alone does not say which representation the tool reads). */
export function acceptIncludes<In extends { call: ServiceCallRecord }>(id: string, what: string, mediaType: string, refs: readonly [SpecRef, ...SpecRef[]]): Check<In> {
  return {
    id,
    title: `the ${what} request accepts ${mediaType}`,
    refs,
    run: ({ call }) => {
      const got = header(call.headers, 'accept');
      return acceptedRanges(got).includes(mediaType) ? pass() : fail(`Accept is ${got === undefined ? 'missing' : `"${got}"`}`, mediaType, got ?? null);
    },
  };
}
