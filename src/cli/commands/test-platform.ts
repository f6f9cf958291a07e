import { loadConfig } from '../../config/load.js';
import { isDynamicPlatform } from '../../config/types.js';
import { placeholderPlatform } from '../../actions/tool/registration-metadata.js';
import { HarnessError } from '../../core/errors.js';
import { KeyStore } from '../../keys/store.js';
import { ToolEmulator } from '../../roles/tool/emulator.js';
import { platformScenarios } from '../../../suites/platform/index.js';
import { executeRun } from '../execute.js';
import { DEFAULT_TIMEOUT_MS, filterScenarios, parseBail, parseProfile, parseTimeout, type RunFlags } from '../options.js';
import { runPlatformSuite } from '../platform-suite.js';

export async function loadPlatformConfig(flags: { config?: string }) {
  const { config } = await loadConfig({ ...(flags.config ? { path: flags.config } : {}), cwd: process.cwd(), env: process.env });
  if (config.target.kind !== 'platform') throw new HarnessError('ERR_CONFIG_INVALID', 'target.kind: is "tool"; this command needs a platform target', 'Use `lti-conform test tool` for a tool.');
  return { config, target: config.target };
}

export async function startToolEmulator(flags: { config?: string }) {
  const { config, target } = await loadPlatformConfig(flags);
  const keys = await KeyStore.persistent(config.emulator.keyFile);
  // Dynamic Registration: a stand-in until the registers scenario produced the real platform registration.
  const platform = isDynamicPlatform(target) ? placeholderPlatform(target) : target;
  const toolEmulator = await ToolEmulator.start({
    host: config.emulator.host, port: config.emulator.port, keys, platform, ...(config.emulator.publicUrl ? { publicUrl: config.emulator.publicUrl } : {}),
  });
  if (isDynamicPlatform(target)) toolEmulator.registration = target;
  return { config, toolEmulator };
}

/** `lti-conform test platform`: we play the tool against the configured platform. */
export async function testPlatform(flags: RunFlags): Promise<number> {
  const scenarios = filterScenarios(platformScenarios, flags.grep, flags.only);
  const bail = parseBail(flags.bail);
  const { config, toolEmulator } = await startToolEmulator(flags);
  try {
    const timeoutMs = parseTimeout(flags.timeout, config.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const profile = parseProfile(flags.profile, config.profile);
    return await executeRun(flags, (hooks) => runPlatformSuite({ ...hooks, toolEmulator, scenarios, profile, timeoutMs, bail, command: 'test platform', triggers: config.triggers }));
  } finally {
    await toolEmulator.close();
  }
}
