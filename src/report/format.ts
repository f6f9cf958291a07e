import type { CheckResult, Evidence, HarnessErrorInfo, RunResult, ScenarioResult } from '../core/result.js';
import { formatRef, specUrl } from '../spec/specs.js';
import { scrubText, scrubValue, stripControl } from './scrub.js';

// Text building blocks shared by the console summary, the CTRF trace and the JUnit bodies, so the three
// reports describe a finding in the same words.

/** The colour functions the text helpers need; chalk instances fit, `plain` leaves text alone. */
export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  gray(s: string): string;
  bold(s: string): string;
}

const id = (s: string): string => s;
export const plain: Paint = { red: id, green: id, yellow: id, cyan: id, gray: id, bold: id };

export const MAX_VALUE_CHARS = 400;
export const MAX_LINE_CHARS = 300;

export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // never split a surrogate pair
  return `${s.slice(0, end)}…`;
}

/** Collapses whitespace so a message fits an attribute, an annotation or a CTRF `message`. */
export function oneLine(s: string, max = MAX_LINE_CHARS): string {
  return truncate(stripControl(scrubText(s)).replace(/\s+/g, ' ').trim(), max);
}

/** Compact JSON for expected/actual values; strings keep their quotes so "" and absence differ. */
export function compactJson(value: unknown, max = MAX_VALUE_CHARS): string {
  const safe = scrubValue(value);
  const text = safe === undefined ? 'undefined' : JSON.stringify(safe);
  return truncate(text, max);
}

export function prettyJson(value: unknown): string {
  const safe = scrubValue(value);
  return safe === undefined ? 'undefined' : JSON.stringify(safe, null, 2);
}

export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(1);
}

/** In a strict run warnings fail the run, so the reports show such scenarios as failed too. */
export function effectiveStatus(s: ScenarioResult, run: Pick<RunResult, 'strict'>): ScenarioResult['status'] {
  if (s.status === 'passed' && run.strict && s.checks.some((c) => c.status === 'warned')) return 'failed';
  return s.status;
}

/** Checks worth reporting: everything that did not pass (info only when asked). */
export function findings(s: ScenarioResult, withInfo = false): CheckResult[] {
  return s.checks.filter((c) => c.status === 'failed' || c.status === 'warned' || (withInfo && c.status === 'info'));
}

const CHECK_MARK: Record<CheckResult['status'], string> = { passed: '✓', failed: '✗', warned: '!', info: 'i' };

export function checkLines(c: CheckResult, p: Paint = plain): string[] {
  const colour = c.status === 'failed' ? p.red : c.status === 'warned' ? p.yellow : c.status === 'passed' ? p.green : p.cyan;
  const lines = [`${colour(CHECK_MARK[c.status])} ${p.bold(c.id)} ${oneLine(c.title)} ${p.gray(`[${c.level}]`)}`];
  for (const ref of c.refs) lines.push(`    ${formatRef(ref)} ${p.gray(specUrl(ref))}`);
  if (c.message) lines.push(`    ${oneLine(c.message, 2000)}`);
  if (c.expected !== undefined) lines.push(`    expected: ${p.green(compactJson(c.expected))}`);
  if (c.actual !== undefined) lines.push(`    actual:   ${p.red(compactJson(c.actual))}`);
  if (c.evidence?.length) lines.push(`    ${p.gray(`evidence: ${c.evidence.join(', ')}`)}`);
  return lines;
}

export function errorLines(e: HarnessErrorInfo, p: Paint = plain): string[] {
  const lines = [`${p.red('error')} ${p.bold(e.code)}: ${oneLine(e.message, 2000)}`];
  if (e.hint) lines.push(`    hint: ${oneLine(e.hint, 2000)}`);
  return lines;
}

/** `METHOD URL -> status`, with `=>` for requests we sent and `<=` for those the target sent us. */
export function chainLines(ev: Evidence, p: Paint = plain): string[] {
  return ev.exchanges.map((x) => {
    const arrow = x.direction === 'inbound' ? '<=' : '=>';
    const outcome = x.status !== undefined ? String(x.status) : x.error ? `failed: ${oneLine(x.error, 200)}` : 'no response';
    const time = x.durationMs !== undefined ? p.gray(` (${Math.round(x.durationMs)}ms)`) : '';
    return `${arrow} ${oneLine(x.method, 20).toUpperCase()} ${oneLine(x.url, 2000)} -> ${outcome}${time} ${p.gray(`[${x.id}]`)}`;
  });
}

export function jwtLines(ev: Evidence, p: Paint = plain): string[] {
  const lines: string[] = [];
  for (const j of ev.jwts) {
    lines.push(p.bold(`JWT ${oneLine(j.label, 200)}`));
    for (const [name, value] of [['header', j.header], ['payload', j.payload]] as const) {
      const [first, ...rest] = prettyJson(value).split('\n');
      lines.push(`  ${name}: ${first}`, ...rest.map((l) => `  ${l}`));
    }
  }
  return lines;
}

/** Why a scenario did not pass, as plain multi-line text (findings, then the harness error). */
export function detailLines(s: ScenarioResult, p: Paint = plain): string[] {
  const lines: string[] = [];
  if (s.certification) lines.push(`certification: ${oneLine(s.certification)}`);
  for (const c of findings(s)) lines.push(...checkLines(c, p));
  if (s.error) lines.push(...errorLines(s.error, p));
  if (s.status === 'skipped' && s.skipReason) lines.push(`skipped: ${oneLine(s.skipReason, 2000)}`);
  return lines;
}

/** Redacted evidence as text: the HTTP chain, then the decoded JWTs. */
export function evidenceLines(ev: Evidence, p: Paint = plain): string[] {
  const lines: string[] = [];
  const chain = chainLines(ev, p);
  if (chain.length) lines.push(p.bold('HTTP'), ...chain.map((l) => `  ${l}`));
  return lines.concat(jwtLines(ev, p));
}

/** A single line saying why the scenario is not a pass (for CTRF `message`, JUnit attributes, annotations). */
export function scenarioMessage(s: ScenarioResult): string | undefined {
  if (s.status === 'error' && s.error) return oneLine(`${s.error.code}: ${s.error.message}`);
  if (s.status === 'skipped') return s.skipReason ? oneLine(s.skipReason) : 'skipped';
  const failed = s.checks.filter((c) => c.status === 'failed');
  const list = failed.length ? failed : s.checks.filter((c) => c.status === 'warned');
  const first = list[0];
  if (!first) return undefined;
  const ref = first.refs[0] ? ` (${formatRef(first.refs[0])})` : '';
  const more = list.length > 1 ? ` (+${list.length - 1} more)` : '';
  return oneLine(`${first.id}: ${first.message ?? first.title}${ref}${more}`);
}
