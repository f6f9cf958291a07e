import { runPlatformSuite } from '../../src/cli/platform-suite.js';
import type { TriggerConfig } from '../../src/config/types.js';
import type { Profile } from '../../src/core/check.js';
import type { RunResult } from '../../src/core/result.js';
import type { ToolEmulator } from '../../src/roles/tool/emulator.js';
import { platformScenarios } from '../../suites/platform/index.js';

/** Runs the platform suite in-process against whatever platform the tool emulator is registered with. */
export function runPlatform(toolEmulator: ToolEmulator, triggers: Record<string, TriggerConfig>, opts: { profile?: Profile; only?: string[] } = {}): Promise<RunResult> {
  const scenarios = opts.only ? platformScenarios.filter((s) => opts.only!.includes(s.id)) : platformScenarios;
  return runPlatformSuite({
    toolEmulator, scenarios, triggers, profile: opts.profile ?? 'certification', timeoutMs: 10_000, bail: 0, strict: false,
    command: 'test platform', signal: new AbortController().signal, announce: () => undefined,
  });
}
