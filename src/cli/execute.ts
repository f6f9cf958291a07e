import { exitCodeFor, type RunResult } from '../core/result.js';
import { createProgress, ctrfJson, renderSummary, resolveColor, toJunit, writeReport } from '../report/index.js';
import type { RunFlags } from './options.js';
import type { RunHooks } from './suite-run.js';
import { runToolSuite, type ToolSuiteRun } from './tool-suite.js';

/** A suite run as the CLI starts it: signal, progress and strictness come from here. */
export type Execution = Omit<ToolSuiteRun, keyof RunHooks | 'now'> & { flags: RunFlags };

/** Runs any suite (either role) with the CLI's progress, interrupt handling and reports. */
export function execute(x: Execution): Promise<number> {
  const { flags, ...suite } = x;
  return executeRun(flags, (hooks) => runToolSuite({ ...suite, ...hooks }));
}

/** Writes every requested report; a report that cannot be written makes the run exit 3. */
export async function writeReports(run: RunResult, flags: RunFlags): Promise<boolean> {
  let ok = true;
  const jobs: [string | undefined, () => string][] = [[flags.reportJson, () => ctrfJson(run)], [flags.reportJunit, () => toJunit(run)]];
  for (const [path, render] of jobs) {
    if (!path) continue;
    try {
      await writeReport(path, render());
    } catch (e) {
      process.stderr.write(`lti-conform: cannot write report ${path}: ${(e as Error).message}\n`);
      ok = false;
    }
  }
  return ok;
}

/** Runs a suite with progress on stderr; Ctrl-C stops it and still writes the reports (exit 130). */
export async function executeRun(flags: RunFlags, start: (hooks: RunHooks) => Promise<RunResult>): Promise<number> {
  const color = resolveColor({ ...(flags.color !== undefined ? { flag: flags.color } : {}), env: process.env, isTTY: Boolean(process.stderr.isTTY) });
  const reporter = flags.verbose && flags.reporter === 'default' ? 'verbose' : flags.reporter;
  const progress = createProgress({ stream: process.stderr, reporter, color, quiet: Boolean(flags.quiet) });
  const abort = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nInterrupted: finishing reports (Ctrl-C again to quit at once)\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const run = await start({
      strict: Boolean(flags.strict), signal: abort.signal,
      onStart: (s, i, n) => progress.start(s.id, s.title, i, n),
      onEnd: (r, i, n) => progress.end(r, i, n),
    });
    const toStdout = flags.reportJson === '-' ? process.stderr : process.stdout;
    if (reporter !== 'none') toStdout.write(`${renderSummary(run, { color, verbose: reporter === 'verbose' })}\n`);
    if (!(await writeReports(run, flags))) return 3;
    return exitCodeFor(run);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
