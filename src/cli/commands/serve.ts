import { HarnessError } from '../../core/errors.js';
import { PATHS, type PlatformEmulator } from '../../roles/platform/emulator.js';
import { initiationUrl } from '../../roles/platform/registration.js';
import { isDynamicTool } from '../../config/types.js';
import { loadToolConfig, startPlatformEmulator } from './test-tool.js';

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
    registrationEndpoint: e.registration.endpointUrl,
    manualLaunchUrl: e.url(PATHS.launchStart),
  };
}

function print(values: Record<string, string | string[]>, json: boolean | undefined, who: string, after: string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(values, null, 2)}\n`);
    return;
  }
  const width = Math.max(...Object.keys(values).map((k) => k.length));
  const lines = Object.entries(values).map(([k, v]) => `  ${k.padEnd(width)}  ${Array.isArray(v) ? v.join(' ') : v}`);
  process.stdout.write(`Register this ${who}:\n${lines.join('\n')}\n\n${after}\n`);
}

const untilInterrupted = (): Promise<void> => new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});

/** `lti-conform serve tool`: our emulated tool alone; prints what the platform must register. */
async function serveTool(flags: { config?: string; json?: boolean }): Promise<number> {
  const { startToolEmulator } = await import('./test-platform.js');
  const { toolEmulator } = await startToolEmulator(flags);
  const values = toolEmulator.registrationValues();
  // A dynamically registered target: the platform's ids are learnt when `test platform` registers.
  const learnt = '(learnt when `lti-conform test platform` registers by Dynamic Registration)';
  const dynamic = toolEmulator.registration ? { clientId: learnt, deploymentId: learnt } : {};
  print({ ...values, ...dynamic }, flags.json, 'tool in the platform', 'Launch it from the platform; what arrives is logged. Ctrl-C to stop.');
  await untilInterrupted();
  await toolEmulator.close();
  return 0;
}

/** `lti-conform serve platform|tool`: run one emulator alone for manual use until Ctrl-C. */
export async function serve(role: string, flags: { config?: string; json?: boolean }): Promise<number> {
  if (role === 'tool') return serveTool(flags);
  if (role !== 'platform') throw new HarnessError('ERR_USAGE', `serve ${role}: the role is "platform" or "tool"`);
  return servePlatform(flags);
}

/** `lti-conform serve platform`: run the emulator alone for manual launches until Ctrl-C. */
async function servePlatform(flags: { config?: string; json?: boolean }): Promise<number> {
  const { config, target } = await loadToolConfig(flags);
  const emulator = await startPlatformEmulator(config, target);
  // Dynamic Registration by hand: the token below authorizes one tool; what it registers becomes the
  // registration manual launches use.
  const dynamic = isDynamicTool(target);
  const registrationToken = emulator.registration.issueToken();
  emulator.registration.onRegistered = (r) => {
    emulator.tool = { ...r, ...(emulator.tool.lti11 ? { lti11: emulator.tool.lti11 } : {}), ...(r.submissionReviewUrl || !emulator.tool.submissionReviewUrl ? {} : { submissionReviewUrl: emulator.tool.submissionReviewUrl }) };
    if (!flags.json) process.stdout.write(`Registered by Dynamic Registration: client_id ${r.clientId}, deployment_id ${r.deploymentId}.\n`);
  };
  const values: Record<string, string> = {
    ...registrationValues(emulator), ...(dynamic ? { clientId: '(assigned when the tool registers)', deploymentId: '(assigned when the tool registers)' } : {}), registrationToken,
    ...(dynamic ? { registrationInitiationUrl: initiationUrl(target.registrationUrl, emulator.url(PATHS.openidConfiguration), registrationToken) } : {}),
  };
  const how = dynamic ? `Open ${values.registrationInitiationUrl} to register the tool, then ${values.manualLaunchUrl} to launch.` : `Open ${values.manualLaunchUrl} in a browser to launch.`;
  print(values, flags.json, 'platform in the tool', `${how} Ctrl-C to stop.`);
  await untilInterrupted();
  await emulator.close();
  return 0;
}
