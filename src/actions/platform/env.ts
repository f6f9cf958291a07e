import type { EvidenceRecorder } from '../../core/evidence.js';
import type { OutcomeRules } from '../../checks/launch/outcome.js';
import type { Browser } from '../../http/browser.js';
import type { TriggerConfig } from '../../config/types.js';
import type { PlatformEmulator, ToolRegistration } from '../../roles/platform/emulator.js';

/** What a scenario gets when we play the platform and the target is a tool. */
export interface ToolTestEnv {
  emulator: PlatformEmulator;
  tool: ToolRegistration;
  /** A fresh browser (empty cookie jar) per scenario. */
  browser: Browser;
  evidence: EvidenceRecorder;
  outcome: OutcomeRules;
  timeoutMs: number;
  signal: AbortSignal;
  /** Seconds since the epoch (injected for determinism). */
  now(): number;
  /** How to make the tool act (post a grade, read the roster), from config `triggers`. */
  triggers: Record<string, TriggerConfig>;
  /** Where instructions for a person go (manual triggers). */
  announce(text: string): void;
}
