import { Chalk } from 'chalk';
import type { ScenarioResult } from '../core/result.js';
import { checkLines, oneLine, scenarioMessage, type Paint } from './format.js';

export { renderSummary, type SummaryOptions } from './summary.js';

export type ReporterName = 'default' | 'verbose' | 'dot' | 'github' | 'none';

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  stream: ProgressStream;
  reporter: ReporterName;
  color: boolean;
  /** Only scenarios that did not pass get a line (dots and annotations are unaffected). */
  quiet: boolean;
  /** Show the running scenario and overwrite it when done; defaults to a TTY outside CI. */
  live?: boolean;
}

export interface Progress {
  start(id: string, title: string, index: number, total: number): void;
  end(result: ScenarioResult, index: number, total: number): void;
}

export interface ColorInput {
  flag?: boolean;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

/** --color/--no-color, then NO_COLOR, FORCE_COLOR, TERM=dumb, then whether the stream is a TTY. */
export function resolveColor({ flag, env, isTTY }: ColorInput): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

const MARK: Record<ScenarioResult['status'], string> = { passed: '✓', failed: '✗', error: '!', skipped: '-' };
const DOT: Record<ScenarioResult['status'], string> = { passed: '.', failed: 'F', error: 'E', skipped: 's' };
const DOTS_PER_LINE = 80;
const CLEAR_LINE = '\r\u001b[2K';

function markFor(status: ScenarioResult['status'], p: Paint): string {
  const m = MARK[status];
  return status === 'passed' ? p.green(m) : status === 'skipped' ? p.gray(m) : p.red(m);
}

/** GitHub workflow command escaping: data escapes %, CR, LF; properties also : and ,. */
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProp(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotations(r: ScenarioResult): string[] {
  const out: string[] = [];
  if (r.status === 'failed' || r.status === 'error') {
    out.push(`::error title=${ghProp(r.id)}::${ghData(scenarioMessage(r) ?? `${r.id} ${r.status}`)}`);
  }
  for (const c of r.checks.filter((c) => c.status === 'warned')) {
    out.push(`::warning title=${ghProp(r.id)}::${ghData(oneLine(`${c.id}: ${c.message ?? c.title}`))}`);
  }
  return out;
}

/** Live progress on stderr: one line per scenario (or one dot), never the detail; that is the summary's job. */
export function createProgress(opts: ProgressOptions): Progress {
  const { stream, reporter, quiet } = opts;
  const p: Paint = new Chalk({ level: opts.color ? 1 : 0 });
  const live = !quiet && (reporter === 'default' || reporter === 'verbose') && (opts.live ?? (stream.isTTY === true && !process.env.CI));
  let dots = 0;

  const line = (r: ScenarioResult): string => `${markFor(r.status, p)} ${r.id} ${oneLine(r.title)} ${p.gray(`(${Math.round(r.durationMs)}ms)`)}`;

  return {
    start(id, title, index, total) {
      if (!live) return;
      stream.write(`${CLEAR_LINE}${p.gray(`[${index + 1}/${total}]`)} ${id} ${oneLine(title)}`);
    },
    end(r, index, total) {
      if (live) stream.write(CLEAR_LINE);
      switch (reporter) {
        case 'none':
          return;
        case 'dot': {
          const ch = DOT[r.status];
          stream.write(r.status === 'passed' ? p.green(ch) : r.status === 'skipped' ? p.gray(ch) : p.red(ch));
          dots++;
          if (index + 1 >= total || dots % DOTS_PER_LINE === 0) stream.write('\n');
          return;
        }
        case 'github':
          if (!quiet || r.status === 'failed' || r.status === 'error') stream.write(`${line(r)}\n`);
          for (const a of annotations(r)) stream.write(`${a}\n`);
          return;
        case 'verbose':
          if (quiet && r.status !== 'failed' && r.status !== 'error') return;
          stream.write(`${line(r)}\n`);
          for (const c of r.checks) {
            const lines = checkLines(c, p);
            // A passing check needs no references or values: its name is the news.
            for (const l of c.status === 'passed' ? lines.slice(0, 1) : lines) stream.write(`    ${l}\n`);
          }
          if (r.error) stream.write(`    ${p.red(r.error.code)}: ${oneLine(r.error.message)}\n`);
          if (r.skipReason) stream.write(`    ${p.gray(oneLine(r.skipReason))}\n`);
          return;
        default:
          if (quiet && r.status !== 'failed' && r.status !== 'error') return;
          stream.write(`${line(r)}\n`);
      }
    },
  };
}
