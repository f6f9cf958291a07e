import type { PlatformTestEnv } from '../../src/actions/tool/env.js';
import type { ToolClientContext } from '../../src/actions/tool/token.js';
import type { Scenario } from '../../src/core/scenario.js';

export type PlatformScenario = Scenario<PlatformTestEnv>;

/** What the token and service clients need, from the scenario's environment. */
export function clientContext(env: PlatformTestEnv): ToolClientContext {
  return { target: env.target, keys: env.toolEmulator.keys, evidence: env.evidence, timeoutMs: env.timeoutMs, signal: env.signal, now: env.now };
}
