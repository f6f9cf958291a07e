import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTriggers } from '../../src/cli/commands/demo.js';
import { KeyStore } from '../../src/keys/store.js';
import { PlatformEmulator, PATHS } from '../../src/roles/platform/emulator.js';
import type { RunResult } from '../../src/core/result.js';
import { findings, runSuite } from '../support/run-suite.js';
import { toolScenarios } from '../../suites/tool/index.js';
import { ltijsTriggers, startLtijsTool, type RunningLtijsTool } from './ltijs/ltijs-tool.js';

const CLIENT_ID = 'lti-conform-ltijs-client';
const DEPLOYMENT_ID = 'lti-conform-ltijs-deployment';

/** ltijs's client assertion (Utils/Auth.js getAccessToken) is `{ sub, iss, aud, jti }` plus jsonwebtoken's iat/exp. */
const NO_DEPLOYMENT_ID_IN_ASSERTION = 'client-assertion.deployment-id.present:warned';

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
  // LTI-TOK-005 (LTI Core 6.2.1, a SHOULD since Jan 2023): the client assertion should carry the
  // deployment_id claim. ltijs's Auth.getAccessToken signs only sub, iss, aud and jti (jsonwebtoken
  // adds iat and exp), so every scenario in which ltijs requests a token warns once. ltijs caches
  // tokens per scope string, and each of these five asks for a scope set not requested before.
  `tool.ags.creates-line-item passed ${NO_DEPLOYMENT_ID_IN_ASSERTION}`,
  `tool.ags.posts-score passed ${NO_DEPLOYMENT_ID_IN_ASSERTION}`,
  `tool.ags.reads-all-line-items passed ${NO_DEPLOYMENT_ID_IN_ASSERTION}`,
  `tool.ags.reads-results passed ${NO_DEPLOYMENT_ID_IN_ASSERTION}`,
  `tool.nrps.reads-whole-roster passed ${NO_DEPLOYMENT_ID_IN_ASSERTION}`,
  // We end tokens before their expires_in; ltijs renews only on its own schedule and never retries after
  // the 401 (RFC 6750 §3.1 makes the retry a MAY; pinned in ltijs-smoke.test.ts): a warning, not a defect.
  'tool.ags.renews-expired-token passed service-call.expected.received:warned',
  // LTI-DL-007 (SHOULD): without deep_link_return_url ltijs does not refuse; it signs a response and its
  // form posts it to the string "undefined" (createDeepLinkingMessage never reads the return URL).
  'tool.deep-linking.rejects-missing-return-url passed launch.outcome.refused:warned',
];


describe('interop: the tool suite against an ltijs tool', () => {
  let emulator: PlatformEmulator;
  let tool: RunningLtijsTool;
  let run: RunResult;
  let suiteMs = 0;

  beforeAll(async () => {
    emulator = await PlatformEmulator.start({
      host: '127.0.0.1', port: 0, keys: await KeyStore.inMemory(),
      tool: { clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, redirectUris: [], loginInitiationUrl: 'http://127.0.0.1/', targetLinkUri: 'http://127.0.0.1/' },
    });
    tool = await startLtijsTool({
      platform: { issuer: emulator.issuer, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, authorizationUrl: emulator.url(PATHS.authorization), tokenUrl: emulator.url(PATHS.token), jwksUrl: emulator.url(PATHS.jwks) },
    });
    emulator.tool = {
      ...emulator.tool, redirectUris: tool.redirectUris, loginInitiationUrl: tool.loginUrl, targetLinkUri: tool.targetLinkUri,
      jwksUrl: tool.jwksUrl, deepLinkingUrl: tool.deepLinkingUrl,
    };
    const t0 = performance.now();
    // Registered by hand here; Dynamic Registration with ltijs is ltijs-registration.test.ts.
    // Submission review and lti1p1 need a review URL and an LTI 1.1 installation this ltijs tool does not configure.
    const only = toolScenarios.map((s) => s.id).filter((id) => !/^tool\.(registration|submission-review|migration)\./.test(id));
    run = await runSuite(emulator, { only, triggers: ltijsTriggers(tool) });
    suiteMs = performance.now() - t0;
  }, 120_000);

  afterAll(async () => {
    await tool?.close();
    await emulator?.close();
  });

  it('configures the same triggers a user would give the reference tool', () => {
    expect(ltijsTriggers(tool)).toEqual(demoTriggers(tool.triggerUrls));
  });

  it('completes real launches: every valid launch variant is accepted', (ctx) => {
    ctx.annotate(`tool suite took ${Math.round(suiteMs)} ms`);
    const accepts = run.scenarios.filter((s) => s.id.includes('.accepts-'));
    expect(accepts.length).toBeGreaterThan(20);
    expect(accepts.filter((s) => s.status !== 'passed').map((s) => s.id)).toEqual([]);
  });

  it('runs every deep-linking, AGS and NRPS scenario (nothing skipped, no harness error)', () => {
    const services = run.scenarios.filter((s) => /^tool\.(deep-linking|ags|nrps)\./.test(s.id));
    expect(services.map((s) => s.id).sort()).toEqual([
      'tool.ags.creates-line-item', 'tool.ags.posts-score', 'tool.ags.reads-all-line-items', 'tool.ags.reads-results', 'tool.ags.renews-expired-token',
      'tool.deep-linking.echoes-data', 'tool.deep-linking.rejects-missing-return-url', 'tool.deep-linking.rejects-missing-settings',
      'tool.deep-linking.respects-accept-types-and-targets', 'tool.deep-linking.returns-valid-response', 'tool.deep-linking.single-item-when-not-multiple',
      'tool.nrps.reads-whole-roster',
    ]);
    expect(run.scenarios.filter((s) => s.status === 'skipped' || s.status === 'error').map((s) => `${s.id} ${s.status} ${s.skipReason ?? s.error?.message ?? ''}`)).toEqual([]);
    // ltijs's own auto-submitting form reached our return URL, signed with the key at its keyset route.
    const dl = run.scenarios.find((s) => s.id === 'tool.deep-linking.returns-valid-response');
    expect(dl?.checks.find((c) => c.id === 'deep-link-response.signature.valid')?.status).toBe('passed');
    expect(emulator.services.deepLinkReturns.length).toBeGreaterThanOrEqual(4);
  });

  it('finds exactly the known ltijs defects and nothing else', () => {
    expect(findings(run)).toEqual([...KNOWN_LTIJS_FINDINGS].sort());
  });

  it('judges a deep-linking response posted instead of a refusal as not refused', () => {
    const s = run.scenarios.find((r) => r.id === 'tool.deep-linking.rejects-missing-return-url');
    expect(s?.checks.find((c) => c.id === 'launch.outcome.refused')?.message).toBe(`the tool answered with a signed response posted to ${tool.baseUrl}/undefined instead of refusing`);
  });
});
