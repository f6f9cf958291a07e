import type { PlatformTestEnv } from '../../src/actions/tool/env.js';
import { deleteLineItem, getMemberships, type ServiceResponse } from '../../src/actions/tool/services.js';
import { TokenCache } from '../../src/actions/tool/token.js';
import { HarnessError, ScenarioSkipped } from '../../src/core/errors.js';
import { CLAIM, ROLE } from '../../src/lti/vocab.js';
import { platformLaunch } from '../../src/actions/tool/launch.js';
import { clientContext } from './kinds.js';

/** The course a service scenario works in: from target.services (CI against staging), no launch needed. */
export interface ServiceTarget {
  lineItemsUrl?: string;
  membershipsUrl?: string;
  resourceLinkId?: string;
  otherLineItemsUrl?: string;
  learnerUserId?: string;
}

/** Service URLs learnt from a launch's AGS and NRPS claims, once per tool emulator (one run). */
const learnt = new WeakMap<object, Promise<ServiceTarget>>();

async function fromLaunch(env: PlatformTestEnv): Promise<ServiceTarget> {
  const run = await platformLaunch(env, { trigger: 'launch' });
  const p = run.idToken?.payload ?? {};
  const ags = p[CLAIM.ags] as { lineitems?: unknown } | undefined;
  const nrps = p[CLAIM.nrps] as { context_memberships_url?: unknown } | undefined;
  const link = (p[CLAIM.resourceLink] as { id?: unknown } | undefined)?.id;
  return {
    ...(typeof ags?.lineitems === 'string' ? { lineItemsUrl: ags.lineitems } : {}),
    ...(typeof nrps?.context_memberships_url === 'string' ? { membershipsUrl: nrps.context_memberships_url } : {}),
    ...(typeof link === 'string' ? { resourceLinkId: link } : {}),
  };
}

/**
 * The course to work in: target.services when configured (CI against staging, no launch needed), else
 * the endpoints a launch through triggers.launch announces in its AGS and NRPS claims.
 */
export async function serviceTarget(env: PlatformTestEnv, need: 'ags' | 'nrps'): Promise<ServiceTarget> {
  const key = need === 'ags' ? 'lineItemsUrl' : 'membershipsUrl';
  let s: ServiceTarget = env.target.services ?? {};
  if (!s[key] && env.triggers.launch) {
    let pending = learnt.get(env.toolEmulator);
    if (!pending) {
      pending = fromLaunch(env);
      learnt.set(env.toolEmulator, pending);
      pending.catch(() => learnt.delete(env.toolEmulator));
    }
    s = { ...(await pending), ...s };
  }
  if (!s[key]) throw new ScenarioSkipped(`target.services.${key} is not configured${env.triggers.launch ? ' and the launch carried no such service claim' : ' (or configure triggers.launch to learn it from a launch)'}`);
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
  // An inactive learner cannot be graded (Canvas answers 422): pick one whose status is absent or Active.
  const found = members.find((m) => Array.isArray(m.roles) && m.roles.some((x) => x === ROLE.learner || x === 'Learner') && ((m as { status?: unknown }).status ?? 'Active') === 'Active');
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
