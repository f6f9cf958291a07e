import type { RunResult, ScenarioResult } from '../core/result.js';
import { detailLines, effectiveStatus, evidenceLines, findings, scenarioMessage } from './format.js';
import { el, renderXml, type XmlElement } from './xml.js';

export interface JunitOptions {
  /** Where the run happened; omitted by default so the report is a pure function of the results. */
  hostname?: string;
}

/** Suite ids become Java-like class names: dots between digits (versions) would read as packages. */
export function classnameFor(suite: string): string {
  return suite.replace(/(?<=\d)\.(?=\d)/g, '');
}

function time(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** Ant's timestamp form (ISO 8601 without zone, UTC); empty when the start time is unknown. */
function timestamp(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 19) : undefined;
}

function testcase(s: ScenarioResult, run: RunResult, name: string): XmlElement {
  const status = effectiveStatus(s, run);
  const children: XmlElement[] = [];
  const detail = detailLines(s).join('\n');
  const message = scenarioMessage(s) ?? status;
  if (status === 'error') {
    children.push(el('error', { message, type: s.error?.code ?? 'ERR_INTERNAL' }, [detail]));
  } else if (status === 'failed') {
    const first = findings(s).find((c) => c.status === 'failed') ?? findings(s)[0];
    children.push(el('failure', { message, type: first?.id ?? 'failure' }, [detail]));
  } else if (status === 'skipped') {
    children.push(el('skipped', { message }));
  }
  const out = evidenceLines(s.evidence);
  // A passing scenario's warnings still belong in the record.
  if (status === 'passed' && findings(s, true).length) out.unshift(...detailLines(s), '');
  if (out.length) children.push(el('system-out', undefined, [out.join('\n')]));
  return el('testcase', { name, classname: classnameFor(s.suite), time: time(s.durationMs) }, children);
}

function properties(run: RunResult): XmlElement {
  const props: [string, string][] = [
    ['lti-conform.command', run.command],
    ['lti-conform.role', run.role],
    ['lti-conform.profile', run.profile],
    ['lti-conform.target', run.target],
    ['lti-conform.strict', String(run.strict)],
    ['lti-conform.interrupted', String(run.interrupted)],
    ['lti-conform.version', run.tool.version],
  ];
  return el('properties', undefined, props.map(([name, value]) => el('property', { name, value })));
}

/** JUnit XML (Jenkins junit-10.xsd): one testsuite per suite, one testcase per scenario. */
export function toJunit(run: RunResult, opts: JunitOptions = {}): string {
  const suites = new Map<string, ScenarioResult[]>();
  for (const s of run.scenarios) suites.set(s.suite, [...(suites.get(s.suite) ?? []), s]);

  const names = new Set<string>();
  const uniqueName = (s: ScenarioResult): string => {
    const base = `${s.id} ${s.title}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base} (${n})`;
    names.add(name);
    return name;
  };

  // Scenarios run one after another, so a suite starts when the ones before it have finished.
  const runStart = Date.parse(run.startedAt);
  const startOf = new Map<string, number>();
  let elapsed = 0;
  for (const s of run.scenarios) {
    if (!startOf.has(s.suite)) startOf.set(s.suite, runStart + elapsed);
    elapsed += Math.max(0, s.durationMs);
  }

  let failures = 0;
  let errors = 0;
  const suiteEls = [...suites].map(([suite, list]) => {
    const st = list.map((s) => effectiveStatus(s, run));
    const f = st.filter((x) => x === 'failed').length;
    const e = st.filter((x) => x === 'error').length;
    failures += f;
    errors += e;
    return el(
      'testsuite',
      {
        name: suite,
        tests: list.length,
        failures: f,
        errors: e,
        skipped: st.filter((x) => x === 'skipped').length,
        time: time(list.reduce((a, s) => a + Math.max(0, s.durationMs), 0)),
        timestamp: timestamp(startOf.get(suite) ?? Number.NaN),
        hostname: opts.hostname,
      },
      [
        properties(run),
        ...list.map((s) => testcase(s, run, uniqueName(s))),
        ...(run.interrupted ? [el('system-err', undefined, ['Interrupted: the run stopped early; these results are partial.'])] : []),
      ],
    );
  });

  const root = el(
    'testsuites',
    { name: `lti-conform ${run.command}`, tests: run.scenarios.length, failures, errors, time: time(run.durationMs) },
    suiteEls,
  );
  return renderXml(root);
}
