import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useCliWorkspace } from './support/cli-workspace.js';
import { ANSI_ESCAPE, runCli, stackLines, type CliOptions, type CliResult } from './support/cli.js';
import { readCtrf, readJunit } from './support/reports.js';

// `demo` runs the whole tool suite against the embedded reference tool: everything passes (exit 0).

const ws = useCliWorkspace();

const demo = (args: string[], opts: CliOptions = {}): Promise<CliResult> => runCli(['demo', ...args], { cwd: ws().dir, killAfterMs: 90_000, ...opts });
const both = (r: CliResult): string => `${r.stdout}\n${r.stderr}`;
const FEW = ['--only', 'tool.launch.rejects-expired', '--only', 'tool.launch.accepts-student'];

describe('demo', () => {
  it('passes every scenario and exits 0, with CTRF and JUnit reports', async () => {
    const r = await demo(['--report-json', ws().path('demo.json'), '--report-junit', ws().path('demo.xml')]);
    expect(r.code, both(r)).toBe(0);
    expect(stackLines(both(r))).toEqual([]);
    const ctrf = await readCtrf(ws().path('demo.json'));
    const listed = JSON.parse((await runCli(['list', '--json'], { cwd: ws().dir })).stdout) as unknown[];
    expect(ctrf.results.tests).toHaveLength(listed.length);
    expect(ctrf.results.summary.failed).toBe(0);
    expect(ctrf.results.summary.passed).toBe(listed.length);
    expect(ctrf.results.extra?.['lti-conform']?.exitCode).toBe(0);
    const junit = await readJunit(ws().path('demo.xml'));
    expect(junit).toEqual({ testcases: listed.length, errors: 0, failures: 0 });
  }, 120_000);

  it('"demo tool" and "demo platform" run one role; another role is a usage error (exit 2)', async () => {
    expect((await demo(['tool', ...FEW])).code).toBe(0);
    const p = await demo(['platform']);
    expect(p.code, both(p)).toBe(0);
    expect(both(p)).toMatch(/platform\.launch\.resource-link/);
    const r = await demo(['nonsense']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"tool" or "platform"/);
  }, 120_000);

  it('--strict still exits 0: the reference tool raises no warnings', async () => {
    const r = await demo(['--strict', '--report-json', ws().path('strict.json')]);
    expect(r.code, both(r)).toBe(0);
    const ctrf = JSON.parse(await readFile(ws().path('strict.json'), 'utf8')) as { results: { extra: { 'lti-conform': { strict: boolean; warnings: number } } } };
    expect(ctrf.results.extra['lti-conform']).toMatchObject({ strict: true, warnings: 0 });
  }, 120_000);

  it('--report-json - --reporter none writes only the JSON report to stdout', async () => {
    const r = await demo(['--report-json', '-', '--reporter', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { reportFormat: string; results: { tests: unknown[] } };
    expect(doc.reportFormat).toBe('CTRF');
    expect(doc.results.tests.length).toBeGreaterThan(0);
    expect(r.stdout.trimStart().startsWith('{')).toBe(true);
  }, 120_000);

  it('--report-json - keeps stdout pure JSON even with the default reporter (summary goes to stderr)', async () => {
    const r = await demo(['--report-json', '-', ...FEW]);
    expect(r.code, r.stderr).toBe(0);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    expect(r.stderr).toMatch(/2 passed/);
  }, 120_000);

  it('exits 3 and says so when a report cannot be written', async () => {
    await writeFile(ws().path('a-file'), '');
    const r = await demo([...FEW, '--report-json', ws().path('a-file', 'report.json')]);
    expect(r.code, both(r)).toBe(3);
    expect(r.stderr).toMatch(/report/i);
    expect(stackLines(both(r))).toEqual([]);
  }, 120_000);
});

describe('colour', () => {
  it('NO_COLOR=1 leaves no ANSI escapes in stdout or stderr', async () => {
    const r = await demo([...FEW, '-v'], { env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(both(r)).not.toMatch(ANSI_ESCAPE);
  }, 120_000);

  it('NO_COLOR=1 wins over FORCE_COLOR=1, and --no-color over FORCE_COLOR', async () => {
    const forced = await demo(FEW, { env: { FORCE_COLOR: '1' } });
    expect(both(forced)).toMatch(ANSI_ESCAPE); // the check below can see colour when there is some
    expect(both(await demo(FEW, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }))).not.toMatch(ANSI_ESCAPE);
    expect(both(await demo([...FEW, '--no-color'], { env: { FORCE_COLOR: '1' } }))).not.toMatch(ANSI_ESCAPE);
  }, 120_000);

  it('TERM=dumb and a non-TTY give no colour by default', async () => {
    expect(both(await demo(FEW, { env: { TERM: 'dumb' } }))).not.toMatch(ANSI_ESCAPE);
    expect(both(await demo(FEW))).not.toMatch(ANSI_ESCAPE);
  }, 120_000);
});
