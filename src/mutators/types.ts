import type { SigningMode } from '../keys/sign.js';

/** A launch message before signing: what mutators change. */
export interface LaunchMessage {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signing: SigningMode;
}

export interface MutationContext {
  issuer: string;
  clientId: string;
  /** Seconds since the epoch. */
  now: number;
}

/** Changes one thing of a valid message; named after what it breaks. */
export interface Mutator {
  id: string;
  describe: string;
  apply(msg: LaunchMessage, ctx: MutationContext): LaunchMessage;
}

export const withPayload = (msg: LaunchMessage, payload: Record<string, unknown>): LaunchMessage => ({ ...msg, payload });

export function without(payload: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const out = { ...payload };
  for (const k of keys) delete out[k];
  return out;
}
