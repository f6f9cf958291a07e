import { describe, expect, it } from 'vitest';
import { filterScenarios, parseBail, parseProfile, parseTimeout } from '../../../src/cli/options.js';
import { HarnessError } from '../../../src/core/errors.js';

function usageError(fn: () => unknown): HarnessError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HarnessError);
    expect((e as HarnessError).code).toBe('ERR_USAGE');
    return e as HarnessError;
  }
  throw new Error('expected ERR_USAGE');
}

describe('parseBail', () => {
  it.each<[string | boolean | undefined, number]>([
    [undefined, 0], [false, 0], [true, 1], ['1', 1], ['3', 3], ['10', 10],
  ])('%j -> %i', (v, n) => {
    expect(parseBail(v)).toBe(n);
  });

  it.each(['0', '-1', '1.5', 'abc', ''])('%j is a usage error naming the value', (v) => {
    expect(usageError(() => parseBail(v)).message).toBe(`--bail takes a positive whole number, not "${v}"`);
  });
});

describe('parseTimeout', () => {
  it('falls back when the flag is absent', () => {
    expect(parseTimeout(undefined, 15_000)).toBe(15_000);
  });

  it.each<[string, number]>([['1', 1], ['200', 200], ['3600000', 3_600_000]])('%j -> %i ms', (v, n) => {
    expect(parseTimeout(v, 5)).toBe(n);
  });

  it.each(['0', '-5', '3600001', '1.5', 'soon', ''])('%j is a usage error naming the value', (v) => {
    expect(usageError(() => parseTimeout(v, 5)).message).toBe(`--timeout takes milliseconds between 1 and 3600000, not "${v}"`);
  });
});

describe('parseProfile', () => {
  it.each([
    [undefined, undefined, 'certification'],
    [undefined, 'spec', 'spec'],
    ['spec', 'certification', 'spec'],
    ['certification', 'spec', 'certification'],
  ] as const)('%j with fallback %j -> %s', (v, fallback, profile) => {
    expect(parseProfile(v, fallback)).toBe(profile);
  });

  it.each(['Spec', 'cert', ''])('%j is a usage error', (v) => {
    expect(usageError(() => parseProfile(v)).message).toBe(`--profile must be "certification" or "spec", not "${v}"`);
  });
});

const ALL = [
  { id: 'tool.login.accepts-get', title: 'accepts login initiation by GET' },
  { id: 'tool.login.accepts-post', title: 'accepts login initiation by POST' },
  { id: 'tool.launch.rejects-expired-token', title: 'refuses an expired id_token' },
  { id: 'tool.launch.rejects-alg-none', title: 'refuses alg none' },
  { id: 'tool.launch.accepts-valid', title: 'accepts a valid launch' },
];
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('filterScenarios', () => {
  it('no filters keep everything in order', () => {
    expect(ids(filterScenarios(ALL, undefined, undefined))).toEqual(ids(ALL));
    expect(ids(filterScenarios(ALL, undefined, []))).toEqual(ids(ALL));
  });

  it.each<[string, string[]]>([
    ['rejects', ['tool.launch.rejects-expired-token', 'tool.launch.rejects-alg-none']],
    ['EXPIRED', ['tool.launch.rejects-expired-token']],
    ['by (GET|POST)$', ['tool.login.accepts-get', 'tool.login.accepts-post']],
    ['^tool\\.login\\.', ['tool.login.accepts-get', 'tool.login.accepts-post']],
    ['alg-none refuses', ['tool.launch.rejects-alg-none']],
    ['no-such-thing', []],
  ])('--grep %j matches "<id> <title>" case-insensitively', (grep, expected) => {
    expect(ids(filterScenarios(ALL, grep, undefined))).toEqual(expected);
  });

  it.each<[string[], string[]]>([
    [['tool.launch.accepts-valid'], ['tool.launch.accepts-valid']],
    [['tool.launch.accepts-valid', 'tool.login.accepts-get'], ['tool.login.accepts-get', 'tool.launch.accepts-valid']],
    [['tool.login.*'], ['tool.login.accepts-get', 'tool.login.accepts-post']],
    [['tool.launch.rejects-*'], ['tool.launch.rejects-expired-token', 'tool.launch.rejects-alg-none']],
    [['*'], ids(ALL)],
  ])('--only %j keeps %j', (only, expected) => {
    expect(ids(filterScenarios(ALL, undefined, only))).toEqual(expected);
  });

  it('--only is exact without a star: a prefix is not a match', () => {
    usageError(() => filterScenarios(ALL, undefined, ['tool.launch.accepts']));
  });

  it('--grep and --only both apply', () => {
    expect(ids(filterScenarios(ALL, 'post', ['tool.login.*']))).toEqual(['tool.login.accepts-post']);
  });

  it.each([['tool.nope'], ['platform.*']])('an unknown --only %j is ERR_USAGE with a hint', (o) => {
    const e = usageError(() => filterScenarios(ALL, undefined, ['tool.login.accepts-get', o]));
    expect(e.message).toBe(`--only ${o}: no such scenario`);
    expect(e.hint).toMatch(/lti-conform list/);
  });

  it.each(['(', '[a-', '*x'])('an invalid --grep %j is ERR_USAGE', (grep) => {
    expect(usageError(() => filterScenarios(ALL, grep, undefined)).message).toMatch(/^--grep is not a valid regular expression: /);
  });
});
