// Specification documents we cite, with the canonical URL a report links to.
export const SPECS = {
  CORE: { title: 'LTI Core 1.3', url: 'https://www.imsglobal.org/spec/lti/v1p3/' },
  SEC: { title: '1EdTech Security Framework 1.0', url: 'https://www.imsglobal.org/spec/security/v1p0/' },
  DL: { title: 'LTI Deep Linking 2.0', url: 'https://www.imsglobal.org/spec/lti-dl/v2p0/' },
  AGS: { title: 'LTI Assignment and Grade Services 2.0', url: 'https://www.imsglobal.org/spec/lti-ags/v2p0/' },
  NRPS: { title: 'LTI Names and Role Provisioning Services 2.0', url: 'https://www.imsglobal.org/spec/lti-nrps/v2p0/' },
  CERT: { title: 'LTI Advantage Conformance Certification Guide', url: 'https://www.imsglobal.org/spec/lti/v1p3/cert/' },
  OIDC: { title: 'OpenID Connect Core 1.0', url: 'https://openid.net/specs/openid-connect-core-1_0.html' },
  RFC7519: { title: 'RFC 7519 JSON Web Token', url: 'https://www.rfc-editor.org/rfc/rfc7519' },
  DR: { title: 'LTI Dynamic Registration 1.0', url: 'https://www.imsglobal.org/spec/lti-dr/v1p0/' },
  SR: { title: 'LTI Submission Review Service 1.0', url: 'https://www.imsglobal.org/spec/lti-sr/v1p0/' },
  MIGR: { title: 'LTI 1.3 Migration Guide (LTI 1.1 to 1.3)', url: 'https://www.imsglobal.org/spec/lti/v1p3/migr/' },
  RFC7591: { title: 'RFC 7591 OAuth 2.0 Dynamic Client Registration', url: 'https://www.rfc-editor.org/rfc/rfc7591' },
  OIDCDISC: { title: 'OpenID Connect Discovery 1.0', url: 'https://openid.net/specs/openid-connect-discovery-1_0.html' },
} as const;

export type SpecId = keyof typeof SPECS;

/**
 * How strongly the cited text binds. CERT: enforced by the official certification suite although the
 * spec text is weaker; it fails only in the certification profile.
 */
export type Keyword = 'MUST' | 'SHOULD' | 'MAY' | 'CERT';

export interface SpecRef {
  spec: SpecId;
  section: string;
  keyword: Keyword;
  /** Catalog rule id, e.g. LTI-CORE-001. */
  rule?: string;
  anchor?: string;
}

export function specUrl(ref: SpecRef): string {
  const base = SPECS[ref.spec].url;
  return ref.anchor ? `${base}#${ref.anchor}` : base;
}

export function formatRef(ref: SpecRef): string {
  const rule = ref.rule ? `${ref.rule} ` : '';
  return `${rule}(${ref.keyword}) ${ref.spec} ${ref.section}`;
}
