import type { EvidenceRecorder } from '../../core/evidence.js';

/** Values a trigger may use, e.g. { 'launch.sub': '...', 'ags.lineitem': '...', 'nrps.url': '...' }. */
export type TemplateVars = Record<string, string>;

export interface TriggerContext {
  /** The trigger's key under `triggers`, e.g. 'grade'. */
  name: string;
  vars: TemplateVars;
  /** Default; the trigger's own timeoutMs wins. */
  timeoutMs: number;
  signal: AbortSignal;
  /** Receives the HTTP exchange, or the command as an 'EXEC' exchange. */
  evidence: EvidenceRecorder;
  /** Where manual instructions go (the CLI passes a stderr writer). */
  announce(text: string): void;
  /** What the person must do, for `manual` (templated): "Post a score for {{launch.sub}} ...". */
  instructions: string;
  /** command: return its stdout on the 'done' outcome (a launch trigger prints the URL to open). */
  captureStdout?: boolean;
}

/** manual: instructions printed; the scenario now waits for the tool's call up to its timeout. */
export type TriggerOutcome = { kind: 'done'; detail: string; stdout?: string } | { kind: 'manual' };
