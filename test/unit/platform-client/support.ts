import type { ToolClientContext } from '../../../src/actions/tool/token.js';
import type { PlatformTargetConfig } from '../../../src/config/types.js';
import { EvidenceRecorder } from '../../../src/core/evidence.js';
import type { KeyStore } from '../../../src/keys/store.js';

export const NOW = 1_700_000_000;

export function target(base: string): PlatformTargetConfig {
  return {
    kind: 'platform', issuer: base, clientId: 'tool-123', deploymentId: 'deploy-1',
    authorizationUrl: `${base}/auth`, tokenUrl: `${base}/token`, jwksUrl: `${base}/jwks`,
  };
}

/** A client context on a loopback platform, with a clock the test moves. */
export function clientContext(base: string, keys: KeyStore): ToolClientContext & { clock: { now: number } } {
  const clock = { now: NOW };
  return { target: target(base), keys, evidence: new EvidenceRecorder(), timeoutMs: 5000, signal: new AbortController().signal, now: () => clock.now, clock };
}
