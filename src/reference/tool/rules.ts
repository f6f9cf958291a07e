// Claim validation of a verified id_token, as an ordered list of named rules. A flaw named in `off`
// switches its rule off; presence rules and value rules are separate, and a value rule holds when the
// value is absent, so switching off a presence rule lets exactly the missing-claim case through.
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from '../../lti/vocab.js';
import type { JWTPayload } from 'jose';
import type { ToolFlaw } from './flaws.js';
import { CLOCK_LEEWAY_S, onOrigin, type ToolContext } from './context.js';
import { DL_RULES } from './dl-rules.js';
import { SR_RULES } from './sr-rules.js';
import { STRICT_RULES } from './strict-rules.js';

export interface ClaimInput {
  payload: JWTPayload;
  /** The nonce stored with the login state; undefined when state checking is switched off. */
  expectedNonce: string | undefined;
}

export interface ClaimRule {
  name: string;
  /** The flaw that switches this rule off (negative side). */
  off?: ToolFlaw;
  /** Positive-side rules exist only while this flaw is on. */
  on?: ToolFlaw;
  status: 400 | 401;
  /** Reason for refusing, or undefined when the rule holds. */
  check(c: ClaimInput, ctx: ToolContext): string | undefined;
}

/** A flawed shortcut that admits a payload before any claim rule runs. */
interface Gate {
  on: ToolFlaw;
  admits(payload: JWTPayload): boolean;
}

export type ClaimVerdict = { ok: true; guest: boolean } | { ok: false; status: 400 | 401; reason: string };

const absent = (v: unknown): boolean => v === undefined;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const nowS = (ctx: ToolContext): number => ctx.now() / 1000;
const claim = (c: ClaimInput, name: string): unknown => (c.payload as Record<string, unknown>)[name];

function audiences(aud: unknown): string[] | undefined {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud) && aud.every((a) => typeof a === 'string')) return aud;
  return undefined;
}

const GATES: readonly Gate[] = [
  {
    on: 'launch-accepts-non-lti-payload',
    admits: (p) => [CLAIM.messageType, CLAIM.version, CLAIM.deploymentId].every((k) => absent(p[k])),
  },
  {
    on: 'launch-accepts-missing-core-claims',
    admits: (p) => [CLAIM.messageType, CLAIM.version, CLAIM.roles].every((k) => absent(p[k])),
  },
];

