import type { SpecRef } from '../spec/specs.js';
import type { Level, Profile } from './check.js';

/** passed; failed/warned/info = the verdict was negative at that level. */
export type CheckStatus = 'passed' | 'failed' | 'warned' | 'info';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  level: Level;
  message?: string;
  expected?: unknown;
  actual?: unknown;
  refs: readonly SpecRef[];
  /** Ids of the evidence exchanges this finding rests on. */
  evidence?: string[];
}

export interface Exchange {
  id: string;
  /** outbound: we sent it; inbound: the target sent it to our server. */
  direction: 'outbound' | 'inbound';
  method: string;
  url: string;
  status?: number;
  requestHeaders?: Record<string, string>;
  requestBody?: string;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  error?: string;
  durationMs?: number;
}

export interface DecodedJwt {
  label: string;
  header: unknown;
  payload: unknown;
}

export interface Evidence {
  exchanges: Exchange[];
  jwts: DecodedJwt[];
}

export type ScenarioStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface HarnessErrorInfo {
  code: string;
  message: string;
  hint?: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  suite: string;
  role: 'platform' | 'tool';
  certification?: string;
  status: ScenarioStatus;
  durationMs: number;
  checks: CheckResult[];
  evidence: Evidence;
  error?: HarnessErrorInfo;
  skipReason?: string;
}

export interface RunResult {
  tool: { name: string; version: string };
  command: string;
  /** The role we played; 'both' when one run covered both (the demo). */
  role: 'platform' | 'tool' | 'both';
  profile: Profile;
  target: string;
  startedAt: string;
  durationMs: number;
  interrupted: boolean;
  strict: boolean;
  scenarios: ScenarioResult[];
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  warnings: number;
}

export function summarize(run: RunResult): Summary {
  const s: Summary = { total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, warnings: 0 };
  for (const r of run.scenarios) {
    s.total++;
    if (r.status === 'passed') s.passed++;
    else if (r.status === 'failed') s.failed++;
    else if (r.status === 'error') s.errored++;
    else s.skipped++;
    s.warnings += r.checks.filter((c) => c.status === 'warned').length;
  }
  return s;
}

/** Two runs reported as one (the demo of both roles). */
export function mergeRuns(a: RunResult, b: RunResult): RunResult {
  return {
    ...a, command: `${a.command} + ${b.command}`, role: a.role === b.role ? a.role : 'both', target: `${a.target} ; ${b.target}`,
    durationMs: a.durationMs + b.durationMs, interrupted: a.interrupted || b.interrupted, scenarios: [...a.scenarios, ...b.scenarios],
  };
}

/** Exit code per DESIGN.md: 0 all passed (warnings allowed unless strict), 1 failures or errors, 130 interrupted. */
export function exitCodeFor(run: RunResult): number {
  if (run.interrupted) return 130;
  const s = summarize(run);
  if (s.failed > 0 || s.errored > 0) return 1;
  if (run.strict && s.warnings > 0) return 1;
  return 0;
}
