import { constants } from 'node:os';
import { HarnessError } from '../../core/errors.js';
import { redactText } from '../../core/redact.js';
import { execShell, type ExecResult } from './exec.js';
import { envFor, renderCommand } from './template.js';
import type { TriggerContext, TriggerOutcome } from './types.js';

const TAIL_LINES = 10;
const TAIL_HINT_CHARS = 2000;
/** The evidence recorder keeps the head of a body; give it the tail, under its limit. */
const TAIL_EVIDENCE_CHARS = 4000;

/** A launch command prints `Cookie: <the user's LMS session>` lines; reports must not carry them. */
const SECRET_LINE = /^(\s*(?:cookie|set-cookie|authorization|proxy-authorization)\s*:).*$/gim;
const hideSecretLines = (text: string): string => text.replace(SECRET_LINE, '$1 <redacted>');

function tailChars(res: ExecResult, max: number): string {
  const dropped = res.droppedBytes > 0 || res.output.length > max;
  return hideSecretLines(dropped ? `…${res.output.slice(-max)}` : res.output);
}

function lastLines(res: ExecResult): string {
  const lines = res.output.replace(/\s+$/, '').split(/\r?\n/);
  const tail = lines.slice(-TAIL_LINES).join('\n');
  if (!tail) return '(no output)';
  const text = tail.length > TAIL_HINT_CHARS ? `…${tail.slice(-TAIL_HINT_CHARS)}` : tail;
  return redactText(hideSecretLines(text));
}

function exitStatus(res: ExecResult): number | undefined {
  if (res.code !== null) return res.code;
  const n = res.signal ? constants.signals[res.signal] : undefined;
  return n === undefined ? undefined : 128 + n;
}

export async function runCommandTrigger(command: string, timeoutMs: number, ctx: TriggerContext): Promise<TriggerOutcome> {
  const where = `triggers.${ctx.name}`;
  const line = renderCommand(command, ctx.vars, ctx.name);
  if (ctx.signal.aborted) throw new HarnessError('ERR_TIMEOUT', `${where}: aborted before the command started`);

  let res: ExecResult;
  try {
    res = await execShell(line, { env: envFor(ctx.vars), timeoutMs, signal: ctx.signal });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    ctx.evidence.record({ direction: 'outbound', method: 'EXEC', url: `command:${line.slice(0, 100)}`, requestBody: line, error: msg });
    throw new HarnessError('ERR_TRIGGER_FAILED', `${where}: could not start the command (${msg})`);
  }

  const status = exitStatus(res);
  ctx.evidence.record({
    direction: 'outbound', method: 'EXEC', url: `command:${line.slice(0, 100)}`, requestBody: line,
    responseBody: tailChars(res, TAIL_EVIDENCE_CHARS), durationMs: res.durationMs,
    ...(status !== undefined && !res.stopped ? { status } : {}),
    ...(res.stopped === 'timeout' ? { error: `still running after ${timeoutMs} ms; killed` } : {}),
    ...(res.stopped === 'abort' ? { error: 'aborted; killed' } : {}),
  });

  if (res.stopped === 'timeout') {
    throw new HarnessError('ERR_TIMEOUT', `${where}: command still running after ${timeoutMs} ms`,
      `Output so far:\n${lastLines(res)}\nRaise ${where}.timeoutMs if the command needs longer.`);
  }
  if (res.stopped === 'abort') throw new HarnessError('ERR_TIMEOUT', `${where}: command aborted`);
  if (res.code === 0) return { kind: 'done', detail: 'exit 0', ...(ctx.captureStdout ? { stdout: res.stdout } : {}) };
  const how = res.code !== null ? `exited with ${res.code}` : `was killed by ${res.signal ?? 'a signal'}`;
  throw new HarnessError('ERR_TRIGGER_FAILED', `${where}: command ${how}`, `Last output:\n${lastLines(res)}`);
}
