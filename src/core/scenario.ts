import type { SpecRef } from '../spec/specs.js';
import type { Check, CheckContext, Profile } from './check.js';
import type { EvidenceRecorder } from './evidence.js';

export interface JudgeOptions {
  /** Evidence exchange ids the finding rests on. */
  evidence?: string[];
}

export interface ScenarioContext<Env> extends CheckContext {
  env: Env;
  profile: Profile;
  /** Per-step timeout (ms). */
  timeoutMs: number;
  signal: AbortSignal;
  evidence: EvidenceRecorder;
  /** Runs a check, records its result, returns whether it passed. */
  judge<In>(check: Check<In>, input: In, opts?: JudgeOptions): boolean;
}

export interface Scenario<Env> {
  /** Stable forever: users' waivers and CI history key on it. */
  id: string;
  title: string;
  summary: string;
  role: 'platform' | 'tool';
  suite: string;
  /** Name of the official certification test this mirrors, when there is one. */
  certification?: string;
  refs: readonly [SpecRef, ...SpecRef[]];
  /** Returns a reason when the scenario cannot apply to this target/profile (reported as skipped). */
  skipReason?(env: Env, profile: Profile): string | undefined;
  run(ctx: ScenarioContext<Env>): Promise<void>;
}
