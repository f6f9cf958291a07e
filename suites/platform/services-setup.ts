import type { PlatformTestEnv } from '../../src/actions/tool/env.js';
import { deleteLineItem, getMemberships, type ServiceResponse } from '../../src/actions/tool/services.js';
import { TokenCache } from '../../src/actions/tool/token.js';
import { HarnessError, ScenarioSkipped } from '../../src/core/errors.js';
import { ROLE } from '../../src/lti/vocab.js';
import { clientContext } from './kinds.js';

/** The course a service scenario works in: from target.services (CI against staging), no launch needed. */
export interface ServiceTarget {
  lineItemsUrl?: string;
  membershipsUrl?: string;
  resourceLinkId?: string;
  otherLineItemsUrl?: string;
  learnerUserId?: string;
}

export function serviceTarget(env: PlatformTestEnv, need: 'ags' | 'nrps'): ServiceTarget {
  const s = env.target.services ?? {};
  const url = need === 'ags' ? s.lineItemsUrl : s.membershipsUrl;
  if (!url) throw new ScenarioSkipped(`target.services.${need === 'ags' ? 'lineItemsUrl' : 'membershipsUrl'} is not configured`);
  return s;
}

/** Tokens per scope set, shared by the calls of one scenario. */
export function tokens(env: PlatformTestEnv): TokenCache {
  return new TokenCache(clientContext(env));
}

/** A learner to score: configured, else the first member with the Learner role in the roster. */
export async function learner(env: PlatformTestEnv, s: ServiceTarget, token: () => Promise<string>): Promise<string> {
  if (s.learnerUserId) return s.learnerUserId;
  if (!s.membershipsUrl) throw new ScenarioSkipped('no learner: set target.services.learnerUserId or membershipsUrl');
  const r = await getMemberships(env, s.membershipsUrl, { token: await token(), role: ROLE.learner });
  const members = (r.json as { members?: { user_id?: unknown; roles?: unknown }[] } | undefined)?.members ?? [];
  const found = members.find((m) => Array.isArray(m.roles) && m.roles.some((x) => x === ROLE.learner || x === 'Learner'));
  if (typeof found?.user_id !== 'string') throw new HarnessError('ERR_UNEXPECTED_RESPONSE', 'no learner found in the roster to post scores for', 'Set target.services.learnerUserId.');
  return found.user_id;
}

/** Line items a scenario created, deleted again at the end even when it failed, so staging stays clean. */
export class Litter {
  private readonly urls: string[] = [];
  constructor(private readonly env: PlatformTestEnv, private readonly token: () => Promise<string>) {}

  add(created: ServiceResponse): string | undefined {
    const id = (created.json as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') this.urls.push(id);
    return typeof id === 'string' ? id : undefined;
  }

  forget(url: string): void {
    const i = this.urls.indexOf(url);
    if (i >= 0) this.urls.splice(i, 1);
  }

  async clean(): Promise<void> {
    const token = await this.token().catch(() => undefined);
    for (const url of this.urls.splice(0)) await deleteLineItem(this.env, url, token).catch(() => undefined);
  }
}

export const idOf = (json: unknown): string | undefined => {
  const id = (json as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
};
