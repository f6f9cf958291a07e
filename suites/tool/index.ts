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

/** Every scenario where the target is a tool, in run order: login first, so its findings explain the rest. */
export const toolScenarios: ToolScenario[] = [
  ...loginScenarios, ...validLaunchScenarios, ...refusalScenarios, ...sessionScenarios,
  ...deepLinkingScenarios, ...submissionReviewScenarios, ...migrationScenarios, ...serviceScenarios, keyRotation,
];
