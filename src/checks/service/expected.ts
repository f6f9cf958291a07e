import { fail, pass, type Check } from '../../core/check.js';
import type { SpecRef } from '../../spec/specs.js';

/** Whether the call a trigger asked for arrived at all. */
export interface ExpectedCallInput {
  arrived: boolean;
  expected: string;
  /** What did arrive meanwhile ("GET /nrps/... -> 200"), for the message. */
  seen: string[];
}

export function expectedCall(refs: readonly [SpecRef, ...SpecRef[]]): Check<ExpectedCallInput> {
  return {
    id: 'service-call.expected.received',
    title: 'the tool made the service call it was asked to make',
    refs,
    run: ({ arrived, expected, seen }) =>
      arrived ? pass() : fail(`no ${expected} reached our platform${seen.length ? `; it sent: ${seen.join(', ')}` : '; it sent nothing'}`, expected, seen),
  };
}
