import { fail, pass, type Check } from '../../core/check.js';
import { rule } from '../../spec/rules.js';

/** A line item POST wrong in one way, and the platform's status for it. */
export interface InvalidLineItemInput {
  status: number;
  /** e.g. "blank label", "scoreMaximum 0". */
  defect: string;
}

const refused = (s: number): boolean => s >= 400 && s < 500;

/**
 * NT-P-22: label and scoreMaximum > 0 are the tool's MUSTs; a platform taking such an item stores a
 * broken gradebook column, so acceptance warns (the OpenAPI code for a malformed request is 400).
 */
export const invalidLineItemRefused: Check<InvalidLineItemInput> = {
  id: 'platform-ags.lineitem-create.invalid-refused',
  title: 'a line item without a label or with scoreMaximum <= 0 is refused (400)',
  refs: [rule('LTI-AGS-015', 'SHOULD'), rule('LTI-AGS-016', 'SHOULD')],
  run: ({ status, defect }) => (refused(status) ? pass() : fail(`a line item with ${defect} was answered ${status}`, 'a 4xx refusal (400)', status)),
};

/** NT-P-23: resourceLinkId must name a link of this tool in this context (LTI-AGS-013). */
export const foreignResourceLinkRefused: Check<InvalidLineItemInput> = {
  id: 'platform-ags.lineitem-create.foreign-link-refused',
  title: 'a line item naming an unknown resourceLinkId is refused (404)',
  refs: [rule('LTI-AGS-013')],
  run: ({ status, defect }) => (refused(status) ? pass(status === 404 ? undefined : `refused with ${status} (the spec names 404)`) : fail(`a line item with ${defect} was answered ${status}`, 404, status)),
};
