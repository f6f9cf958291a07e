import { describe, expect, it } from 'vitest';
import { fail, pass, type Check } from '../../../src/core/check.js';
import { HarnessError, ScenarioSkipped } from '../../../src/core/errors.js';
import { runScenario, runScenarios, type RunOptions } from '../../../src/core/runner.js';
import type { Scenario, ScenarioContext } from '../../../src/core/scenario.js';
import type { Keyword } from '../../../src/spec/specs.js';

type Env = { name: string };

const check = (id: string, keyword: Keyword, ok: boolean): Check<number> => ({
  id, title: id, refs: [{ spec: 'CORE', section: '§1', keyword }],
  run: (n) => (ok ? pass() : fail(`${id} failed`, 1, n)),
});

function scenario(id: string, run: (ctx: ScenarioContext<Env>) => Promise<void> | void, extra: Partial<Scenario<Env>> = {}): Scenario<Env> {
  return {
    id, title: `title of ${id}`, summary: 's', role: 'platform', suite: 'tool.launch',
    refs: [{ spec: 'CORE', section: '§1', keyword: 'MUST' }],
    run: async (ctx) => { await run(ctx); },
    ...extra,
  };
}

function options(over: Partial<RunOptions<Env>> = {}): RunOptions<Env> & { disposed: Env[] } {
  const disposed: Env[] = [];
  return {
    profile: 'certification', timeoutMs: 1000, bail: 0, signal: new AbortController().signal,
    envFor: (s) => ({ name: s.id }),
    disposeEnv: (e) => { disposed.push(e); },
    disposed,
    ...over,
  };
}

describe('runScenario', () => {
  it('a scenario whose checks all pass is passed and records each check', async () => {
    const r = await runScenario(scenario('s.ok', (ctx) => { ctx.judge(check('a.b.c', 'MUST', true), 1); }), options());
    expect(r.status).toBe('passed');
    expect(r.checks).toEqual([{ id: 'a.b.c', title: 'a.b.c', status: 'passed', level: 'fail', refs: [{ spec: 'CORE', section: '§1', keyword: 'MUST' }] }]);
    expect(r).toMatchObject({ id: 's.ok', title: 'title of s.ok', suite: 'tool.launch', role: 'platform' });
  });

  it('a failed MUST check makes the scenario failed, with message, expected, actual and evidence ids', async () => {
    const r = await runScenario(scenario('s.fail', (ctx) => { ctx.judge(check('a.b.c', 'MUST', false), 7, { evidence: ['x1'] }); }), options());
    expect(r.status).toBe('failed');
    expect(r.checks[0]).toMatchObject({ status: 'failed', level: 'fail', message: 'a.b.c failed', expected: 1, actual: 7, evidence: ['x1'] });
  });

  it('a failed check does not end the scenario: later checks still run', async () => {
    const r = await runScenario(scenario('s.more', (ctx) => {
      ctx.judge(check('a.first', 'MUST', false), 0);
      ctx.judge(check('a.second', 'MUST', true), 0);
    }), options());
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([['a.first', 'failed'], ['a.second', 'passed']]);
  });

  it('judge returns whether the check passed', async () => {
    const seen: boolean[] = [];
    await runScenario(scenario('s.ret', (ctx) => { seen.push(ctx.judge(check('a', 'MUST', true), 0), ctx.judge(check('b', 'MUST', false), 0)); }), options());
    expect(seen).toEqual([true, false]);
  });

  it('a scenario with only a warned check is passed and the check is warned', async () => {
    const r = await runScenario(scenario('s.warn', (ctx) => { ctx.judge(check('a.should', 'SHOULD', false), 0); }), options());
    expect(r.status).toBe('passed');
    expect(r.checks[0]).toMatchObject({ status: 'warned', level: 'warn' });
  });

  it.each([
    ['certification', 'failed', 'failed'],
    ['spec', 'warned', 'passed'],
  ] as const)('a failed CERT check in the %s profile is %s', async (profile, checkStatus, scenarioStatus) => {
    const r = await runScenario(scenario('s.cert', (ctx) => { ctx.judge(check('a.cert', 'CERT', false), 0); }), options({ profile }));
    expect(r.checks[0]?.status).toBe(checkStatus);
    expect(r.status).toBe(scenarioStatus);
  });

  it('a failed MAY check is info and the scenario passes', async () => {
    const r = await runScenario(scenario('s.may', (ctx) => { ctx.judge(check('a.may', 'MAY', false), 0); }), options());
    expect([r.status, r.checks[0]?.status]).toEqual(['passed', 'info']);
  });

  it('a passing check with a note keeps the note as its message', async () => {
    const noted: Check<number> = { id: 'n', title: 'n', refs: [{ spec: 'CORE', section: '§1', keyword: 'MUST' }], run: () => pass('not applicable') };
    const r = await runScenario(scenario('s.note', (ctx) => { ctx.judge(noted, 0); }), options());
    expect(r.checks[0]).toMatchObject({ status: 'passed', message: 'not applicable' });
  });

  it('a HarnessError makes the scenario error with its code and hint', async () => {
    const r = await runScenario(scenario('s.err', () => { throw new HarnessError('ERR_TIMEOUT', 'no answer within 5 ms', 'Raise --timeout'); }), options());
    expect(r.status).toBe('error');
    expect(r.error).toEqual({ code: 'ERR_TIMEOUT', message: 'no answer within 5 ms', hint: 'Raise --timeout' });
  });

  it('a HarnessError without a hint has no hint member', async () => {
    const r = await runScenario(scenario('s.err2', () => { throw new HarnessError('ERR_TLS', 'bad cert'); }), options());
    expect(r.error).toEqual({ code: 'ERR_TLS', message: 'bad cert' });
  });

  it('a plain Error is ERR_INTERNAL with a bug-report hint', async () => {
    const r = await runScenario(scenario('s.bug', () => { throw new TypeError('x is undefined'); }), options());
    expect(r.status).toBe('error');
    expect(r.error).toMatchObject({ code: 'ERR_INTERNAL', message: 'x is undefined' });
    expect(r.error?.hint).toMatch(/bug in lti-conform/);
  });

  it('checks judged before an error are kept', async () => {
    const r = await runScenario(scenario('s.partial', (ctx) => { ctx.judge(check('a.one', 'MUST', true), 0); throw new Error('boom'); }), options());
    expect(r.status).toBe('error');
    expect(r.checks.map((c) => c.id)).toEqual(['a.one']);
  });

  it('ScenarioSkipped thrown mid-run makes the scenario skipped with the reason', async () => {
    const r = await runScenario(scenario('s.skip', () => { throw new ScenarioSkipped('no deep linking URL'); }), options());
    expect([r.status, r.skipReason]).toEqual(['skipped', 'no deep linking URL']);
  });

  it('skipReason skips before run and sees env and profile', async () => {
    let ran = false;
    const s = scenario('s.na', () => { ran = true; }, { skipReason: (env, profile) => `${env.name} n/a in ${profile}` });
    const opts = options({ profile: 'spec' });
    const r = await runScenario(s, opts);
    expect([r.status, r.skipReason, ran]).toEqual(['skipped', 's.na n/a in spec', false]);
    expect(opts.disposed).toEqual([{ name: 's.na' }]);
  });

  it('skipReason returning undefined runs the scenario', async () => {
    const r = await runScenario(scenario('s.applies', () => {}, { skipReason: () => undefined }), options());
    expect(r.status).toBe('passed');
  });

  it('evidence recorded by the scenario is in the result and the env is disposed', async () => {
    const opts = options();
    const r = await runScenario(scenario('s.ev', (ctx) => { ctx.evidence.record({ direction: 'outbound', method: 'GET', url: 'http://127.0.0.1/x', status: 200 }); }), opts);
    expect(r.evidence.exchanges.map((x) => [x.id, x.url])).toEqual([['x1', 'http://127.0.0.1/x']]);
    expect(opts.disposed).toEqual([{ name: 's.ev' }]);
  });

  it('an aborted signal after the run makes the scenario error (interrupted)', async () => {
    const ac = new AbortController();
    const r = await runScenario(scenario('s.abort', () => { ac.abort(); }), options({ signal: ac.signal }));
    expect(r.status).toBe('error');
    expect(r.error?.message).toBe('interrupted');
  });
});

