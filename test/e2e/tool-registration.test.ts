import { afterAll, describe, expect, it } from 'vitest';
import { startDemoPair } from '../../src/cli/commands/demo.js';
import { KeyStore } from '../../src/keys/store.js';
import { PlatformEmulator } from '../../src/roles/platform/emulator.js';
import { startReferenceTool } from '../../src/reference/tool/index.js';
import { NOT_CONFIGURED, NO_REGISTRATION } from '../../suites/tool/registration/scenarios.js';
import { findings, runSuite } from '../support/run-suite.js';

const REGISTRATION_IDS = ['tool.registration.registers', 'tool.registration.accepts-registered-launch', 'tool.registration.rejects-issuer-mismatch', 'tool.registration.stops-on-error'];
const closers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c.close()));
});

describe('tool.registration.* against the reference tool', () => {
  it('registers dynamically, then runs the launch suite on the registration it produced', async () => {
    const pair = await startDemoPair();
    closers.push(pair);
    const run = await runSuite(pair.emulator, { only: [...REGISTRATION_IDS, 'tool.launch.accepts-instructor', 'tool.launch.rejects-wrong-audience'], triggers: pair.triggers });
    expect(findings(run)).toEqual([]);
    expect(run.scenarios.map((s) => `${s.id} ${s.status}`)).toEqual([...REGISTRATION_IDS, 'tool.launch.accepts-instructor', 'tool.launch.rejects-wrong-audience'].map((id) => `${id} passed`));
    const produced = pair.emulator.tool;
    expect(produced.clientId).toMatch(/^lti-conform-dr-/);
    expect(produced).toMatchObject({ loginInitiationUrl: pair.tool.loginUrl, jwksUrl: pair.tool.jwksUrl, deepLinkingUrl: pair.tool.deepLinkingUrl, redirectUris: pair.tool.redirectUris });
    // The later launch carried the client_id and deployment_id we assigned.
    const launch = run.scenarios.find((s) => s.id === 'tool.launch.accepts-instructor')!;
    const payload = launch.evidence.jwts[0]?.payload as Record<string, unknown> | undefined;
    expect(payload?.aud).toBe(produced.clientId);
    // The judged request: bearer token, JSON, every member.
    const reg = run.scenarios[0]!;
    expect(reg.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      'registration.configuration.fetched:passed', 'registration.request.sent:passed', 'registration.request.bearer-token:passed', 'registration.request.json:passed',
      'registration.request.schema:passed', 'registration.request.lti-schema:passed', 'registration.request.launch-members:passed', 'registration.request.client-metadata:passed', 'registration.request.scopes-offered:passed',
      'registration.request.messages-offered:passed', 'registration.close.posted:passed',
    ]);
  });

  it('opens the registration URL through triggers.register when one is configured (here a command)', async () => {
    const pair = await startDemoPair();
    closers.push(pair);
    const register = { kind: 'command' as const, command: `"${process.execPath}" -e "fetch(process.env.LTI_CONFORM_REGISTRATION_URL).then(() => process.exit(0))"` };
    const run = await runSuite(pair.emulator, { only: REGISTRATION_IDS, triggers: { register } });
    // Without a browser page the close message and the refusal page cannot be judged: stops-on-error skips.
    expect(run.scenarios.map((s) => `${s.id} ${s.status}`)).toEqual([
      'tool.registration.registers passed', 'tool.registration.accepts-registered-launch passed', 'tool.registration.rejects-issuer-mismatch passed', 'tool.registration.stops-on-error skipped',
    ]);
    expect(run.scenarios[0]!.checks.map((c) => c.id)).not.toContain('registration.close.posted');
  });

  it('skips the registration scenarios without target.registrationUrl; the rest runs as before', async () => {
    const pair = await startDemoPair();
    closers.push(pair);
    pair.emulator.registration.initiationUrl = undefined;
    const run = await runSuite(pair.emulator, { only: [...REGISTRATION_IDS, 'tool.launch.accepts-instructor'] });
    expect(run.scenarios.map((s) => `${s.id} ${s.status} ${s.skipReason ?? ''}`.trim())).toEqual([
      ...REGISTRATION_IDS.map((id) => `${id} skipped ${NOT_CONFIGURED}`), 'tool.launch.accepts-instructor passed',
    ]);
  });

  it('when registration fails and no other registration exists, later scenarios are skipped with the reason', async () => {
    const emulator = await PlatformEmulator.start({ host: '127.0.0.1', port: 0, keys: await KeyStore.inMemory(), tool: { clientId: '', deploymentId: '', redirectUris: [], loginInitiationUrl: 'http://127.0.0.1/', targetLinkUri: 'http://127.0.0.1/' } });
    closers.push(emulator);
    const tool = await startReferenceTool({
      flaws: ['registration-omits-bearer-token'],
      platform: { issuer: 'http://unused.invalid', clientId: 'none', deploymentIds: [], authorizationUrl: 'http://unused.invalid/a', jwksUrl: 'http://unused.invalid/j', tokenUrl: 'http://unused.invalid/t' },
    });
    closers.push(tool);
    emulator.registration.initiationUrl = tool.registrationUrl;
    emulator.registration.awaiting = true;
    const run = await runSuite(emulator, { only: [...REGISTRATION_IDS, 'tool.launch.accepts-instructor'] });
    const byId = new Map(run.scenarios.map((s) => [s.id, s]));
    expect(byId.get('tool.registration.registers')?.status).toBe('failed');
    expect(byId.get('tool.registration.registers')?.checks.find((c) => c.id === 'registration.request.bearer-token')?.status).toBe('failed');
    expect(byId.get('tool.registration.accepts-registered-launch')?.skipReason).toBe(NO_REGISTRATION);
    expect(byId.get('tool.launch.accepts-instructor')).toMatchObject({ status: 'skipped', skipReason: NO_REGISTRATION });
  });
});
