import type { PlatformTestEnv } from '../actions/tool/env.js';
import type { TriggerConfig } from '../config/types.js';
import type { Profile } from '../core/check.js';
import type { RunResult } from '../core/result.js';
import { Browser } from '../http/browser.js';
import type { ToolEmulator } from '../roles/tool/emulator.js';
import type { PlatformScenario } from '../../suites/platform/kinds.js';
import { runSuite, type RunHooks } from './suite-run.js';

export interface PlatformSuiteRun extends RunHooks {
  toolEmulator: ToolEmulator;
  scenarios: PlatformScenario[];
  profile: Profile;
  timeoutMs: number;
  bail: number;
  command: string;
  triggers: Record<string, TriggerConfig>;
  now?: () => number;
  announce?: (text: string) => void;
}

/** Runs platform scenarios: we play the tool registered with the platform under test. */
export function runPlatformSuite(o: PlatformSuiteRun): Promise<RunResult> {
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  o.toolEmulator.keys.prewarm();
  return runSuite<PlatformTestEnv>({
    ...o, role: 'tool', target: o.toolEmulator.platform.issuer,
    envFor: (_s, evidence) => {
      o.toolEmulator.server.recorder = evidence;
      return {
        toolEmulator: o.toolEmulator, target: o.toolEmulator.platform, evidence, triggers: o.triggers, timeoutMs: o.timeoutMs, signal: o.signal, now,
        announce: o.announce ?? ((text) => process.stderr.write(`\n${text}\n`)),
        browser: new Browser({ evidence, timeoutMs: o.timeoutMs, signal: o.signal }),
      };
    },
    disposeEnv: () => {
      o.toolEmulator.server.recorder = undefined;
    },
  });
}
