import { homedir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../../core/errors.js';
import { KeyStore } from '../../keys/store.js';
import { startReferenceTool, type RunningReferenceTool, type ToolFlaw } from '../../reference/tool/index.js';
import type { TriggerConfig } from '../../config/types.js';
import { PlatformEmulator, PATHS } from '../../roles/platform/emulator.js';
import { toolScenarios } from '../../../suites/tool/index.js';
import { executeRun } from '../execute.js';
import { mergeRuns } from '../../core/result.js';
import { runPlatformSuite } from '../platform-suite.js';
import { runToolSuite } from '../tool-suite.js';
import { platformScenarios } from '../../../suites/platform/index.js';
import { startPlatformDemoPair } from './demo-platform.js';
import { DEFAULT_TIMEOUT_MS, filterScenarios, parseBail, parseProfile, parseTimeout, type RunFlags } from '../options.js';
import { DEFAULT_LAUNCH, outcomeRules } from '../outcome-rules.js';

export const DEMO_CLIENT_ID = 'lti-conform-demo-tool';
export const DEMO_DEPLOYMENT_ID = 'lti-conform-demo-deployment';
/** The demo tool's former LTI 1.1 installation: the secret signs lti1p1 claims and must never reach a report. */
export const DEMO_LTI11 = { consumerKey: 'lti-conform-demo-lti11-key', secret: 'lti-conform-demo-lti11-secret-8c1f' } as const;

/** Demo keys live in the user's cache so repeated demos skip RSA key generation; else in memory. */
export async function demoKeys(name = 'demo-keys.json'): Promise<KeyStore> {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  try {
    return await KeyStore.persistent(join(base, 'lti-conform', name));
  } catch {
    return KeyStore.inMemory();
  }
}

/** Starts our platform emulator and the reference tool, registered with each other, on loopback. */
export async function startDemoPair(flaws: readonly ToolFlaw[] = [], keyStore?: KeyStore) {
  const keys = keyStore ?? (await demoKeys());
  const placeholder = { clientId: DEMO_CLIENT_ID, deploymentId: DEMO_DEPLOYMENT_ID, redirectUris: [], loginInitiationUrl: 'http://127.0.0.1/', targetLinkUri: 'http://127.0.0.1/' };
  const emulator = await PlatformEmulator.start({ host: '127.0.0.1', port: 0, keys, tool: placeholder });
  const tool = await startReferenceTool({
    flaws, lti11: DEMO_LTI11,
    platform: { issuer: emulator.issuer, clientId: DEMO_CLIENT_ID, deploymentIds: [DEMO_DEPLOYMENT_ID], authorizationUrl: emulator.url(PATHS.authorization), jwksUrl: emulator.url(PATHS.jwks), tokenUrl: emulator.url(PATHS.token) },
  });
  emulator.tool = { ...placeholder, redirectUris: tool.redirectUris, loginInitiationUrl: tool.loginUrl, targetLinkUri: tool.targetLinkUri, jwksUrl: tool.jwksUrl, deepLinkingUrl: tool.deepLinkingUrl,
    submissionReviewUrl: tool.submissionReviewUrl, lti11: { ...DEMO_LTI11, linkedWhen: { bodyMatches: 'Linked to LTI 1\\.1 user' } } };
  // The static registration above works on its own; tool.registration.registers replaces it on both sides.
  emulator.registration.initiationUrl = tool.registrationUrl;
  return { emulator, tool, triggers: demoTriggers(tool.triggerUrls), close: async () => { await tool.close(); await emulator.close(); } };
}

const post = (url: string, body: Record<string, string>): TriggerConfig => ({
  kind: 'http',
  http: { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
});

/** The triggers a user would configure for the reference tool: its test routes, fed from the launch. */
export function demoTriggers(u: RunningReferenceTool['triggerUrls']): Record<string, TriggerConfig> {
  return {
    grade: post(u.grade, { lineItem: '{{ags.lineitem}}', userId: '{{launch.sub}}' }),
    lineItems: post(u.lineItems, { lineItems: '{{ags.lineitems}}' }),
    createLineItem: post(u.createLineItem, { lineItems: '{{ags.lineitems}}' }),
    results: post(u.results, { lineItem: '{{ags.lineitem}}' }),
    roster: post(u.roster, { memberships: '{{nrps.url}}' }),
  };
}

/** `lti-conform demo [tool|platform]`: the suites against the embedded reference targets; no config needed. */
export async function demo(role: string | undefined, flags: RunFlags): Promise<number> {
  if (role !== undefined && role !== 'tool' && role !== 'platform') throw new HarnessError('ERR_USAGE', `demo ${role}: the role is "tool" or "platform" (default: both)`);
  const common = { profile: parseProfile(flags.profile), timeoutMs: parseTimeout(flags.timeout, DEFAULT_TIMEOUT_MS), bail: parseBail(flags.bail) };
  const tools = role === 'platform' ? [] : filterScenarios(toolScenarios, flags.grep, flags.only, true);
  const platforms = role === 'tool' ? [] : filterScenarios(platformScenarios, flags.grep, flags.only, true);
  if (flags.only?.length && tools.length + platforms.length === 0) throw new HarnessError('ERR_USAGE', `--only ${flags.only.join(' ')}: no such scenario`, 'Run `lti-conform list` to see the ids.');
  const toolPair = tools.length > 0 ? await startDemoPair() : undefined;
  const platformPair = platforms.length > 0 ? await startPlatformDemoPair([], await demoKeys('demo-tool-keys.json')) : undefined;
  try {
    return await executeRun(flags, async (hooks) => {
      const runs = [];
      if (toolPair) runs.push(await runToolSuite({ ...hooks, ...common, emulator: toolPair.emulator, scenarios: tools, outcome: outcomeRules(DEFAULT_LAUNCH), command: 'demo tool', triggers: toolPair.triggers }));
      if (platformPair && !hooks.signal.aborted) runs.push(await runPlatformSuite({ ...hooks, ...common, toolEmulator: platformPair.toolEmulator, scenarios: platforms, command: 'demo platform', triggers: platformPair.triggers }));
      return runs.reduce(mergeRuns);
    });
  } finally {
    await toolPair?.close();
    await platformPair?.close();
  }
}
