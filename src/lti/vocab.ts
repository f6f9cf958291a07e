// The one place where LTI claim URIs, message types, roles, scopes and media types are spelled out.
// Everything else imports names from here, so a typo is a compile error, not a silent mismatch.

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  toolPlatform: `${LTI}tool_platform`,
  roleScopeMentor: `${LTI}role_scope_mentor`,
  launchPresentation: `${LTI}launch_presentation`,
  lis: `${LTI}lis`,
  custom: `${LTI}custom`,
  lti1p1: `${LTI}lti1p1`,
  forUser: `${LTI}for_user`,
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  deepLinkingSettings: `${DL}deep_linking_settings`,
  dlData: `${DL}data`,
  dlContentItems: `${DL}content_items`,
  dlMsg: `${DL}msg`,
  dlLog: `${DL}log`,
  dlErrorMsg: `${DL}errormsg`,
  dlErrorLog: `${DL}errorlog`,
} as const;

export const MESSAGE_TYPE = {
  resourceLink: 'LtiResourceLinkRequest',
  deepLinkingRequest: 'LtiDeepLinkingRequest',
  deepLinkingResponse: 'LtiDeepLinkingResponse',
  submissionReview: 'LtiSubmissionReviewRequest',
} as const;

export const LTI_VERSION = '1.3.0';

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const INSTITUTION = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';
const SYSTEM = 'http://purl.imsglobal.org/vocab/lis/v2/system/person#';
const COURSE = 'http://purl.imsglobal.org/vocab/lis/v2/course#';

export const ROLE = {
  instructor: `${MEMBERSHIP}Instructor`,
  learner: `${MEMBERSHIP}Learner`,
  mentor: `${MEMBERSHIP}Mentor`,
  contentDeveloper: `${MEMBERSHIP}ContentDeveloper`,
  teachingAssistant: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
  institutionStaff: `${INSTITUTION}Staff`,
  institutionOther: `${INSTITUTION}Other`,
  institutionStudent: `${INSTITUTION}Student`,
  institutionMentor: `${INSTITUTION}Mentor`,
  institutionFaculty: `${INSTITUTION}Faculty`,
  systemAdministrator: `${SYSTEM}Administrator`,
  testUser: 'http://purl.imsglobal.org/vocab/lti/system/person#TestUser',
  // Values the certification suite sends that are deliberately outside the vocabularies.
  certUnknownInstructorRole: 'http://purl.imsglobal.org/vocab/lis/v2/unknown/unknown#Helper',
  certUnknownLearnerRole: 'http://purl.imsglobal.org/vocab/lis/v2/uknownrole/unknown#Unknown',
} as const;

/**
 * Namespaces (everything up to and including '#') of the role vocabularies, [CORE] App. A.2: system,
 * institution, the deprecated person# form, context (membership) with its sub-role namespaces, and the
 * LTI system role. A role URI is from the vocabularies when it is one of these followed by a name.
 */
export const ROLE_NAMESPACES: readonly string[] = [
  SYSTEM,
  INSTITUTION,
  'http://purl.imsglobal.org/vocab/lis/v2/person#',
  MEMBERSHIP,
  ...['Administrator', 'ContentDeveloper', 'Instructor', 'Learner', 'Manager', 'Member', 'Mentor', 'Officer'].map(
    (principal) => `http://purl.imsglobal.org/vocab/lis/v2/membership/${principal}#`,
  ),
  'http://purl.imsglobal.org/vocab/lti/system/person#',
];

export const CONTEXT_TYPE = {
  courseTemplate: `${COURSE}CourseTemplate`,
  courseOffering: `${COURSE}CourseOffering`,
  courseSection: `${COURSE}CourseSection`,
  group: `${COURSE}Group`,
} as const;

export const SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

export const MEDIA_TYPE = {
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  lineItemContainer: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  resultContainer: 'application/vnd.ims.lis.v2.resultcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
  membershipContainer: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
  formUrlEncoded: 'application/x-www-form-urlencoded',
  json: 'application/json',
  html: 'text/html',
} as const;

/** OIDC authentication request values fixed by the Security Framework §5.1.1.2. */
export const OIDC = {
  scope: 'openid',
  responseType: 'id_token',
  responseMode: 'form_post',
  prompt: 'none',
} as const;

/** Vendor extension claim used to prove that tools ignore claims they do not understand (LTI-SEC-013). */
export const EXTENSION_CLAIM = 'https://lti-conform.example/claim/extension';

/** OAuth 2 client-credentials grant with a JWT client assertion, Security Framework §4.1 / RFC 7523. */
export const OAUTH = {
  grantClientCredentials: 'client_credentials',
  clientAssertionTypeJwtBearer: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
} as const;

