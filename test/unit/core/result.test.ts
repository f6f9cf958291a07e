import { describe, expect, it } from 'vitest';
import { exitCodeFor, summarize, type CheckResult, type RunResult, type ScenarioResult, type ScenarioStatus } from '../../../src/core/result.js';

const warned: CheckResult = { id: 'c.w', title: 'w', status: 'warned', level: 'warn', refs: [{ spec: 'CORE', section: '§1', keyword: 'SHOULD' }] };
const passedCheck: CheckResult = { ...warned, id: 'c.p', status: 'passed' };
const info: CheckResult = { ...warned, id: 'c.i', status: 'info', level: 'info' };

function scenario(status: ScenarioStatus, checks: CheckResult[] = []): ScenarioResult {
  return { id: `s.${status}`, title: status, suite: 'tool.launch', role: 'platform', status, durationMs: 1, checks, evidence: { exchanges: [], jwts: [] } };
}

function run(scenarios: ScenarioResult[], over: Partial<RunResult> = {}): RunResult {
  return {
    tool: { name: 'lti-conform', version: '0.0.0' }, command: 'test tool', role: 'platform', profile: 'certification', target: 'http://127.0.0.1',
    startedAt: '2025-01-01T00:00:00.000Z', durationMs: 5, interrupted: false, strict: false, scenarios, ...over,
  };
}

describe('summarize', () => {
  it('counts scenarios by status and warned checks', () => {
    const r = run([
      scenario('passed', [passedCheck, warned, warned]), scenario('passed', [info]), scenario('failed', [warned]),
      scenario('error'), scenario('skipped'), scenario('skipped'),
    ]);
    expect(summarize(r)).toEqual({ total: 6, passed: 2, failed: 1, errored: 1, skipped: 2, warnings: 3 });
  });

  it('an empty run is all zeros', () => {
    expect(summarize(run([]))).toEqual({ total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, warnings: 0 });
  });
});

describe('exitCodeFor', () => {
  it.each<[string, ScenarioResult[], Partial<RunResult>, number]>([
    ['all passed', [scenario('passed', [passedCheck])], {}, 0],
    ['nothing ran', [], {}, 0],
    ['passed and skipped', [scenario('passed'), scenario('skipped')], {}, 0],
    ['warnings without strict', [scenario('passed', [warned])], {}, 0],
    ['warnings with strict', [scenario('passed', [warned])], { strict: true }, 1],
    ['info findings with strict', [scenario('passed', [info])], { strict: true }, 0],
    ['a failure', [scenario('passed'), scenario('failed')], {}, 1],
    ['an error', [scenario('error')], {}, 1],
    ['interrupted with failures', [scenario('failed')], { interrupted: true }, 130],
    ['interrupted with all passed', [scenario('passed')], { interrupted: true }, 130],
  ])('%s -> %i', (_name, scenarios, over, code) => {
    expect(exitCodeFor(run(scenarios, over))).toBe(code);
  });
});