export const CLAIM_RULES: readonly ClaimRule[] = [
  {
    name: 'iss', off: 'launch-ignores-iss', status: 400,
    check: (c, ctx) => (c.payload.iss !== ctx.platform.issuer ? 'iss is not the registered issuer' : undefined),
  },
  {
    name: 'aud', off: 'launch-ignores-aud', status: 401,
    check: (c, ctx) =>
      audiences(c.payload.aud)?.includes(ctx.platform.clientId) === true ? undefined : 'aud does not name this tool',
  },
  {
    // The only trusted audience is our client id, so any extra audience is refused; azp is required too.
    name: 'aud-extra', off: 'launch-trusts-extra-aud', status: 401,
    check: (c, ctx) => {
      const aud = audiences(c.payload.aud) ?? [];
      if (aud.length <= 1) return undefined;
      if (aud.some((a) => a !== ctx.platform.clientId)) return 'aud lists an untrusted audience';
      return absent(c.payload.azp) ? 'azp is required with several audiences' : undefined;
    },
  },
  {
    name: 'azp', off: 'launch-ignores-azp', status: 400,
    check: (c, ctx) =>
      !absent(c.payload.azp) && c.payload.azp !== ctx.platform.clientId ? 'azp is not this tool' : undefined,
  },
  {
    // A token without exp never expires; the flaw below is what ltijs does.
    name: 'exp-present', off: 'launch-accepts-missing-exp', status: 400,
    check: (c, ctx) => (ctx.flaws.has('launch-ignores-exp') || isNumber(c.payload.exp) ? undefined : 'exp is required'),
  },
  {
    name: 'exp', off: 'launch-ignores-exp', status: 400,
    check: (c, ctx) => {
      if (!isNumber(c.payload.exp)) return absent(c.payload.exp) ? undefined : 'exp is not a number';
      return nowS(ctx) >= c.payload.exp + CLOCK_LEEWAY_S ? 'id_token has expired' : undefined;
    },
  },
  {
    name: 'nbf', off: 'launch-ignores-nbf', status: 400,
    check: (c, ctx) => {
      const nbf = c.payload.nbf;
      if (absent(nbf)) return undefined;
      if (!isNumber(nbf)) return 'nbf is not a number';
      return nbf > nowS(ctx) + CLOCK_LEEWAY_S ? 'id_token is not valid yet' : undefined;
    },
  },
  {
    name: 'iat', off: 'launch-accepts-missing-iat', status: 400,
    check: (c) => (isNumber(c.payload.iat) ? undefined : 'iat is required'),
  },
  {
    name: 'nonce-present', off: 'launch-accepts-missing-nonce', status: 400,
    check: (c) => (typeof c.payload.nonce === 'string' && c.payload.nonce !== '' ? undefined : 'nonce is required'),
  },
  {
    name: 'nonce-matches-state', off: 'launch-ignores-nonce-mismatch', status: 400,
    check: (c) =>
      absent(c.payload.nonce) || c.expectedNonce === undefined || c.payload.nonce === c.expectedNonce
        ? undefined
        : 'nonce does not match the login',
  },
  {
    name: 'nonce-unused', off: 'launch-allows-replay', status: 400,
    check: (c, ctx) =>
      typeof c.payload.nonce === 'string' && ctx.nonces.has(c.payload.nonce) ? 'nonce was already used' : undefined,
  },
  {
    name: 'version-present', off: 'launch-accepts-missing-version', status: 400,
    check: (c) => (absent(claim(c, CLAIM.version)) ? 'version claim is required' : undefined),
  },
  {
    name: 'version-value', off: 'launch-accepts-any-version', status: 400,
    check: (c) => {
      const v = claim(c, CLAIM.version);
      return absent(v) || v === LTI_VERSION ? undefined : `version must be ${LTI_VERSION}`;
    },
  },
  {
    name: 'message-type-present', off: 'launch-accepts-missing-message-type', status: 400,
    check: (c) => (absent(claim(c, CLAIM.messageType)) ? 'message_type claim is required' : undefined),
  },
  {
    name: 'message-type-supported', off: 'launch-accepts-unknown-message-type', status: 400,
    check: (c) => {
      const t = claim(c, CLAIM.messageType);
      return absent(t) || t === MESSAGE_TYPE.resourceLink || t === MESSAGE_TYPE.deepLinkingRequest || t === MESSAGE_TYPE.submissionReview
        ? undefined
        : 'message_type is not supported';
    },
  },
  {
    name: 'deployment-id-present', off: 'launch-accepts-missing-deployment-id', status: 400,
    check: (c) => (absent(claim(c, CLAIM.deploymentId)) ? 'deployment_id claim is required' : undefined),
  },
  {
    name: 'deployment-id-known', off: 'launch-accepts-unknown-deployment-id', status: 400,
    check: (c, ctx) => {
      const d = claim(c, CLAIM.deploymentId);
      return absent(d) || (typeof d === 'string' && ctx.platform.deploymentIds.includes(d))
        ? undefined
        : 'deployment_id is not registered';
    },
  },
  {
    name: 'roles-present', off: 'launch-accepts-missing-roles', status: 400,
    check: (c) => (absent(claim(c, CLAIM.roles)) ? 'roles claim is required' : undefined),
  },
  {
    // Any strings are fine: [], [""], short names and unknown URIs are all valid launches.
    name: 'roles-array', status: 400,
    check: (c) => {
      const r = claim(c, CLAIM.roles);
      return absent(r) || (Array.isArray(r) && r.every((x) => typeof x === 'string'))
        ? undefined
        : 'roles must be an array of strings';
    },
  },
  {
    // Deep linking requests have no resource link ([DL] §4.4); every other message needs one.
    name: 'resource-link-present', off: 'launch-accepts-missing-resource-link', status: 400,
    check: (c) =>
      absent(claim(c, CLAIM.resourceLink)) && claim(c, CLAIM.messageType) !== MESSAGE_TYPE.deepLinkingRequest
        ? 'resource_link claim is required'
        : undefined,
  },
  {
    name: 'resource-link-id', off: 'launch-accepts-empty-resource-link-id', status: 400,
    check: (c) => {
      const rl = claim(c, CLAIM.resourceLink);
      if (absent(rl)) return undefined;
      const id = typeof rl === 'object' && rl !== null ? (rl as { id?: unknown }).id : undefined;
      return typeof id === 'string' && id !== '' ? undefined : 'resource_link.id must be a non-empty string';
    },
  },
  {
    // The certification suite refuses a launch without sub (the spec would call it anonymous).
    name: 'sub-present', off: 'launch-accepts-missing-sub', status: 400,
    check: (c) => (absent(c.payload.sub) ? 'sub is required' : undefined),
  },
  {
    name: 'sub-format', status: 400,
    check: (c) => {
      const sub = c.payload.sub;
      return absent(sub) || (typeof sub === 'string' && sub.length <= 255) ? undefined : 'sub is malformed';
    },
  },
  {
    name: 'sub-non-empty', off: 'launch-accepts-empty-sub', status: 400,
    check: (c) => (c.payload.sub === '' ? 'sub is empty' : undefined),
  },
  {
    // The landing URL comes from the signed claim and must stay on this tool (no open redirect).
    name: 'target-link-uri', status: 400,
    check: (c, ctx) => {
      const t = claim(c, CLAIM.targetLinkUri);
      return typeof t === 'string' && onOrigin(t, ctx.origin) ? undefined : 'target_link_uri is not on this tool';
    },
  },
  ...DL_RULES,
  ...SR_RULES,
  ...STRICT_RULES,
];

export function judgeClaims(ctx: ToolContext, input: ClaimInput): ClaimVerdict {
  for (const gate of GATES) {
    if (ctx.flaws.has(gate.on) && gate.admits(input.payload)) return { ok: true, guest: true };
  }
  for (const rule of CLAIM_RULES) {
    if (rule.off !== undefined && ctx.flaws.has(rule.off)) continue;
    if (rule.on !== undefined && !ctx.flaws.has(rule.on)) continue;
    const reason = rule.check(input, ctx);
    if (reason !== undefined) return { ok: false, status: rule.status, reason };
  }
  return { ok: true, guest: false };
}
