// Triggers make the target act when only it can start the next move (post a grade, read a roster).
//
// - http: url, header values and body are templated ({{name}}, {{name|url}}, {{name|json}}); 2xx = done.
// - command: `/bin/sh -c` in the current folder. Each {{name}} is replaced by its value single-quoted
//   (one literal word: never write quotes around a placeholder); every variable is also in the
//   environment as LTI_CONFORM_<NAME> (launch.sub → LTI_CONFORM_LAUNCH_SUB). Exit 0 = done. On timeout
//   or abort the process group gets SIGTERM, then SIGKILL 2 s later.
// - manual: the instructions are announced; the scenario then waits for the tool's call.
import type { TriggerConfig } from '../../config/types.js';
import { ScenarioSkipped } from '../../core/errors.js';
import { runCommandTrigger } from './command.js';
import { runHttpTrigger } from './http.js';
import { renderTemplate } from './template.js';
import type { TriggerContext, TriggerOutcome } from './types.js';

export type { TemplateVars, TriggerContext, TriggerOutcome } from './types.js';
export { envName, renderCommand, renderTemplate, shellQuote } from './template.js';

function formatWait(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60 ? `${s % 60} s` : ''}`.trim();
}

export async function runTrigger(config: TriggerConfig | undefined, ctx: TriggerContext): Promise<TriggerOutcome> {
  if (config === undefined) throw new ScenarioSkipped(`no trigger configured (triggers.${ctx.name})`);
  const timeoutMs = config.timeoutMs ?? ctx.timeoutMs;
  switch (config.kind) {
    case 'http':
      return runHttpTrigger(config.http, timeoutMs, ctx);
    case 'command':
      return runCommandTrigger(config.command, timeoutMs, ctx);
    case 'manual': {
      const text = renderTemplate(ctx.instructions, ctx.vars, ctx.name).trim() || 'Make the tool act now.';
      ctx.announce(`[triggers.${ctx.name}] ${text}\n  Waiting up to ${formatWait(timeoutMs)}.`);
      return { kind: 'manual' };
    }
  }
}
