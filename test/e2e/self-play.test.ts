import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPair } from '../../src/cli/commands/demo.js';
import type { RunResult } from '../../src/core/result.js';
import { toolScenarios } from '../../suites/tool/index.js';
import { findings, runSuite } from '../support/run-suite.js';

describe('self-play: the whole tool suite against the reference tool', () => {
  let pair: Awaited<ReturnType<typeof startDemoPair>>;
  beforeAll(async () => {
    pair = await startDemoPair();
  });
  afterAll(() => pair.close());

  it('passes every scenario in the certification profile, with no warnings', async () => {
    const run: RunResult = await runSuite(pair.emulator, { triggers: pair.triggers });
    expect(findings(run)).toEqual([]);
    expect(run.scenarios.map((s) => s.status).every((s) => s === 'passed')).toBe(true);
    expect(run.scenarios).toHaveLength(toolScenarios.length);
  });

  it('skips only the certification-only scenario in the spec profile', async () => {
    const run = await runSuite(pair.emulator, { profile: 'spec', triggers: pair.triggers });
    expect(run.scenarios.filter((s) => s.status === 'skipped').map((s) => s.id)).toEqual(['tool.launch.rejects-missing-sub']);
    expect(findings(run)).toEqual([]);
  });

  it('records the decoded id_token and the HTTP chain as evidence', async () => {
    const run = await runSuite(pair.emulator, { only: ['tool.launch.rejects-expired'] });
    const ev = run.scenarios[0]!.evidence;
    expect(ev.jwts[0]?.label).toMatch(/id_token/);
    expect(ev.exchanges.map((x) => `${x.direction} ${x.method}`)).toContain('inbound GET');
    expect(ev.exchanges.some((x) => x.direction === 'outbound' && x.method === 'POST' && (x.status ?? 0) >= 400)).toBe(true);
  });
});
