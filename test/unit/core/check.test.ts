import { describe, expect, it } from 'vitest';
import { checkLevel, fail, levelOf, pass, type Level, type Profile } from '../../../src/core/check.js';
import type { Keyword, SpecRef } from '../../../src/spec/specs.js';

const ref = (keyword: Keyword): SpecRef => ({ spec: 'CORE', section: '§1', keyword });

describe('levelOf', () => {
  it.each<[Keyword, Profile, Level]>([
    ['MUST', 'certification', 'fail'],
    ['MUST', 'spec', 'fail'],
    ['CERT', 'certification', 'fail'],
    ['CERT', 'spec', 'warn'],
    ['SHOULD', 'certification', 'warn'],
    ['SHOULD', 'spec', 'warn'],
    ['MAY', 'certification', 'info'],
    ['MAY', 'spec', 'info'],
  ])('%s in the %s profile is %s', (keyword, profile, level) => {
    expect(levelOf(keyword, profile)).toBe(level);
  });
});

describe('checkLevel: the strongest reference wins', () => {
  it.each<[Keyword[], Profile, Level]>([
    [['MAY'], 'spec', 'info'],
    [['SHOULD'], 'spec', 'warn'],
    [['MUST'], 'spec', 'fail'],
    [['MAY', 'SHOULD'], 'spec', 'warn'],
    [['SHOULD', 'MAY'], 'spec', 'warn'],
    [['SHOULD', 'MUST'], 'spec', 'fail'],
    [['MUST', 'SHOULD', 'MAY'], 'spec', 'fail'],
    [['MAY', 'CERT'], 'spec', 'warn'],
    [['MAY', 'CERT'], 'certification', 'fail'],
    [['SHOULD', 'CERT'], 'certification', 'fail'],
    [['CERT', 'SHOULD'], 'spec', 'warn'],
  ])('%j in the %s profile is %s', (keywords, profile, level) => {
    expect(checkLevel(keywords.map(ref), profile)).toBe(level);
  });
});

describe('verdict helpers', () => {
  it('pass without a note has no note member', () => {
    expect(pass()).toEqual({ ok: true });
    expect('note' in pass()).toBe(false);
  });

  it('pass with a note keeps it', () => {
    expect(pass('n/a')).toEqual({ ok: true, note: 'n/a' });
  });

  it('fail keeps message, expected and actual', () => {
    expect(fail('wrong', 1, 2)).toEqual({ ok: false, message: 'wrong', expected: 1, actual: 2 });
  });
});
