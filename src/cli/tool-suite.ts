import type { ToolTestEnv } from '../actions/platform/env.js';
import type { OutcomeRules } from '../checks/launch/outcome.js';
import type { TriggerConfig } from '../config/types.js';
import type { Profile } from '../core/check.js';
import type { RunResult } from '../core/result.js';
import { runScenarios } from '../core/runner.js';
import { Browser } from '../http/browser.js';
import type { PlatformEmulator } from '../roles/platform/emulator.js';
import type { ToolScenario } from '../../suites/tool/launch/kinds.js';
import { VERSION } from './version.js';

export interface ToolSuiteRun {
  emulator: PlatformEmulator;
  scenarios: ToolScenario[];
  outcome: OutcomeRules;
  profile: Profile;
  timeoutMs: number;
  bail: number;
  strict: boolean;
  command: string;
  signal: AbortSignal;
  onStart?(s: ToolScenario, i: number, n: number): void;
  onEnd?: Parameters<typeof runScenarios<ToolTestEnv>>[1]['onEnd'];
  now?: () => number;
  triggers?: Record<string, TriggerConfig>;
  announce?: (text: string) => void;
}

/** Runs tool scenarios against the tool registered with the (already started) emulator. */
export async function runToolSuite(o: ToolSuiteRun): Promise<RunResult> {
  const startedAt = new Date();
  const started = performance.now();
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  o.emulator.keys.prewarm(); // keys some scenarios need later are generated in the background
  const { results, interrupted } = await runScenarios<ToolTestEnv>(o.scenarios, {
    profile: o.profile, timeoutMs: o.timeoutMs, bail: o.bail, signal: o.signal,
    envFor: (_s, evidence) => {
      o.emulator.server.recorder = evidence;
      return {
        emulator: o.emulator, tool: o.emulator.tool, evidence, outcome: o.outcome, timeoutMs: o.timeoutMs, signal: o.signal, now,
        triggers: o.triggers ?? {}, announce: o.announce ?? ((text) => process.stderr.write(`\n${text}\n`)),
        browser: new Browser({ evidence, timeoutMs: o.timeoutMs, signal: o.signal }),
      };
    },
    disposeEnv: () => {
      o.emulator.server.recorder = undefined;
    },
    ...(o.onStart ? { onStart: o.onStart } : {}),
    ...(o.onEnd ? { onEnd: o.onEnd } : {}),
  });
  return {
    tool: { name: 'lti-conform', version: VERSION }, command: o.command, role: 'platform', profile: o.profile,
    target: o.emulator.tool.loginInitiationUrl, startedAt: startedAt.toISOString(), durationMs: Math.round(performance.now() - started),
    interrupted, strict: o.strict, scenarios: results,
  };
}
