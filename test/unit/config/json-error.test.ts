import { describe, expect, it } from 'vitest';
import { findJsonError } from '../../../src/config/json-error.js';
import { lineCol } from '../../../src/config/parse.js';

describe('findJsonError', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['[1, -2.5e3, "x\\n\\u00e9", true, false, null, {}]', undefined],
    ['{"a": x}', { offset: 6, reason: 'unexpected character "x"' }],
    ['{"a": 1,}', { offset: 8, reason: 'expected a property name in double quotes' }],
    ['{"a" 1}', { offset: 5, reason: 'expected ":"' }],
    ['[1 2]', { offset: 3, reason: 'expected "]"' }],
    ['{"a": "b', { offset: 8, reason: 'unexpected end of input' }],
    ['{"a": "\\q"}', { offset: 8, reason: 'bad escape in string' }],
    ['{} {}', { offset: 3, reason: 'unexpected content after the document' }],
    ['', { offset: 0, reason: 'unexpected end of input' }],
    ['{"a": 01}', { offset: 7, reason: 'expected "}"' }],
  ])('%j', (text, expected) => {
    expect(findJsonError(text)).toEqual(expected);
    if (expected === undefined) expect(() => JSON.parse(text)).not.toThrow();
    else expect(() => JSON.parse(text)).toThrow();
  });
});

describe('lineCol', () => {
  it('is 1-based and counts CRLF once', () => {
    expect(lineCol('abc', 0)).toBe('1:1');
    expect(lineCol('a\nbc', 3)).toBe('2:2');
    expect(lineCol('a\r\nbc', 4)).toBe('2:2');
  });
});
