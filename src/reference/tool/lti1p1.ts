// The LTI 1.1 migration claim (Migration Guide): a launch from the platform of our former LTI 1.1
// installation is linked to the 1.1 account only when oauth_consumer_key_sign verifies with the stored
// 1.1 secret. Our own HMAC: the reference tool shares no code with the judge.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { CLAIM } from '../../lti/vocab.js';
import type { ToolContext } from './context.js';

export interface Lti11Installation {
  consumerKey: string;
  secret: string;
}

/** linked: the 1.1 user id; none: no claim for our installation; refuse: a claim that fails verification. */
export type Lti1p1Verdict = { kind: 'none' } | { kind: 'linked'; userId: string } | { kind: 'refuse'; reason: string };

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function judgeLti1p1(ctx: ToolContext, payload: JWTPayload): Lti1p1Verdict {
  const install = ctx.lti11;
  const claim = (payload as Record<string, unknown>)[CLAIM.lti1p1];
  if (install === undefined || typeof claim !== 'object' || claim === null) return { kind: 'none' };
  const c = claim as Record<string, unknown>;
  if (c.oauth_consumer_key !== install.consumerKey) return { kind: 'none' };
  const userId = str(c.user_id) || str(payload.sub);
  if (ctx.flaws.has('migration-ignores-sign')) return { kind: 'linked', userId };
  const clientId = typeof payload.aud === 'string' ? payload.aud : ctx.platform.clientId;
  const base = [install.consumerKey, str((payload as Record<string, unknown>)[CLAIM.deploymentId]), str(payload.iss), clientId, str(payload.exp), str(payload.nonce)].join('&');
  const want = Buffer.from(createHmac('sha256', install.secret).update(base, 'utf8').digest('base64'));
  const got = Buffer.from(str(c.oauth_consumer_key_sign));
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { kind: 'refuse', reason: 'the lti1p1 signature does not verify with the LTI 1.1 secret' };
  return { kind: 'linked', userId };
}
