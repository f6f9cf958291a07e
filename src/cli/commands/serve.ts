import { HarnessError } from '../../core/errors.js';
import { KeyStore } from '../../keys/store.js';
import { PlatformEmulator, PATHS } from '../../roles/platform/emulator.js';
import { loadToolConfig, toolRegistration } from './test-tool.js';

/** What a tool must register about us; printed by `serve platform`. */
export function registrationValues(e: PlatformEmulator): Record<string, string> {
  return {
    issuer: e.issuer,
    clientId: e.tool.clientId,
    deploymentId: e.tool.deploymentId,
    authorizationUrl: e.url(PATHS.authorization),
    tokenUrl: e.url(PATHS.token),
    jwksUrl: e.url(PATHS.jwks),
    openidConfigurationUrl: e.url(PATHS.openidConfiguration),
    manualLaunchUrl: e.url(PATHS.launchStart),
  };
}

/** `lti-conform serve platform`: run the emulator alone for manual launches until Ctrl-C. */
export async function servePlatform(role: string, flags: { config?: string; json?: boolean }): Promise<number> {
  if (role !== 'platform') throw new HarnessError('ERR_USAGE', `serve ${role}: only "serve platform" is available in this version`);
  const { config, target } = await loadToolConfig(flags);
  const keys = await KeyStore.persistent(config.emulator.keyFile);
  const emulator = await PlatformEmulator.start({
    host: config.emulator.host, port: config.emulator.port, keys, tool: toolRegistration(target),
    ...(config.emulator.publicUrl ? { publicUrl: config.emulator.publicUrl } : {}),
  });
  const values = registrationValues(emulator);
  if (flags.json) process.stdout.write(`${JSON.stringify(values, null, 2)}\n`);
  else {
    const width = Math.max(...Object.keys(values).map((k) => k.length));
    process.stdout.write(`Register this platform in the tool:\n${Object.entries(values).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n\nOpen ${values.manualLaunchUrl} in a browser to launch. Ctrl-C to stop.\n`);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return 0;
}
