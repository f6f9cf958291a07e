/** Harness problems (not conformance findings), with stable codes users can grep for. */
export type HarnessErrorCode =
  | 'ERR_CONFIG_INVALID'
  | 'ERR_USAGE'
  | 'ERR_TARGET_UNREACHABLE'
  | 'ERR_TIMEOUT'
  | 'ERR_TLS'
  | 'ERR_RESPONSE_TOO_LARGE'
  | 'ERR_REDIRECT_LOOP'
  | 'ERR_UNEXPECTED_RESPONSE'
  | 'ERR_PORT_IN_USE'
  | 'ERR_TRIGGER_TEMPLATE'
  | 'ERR_TRIGGER_FAILED'
  | 'ERR_INTERNAL';

export class HarnessError extends Error {
  constructor(
    readonly code: HarnessErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'HarnessError';
  }
}

export function isHarnessError(e: unknown): e is HarnessError {
  return e instanceof HarnessError;
}

/** Thrown by a scenario that finds, mid-run, that it cannot apply to this target (reported as skipped). */
export class ScenarioSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ScenarioSkipped';
  }
}
