import { afterAll, describe, expect, it } from 'vitest';
import { startPlatformDemoPair } from '../../src/cli/commands/demo-platform.js';
import type { PlatformFlaw } from '../../src/reference/platform/index.js';
import { deepLinkingScenarios } from '../../suites/platform/deep-linking.js';
import { runPlatform } from '../support/run-platform-suite.js';
import { caughtIds, findings } from '../support/run-suite.js';

// Self-play of platform.deep-linking.* against the reference platform: clean, then with each dl-* flaw on.
const ONLY = deepLinkingScenarios.map((s) => s.id);
const id = (s: string): string => `platform.deep-linking.${s}`;

/**
 * dl-accepts-bad-signature makes the reference platform trust the payload without looking up a key, so a
 * response under an unknown kid gets through as well: both NT-P-38 scenarios catch it.
 */
const EXPECTED: Record<string, string[]> = {
  'dl-accepts-bad-signature': [id('rejects-bad-signature'), id('rejects-unknown-kid')],
  'dl-accepts-wrong-aud': [id('rejects-wrong-aud')],
  'dl-accepts-replayed-nonce': [id('rejects-replayed-nonce')],
  'dl-accepts-changed-data': [id('rejects-changed-data')],
  'dl-accepts-wrong-message-type': [id('rejects-wrong-message-type')],
  'dl-accepts-wrong-iss': [id('rejects-wrong-iss')],
  'dl-accepts-expired': [id('rejects-expired')],
  'dl-accepts-unknown-kid': [id('rejects-unknown-kid')],
  'dl-accepts-wrong-deployment-id': [id('rejects-wrong-deployment-id')],
};

const pairs: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(pairs.map((p) => p.close()));
});

async function run(flaws: PlatformFlaw[]) {
  const pair = await startPlatformDemoPair(flaws);
  pairs.push(pair);
  return runPlatform(pair.toolEmulator, pair.triggers, { only: ONLY });
}

describe('platform.deep-linking against the reference platform', () => {
  it('passes every scenario when the platform has no flaw', async () => {
    const r = await run([]);
    expect(findings(r)).toEqual([]);
    expect(r.scenarios.map((s) => [s.id, s.status])).toEqual(ONLY.map((s) => [s, 'passed']));
  });

  it('proves every refusal scenario against at least one flaw', () => {
    const covered = new Set(Object.values(EXPECTED).flat());
    expect(ONLY.filter((s) => !covered.has(s))).toEqual([id('accepts-valid-response')]);
  });

  it.each(Object.entries(EXPECTED))('%s is caught by exactly the matching scenario', async (flaw, expected) => {
    const r = await run([flaw as PlatformFlaw]);
    expect(caughtIds(r)).toEqual([...expected].sort());
    // A refusal the platform skipped is a finding, not a tester error.
    for (const s of r.scenarios.filter((x) => expected.includes(x.id))) {
      expect(s.error).toBeUndefined();
      expect(s.checks.find((c) => c.id === 'platform.deep-link-answer.refused')?.status).toBe(['dl-accepts-replayed-nonce', 'dl-accepts-wrong-deployment-id', 'dl-accepts-wrong-message-type'].includes(flaw) ? 'warned' : 'failed');
    }
  });
});