/** Deep Linking 2.0 content item types defined by the spec ([DL] §3.1–3.5); others must be URL-named (§3.7). */
export const CONTENT_ITEM_TYPE = {
  link: 'link',
  ltiResourceLink: 'ltiResourceLink',
  file: 'file',
  html: 'html',
  image: 'image',
} as const;

/** Presentation document targets of `accept_presentation_document_targets` ([DL] §4.4.1, §4.6.2). */
export const DOCUMENT_TARGET = {
  iframe: 'iframe',
  window: 'window',
  embed: 'embed',
} as const;

/** The single form parameter carrying a tool-originating message ([SEC] §5.2.1, [DL] §2.3). */
export const TOOL_MESSAGE_FORM_FIELD = 'JWT';

/** HTML form encoding other than url-encoded (an auto-submitted form may use it). */
export const MULTIPART_FORM_DATA = 'multipart/form-data';

/** Score `activityProgress` values ([AGS] §3.4.7). */
export const ACTIVITY_PROGRESS = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'] as const;

/** Score `gradingProgress` values ([AGS] §3.4.8). */
export const GRADING_PROGRESS = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'] as const;

/** Token endpoint error codes ([SEC] §4.1, RFC 6749 §5.2): a refused token request names one of these. */
export const OAUTH_ERROR = {
  invalidRequest: 'invalid_request',
  invalidClient: 'invalid_client',
  invalidGrant: 'invalid_grant',
  unauthorizedClient: 'unauthorized_client',
  unsupportedGrantType: 'unsupported_grant_type',
  invalidScope: 'invalid_scope',
} as const;

/** The access token type LTI services use ([SEC] §4.1, RFC 6750); token_type compares case-insensitively. */
export const TOKEN_TYPE_BEARER = 'bearer';

/** Roster member `status` values ([NRPS] §2.3); an absent status means Active. */
export const MEMBER_STATUS = ['Active', 'Inactive', 'Deleted'] as const;

/** Namespace of context (membership) roles; an NRPS `role` filter may give their simple name ([NRPS] §2.4.1). */
export const CONTEXT_ROLE_NAMESPACE = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

/**
 * Deprecated simple names of the context roles ([CORE] App. A.2.3): "vendors can use the following roles
 * interchangeably" (membership#Instructor and Instructor), deprecated in favour of the full URI.
 */
export const SIMPLE_CONTEXT_ROLES = ['Administrator', 'ContentDeveloper', 'Instructor', 'Learner', 'Mentor', 'Manager', 'Member', 'Officer'] as const;

/** LTI 1.1 role URN prefixes ([CORE] App. A: old URN values, supported for backward compatibility but deprecated). */
export const LEGACY_ROLE_URN_PREFIXES: readonly string[] = ['urn:lti:role:ims/lis/', 'urn:lti:instrole:ims/lis/', 'urn:lti:sysrole:ims/lis/'];

/** Context sub-roles are `<this><Principal>#<SubRole>` ([CORE] App. A.2.3.1); the principal is CONTEXT_ROLE_NAMESPACE + Principal. */
export const CONTEXT_SUBROLE_PREFIX = 'http://purl.imsglobal.org/vocab/lis/v2/membership/';

/** Deprecated URN form of the context types ([CORE] App. A.1), followed by the simple name (CourseOffering, ...). */
export const LEGACY_CONTEXT_TYPE_URN_PREFIX = 'urn:lti:context-type:ims/lis/';

/** `launch_presentation.document_target` values ([CORE] §5.4.4): "MUST be one of frame, iframe, or window". */
export const LAUNCH_DOCUMENT_TARGETS = ['frame', 'iframe', 'window'] as const;

/** The Names and Role Provisioning Services version this suite speaks, as listed in the claim's `service_versions` ([NRPS] §3.6.1). */
export const NRPS_SERVICE_VERSION = '2.0';

/** LTI Dynamic Registration 1.0: the extension members of the OpenID configuration and client metadata. */
export const DR = {
  platformConfiguration: 'https://purl.imsglobal.org/spec/lti-platform-configuration',
  toolConfiguration: 'https://purl.imsglobal.org/spec/lti-tool-configuration',
  /** Query parameters of the registration initiation request. */
  openidConfigurationParam: 'openid_configuration',
  registrationTokenParam: 'registration_token',
  /** `subject` of the window message a tool posts when registration ends. */
  closeSubject: 'org.imsglobal.lti.close',
  applicationType: 'web',
  grantImplicit: 'implicit',
  authMethodPrivateKeyJwt: 'private_key_jwt',
  signingAlg: 'RS256',
  /** RFC 7591 §3.2.2 error codes. */
  errorInvalidRedirectUri: 'invalid_redirect_uri',
  errorInvalidClientMetadata: 'invalid_client_metadata',
} as const;

/** AGS line item extension naming the tool's submission review launch (Submission Review 1.0). */
export const LINE_ITEM_SUBMISSION_REVIEW = 'submissionReview';
