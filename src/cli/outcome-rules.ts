import type { OutcomeRules } from '../checks/launch/outcome.js';
import { describeStatusMatcher, parseStatusMatcher } from '../config/status-matcher.js';
import type { LaunchConfig, StatusMatcher } from '../config/types.js';

function matcher(m: StatusMatcher): OutcomeRules['accept'] {
  return {
    status: parseStatusMatcher(m.status),
    ...(m.bodyMatches !== undefined ? { bodyMatches: new RegExp(m.bodyMatches) } : {}),
    describe: `status ${describeStatusMatcher(m.status)}${m.bodyMatches !== undefined ? ` and body /${m.bodyMatches}/` : ''}`,
  };
}

export function outcomeRules(launch: LaunchConfig): OutcomeRules {
  return { accept: matcher(launch.acceptWhen), reject: matcher(launch.rejectWhen) };
}

export const DEFAULT_LAUNCH: LaunchConfig = { acceptWhen: { status: '2xx' }, rejectWhen: { status: '>=400' } };
