import { runToolSuite } from '../../src/cli/tool-suite.js';
import { DEFAULT_LAUNCH, outcomeRules } from '../../src/cli/outcome-rules.js';
import type { Profile } from '../../src/core/check.js';
import type { RunResult, ScenarioResult } from '../../src/core/result.js';
import type { TriggerConfig } from '../../src/config/types.js';
import type { PlatformEmulator } from '../../src/roles/platform/emulator.js';
import { toolScenarios } from '../../suites/tool/index.js';

/** Runs the tool suite in-process against whatever tool the emulator is registered with. */
export function runSuite(emulator: PlatformEmulator, opts: { profile?: Profile; only?: string[]; triggers?: Record<string, TriggerConfig>; timeoutMs?: number } = {}): Promise<RunResult> {
  const scenarios = opts.only ? toolScenarios.filter((s) => opts.only!.includes(s.id)) : toolScenarios;
  return runToolSuite({
    emulator, scenarios, outcome: outcomeRules(DEFAULT_LAUNCH), profile: opts.profile ?? 'certification', timeoutMs: opts.timeoutMs ?? 10_000, bail: 0, triggers: opts.triggers ?? {}, announce: () => undefined,
    strict: false, command: 'test tool', signal: new AbortController().signal,
  });
}

/** A scenario "catches" a defect when any of its checks failed or warned, or it errored. */
export function caught(r: ScenarioResult): boolean {
  return r.status === 'failed' || r.status === 'error' || r.checks.some((c) => c.status === 'failed' || c.status === 'warned');
}

export function caughtIds(run: RunResult): string[] {
  return run.scenarios.filter(caught).map((s) => s.id).sort();
}

/** One line per scenario that is not clean, for readable assertion diffs. */
export function findings(run: RunResult): string[] {
  return run.scenarios.filter(caught).map((s) => {
    const bad = s.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}:${c.status}`);
    return `${s.id} ${s.status}${s.error ? ` ${s.error.code}` : ''} ${bad.join(',')}`.trim();
  }).sort();
}
