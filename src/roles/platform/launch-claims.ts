import { randomUUID } from 'node:crypto';
import { CLAIM, CONTEXT_TYPE, LTI_VERSION, MESSAGE_TYPE, ROLE } from '../../lti/vocab.js';

export type Persona = 'instructor' | 'student';
/** Which personal data the launch carries, as in the certification's PII variants. */
export type Pii = 'full' | 'none' | 'email' | 'names';

export interface LaunchVariant {
  persona: Persona;
  roles?: string[];
  pii?: Pii;
  context?: boolean;
  resourceLinkId?: string;
}

export interface LaunchBase {
  issuer: string;
  clientId: string;
  deploymentId: string;
  targetLinkUri: string;
  nonce: string;
  /** Seconds since the epoch. */
  now: number;
}

const PEOPLE = {
  instructor: { sub: 'lti-conform-instructor-1', given: 'Ada', family: 'Lovelace', email: 'ada.lovelace@platform.example' },
  student: { sub: 'lti-conform-student-1', given: 'Alan', family: 'Turing', email: 'alan.turing@platform.example' },
} as const;

export const DEFAULT_ROLES: Record<Persona, string[]> = {
  instructor: [ROLE.instructor],
  student: [ROLE.learner],
};

export function personaSub(persona: Persona): string {
  return PEOPLE[persona].sub;
}

function piiClaims(persona: Persona, pii: Pii): Record<string, unknown> {
  const p = PEOPLE[persona];
  const names = { name: `${p.given} ${p.family}`, given_name: p.given, family_name: p.family };
  if (pii === 'none') return {};
  if (pii === 'email') return { email: p.email };
  if (pii === 'names') return names;
  return { ...names, email: p.email, locale: 'en-US' };
}

/** A valid LtiResourceLinkRequest payload; negative launches start here and change exactly one thing. */
export function resourceLinkClaims(base: LaunchBase, variant: LaunchVariant): Record<string, unknown> {
  const persona = variant.persona;
  return {
    iss: base.issuer,
    aud: base.clientId,
    sub: personaSub(persona),
    iat: base.now,
    exp: base.now + 300,
    nonce: base.nonce,
    ...piiClaims(persona, variant.pii ?? 'full'),
    [CLAIM.messageType]: MESSAGE_TYPE.resourceLink,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.deploymentId]: base.deploymentId,
    [CLAIM.targetLinkUri]: base.targetLinkUri,
    [CLAIM.resourceLink]: { id: variant.resourceLinkId ?? 'lti-conform-resource-link-1', title: 'lti-conform test activity' },
    [CLAIM.roles]: variant.roles ?? DEFAULT_ROLES[persona],
    ...(variant.context === false
      ? {}
      : { [CLAIM.context]: { id: 'lti-conform-context-1', label: 'LTI101', title: 'LTI conformance course', type: [CONTEXT_TYPE.courseSection] } }),
    [CLAIM.toolPlatform]: { guid: 'lti-conform-platform', name: 'lti-conform emulated platform', product_family_code: 'lti-conform', version: '1' },
    [CLAIM.launchPresentation]: { document_target: 'iframe', locale: 'en-US' },
  };
}

export function freshId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
