import { expect } from 'vitest';
import type { TriggerConfig } from '../../../src/config/types.js';
import { HarnessError } from '../../../src/core/errors.js';
import { EvidenceRecorder } from '../../../src/core/evidence.js';
import type { TriggerContext } from '../../../src/actions/triggers/index.js';

export function makeCtx(over: Partial<TriggerContext> = {}): TriggerContext & { announced: string[] } {
  const announced: string[] = [];
  return {
    name: 'grade',
    vars: { 'launch.sub': 'user-1', 'ags.lineitem': 'https://tool.example/li/1?x=a b' },
    timeoutMs: 5000,
    signal: new AbortController().signal,
    evidence: new EvidenceRecorder(),
    announce: (t) => announced.push(t),
    instructions: '',
    announced,
    ...over,
  };
}

export const command = (cmd: string, timeoutMs?: number): TriggerConfig => ({ kind: 'command', command: cmd, ...(timeoutMs ? { timeoutMs } : {}) });

export async function harnessError(p: Promise<unknown>): Promise<HarnessError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HarnessError);
    return e as HarnessError;
  }
  throw new Error('expected a HarnessError');
}
