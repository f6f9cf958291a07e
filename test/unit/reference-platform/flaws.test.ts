// Every flaw flips exactly the cases listed for it, and nothing else; the correct platform passes all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE } from '../../../src/lti/vocab.js';
import { PLATFORM_FLAWS, startReferencePlatform, type PlatformFlaw } from '../../../src/reference/platform/index.js';
import { accessToken } from './client.js';
import { LAUNCH_CASES, type FlawCase } from './flaw-cases-launch.js';
import { SERVICE_CASES } from './flaw-cases-services.js';
import { REGISTRATION_CASES } from './flaw-cases-registration.js';
import { LTI11, REVIEW_CASES } from './flaw-cases-review.js';
import { FakeTool } from './fake-tool.js';

const CASES: FlawCase[] = [...LAUNCH_CASES, ...SERVICE_CASES, ...REVIEW_CASES, ...REGISTRATION_CASES];

let tool: FakeTool;
beforeAll(async () => {
  tool = await FakeTool.start();
});
afterAll(() => tool.close());

async function outcomes(flaws: PlatformFlaw[]): Promise<Record<string, boolean>> {
  const platform = await startReferencePlatform({ tool: tool.registration, flaws, lti11: LTI11 });
  let token: Promise<string> | undefined;
  const env = { platform, tool, token: () => (token ??= accessToken({ platform, tool }, Object.values(SCOPE))) };
  try {
    const out: Record<string, boolean> = {};
    for (const c of CASES) out[c.name] = await c.run(env).catch(() => false);
    return out;
  } finally {
    await platform.close();
  }
}

describe('reference platform flaws', () => {
  it('names every case once and catches every flaw with at least one case', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    const caught = new Set(CASES.flatMap((c) => c.flippedBy));
    expect(PLATFORM_FLAWS.filter((f) => !caught.has(f))).toEqual([]);
  });

  it('the correct platform behaves correctly in every case', async () => {
    const out = await outcomes([]);
    expect(Object.entries(out).filter(([, ok]) => !ok).map(([n]) => n)).toEqual([]);
  });

  it.each(PLATFORM_FLAWS.map((f) => [f]))('%s flips exactly its cases', async (flaw) => {
    const out = await outcomes([flaw]);
    const flipped = Object.entries(out).filter(([, ok]) => !ok).map(([n]) => n);
    expect(flipped).toEqual(CASES.filter((c) => c.flippedBy.includes(flaw)).map((c) => c.name));
  });

  it('refuses an unknown flaw name', async () => {
    await expect(startReferencePlatform({ tool: tool.registration, flaws: ['nope' as PlatformFlaw] })).rejects.toThrow(/unknown/);
  });
});
