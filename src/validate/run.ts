import type { Profile } from '../core/check.js';
import type { DecodedJwt, RunResult, ScenarioResult } from '../core/result.js';
import { explainClock, judgeContext, type Judgement } from './judge.js';
import { loadJwks, verifySignature } from './jwks.js';
import { detectKind, kindById } from './kinds.js';
import type { Expected, Kind, Message, SignatureCheck } from './types.js';

export interface ValidateOptions {
  /** --type: the kind id; detected from the message when absent. */
  type?: string;
  expected: Expected;
  /** Seconds since the epoch. */
  now: number;
  profile: Profile;
  /** --jwks: URL or file of the key set that verifies a JWT. */
  jwks?: string;
  /** From LTI11_SECRET_ENV: verifies an lti1p1 claim. */
  lti11Secret?: string;
}

export interface Validation {
  kind: Kind;
  /** How the kind was chosen. */
  by: 'type' | 'detected';
  message: Message;
  signature?: SignatureCheck;
  judgement: Judgement;
  result: ScenarioResult;
}

/** Judges one decoded message: picks its kind, verifies a JWT signature when --jwks is given, runs the checks. */
export async function validateMessage(message: Message, o: ValidateOptions): Promise<Validation> {
  const started = performance.now();
  const kind = o.type ? kindById(o.type, message) : detectKind(message);
  const signature = o.jwks && message.form === 'jwt' ? await verifySignature(message.token, message.header, await loadJwks(o.jwks)) : undefined;
  const judgement: Judgement = { checks: [], notChecked: [] };
  kind.judge(message, judgeContext(judgement, { expected: o.expected, now: o.now, profile: o.profile, ...(signature ? { signature } : {}), ...(o.lti11Secret ? { lti11Secret: o.lti11Secret } : {}) }));
  if (message.form === 'jwt') explainClock(judgement.checks, message.payload, o.now);
  const jwts: DecodedJwt[] = message.form === 'jwt' ? [{ label: kind.title, header: message.header, payload: message.payload }] : [];
  const result: ScenarioResult = {
    id: `validate.${kind.id}`,
    title: `${kind.title} is valid`,
    suite: 'validate',
    role: kind.sender,
    status: judgement.checks.some((c) => c.status === 'failed') ? 'failed' : 'passed',
    durationMs: Math.round(performance.now() - started),
    checks: judgement.checks,
    evidence: { exchanges: [], jwts },
  };
  return { kind, by: o.type ? 'type' : 'detected', message, ...(signature ? { signature } : {}), judgement, result };
}

/** The validations as a run, for the CTRF and JUnit reports (one scenario per message). */
export function runOf(validations: Validation[], o: { version: string; profile: Profile; strict: boolean; startedAt: string; durationMs: number; source: string }): RunResult {
  const senders = new Set(validations.map((v) => v.kind.sender));
  // The run's role is the one we play: the receiver of the message.
  const role = senders.size !== 1 ? 'both' : senders.has('platform') ? 'tool' : 'platform';
  return {
    tool: { name: 'lti-conform', version: o.version }, command: 'validate', role, profile: o.profile, target: o.source,
    startedAt: o.startedAt, durationMs: o.durationMs, interrupted: false, strict: o.strict, scenarios: validations.map((v) => v.result),
  };
}
