// The Dynamic Registration triggers of both roles. `triggers.register` makes the other side start
// registration (the platform opens a tool's initiation URL); some targets then hold the registration
// until an administrator activates it (ltijs without autoActivate, Moodle's pending tools), which
// `triggers.activateRegistration` does right after registering.
import { setTimeout as sleep } from 'node:timers/promises';
import type { TriggerConfig } from '../../config/types.js';
import type { EvidenceRecorder } from '../../core/evidence.js';
import { runTrigger } from './index.js';

export const REGISTER_TRIGGER = 'register';
export const ACTIVATE_TRIGGER = 'activateRegistration';
/** A person registering by hand (signing in, filling a set-up form) gets this long unless the trigger says otherwise. */
export const MANUAL_REGISTRATION_MS = 5 * 60_000;
/** A person activating by hand gets this long (there is no event to wait for). */
const MANUAL_ACTIVATION_MS = 60_000;

export interface ActivationEnv {
  triggers: Record<string, TriggerConfig>;
  timeoutMs: number;
  signal: AbortSignal;
  evidence: EvidenceRecorder;
  announce(text: string): void;
}

/** Runs triggers.activateRegistration when configured; `who` names what to activate ("the tool", "the platform"). */
export async function activateRegistration(env: ActivationEnv, who: string, ids: { clientId: string; deploymentId: string }): Promise<void> {
  const trigger = env.triggers[ACTIVATE_TRIGGER];
  if (!trigger) return;
  await runTrigger(trigger, {
    name: ACTIVATE_TRIGGER, timeoutMs: env.timeoutMs, signal: env.signal, evidence: env.evidence, announce: (t) => env.announce(t),
    vars: { 'registration.client_id': ids.clientId, 'registration.deployment_id': ids.deploymentId },
    instructions: `Activate the registration of client_id {{registration.client_id}} (deployment {{registration.deployment_id}}) in ${who} now.`,
  });
  if (trigger.kind === 'manual') await sleep(trigger.timeoutMs ?? MANUAL_ACTIVATION_MS, undefined, { signal: env.signal }).catch(() => undefined);
}
