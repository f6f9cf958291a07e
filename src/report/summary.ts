import { Chalk } from 'chalk';
import { summarize, type RunResult, type ScenarioResult } from '../core/result.js';
import { detailLines, effectiveStatus, evidenceLines, findings, oneLine, seconds, type Paint } from './format.js';

export interface SummaryOptions {
  color: boolean;
  verbose: boolean;
}

const indent = (lines: string[], pad = '  '): string[] => lines.map((l) => (l ? pad + l : l));

function header(s: ScenarioResult, status: ScenarioResult['status'], p: Paint): string {
  const mark = status === 'error' ? p.red('!') : status === 'failed' ? p.red('✗') : status === 'skipped' ? p.gray('-') : p.green('✓');
  return `${mark} ${p.bold(s.id)} ${oneLine(s.title)}`;
}

function scenarioBlock(s: ScenarioResult, status: ScenarioResult['status'], p: Paint): string[] {
  return [header(s, status, p), ...indent(detailLines(s, p)), ...indent(evidenceLines(s.evidence, p)), ''];
}

/**
 * The end-of-run text for the terminal: every failed or errored scenario in full (findings with spec
 * references, expected vs actual, decoded JWTs, the HTTP chain, harness errors), then brief warnings,
 * skipped scenarios when verbose, and the one-line summary last.
 */
export function renderSummary(run: RunResult, opts: SummaryOptions): string {
  const p: Paint = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  const bad = run.scenarios.filter((s) => effectiveStatus(s, run) === 'failed' || s.status === 'error');
  if (bad.length) {
    out.push(p.bold(p.red(`Failures (${bad.length})`)), '');
    for (const s of bad) out.push(...scenarioBlock(s, effectiveStatus(s, run), p));
  }

  // Scenarios shown in full above already list their warnings.
  const briefs = run.scenarios
    .filter((s) => !bad.includes(s))
    .flatMap((s) => findings(s, opts.verbose).map((c) => ({ s, c })));
  const warned = briefs.filter((b) => b.c.status === 'warned');
  if (warned.length) {
    out.push(p.bold(p.yellow(`Warnings (${warned.length})`)));
    for (const { s, c } of warned) out.push(`  ${p.yellow('!')} ${s.id}: ${c.id} ${oneLine(c.message ?? c.title)}`);
    out.push('');
  }
  const infos = briefs.filter((b) => b.c.status === 'info');
  if (infos.length) {
    out.push(p.bold(p.cyan(`Notes (${infos.length})`)));
    for (const { s, c } of infos) out.push(`  ${p.cyan('i')} ${s.id}: ${c.id} ${oneLine(c.message ?? c.title)}`);
    out.push('');
  }

  const skipped = run.scenarios.filter((s) => s.status === 'skipped');
  if (opts.verbose && skipped.length) {
    out.push(p.bold(`Skipped (${skipped.length})`));
    for (const s of skipped) out.push(`  ${p.gray('-')} ${s.id}: ${oneLine(s.skipReason ?? 'not applicable')}`);
    out.push('');
  }

  const sum = summarize(run);
  if (run.interrupted) out.push(p.yellow('Interrupted: the run stopped early; these results are partial.'));
  if (run.strict && sum.warnings > 0) out.push(p.yellow(`Strict mode: ${sum.warnings} warning(s) fail this run.`));
  const counts = [
    p.green(`${sum.passed} passed`),
    (sum.failed ? p.red : id)(`${sum.failed} failed`),
    (sum.errored ? p.red : id)(`${sum.errored} errored`),
    `${sum.skipped} skipped`,
    (sum.warnings ? p.yellow : id)(`${sum.warnings} warnings`),
  ].join(', ');
  out.push(`${counts} ${p.gray(`(profile ${run.profile}, ${seconds(run.durationMs)}s)`)}`);
  return out.join('\n');
}

function id(s: string): string {
  return s;
}
