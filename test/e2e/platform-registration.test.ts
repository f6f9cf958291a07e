import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatformDemoPair } from '../../src/cli/commands/demo-platform.js';
import { registrationScenarios } from '../../suites/platform/registration.js';
import { runPlatform } from '../support/run-platform-suite.js';
import { findings } from '../support/run-suite.js';

const pairs: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(pairs.map((p) => p.close()));
});
const REG = registrationScenarios.map((s) => s.id);

describe('platform.registration against the reference platform', () => {
  it('a static registration skips the registration scenarios and runs everything else as before', async () => {
    const pair = await startPlatformDemoPair([], undefined, { registration: 'static' });
    pairs.push(pair);
    const run = await runPlatform(pair.toolEmulator, pair.triggers);
    expect(findings(run)).toEqual([]);
    expect(run.scenarios.filter((s) => s.status === 'skipped' && REG.includes(s.id)).map((s) => `${s.id}: ${s.skipReason}`)).toEqual(REG.map((id) => `${id}: target.registration not configured`));
    expect(run.scenarios.filter((s) => s.status === 'skipped' && /registration/.test(s.skipReason ?? '') && !REG.includes(s.id))).toEqual([]);
  });

  it('registers with a configuration URL and token from config (no trigger) and runs the suite on it', async () => {
    const pair = await startPlatformDemoPair();
    pairs.push(pair);
    const { register: _r, ...triggers } = pair.triggers;
    pair.toolEmulator.registration = { kind: 'platform', registration: { openidConfigurationUrl: pair.platform.registration.openidConfigurationUrl, registrationToken: pair.platform.registration.issueToken() }, services: pair.toolEmulator.registration!.services! };
    const run = await runPlatform(pair.toolEmulator, triggers);
    expect(findings(run)).toEqual([]);
    expect(run.scenarios.filter((s) => REG.includes(s.id)).map((s) => s.status)).toEqual(REG.map(() => 'passed'));
    expect(run.scenarios.filter((s) => s.status === 'skipped' && /registration/.test(s.skipReason ?? ''))).toEqual([]);
    const client = pair.platform.registration.clients().find((c) => c.active)!;
    expect(pair.toolEmulator.platform).toMatchObject({ issuer: pair.platform.issuer, clientId: client.clientId, deploymentId: client.deploymentId });
  });

  it('runs triggers.activateRegistration right after registering, with the client_id and deployment_id it got', async () => {
    const pair = await startPlatformDemoPair();
    pairs.push(pair);
    const dir = await mkdtemp(join(tmpdir(), 'lti-activate-'));
    try {
      const file = join(dir, 'activated');
      const activateRegistration = { kind: 'command' as const, command: `printf '%s %s' {{registration.client_id}} {{registration.deployment_id}} > ${file}` };
      const run = await runPlatform(pair.toolEmulator, { ...pair.triggers, activateRegistration }, { only: REG });
      expect(findings(run)).toEqual([]);
      const client = pair.platform.registration.clients().find((c) => c.active)!;
      expect(await readFile(file, 'utf8')).toBe(`${client.clientId} ${client.deploymentId}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('without a client_id every later scenario is skipped, naming why; the refusals still run', async () => {
    const pair = await startPlatformDemoPair(['dr-omits-client-id']);
    pairs.push(pair);
    const run = await runPlatform(pair.toolEmulator, pair.triggers);
    const later = run.scenarios.filter((s) => !REG.includes(s.id));
    expect(later.every((s) => s.status === 'skipped' && /Dynamic Registration failed \(the registration answer has no client_id\)/.test(s.skipReason ?? ''))).toBe(true);
    expect(run.scenarios.filter((s) => REG.includes(s.id)).map((s) => s.status)).toEqual(['passed', 'failed', 'passed', 'passed', 'passed', 'passed']);
  });

  it('names the stray registrations a platform wrongly accepted', async () => {
    const pair = await startPlatformDemoPair(['dr-accepts-wrong-token']);
    pairs.push(pair);
    const run = await runPlatform(pair.toolEmulator, pair.triggers, { only: REG });
    const wrong = run.scenarios.find((s) => s.id === 'platform.registration.refuses-wrong-token')!;
    const stray = pair.platform.registration.clients().find((c) => !c.active)!;
    expect(wrong.checks.find((c) => c.id === 'registration.refusal.not-registered')).toMatchObject({ status: 'warned', message: expect.stringContaining(stray.clientId) as unknown as string });
  });
});
