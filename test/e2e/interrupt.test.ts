import { existsSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/build.js';
import { spawnCli, stackLines } from './support/cli.js';
import { readCtrf, readJunit } from './support/reports.js';
import { startTarget, workspace, type HostileTarget, type Workspace } from './support/targets.js';

// Ctrl-C during `test tool`: the run stops, the reports are still written, and the exit code is 130.

let ws: Workspace;
let target: HostileTarget;

beforeAll(async () => {
  await ensureBuilt();
}, 240_000);

beforeEach(async () => {
  ws = await workspace();
  target = await startTarget(() => undefined); // accepts every request and never answers
});

afterEach(async () => {
  await target.close();
  await ws.remove();
});

const waitFor = (p: Promise<void>, ms: number): Promise<void> => Promise.race([p, new Promise<void>((r) => setTimeout(r, ms))]);

async function startHangingRun() {
  const config = await ws.toolConfig(target.url);
  const json = ws.path('reports', 'interrupted.json');
  const junit = ws.path('reports', 'interrupted.xml');
  const run = spawnCli(['test', 'tool', '--config', config, '--timeout', '30000', '--report-json', json, '--report-junit', junit], { cwd: ws.dir, killAfterMs: 45_000 });
  // Progress has begun once the first scenario's login request reaches the target (fallback: 5 s).
  await waitFor(target.firstHit, 5_000);
  return { ...run, json, junit };
}

describe('Ctrl-C during test tool', () => {
  it('exits 130 within a few seconds and still writes a CTRF report marked interrupted', async () => {
    const run = await startHangingRun();
    expect(target.hits).toBeGreaterThan(0);
    const sentAt = Date.now();
    run.child.kill('SIGINT');
    const res = await run.done;
    const afterSignalMs = Date.now() - sentAt;

    expect(res.signal, res.stderr).toBeNull();
    expect(res.code, `${res.stdout}\n${res.stderr}`).toBe(130);
    expect(afterSignalMs).toBeLessThan(5_000);
    expect(res.stderr).toMatch(/interrupted/i);
    expect(stackLines(res.stdout + res.stderr)).toEqual([]);

    expect(existsSync(run.json)).toBe(true);
    const ctrf = await readCtrf(run.json);
    expect(ctrf.results.extra?.['lti-conform']?.interrupted).toBe(true);
    expect(ctrf.results.extra?.['lti-conform']?.exitCode).toBe(130);
  }, 60_000);

  it('still writes a well-formed JUnit report when interrupted', async () => {
    const run = await startHangingRun();
    run.child.kill('SIGINT');
    const res = await run.done;
    expect(res.code).toBe(130);
    expect(existsSync(run.junit)).toBe(true);
    const junit = await readJunit(run.junit);
    const ctrf = await readCtrf(run.json);
    expect(junit.testcases).toBe(ctrf.results.tests.length);
  }, 60_000);

  it('SIGTERM (a CI job being cancelled) also stops the run and writes the report', async () => {
    const run = await startHangingRun();
    run.child.kill('SIGTERM');
    const res = await run.done;
    expect(res.signal, res.stderr).toBeNull();
    expect([130, 143]).toContain(res.code);
    expect((await readCtrf(run.json)).results.extra?.['lti-conform']?.interrupted).toBe(true);
  }, 60_000);
});
