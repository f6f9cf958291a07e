import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/keys/store.js';
import { PlatformEmulator, PATHS } from '../../src/roles/platform/emulator.js';
import type { RunResult } from '../../src/core/result.js';
import { findings, runSuite } from '../support/run-suite.js';
import { ltijsTriggers, startLtijsTool, type RunningLtijsTool } from './ltijs/ltijs-tool.js';

const CLIENT_ID = 'lti-conform-ltijs-client';
const DEPLOYMENT_ID = 'lti-conform-ltijs-deployment';

/**
 * Our platform role against a tool built on ltijs, a certified library nobody here wrote. Each
 * finding below was checked against ltijs's source and the spec; they are ltijs's, not ours.
 */
const KNOWN_LTIJS_FINDINGS = [
  // OIDC Core 3.2.2.11: the nonce must equal the one sent. ltijs only checks that a nonce was not used
  // before, so an invented nonce passes (its validation of the nonce is a replay store, not a comparison).
  'tool.launch.rejects-mismatched-nonce failed launch.outcome.refused:failed',
  // Without exp the token never expires; ltijs only checks exp when present (jsonwebtoken's default).
  'tool.launch.rejects-missing-exp failed launch.outcome.refused:failed',
  // iat is required in an ID Token; ltijs skips its age check when iat is absent (SHOULD level here).
  'tool.launch.rejects-missing-iat passed launch.outcome.refused:warned',
  // ltijs never checks deployment_id against a list of known deployments (LTI-CORE-016 is a SHOULD).
  'tool.launch.rejects-unknown-deployment-id passed launch.outcome.refused:warned',
  // Security Framework 5.1.3 (3): an id_token with audiences the tool does not trust MUST be refused;
  // ltijs accepts any aud array that contains its client id.
  'tool.launch.rejects-untrusted-audience failed launch.outcome.refused:failed',
  // ltijs compares azp with its client id only when aud is an array; with a string aud a foreign azp
  // passes (LTI-CORE-005 is a SHOULD, so a warning).
  'tool.launch.rejects-wrong-azp passed launch.outcome.refused:warned',
];

describe('interop: the launch suite against an ltijs tool', () => {
  let emulator: PlatformEmulator;
  let tool: RunningLtijsTool;
  let run: RunResult;

  beforeAll(async () => {
    emulator = await PlatformEmulator.start({
      host: '127.0.0.1', port: 0, keys: await KeyStore.inMemory(),
      tool: { clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, redirectUris: [], loginInitiationUrl: 'http://127.0.0.1/', targetLinkUri: 'http://127.0.0.1/' },
    });
    tool = await startLtijsTool({
      platform: { issuer: emulator.issuer, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, authorizationUrl: emulator.url(PATHS.authorization), tokenUrl: emulator.url(PATHS.token), jwksUrl: emulator.url(PATHS.jwks) },
    });
    emulator.tool = { ...emulator.tool, redirectUris: tool.redirectUris, loginInitiationUrl: tool.loginUrl, targetLinkUri: tool.targetLinkUri, jwksUrl: tool.jwksUrl, deepLinkingUrl: tool.deepLinkingUrl };
    const t0 = performance.now();
    run = await runSuite(emulator, { triggers: ltijsTriggers(tool) });
    console.error('suite ms', performance.now() - t0);
    console.error(JSON.stringify(findings(run), null, 1));
    console.error(JSON.stringify(run.scenarios.filter((s) => /deep-linking|ags|nrps/.test(s.id)).map((s) => [s.id, s.status, s.checks.map((c) => `${c.id}:${c.status}:${c.message ?? ''}`)]), null, 1));
    console.error(JSON.stringify(emulator.services.calls.map((c) => [c.method, c.url, c.status, c.operation]), null, 1));
    console.error(JSON.stringify(run.scenarios.filter((s) => s.status === 'skipped' || s.status==='error').map((s) => [s.id, s.status, s.error, (s as unknown as {skipReason?: string}).skipReason]), null, 1));
  }, 120_000);

  afterAll(async () => {
    await tool?.close();
    await emulator?.close();
  });

  it('completes real launches: every valid launch variant is accepted', () => {
    const accepts = run.scenarios.filter((s) => s.id.includes('.accepts-'));
    expect(accepts.length).toBeGreaterThan(20);
    expect(accepts.filter((s) => s.status !== 'passed').map((s) => s.id)).toEqual([]);
  });

  it('finds exactly the known ltijs defects and nothing else', () => {
    expect(findings(run)).toEqual(KNOWN_LTIJS_FINDINGS);
  });
});
