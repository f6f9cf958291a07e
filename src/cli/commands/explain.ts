import { allScenarios } from '../../../suites/index.js';
import { checksById } from '../../checks/registry.js';
import { HarnessError } from '../../core/errors.js';
import { ruleText } from '../../spec/rules.js';
import { formatRef, specUrl, type SpecRef } from '../../spec/specs.js';

/** Checks whose references depend on the scenario using them. */
const SCENARIO_CHECKS: Record<string, string> = {
  'launch.outcome.accepted': 'the tool accepts a valid launch: the final answer, after redirects and auto-submitted forms, matches launch.acceptWhen (default 2xx)',
  'launch.outcome.refused': 'the tool refuses a launch: the final answer matches launch.rejectWhen (default >=400)',
  'login.answer.redirects-to-authorization': 'the tool answers a login initiation by sending the browser to our authorization endpoint',
  'login.answer.refused': 'the tool answers a bad login initiation with an error instead of an authentication request',
};

const refLines = (refs: readonly SpecRef[]): string =>
  refs.map((r) => `  - ${formatRef(r)}${r.rule && ruleText(r.rule) ? `: ${ruleText(r.rule)}` : ''}\n    ${specUrl(r)}`).join('\n');

/** `lti-conform explain <id>`: what a scenario or check verifies, with spec references. */
export function explain(id: string): number {
  const s = allScenarios.find((x) => x.id === id);
  if (s) {
    process.stdout.write(`${s.id}\n  ${s.title}\n\n${s.summary}\n\n${s.certification ? `Certification test: ${s.certification}\n\n` : ''}Spec references:\n${refLines(s.refs)}\n`);
    return 0;
  }
  const c = checksById().get(id);
  if (c) {
    process.stdout.write(`${c.id}\n  ${c.title}\n\nSpec references:\n${refLines(c.refs)}\n`);
    return 0;
  }
  const generic = SCENARIO_CHECKS[id];
  if (generic) {
    const users = allScenarios.filter((x) => x.refs.length > 0).map((x) => x.id);
    process.stdout.write(`${id}\n  ${generic}\n\nIts spec references are those of the scenario using it (${users.length} scenarios; see \`lti-conform explain <scenario-id>\`).\n`);
    return 0;
  }
  throw new HarnessError('ERR_USAGE', `explain ${id}: no scenario or check has that id`, 'Run `lti-conform list` for scenario ids.');
}
