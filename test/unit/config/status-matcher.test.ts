import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../src/core/errors.js';
import { describeStatusMatcher, isValidStatusMatcher, parseStatusMatcher } from '../../../src/config/status-matcher.js';

const STATUSES = [100, 199, 200, 204, 299, 300, 302, 399, 400, 401, 404, 499, 500, 503, 599];

describe('parseStatusMatcher', () => {
  it.each([
    ['2xx', [200, 204, 299]],
    ['2XX', [200, 204, 299]],
    ['4xx|5xx', [400, 401, 404, 499, 500, 503, 599]],
    ['>=400', [400, 401, 404, 499, 500, 503, 599]],
    ['>399', [400, 401, 404, 499, 500, 503, 599]],
    ['<300', [100, 199, 200, 204, 299]],
    ['<=300', [100, 199, 200, 204, 299, 300]],
    ['200', [200]],
    ['200,302', [200, 302]],
    [' 200 , 302 ', [200, 302]],
    ['200-299', [200, 204, 299]],
    ['200 - 204,5xx', [200, 204, 500, 503, 599]],
    ['1xx|302|>=500', [100, 199, 302, 500, 503, 599]],
  ])('%s matches exactly %j', (spec, matching) => {
    const match = parseStatusMatcher(spec);
    expect(STATUSES.filter(match)).toEqual(matching);
  });

  it.each(['', ' ', 'abc', '6xx', '2x', '20', '2000', '=>400', '>=', '299-200', '200,', '|2xx', '200-', '099', '600'])(
    'rejects %j naming it',
    (spec) => {
      expect(isValidStatusMatcher(spec)).toBe(false);
      try {
        parseStatusMatcher(spec);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(HarnessError);
        expect((e as HarnessError).code).toBe('ERR_CONFIG_INVALID');
        expect((e as HarnessError).message).toBe(`Invalid status matcher ${JSON.stringify(spec)}`);
      }
    },
  );
});

describe('describeStatusMatcher', () => {
  it.each([
    ['2XX', '2xx'],
    ['4xx|5xx', '4xx or 5xx'],
    ['>= 400', '>=400'],
    ['200,302', '200 or 302'],
    ['200 - 299', '200-299'],
  ])('%s -> %s', (spec, text) => {
    expect(describeStatusMatcher(spec)).toBe(text);
  });
});
