import { randomUUID } from 'node:crypto';
import { CLAIM, CONTEXT_TYPE, LTI_VERSION, MESSAGE_TYPE, ROLE, SCOPE } from '../../lti/vocab.js';

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

/** Where the launch tells the tool our services are (AGS and NRPS claims). */
export interface ServiceEndpoints {
  lineItems: string;
  lineItem: string;
  memberships: string;
  agsScopes: string[];
}

export interface LaunchBase {
  issuer: string;
  clientId: string;
  deploymentId: string;
  targetLinkUri: string;
  nonce: string;
  /** Seconds since the epoch. */
  now: number;
  services?: ServiceEndpoints;
}

/** The AGS scopes our platform offers a tool (the AGS claim's scope list). */
export const AGS_SCOPES: string[] = [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score];

export const CONTEXT_ID = 'lti-conform-context-1';
export const RESOURCE_LINK_ID = 'lti-conform-resource-link-1';

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
    [CLAIM.resourceLink]: { id: variant.resourceLinkId ?? RESOURCE_LINK_ID, title: 'lti-conform test activity' },
    [CLAIM.roles]: variant.roles ?? DEFAULT_ROLES[persona],
    ...(variant.context === false
      ? {}
      : { [CLAIM.context]: { id: CONTEXT_ID, label: 'LTI101', title: 'LTI conformance course', type: [CONTEXT_TYPE.courseSection] } }),
    [CLAIM.toolPlatform]: { guid: 'lti-conform-platform', name: 'lti-conform emulated platform', product_family_code: 'lti-conform', version: '1' },
    [CLAIM.launchPresentation]: { document_target: 'iframe', locale: 'en-US' },
    ...serviceClaims(base.services, variant.context !== false),
  };
}

/** AGS and NRPS claims, as the certification's core launches carry them; only with a context. */
function serviceClaims(s: ServiceEndpoints | undefined, withContext: boolean): Record<string, unknown> {
  if (!s || !withContext) return {};
  return {
    [CLAIM.ags]: { scope: s.agsScopes, lineitems: s.lineItems, lineitem: s.lineItem },
    [CLAIM.nrps]: { context_memberships_url: s.memberships, service_versions: ['2.0'] },
  };
}

/** Deep-linking request settings; scenarios vary them. */
export interface DeepLinkingSettings {
  deep_link_return_url?: string;
  accept_types?: string[];
  accept_presentation_document_targets?: string[];
  accept_media_types?: string;
  accept_multiple?: boolean;
  accept_lineitem?: boolean;
  auto_create?: boolean;
  title?: string;
  text?: string;
  data?: string;
}

/** A valid LtiDeepLinkingRequest: a resource link launch without resource_link, plus the settings claim. */
export function deepLinkingClaims(base: LaunchBase, variant: LaunchVariant, settings: DeepLinkingSettings | undefined): Record<string, unknown> {
  const claims = resourceLinkClaims(base, variant);
  delete claims[CLAIM.resourceLink];
  claims[CLAIM.messageType] = MESSAGE_TYPE.deepLinkingRequest;
  if (settings) claims[CLAIM.deepLinkingSettings] = settings;
  return claims;
}

export function freshId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
