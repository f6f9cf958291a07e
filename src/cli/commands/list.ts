import { allScenarios } from '../../../suites/index.js';
import { formatRef } from '../../spec/specs.js';
import { filterScenarios } from '../options.js';

/** `lti-conform list`: the scenarios the same filters would run; no network. */
export function list(flags: { grep?: string; only?: string[]; json?: boolean }): number {
  const picked = filterScenarios(allScenarios, flags.grep, flags.only);
  if (flags.json) {
    const rows = picked.map((s) => ({ id: s.id, title: s.title, suite: s.suite, role: s.role, certification: s.certification ?? null, refs: s.refs.map(formatRef) }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(0, ...picked.map((s) => s.id.length));
  for (const s of picked) process.stdout.write(`${s.id.padEnd(width)}  ${s.title}${s.certification ? `  [cert: ${s.certification}]` : ''}\n`);
  process.stdout.write(`${picked.length} scenario(s)\n`);
  return 0;
}
