import type { Check } from '../core/check.js';
import * as agsTool from './ags/index.js';
import * as clientAssertion from './client-assertion/index.js';
import * as deepLinking from './deep-linking/index.js';
import * as landing from './launch/landing.js';
import * as migrationOutcome from './launch/migration.js';
import * as authRequest from './login/auth-request.js';
import * as nrpsTool from './nrps/index.js';
import * as platform from './platform/index.js';
import * as createdLink from './platform/created-link.js';
import * as deepLinkAnswer from './platform/deep-link-answer.js';
import * as migration from './platform/migration.js';
import * as submissionReview from './platform/submission-review.js';
import * as platformServices from './platform-services/index.js';
import * as registration from './registration/index.js';
import * as service from './service/index.js';

const MODULES: Record<string, unknown>[] = [authRequest, landing, deepLinking, clientAssertion, service, agsTool, nrpsTool, platform, createdLink, deepLinkAnswer, platformServices, submissionReview, migration, migrationOutcome, registration];

function isCheck(v: unknown): v is Check<never> {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && Array.isArray((v as { refs?: unknown }).refs) && typeof (v as { run?: unknown }).run === 'function';
}

let cache: Map<string, Check<never>> | undefined;

/** Every check with fixed references, by id, for `explain` (checks whose refs come from a scenario are not here). */
export function checksById(): Map<string, Check<never>> {
  if (cache) return cache;
  cache = new Map();
  for (const m of MODULES)
    for (const v of Object.values(m))
      for (const c of Array.isArray(v) ? v : [v]) if (isCheck(c) && !cache.has(c.id)) cache.set(c.id, c);
  return cache;
}
