import { agsScenarios } from './ags.js';
import { authScenarios } from './auth.js';
import { createdLinkScenario } from './created-link.js';
import { deepLinkingScenarios } from './deep-linking.js';
import type { PlatformScenario } from './kinds.js';
import { launchScenarios } from './launch.js';
import { migrationScenarios } from './migration.js';
import { nrpsScenarios } from './nrps.js';
import { registrationScenarios } from './registration.js';
import { submissionReviewScenarios } from './submission-review.js';
import { tokenScenarios } from './token.js';

/** Every scenario where the target is a platform: Dynamic Registration (when configured), launches, then refusals, tokens and services. */
export const platformScenarios: PlatformScenario[] = [...registrationScenarios, ...launchScenarios, ...authScenarios, ...tokenScenarios, ...agsScenarios, ...nrpsScenarios, ...deepLinkingScenarios, createdLinkScenario, ...submissionReviewScenarios, ...migrationScenarios];
