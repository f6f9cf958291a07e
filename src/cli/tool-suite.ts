import type { ToolTestEnv } from '../actions/platform/env.js';
import type { OutcomeRules } from '../checks/launch/outcome.js';
import type { TriggerConfig } from '../config/types.js';
import type { Profile } from '../core/check.js';
import type { RunResult } from '../core/result.js';
import { Browser } from '../http/browser.js';
import type { PlatformEmulator } from '../roles/platform/emulator.js';
import type { ToolScenario } from '../../suites/tool/launch/kinds.js';
import { runSuite, type RunHooks } from './suite-run.js';

export interface ToolSuiteRun extends RunHooks {
  emulator: PlatformEmulator;
  scenarios: ToolScenario[];
  outcome: OutcomeRules;
  profile: Profile;
  timeoutMs: number;
  bail: number;
  command: string;
  now?: () => number;
  triggers?: Record<string, TriggerConfig>;
  announce?: (text: string) => void;
}

/** Runs tool scenarios against the tool registered with the (already started) emulator. */
export function runToolSuite(o: ToolSuiteRun): Promise<RunResult> {
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  o.emulator.keys.prewarm(); // keys some scenarios need later are generated in the background
  return runSuite<ToolTestEnv>({
    ...o, role: 'platform', target: o.emulator.tool.loginInitiationUrl,
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
  });
}
