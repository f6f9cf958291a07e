// lti_message_hint: an opaque value bound to one launch. It carries what the launch is (user, message,
// course, link, PII) and a MAC under a server secret, so the authorization endpoint can trust it back.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PlatformContext } from './context.js';
import { findCourse } from './data.js';

export type MessageKind = 'resource-link' | 'deep-linking' | 'submission-review';

export interface LaunchIntent {
  userId: string;
  message: MessageKind;
  contextId: string;
  /** Resource link launched (resource-link messages). */
  linkId?: string;
  pii: boolean;
  /** ms on the platform clock. */
  issuedAt: number;
}

const HINT_TTL_MS = 30 * 60_000;

function mac(secret: Buffer, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function makeMessageHint(ctx: PlatformContext, i: LaunchIntent): string {
  const body = Buffer.from(
    JSON.stringify({ u: i.userId, m: i.message, c: i.contextId, l: i.linkId, p: i.pii, t: i.issuedAt }),
  ).toString('base64url');
  return `${body}.${mac(ctx.secret, body)}`;
}

function decode(body: string): LaunchIntent | undefined {
  try {
    const v = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { u, m, c, l, p, t } = v;
    if (typeof u !== 'string' || typeof c !== 'string' || typeof p !== 'boolean' || typeof t !== 'number') return undefined;
    if (m !== 'resource-link' && m !== 'deep-linking' && m !== 'submission-review') return undefined;
    if (l !== undefined && typeof l !== 'string') return undefined;
    if (findCourse(c) === undefined) return undefined;
    return { userId: u, message: m, contextId: c, linkId: l, pii: p, issuedAt: t };
  } catch {
    return undefined;
  }
}

export type HintCheck =
  | { ok: true; intent: LaunchIntent }
  /** `decoded` is what the hint says if it can be read at all (only a flaw may use it). */
  | { ok: false; reason: string; decoded?: LaunchIntent };

/** Checks the MAC, the age and the binding to the signed-in user. */
export function checkMessageHint(ctx: PlatformContext, hint: string, userId: string): HintCheck {
  const dot = hint.indexOf('.');
  const body = dot < 0 ? hint : hint.slice(0, dot);
  const decoded = decode(body);
  const given = Buffer.from(dot < 0 ? '' : hint.slice(dot + 1));
  const want = Buffer.from(mac(ctx.secret, body));
  if (given.length !== want.length || !timingSafeEqual(given, want) || decoded === undefined) {
    return { ok: false, reason: 'lti_message_hint is not one this platform issued', decoded };
  }
  if (ctx.now() - decoded.issuedAt > HINT_TTL_MS) return { ok: false, reason: 'lti_message_hint has expired', decoded };
  if (decoded.userId !== userId) return { ok: false, reason: 'lti_message_hint belongs to another user', decoded };
  return { ok: true, intent: decoded };
}
