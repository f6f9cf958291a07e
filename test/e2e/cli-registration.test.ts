import { writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReferenceTool, type RunningReferenceTool } from '../../src/reference/tool/index.js';
import { ensureBuilt } from './support/build.js';
import { runCli, stackLines, type CliResult } from './support/cli.js';
import { readCtrf } from './support/reports.js';
import { workspace, type Workspace } from './support/targets.js';

// `test tool` with a target.registrationUrl config: the tool registers by Dynamic Registration and the
// scenarios after it launch on the registration it produced.

let ws: Workspace;
let tool: RunningReferenceTool;

beforeAll(async () => {
  await ensureBuilt();
  // The static registration it starts with names nobody: launches only work once it has registered.
  tool = await startReferenceTool({ platform: { issuer: 'http://unused.invalid', clientId: 'none', deploymentIds: [], authorizationUrl: 'http://unused.invalid/a', jwksUrl: 'http://unused.invalid/j', tokenUrl: 'http://unused.invalid/t' } });
}, 240_000);

afterAll(() => tool?.close());

beforeEach(async () => {
  ws = await workspace();
});

afterEach(async () => {
  await ws.remove();
});

const both = (r: CliResult): string => `${r.stdout}\n${r.stderr}`;

describe('test tool with target.registrationUrl', () => {
  it('registers the tool, then launches on the registration it produced (exit 0)', async () => {
    await writeFile(ws.path('lti-conform.config.yaml'), ['target:', '  kind: tool', `  registrationUrl: ${tool.registrationUrl}`, 'emulator:', '  port: 0', `  keyFile: ${ws.path('keys.json')}`, ''].join('\n'));
    const ids = ['tool.registration.registers', 'tool.registration.accepts-registered-launch', 'tool.registration.rejects-issuer-mismatch', 'tool.registration.stops-on-error', 'tool.launch.accepts-instructor', 'tool.launch.rejects-wrong-audience'];
    const r = await runCli(['test', 'tool', ...ids.flatMap((id) => ['--only', id]), '--report-json', ws.path('run.json')], { cwd: ws.dir });
    expect(r.code, both(r)).toBe(0);
    expect(stackLines(both(r))).toEqual([]);
    const ctrf = await readCtrf(ws.path('run.json'));
    expect(ctrf.results.tests.map((t) => `${t.name.split(' ')[0]} ${t.status}`)).toEqual(ids.map((id) => `${id} passed`));
  }, 120_000);

  it('skips everything after a registration that did not complete, with the reason', async () => {
    await writeFile(ws.path('lti-conform.config.yaml'), ['target:', '  kind: tool', `  registrationUrl: ${tool.baseUrl}/no-such-route`, 'emulator:', '  port: 0', `  keyFile: ${ws.path('keys.json')}`, ''].join('\n'));
    const r = await runCli(['test', 'tool', '--only', 'tool.registration.registers', '--only', 'tool.launch.accepts-instructor', '--report-json', ws.path('run.json')], { cwd: ws.dir });
    expect(r.code, both(r)).toBe(1);
    const ctrf = await readCtrf(ws.path('run.json'));
    const launch = ctrf.results.tests.find((t) => t.name.startsWith('tool.launch.accepts-instructor'));
    expect(launch?.status).toBe('skipped');
    expect(launch?.message ?? JSON.stringify(launch)).toMatch(/no registration: tool.registration.registers did not complete/);
  }, 120_000);
});
