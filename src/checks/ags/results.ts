import { fail, pass, type Check } from '../../core/check.js';
import { MEDIA_TYPE } from '../../lti/vocab.js';
import type { ServiceCallRecord } from '../../roles/platform/services/records.js';
import { rule } from '../../spec/rules.js';
import { derivedUrl, isDerivedUrl } from '../service/http.js';
import { acceptIncludes } from '../service/media.js';
import { mediaTypeRef } from './refs.js';

/** A results GET and the line item it reads. */
export interface ResultsGetInput {
  call: ServiceCallRecord;
  lineItemUrl: string;
}

export const resultsUrl: Check<ResultsGetInput> = {
  id: 'ags.results.url-derived',
  title: 'results are read from the line item URL path + /results, its query kept',
  refs: [rule('LTI-AGS-022')],
  run: ({ call, lineItemUrl }) =>
    isDerivedUrl(lineItemUrl, 'results', call.url) ? pass() : fail('the results URL is not derived from the line item URL', derivedUrl(lineItemUrl, 'results'), call.url),
};

export const resultsAccept = acceptIncludes<ResultsGetInput>('ags.results.accept', 'results', MEDIA_TYPE.resultContainer, [mediaTypeRef('§3.3.4.1')]);

/** Checks on a results GET (with SERVICE_CALL_CHECKS, scope SCOPE.resultReadOnly). */
export const RESULTS_GET_CHECKS = [resultsUrl, resultsAccept] as const;