describe('runScenarios', () => {
  const ok = (id: string) => scenario(id, (ctx) => { ctx.judge(check('a', 'MUST', true), 0); });
  const bad = (id: string) => scenario(id, (ctx) => { ctx.judge(check('a', 'MUST', false), 0); });
  const broken = (id: string) => scenario(id, () => { throw new HarnessError('ERR_TIMEOUT', 'slow'); });

  it('runs every scenario in order when bail is 0', async () => {
    const out = await runScenarios([ok('s1'), bad('s2'), ok('s3')], options());
    expect(out.interrupted).toBe(false);
    expect(out.results.map((r) => [r.id, r.status])).toEqual([['s1', 'passed'], ['s2', 'failed'], ['s3', 'passed']]);
  });

  it('bail=1 stops after the first failure', async () => {
    const out = await runScenarios([ok('s1'), bad('s2'), ok('s3'), bad('s4')], options({ bail: 1 }));
    expect(out.results.map((r) => r.id)).toEqual(['s1', 's2']);
    expect(out.interrupted).toBe(false);
  });

  it('bail counts errors as well as failures', async () => {
    const out = await runScenarios([broken('s1'), bad('s2'), ok('s3')], options({ bail: 2 }));
    expect(out.results.map((r) => r.id)).toEqual(['s1', 's2']);
  });

  it('an already aborted signal runs nothing and reports interrupted', async () => {
    const ac = new AbortController();
    ac.abort();
    const started: string[] = [];
    const out = await runScenarios([ok('s1')], options({ signal: ac.signal, onStart: (s) => started.push(s.id) }));
    expect(out).toEqual({ results: [], interrupted: true });
    expect(started).toEqual([]);
  });

  it('an abort during a scenario stops the run; finished scenarios are kept', async () => {
    const ac = new AbortController();
    const out = await runScenarios([ok('s1'), scenario('s2', () => { ac.abort(); }), ok('s3')], options({ signal: ac.signal }));
    expect(out.interrupted).toBe(true);
    expect(out.results.map((r) => r.id)).toEqual(['s1']);
  });

  it('calls onStart and onEnd with index and total', async () => {
    const calls: string[] = [];
    await runScenarios([ok('s1'), bad('s2')], options({
      onStart: (s, i, n) => calls.push(`start ${s.id} ${i}/${n}`),
      onEnd: (r, i, n) => calls.push(`end ${r.id} ${r.status} ${i}/${n}`),
    }));
    expect(calls).toEqual(['start s1 0/2', 'end s1 passed 0/2', 'start s2 1/2', 'end s2 failed 1/2']);
  });
});
