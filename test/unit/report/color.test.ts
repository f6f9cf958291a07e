import { describe, expect, it } from 'vitest';
import { resolveColor } from '../../../src/report/console.js';

describe('resolveColor', () => {
  // flag, env, isTTY -> colour
  const table: [string, boolean | undefined, NodeJS.ProcessEnv, boolean, boolean][] = [
    ['TTY, nothing set', undefined, {}, true, true],
    ['pipe, nothing set', undefined, {}, false, false],
    ['--color beats NO_COLOR and a pipe', true, { NO_COLOR: '1' }, false, true],
    ['--no-color beats FORCE_COLOR and a TTY', false, { FORCE_COLOR: '1' }, true, false],
    ['NO_COLOR set', undefined, { NO_COLOR: '1' }, true, false],
    ['NO_COLOR empty is ignored', undefined, { NO_COLOR: '' }, true, true],
    ['NO_COLOR beats FORCE_COLOR', undefined, { NO_COLOR: 'yes', FORCE_COLOR: '1' }, true, false],
    ['FORCE_COLOR on a pipe', undefined, { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR empty counts as on', undefined, { FORCE_COLOR: '' }, false, true],
    ['FORCE_COLOR=0 turns colour off on a TTY', undefined, { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR beats TERM=dumb', undefined, { FORCE_COLOR: '2', TERM: 'dumb' }, false, true],
    ['TERM=dumb on a TTY', undefined, { TERM: 'dumb' }, true, false],
    ['TERM=xterm on a pipe', undefined, { TERM: 'xterm-256color' }, false, false],
  ];
  it.each(table)('%s', (_name, flag, env, isTTY, want) => {
    expect(resolveColor({ flag, env, isTTY })).toBe(want);
  });
});
