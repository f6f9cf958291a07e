import { loadConfig } from '../../config/load.js';
import { isDynamicTool, type ToolTargetConfig } from '../../config/types.js';
import { HarnessError } from '../../core/errors.js';
import { KeyStore } from '../../keys/store.js';
import { PlatformEmulator, type ToolRegistration } from '../../roles/platform/emulator.js';
import { toolScenarios } from '../../../suites/tool/index.js';
import { execute } from '../execute.js';
import { DEFAULT_TIMEOUT_MS, filterScenarios, parseBail, parseProfile, parseTimeout, type RunFlags } from '../options.js';
import { outcomeRules } from '../outcome-rules.js';

export function toolRegistration(t: ToolTargetConfig): ToolRegistration {
  return {
    clientId: t.clientId, deploymentId: t.deploymentId, redirectUris: t.redirectUris, loginInitiationUrl: t.loginInitiationUrl, targetLinkUri: t.targetLinkUri,
    ...(t.jwksUrl ? { jwksUrl: t.jwksUrl } : {}), ...(t.deepLinkingUrl ? { deepLinkingUrl: t.deepLinkingUrl } : {}),
    ...(t.submissionReviewUrl ? { submissionReviewUrl: t.submissionReviewUrl } : {}), ...(t.lti11 ? { lti11: t.lti11 } : {}),
  };
}

export async function loadToolConfig(flags: { config?: string }) {
  const { config } = await loadConfig({ ...(flags.config ? { path: flags.config } : {}), cwd: process.cwd(), env: process.env });
  if (config.target.kind !== 'tool') throw new HarnessError('ERR_CONFIG_INVALID', 'target.kind: is "platform"; this command needs a tool target', 'Use `lti-conform test platform` for a platform.');
  const target = config.target;
  // Dynamic registration replaces the hand-copied registration (tool.registration.* produce it).
  if (isDynamicTool(target)) throw new HarnessError('ERR_CONFIG_INVALID', 'target.registrationUrl: dynamic registration is not available yet');
  return { config, target };
}

/** `lti-conform test tool`: we play the platform against the configured tool. */
export async function testTool(flags: RunFlags): Promise<number> {
  const scenarios = filterScenarios(toolScenarios, flags.grep, flags.only);
  const bail = parseBail(flags.bail);
  const { config, target } = await loadToolConfig(flags);
  const timeoutMs = parseTimeout(flags.timeout, config.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const profile = parseProfile(flags.profile, config.profile);
  const keys = await KeyStore.persistent(config.emulator.keyFile);
  const emulator = await PlatformEmulator.start({
    host: config.emulator.host, port: config.emulator.port, keys, tool: toolRegistration(target),
    ...(config.emulator.publicUrl ? { publicUrl: config.emulator.publicUrl } : {}),
  });
  try {
    return await execute({ emulator, scenarios, outcome: outcomeRules(config.launch), profile, timeoutMs, bail, command: 'test tool', flags, triggers: config.triggers });
  } finally {
    await emulator.close();
  }
}
