import { levelOf } from '../core/check.js';
import { exitCodeFor, summarize, type CheckResult, type RunResult, type ScenarioResult } from '../core/result.js';
import { specUrl } from '../spec/specs.js';
import { chainLines, detailLines, effectiveStatus, findings, oneLine, scenarioMessage } from './format.js';
import { scrubText, scrubValue } from './scrub.js';

// CTRF (https://ctrf.io) schema 0.0, valid under the `ctrf` package's validateStrict. Our own detail
// lives under `extra["lti-conform"]`, the schema's extension point, so generic CTRF tools ignore it.

export const CTRF_NAMESPACE = 'lti-conform';

export type CtrfStatus = 'passed' | 'failed' | 'skipped' | 'pending' | 'other';

export interface CtrfTest {
  name: string;
  status: CtrfStatus;
  duration: number;
  testId?: string;
  rawStatus?: string;
  suite?: string[];
  message?: string;
  trace?: string;
  tags?: string[];
  extra?: Record<string, unknown>;
}

export interface CtrfReport {
  reportFormat: 'CTRF';
  specVersion: '0.0.0';
  timestamp?: string;
  generatedBy?: string;
  results: {
    tool: { name: string; version?: string };
    summary: {
      tests: number;
      passed: number;
      failed: number;
      skipped: number;
      pending: number;
      other: number;
      suites: number;
      start: number;
      stop: number;
      duration: number;
    };
    tests: CtrfTest[];
    environment?: { reportName?: string; appName?: string };
    extra?: Record<string, unknown>;
  };
}

const int = (n: number): number => (Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0);

function checkExtra(c: CheckResult, run: RunResult): Record<string, unknown> {
  return dropUndefined({
    id: c.id,
    title: c.title,
    status: c.status,
    level: c.level,
    message: c.message === undefined ? undefined : scrubText(c.message),
    expected: scrubValue(c.expected),
    actual: scrubValue(c.actual),
    refs: c.refs.map((r) =>
      dropUndefined({ spec: r.spec, section: r.section, keyword: r.keyword, level: levelOf(r.keyword, run.profile), rule: r.rule, url: specUrl(r) }),
    ),
    evidence: c.evidence,
  });
}

function testOf(s: ScenarioResult, run: RunResult): CtrfTest {
  const status = effectiveStatus(s, run);
  const detail = [...detailLines(s), ...chainLines(s.evidence)];
  // A clean pass needs no message or trace; a pass with warnings says which.
  const worth = status !== 'passed' || findings(s).length > 0;
  const message = worth ? scenarioMessage(s) : undefined;
  const ours = dropUndefined({
    scenarioId: s.id,
    title: s.title,
    suite: s.suite,
    role: s.role,
    status: s.status,
    certification: s.certification,
    skipReason: s.skipReason === undefined ? undefined : scrubText(s.skipReason),
    checks: s.checks.map((c) => checkExtra(c, run)),
    evidence: scrubValue(s.evidence),
    error: scrubValue(s.error),
  });
  return dropUndefined<CtrfTest>({
    name: `${s.id} ${oneLine(s.title)}`,
    testId: s.id,
    status: status === 'error' ? 'failed' : status,
    // Keep the distinction CTRF's enum cannot hold: a harness problem, or warnings failing a strict run.
    rawStatus: status === 'error' ? 'error' : status !== s.status ? 'warned' : undefined,
    duration: int(s.durationMs),
    suite: [s.suite],
    message,
    trace: worth && detail.length ? detail.join('\n') : undefined,
    tags: s.certification ? ['certification'] : undefined,
    extra: { [CTRF_NAMESPACE]: ours },
  });
}

/** The run as a CTRF document (plain data: serialise with JSON.stringify). */
export function toCtrf(run: RunResult): CtrfReport {
  const sum = summarize(run);
  const tests = run.scenarios.map((s) => testOf(s, run));
  const start = int(Date.parse(run.startedAt));
  const stop = start + int(run.durationMs);
  return {
    reportFormat: 'CTRF',
    specVersion: '0.0.0',
    ...(Number.isFinite(Date.parse(run.startedAt)) ? { timestamp: new Date(stop).toISOString() } : {}),
    generatedBy: `${run.tool.name} ${run.tool.version}`,
    results: {
      tool: { name: run.tool.name || CTRF_NAMESPACE, version: run.tool.version },
      summary: {
        tests: tests.length,
        passed: tests.filter((t) => t.status === 'passed').length,
        failed: tests.filter((t) => t.status === 'failed').length,
        skipped: tests.filter((t) => t.status === 'skipped').length,
        pending: 0,
        other: 0,
        suites: new Set(run.scenarios.map((s) => s.suite)).size,
        start,
        stop,
        duration: int(run.durationMs),
      },
      tests,
      environment: { reportName: `lti-conform ${run.command}`, appName: scrubText(run.target) },
      extra: {
        [CTRF_NAMESPACE]: {
          command: run.command,
          role: run.role,
          profile: run.profile,
          target: scrubText(run.target),
          strict: run.strict,
          interrupted: run.interrupted,
          startedAt: run.startedAt,
          errored: sum.errored,
          warnings: sum.warnings,
          exitCode: exitCodeFor(run),
        },
      },
    },
  };
}

/** Pretty JSON with a trailing newline, ready for writeReport. */
export function ctrfJson(run: RunResult): string {
  return `${JSON.stringify(toCtrf(run), null, 2)}\n`;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
