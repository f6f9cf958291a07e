import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformDemoPair } from '../../src/cli/commands/demo-platform.js';
import { platformScenarios } from '../../suites/platform/index.js';
import { runPlatform } from '../support/run-platform-suite.js';
import { findings } from '../support/run-suite.js';

describe('self-play: the whole platform suite against the reference platform', () => {
  let pair: Awaited<ReturnType<typeof startPlatformDemoPair>>;
  beforeAll(async () => {
    pair = await startPlatformDemoPair();
  });
  afterAll(() => pair.close());

  it('passes every scenario, with no warnings, and leaves no line item behind', async () => {
    // The tool registers itself (Dynamic Registration) during the run: a new client starts with no line item.
    const run = await runPlatform(pair.toolEmulator, pair.triggers);
    expect(findings(run)).toEqual([]);
    expect(run.scenarios.map((s) => s.status).every((s) => s === 'passed')).toBe(true);
    expect(run.scenarios).toHaveLength(platformScenarios.length);
    expect(await countLineItems()).toBe(0);
    expect(pair.platform.registration.clients().filter((c) => !c.active)).toEqual([]);
  });

  it('learns the AGS and NRPS URLs from a launch when target.services is not configured', async () => {
    const configured = pair.toolEmulator.platform;
    const { services: _s, ...withoutServices } = configured;
    const registration = pair.toolEmulator.registration;
    pair.toolEmulator.platform = withoutServices;
    // The run registers again; target.registration then names no services either.
    if (registration) pair.toolEmulator.registration = { kind: 'platform', registration: registration.registration };
    try {
      const run = await runPlatform(pair.toolEmulator, pair.triggers);
      const services = run.scenarios.filter((s) => s.suite === 'platform.ags' || s.suite === 'platform.nrps');
      expect(findings(run)).toEqual([]);
      expect(services.filter((s) => s.status === 'skipped').map((s) => `${s.id}: ${s.skipReason}`)).toEqual([
        'platform.ags.isolates-contexts: target.services.otherLineItemsUrl (a second course) is not configured',
      ]);
      expect(services.filter((s) => s.status === 'passed').length).toBe(services.length - 1);
    } finally {
      pair.toolEmulator.platform = configured;
      if (registration) pair.toolEmulator.registration = registration;
    }
  });

  async function countLineItems(): Promise<number> {
    const { TokenCache } = await import('../../src/actions/tool/token.js');
    const { getAllPages } = await import('../../src/actions/tool/services.js');
    const { EvidenceRecorder } = await import('../../src/core/evidence.js');
    const { SCOPE } = await import('../../src/lti/vocab.js');
    const evidence = new EvidenceRecorder();
    const ctx = { target: pair.toolEmulator.platform, keys: pair.toolEmulator.keys, evidence, timeoutMs: 5000, signal: new AbortController().signal, now: () => Math.floor(Date.now() / 1000) };
    const token = await new TokenCache(ctx).token([SCOPE.lineItemReadOnly]);
    const read = await getAllPages(ctx, pair.toolEmulator.platform.services!.lineItemsUrl!, { token });
    // Only the suite's own items count: the platform keeps the assignment a submission review launch reviewed.
    const ours = (item: unknown): boolean => String((item as { label?: unknown }).label ?? '').startsWith('lti-conform');
    return read.pages.reduce((n, page) => n + (Array.isArray(page.json) ? page.json.filter(ours).length : 0), 0);
  }
});
