import type { TriggerConfig, PlatformTargetConfig } from '../../config/types.js';
import type { EvidenceRecorder } from '../../core/evidence.js';
import type { Browser } from '../../http/browser.js';
import type { ToolEmulator } from '../../roles/tool/emulator.js';
import type { RegistrationSession } from './registration.js';

/** What a scenario gets when we play the tool and the target is a platform. */
export interface PlatformTestEnv {
  toolEmulator: ToolEmulator;
  target: PlatformTargetConfig;
  /** A fresh browser (empty cookie jar) per scenario; it plays the user's browser in a launch. */
  browser: Browser;
  evidence: EvidenceRecorder;
  /** How to make the platform act (launch, deepLinking, ...), from config `triggers`. */
  triggers: Record<string, TriggerConfig>;
  /** Set when we register by Dynamic Registration (target.registration): this run's registration. */
  registration?: RegistrationSession;
  timeoutMs: number;
  signal: AbortSignal;
  /** Seconds since the epoch (injected for determinism). */
  now(): number;
  /** Where instructions for a person go (manual triggers). */
  announce(text: string): void;
}
