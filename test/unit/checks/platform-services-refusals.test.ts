import { describe, expect, it } from 'vitest';
import { foreignResourceLinkRefused, invalidLineItemRefused } from '../../../src/checks/platform-services/ags-refusals.js';

const CTX = { profile: 'certification' as const };

describe('line item refusals (NT-P-22, NT-P-23)', () => {
  it('passes a 400 for a blank label and fails a 201', () => {
    expect(invalidLineItemRefused.run({ status: 400, defect: 'a blank label' }, CTX)).toEqual({ ok: true });
    expect(invalidLineItemRefused.run({ status: 201, defect: 'a blank label' }, CTX)).toEqual({ ok: false, message: 'a line item with a blank label was answered 201', expected: 'a 4xx refusal (400)', actual: 201 });
  });

  it('passes a 404 for a foreign resource link, notes another 4xx, and fails a 201', () => {
    expect(foreignResourceLinkRefused.run({ status: 404, defect: 'an unknown resourceLinkId' }, CTX)).toEqual({ ok: true });
    expect(foreignResourceLinkRefused.run({ status: 400, defect: 'an unknown resourceLinkId' }, CTX)).toEqual({ ok: true, note: 'refused with 400 (the spec names 404)' });
    expect(foreignResourceLinkRefused.run({ status: 201, defect: 'an unknown resourceLinkId' }, CTX)).toEqual({ ok: false, message: 'a line item with an unknown resourceLinkId was answered 201', expected: 404, actual: 201 });
  });

  it('grades a blank label as a warning and a foreign link as a failure', () => {
    expect(invalidLineItemRefused.refs.every((r) => r.keyword === 'SHOULD')).toBe(true);
    expect(foreignResourceLinkRefused.refs[0].keyword).toBe('MUST');
  });
});
