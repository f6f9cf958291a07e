import type { Profile } from '../core/check.js';
import type { EvidenceRecorder } from '../core/evidence.js';
import type { RunResult, ScenarioResult } from '../core/result.js';
import { runScenarios } from '../core/runner.js';
import type { Scenario } from '../core/scenario.js';
import { VERSION } from './version.js';

/** What the CLI adds to any suite run: the interrupt signal, progress and strictness. */
export interface RunHooks {
  strict: boolean;
  signal: AbortSignal;
  onStart?(s: { id: string; title: string }, i: number, n: number): void;
  onEnd?(r: ScenarioResult, i: number, n: number): void;
}

export interface SuiteRun<Env> extends RunHooks {
  scenarios: Scenario<Env>[];
  profile: Profile;
  timeoutMs: number;
  bail: number;
  command: string;
  /** The role we play. */
  role: 'platform' | 'tool';
  /** The target, as the report names it. */
  target: string;
  envFor(scenario: Scenario<Env>, evidence: EvidenceRecorder): Promise<Env> | Env;
  disposeEnv?(env: Env): void;
}

/** Runs scenarios of either role and wraps their results as a run, with its metadata. */
export async function runSuite<Env>(o: SuiteRun<Env>): Promise<RunResult> {
  const startedAt = new Date();
  const started = performance.now();
  const { results, interrupted } = await runScenarios<Env>(o.scenarios, {
    profile: o.profile, timeoutMs: o.timeoutMs, bail: o.bail, signal: o.signal, envFor: o.envFor,
    ...(o.disposeEnv ? { disposeEnv: o.disposeEnv } : {}),
    ...(o.onStart ? { onStart: o.onStart } : {}),
    ...(o.onEnd ? { onEnd: o.onEnd } : {}),
  });
  return {
    tool: { name: 'lti-conform', version: VERSION }, command: o.command, role: o.role, profile: o.profile, target: o.target,
    startedAt: startedAt.toISOString(), durationMs: Math.round(performance.now() - started), interrupted, strict: o.strict, scenarios: results,
  };
}
