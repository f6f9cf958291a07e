import type { PlatformTestEnv } from '../actions/tool/env.js';
import { RegistrationSession } from '../actions/tool/registration.js';
import type { TriggerConfig } from '../config/types.js';
import type { Profile } from '../core/check.js';
import type { RunResult } from '../core/result.js';
import { Browser } from '../http/browser.js';
import type { ToolEmulator } from '../roles/tool/emulator.js';
import type { PlatformScenario } from '../../suites/platform/kinds.js';
import { register, REGISTRATION_PREFIX } from '../../suites/platform/registration.js';
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
  const dynamic = o.toolEmulator.registration;
  const session = dynamic ? new RegistrationSession(dynamic) : undefined;
  const scenarios = session ? o.scenarios.map((s) => (s.id.startsWith(REGISTRATION_PREFIX) ? s : afterRegistration(s, session))) : o.scenarios;
  return runSuite<PlatformTestEnv>({
    ...o, scenarios, role: 'tool', target: dynamic?.registration.openidConfigurationUrl ?? o.toolEmulator.platform.issuer,
    envFor: async (s, evidence) => {
      o.toolEmulator.server.recorder = evidence;
      const env: PlatformTestEnv = {
        toolEmulator: o.toolEmulator, target: o.toolEmulator.platform, evidence, triggers: o.triggers, timeoutMs: o.timeoutMs, signal: o.signal, now,
        announce: o.announce ?? ((text) => process.stderr.write(`\n${text}\n`)),
        browser: new Browser({ evidence, timeoutMs: o.timeoutMs, signal: o.signal }),
        ...(session ? { registration: session } : {}),
      };
      // A run without the registers scenario (--only) registers quietly before the first scenario needing it.
      if (session?.outcome.kind === 'pending' && !s.id.startsWith(REGISTRATION_PREFIX)) await register(env).catch(() => undefined);
      env.target = o.toolEmulator.platform;
      return env;
    },
    disposeEnv: () => {
      o.toolEmulator.server.recorder = undefined;
    },
  });
}

/** Without a registration there is nothing to test: the scenario is skipped, naming why registration failed. */
function afterRegistration(s: PlatformScenario, session: RegistrationSession): PlatformScenario {
  return {
    ...s,
    skipReason: (env, profile) => (session.failure !== undefined ? `no registration to test with: Dynamic Registration failed (${session.failure})` : s.skipReason?.(env, profile)),
  };
}
