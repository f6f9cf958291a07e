import { loadConfig } from '../../config/load.js';
import { isDynamicTool, type DynamicToolTargetConfig, type Config, type ToolTargetConfig } from '../../config/types.js';
import { HarnessError } from '../../core/errors.js';
import { KeyStore } from '../../keys/store.js';
import { PlatformEmulator, type ToolRegistration } from '../../roles/platform/emulator.js';
import { toolScenarios } from '../../../suites/tool/index.js';
import { execute } from '../execute.js';
import { DEFAULT_TIMEOUT_MS, filterScenarios, parseBail, parseProfile, parseTimeout, type RunFlags } from '../options.js';
import { outcomeRules } from '../outcome-rules.js';

/** The registration a configured tool target gives us; for Dynamic Registration, a placeholder until it registers. */
export function toolRegistration(t: ToolTargetConfig | DynamicToolTargetConfig): ToolRegistration {
  if (isDynamicTool(t))
    return {
      clientId: '', deploymentId: '', redirectUris: [], loginInitiationUrl: t.registrationUrl, targetLinkUri: t.registrationUrl,
      ...(t.submissionReviewUrl ? { submissionReviewUrl: t.submissionReviewUrl } : {}), ...(t.lti11 ? { lti11: t.lti11 } : {}),
    };
  return {
    clientId: t.clientId, deploymentId: t.deploymentId, redirectUris: t.redirectUris, loginInitiationUrl: t.loginInitiationUrl, targetLinkUri: t.targetLinkUri,
    ...(t.jwksUrl ? { jwksUrl: t.jwksUrl } : {}), ...(t.deepLinkingUrl ? { deepLinkingUrl: t.deepLinkingUrl } : {}),
    ...(t.submissionReviewUrl ? { submissionReviewUrl: t.submissionReviewUrl } : {}), ...(t.lti11 ? { lti11: t.lti11 } : {}),
  };
}

export async function loadToolConfig(flags: { config?: string }) {
  const { config } = await loadConfig({ ...(flags.config ? { path: flags.config } : {}), cwd: process.cwd(), env: process.env });
  if (config.target.kind !== 'tool') throw new HarnessError('ERR_CONFIG_INVALID', 'target.kind: is "platform"; this command needs a tool target', 'Use `lti-conform test platform` for a platform.');
  return { config, target: config.target };
}

/**
 * Starts the platform emulator for a tool target. With target.registrationUrl the emulator has no usable
 * registration until tool.registration.registers produces one (later scenarios are skipped until then).
 */
export async function startPlatformEmulator(config: Config, target: ToolTargetConfig | DynamicToolTargetConfig): Promise<PlatformEmulator> {
  const keys = await KeyStore.persistent(config.emulator.keyFile);
  const emulator = await PlatformEmulator.start({
    host: config.emulator.host, port: config.emulator.port, keys, tool: toolRegistration(target),
    ...(config.emulator.publicUrl ? { publicUrl: config.emulator.publicUrl } : {}),
  });
  if (isDynamicTool(target)) {
    emulator.registration.initiationUrl = target.registrationUrl;
    emulator.registration.awaiting = true;
  }
  return emulator;
}

/** `lti-conform test tool`: we play the platform against the configured tool. */
export async function testTool(flags: RunFlags): Promise<number> {
  const scenarios = filterScenarios(toolScenarios, flags.grep, flags.only);
  const bail = parseBail(flags.bail);
  const { config, target } = await loadToolConfig(flags);
  const timeoutMs = parseTimeout(flags.timeout, config.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const profile = parseProfile(flags.profile, config.profile);
  const emulator = await startPlatformEmulator(config, target);
  try {
    return await execute({ emulator, scenarios, outcome: outcomeRules(config.launch), profile, timeoutMs, bail, command: 'test tool', flags, triggers: config.triggers });
  } finally {
    await emulator.close();
  }
}
