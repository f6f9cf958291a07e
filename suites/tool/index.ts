import type { ToolScenario } from './launch/kinds.js';
import { loginScenarios } from './launch/login.js';
import { refusalScenarios } from './launch/refusals.js';
import { sessionScenarios } from './launch/session.js';
import { validLaunchScenarios } from './launch/valid-launches.js';
import { deepLinkingScenarios } from './deep-linking/scenarios.js';
import { keyRotation } from './keys/rotation.js';
import { serviceScenarios } from './services/scenarios.js';
import { submissionReviewScenarios } from './submission-review/scenarios.js';
import { migrationScenarios } from './migration/scenarios.js';
import { registrationMissing, registrationScenarios } from './registration/scenarios.js';

/** A scenario that needs the tool registered: skipped while Dynamic Registration has produced none. */
const needsRegistration = (s: ToolScenario): ToolScenario => ({ ...s, skipReason: (env, profile) => registrationMissing(env) ?? s.skipReason?.(env, profile) });

/**
 * Every scenario where the target is a tool, in run order: Dynamic Registration first (it produces the
 * registration the rest use), then login, so its findings explain the rest.
 */
export const toolScenarios: ToolScenario[] = [...registrationScenarios, ...[
  ...loginScenarios, ...validLaunchScenarios, ...refusalScenarios, ...sessionScenarios,
  ...deepLinkingScenarios, ...submissionReviewScenarios, ...migrationScenarios, ...serviceScenarios, keyRotation,
].map(needsRegistration)];
