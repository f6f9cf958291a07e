import { checkLevel, type Check, type Profile } from './check.js';
import { HarnessError, isHarnessError, ScenarioSkipped } from './errors.js';
import { EvidenceRecorder } from './evidence.js';
import type { CheckResult, HarnessErrorInfo, ScenarioResult, ScenarioStatus } from './result.js';
import type { JudgeOptions, Scenario, ScenarioContext } from './scenario.js';

export interface RunOptions<Env> {
  profile: Profile;
  timeoutMs: number;
  /** Stop after this many failed or errored scenarios (0 = never). */
  bail: number;
  signal: AbortSignal;
  /** Builds the per-scenario environment (a fresh browser, say); disposed after the scenario. */
  envFor(scenario: Scenario<Env>, evidence: EvidenceRecorder): Promise<Env> | Env;
  disposeEnv?(env: Env): Promise<void> | void;
  onStart?(scenario: Scenario<Env>, index: number, total: number): void;
  onEnd?(result: ScenarioResult, index: number, total: number): void;
}

function toErrorInfo(e: unknown): HarnessErrorInfo {
  if (isHarnessError(e)) return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'ERR_INTERNAL', message, hint: 'This is a bug in lti-conform; please report it with the scenario id.' };
}

export async function runScenario<Env>(scenario: Scenario<Env>, opts: RunOptions<Env>): Promise<ScenarioResult> {
  const started = performance.now();
  const evidence = new EvidenceRecorder();
  const checks: CheckResult[] = [];
  const base = { id: scenario.id, title: scenario.title, suite: scenario.suite, role: scenario.role, ...(scenario.certification ? { certification: scenario.certification } : {}) };
  const done = (status: ScenarioStatus, extra: Partial<ScenarioResult> = {}): ScenarioResult => ({
    ...base, status, checks, evidence: evidence.snapshot(), durationMs: Math.round(performance.now() - started), ...extra,
  });

  let env: Env | undefined;
  try {
    env = await opts.envFor(scenario, evidence);
    const skip = scenario.skipReason?.(env, opts.profile);
    if (skip) return done('skipped', { skipReason: skip });
    const ctx: ScenarioContext<Env> = {
      env, profile: opts.profile, timeoutMs: opts.timeoutMs, signal: opts.signal, evidence,
      judge<In>(check: Check<In>, input: In, jo?: JudgeOptions): boolean {
        const verdict = check.run(input, { profile: opts.profile });
        const level = checkLevel(check.refs, opts.profile);
        const status = verdict.ok ? 'passed' : level === 'fail' ? 'failed' : level === 'warn' ? 'warned' : 'info';
        checks.push({
          id: check.id, title: check.title, status, level, refs: check.refs,
          ...(verdict.ok ? (verdict.note ? { message: verdict.note } : {}) : { message: verdict.message, expected: verdict.expected, actual: verdict.actual }),
          ...(jo?.evidence?.length ? { evidence: jo.evidence } : {}),
        });
        return verdict.ok;
      },
    };
    await scenario.run(ctx);
    if (opts.signal.aborted) throw new HarnessError('ERR_INTERNAL', 'interrupted');
    return done(checks.some((c) => c.status === 'failed') ? 'failed' : 'passed');
  } catch (e) {
    if (e instanceof ScenarioSkipped) return done('skipped', { skipReason: e.reason });
    return done('error', { error: toErrorInfo(e) });
  } finally {
    if (env !== undefined) await opts.disposeEnv?.(env);
  }
}

/** Runs scenarios one after another: targets keep state (nonces, sessions) that parallel runs would tangle. */
export async function runScenarios<Env>(scenarios: Scenario<Env>[], opts: RunOptions<Env>): Promise<{ results: ScenarioResult[]; interrupted: boolean }> {
  const results: ScenarioResult[] = [];
  let bad = 0;
  for (const [i, scenario] of scenarios.entries()) {
    if (opts.signal.aborted) return { results, interrupted: true };
    opts.onStart?.(scenario, i, scenarios.length);
    const result = await runScenario(scenario, opts);
    if (opts.signal.aborted) return { results, interrupted: true };
    results.push(result);
    opts.onEnd?.(result, i, scenarios.length);
    if (result.status === 'failed' || result.status === 'error') bad++;
    if (opts.bail > 0 && bad >= opts.bail) break;
  }
  return { results, interrupted: false };
}
