// Switchable defects. Each flaw breaks exactly one behaviour of the reference platform, so a
// broken-counterpart self-test can prove that the platform scenario aimed at it catches it.

/** The OIDC authorization endpoint (authentication request checks). */
export const AUTH_FLAWS = [
  'auth-accepts-unregistered-redirect',
  'auth-ignores-client-id',
  'auth-ignores-login-hint',
  'auth-accepts-missing-nonce',
  'auth-accepts-wrong-response-type',
  'auth-accepts-wrong-response-mode',
  'auth-accepts-wrong-scope',
  'auth-accepts-missing-prompt',
  'auth-accepts-tampered-message-hint',
] as const;

/** The id_token (header, signature, claims), the key set and the login initiation. */
export const MESSAGE_FLAWS = [
  'token-omits-kid',
  'token-unknown-kid',
  'token-wrong-signature',
  'token-omits-deployment-id',
  'token-wrong-version',
  'token-target-link-mismatch',
  'token-omits-resource-link',
  'token-whitespace-padding',
  'token-custom-non-string',
  'token-omits-nonce-echo',
  'token-expired',
  'jwks-private-members',
  'jwks-duplicate-kid',
  'initiation-omits-login-hint',
  'initiation-deployment-mismatch',
] as const;

/** The OAuth 2 authorization server (client_credentials with a JWT client assertion). */
export const AS_FLAWS = [
  'as-accepts-unknown-key',
  'as-accepts-wrong-aud',
  'as-accepts-expired-assertion',
  'as-accepts-iss-sub-mismatch',
  'as-accepts-replayed-jti',
  'as-accepts-alg-none',
  'as-accepts-wrong-grant-type',
  'as-accepts-missing-assertion-type',
  'as-grants-unrequested-scope',
  'as-omits-expires-in',
  'as-accepts-hs256',
] as const;

/** Assignment and Grade Services. */
export const AGS_FLAWS = [
  'ags-container-no-next-link',
  'ags-ignores-resource-link-filter',
  'ags-create-returns-200',
  'ags-create-alters-tag',
  'ags-accepts-blank-label',
  'ags-accepts-foreign-resource-link',
  'ags-put-changes-id',
  'ags-delete-keeps-item',
  'ags-results-wrong-media-type',
  'ags-container-wrong-media-type',
  'ags-accepts-score-without-user-id',
  'ags-context-leak',
  'ags-no-auth',
] as const;

/** Names and Role Provisioning Services. */
export const NRPS_FLAWS = ['nrps-no-status-enum', 'nrps-no-next-link', 'nrps-ignores-role-filter', 'nrps-no-auth'] as const;

/** The deep linking return endpoint. */
export const DL_FLAWS = [
  'dl-accepts-bad-signature',
  'dl-accepts-wrong-aud',
  'dl-accepts-replayed-nonce',
  'dl-accepts-changed-data',
  'dl-accepts-wrong-message-type',
  'dl-accepts-wrong-iss',
  'dl-accepts-expired',
  'dl-accepts-unknown-kid',
  'dl-accepts-wrong-deployment-id',
  'dl-link-ignores-item-url',
  'dl-link-drops-item-custom',
] as const;

/** LTI Dynamic Registration: the OpenID configuration and the registration endpoint. */
export const REGISTRATION_FLAWS = [
  'dr-config-omits-registration-endpoint',
  'dr-config-omits-platform-configuration',
  'dr-omits-client-id',
  'dr-accepts-missing-token',
  'dr-accepts-wrong-token',
  'dr-accepts-missing-redirect-uris',
  'dr-accepts-missing-jwks-uri',
  'dr-errors-as-html-500',
] as const;

/** Submission review launches. */
export const SUBMISSION_REVIEW_FLAWS = ['sr-omits-for-user', 'sr-omits-lineitem'] as const;

/** The lti1p1 migration claim. */
export const MIGRATION_FLAWS = ['lti1p1-wrong-sign', 'lti1p1-omits-claim'] as const;

export type PlatformFlaw =
  | (typeof AUTH_FLAWS)[number]
  | (typeof MESSAGE_FLAWS)[number]
  | (typeof AS_FLAWS)[number]
  | (typeof AGS_FLAWS)[number]
  | (typeof NRPS_FLAWS)[number]
  | (typeof DL_FLAWS)[number]
  | (typeof REGISTRATION_FLAWS)[number]
  | (typeof SUBMISSION_REVIEW_FLAWS)[number]
  | (typeof MIGRATION_FLAWS)[number];

export const PLATFORM_FLAWS: readonly PlatformFlaw[] = [
  ...AUTH_FLAWS,
  ...MESSAGE_FLAWS,
  ...AS_FLAWS,
  ...AGS_FLAWS,
  ...NRPS_FLAWS,
  ...DL_FLAWS,
  ...REGISTRATION_FLAWS,
  ...SUBMISSION_REVIEW_FLAWS,
  ...MIGRATION_FLAWS,
];

/** Read-only view used by the handlers: `flaws.has('token-expired')`. */
export type FlawSet = ReadonlySet<PlatformFlaw>;

export function flawSet(flaws: readonly PlatformFlaw[] | undefined): FlawSet {
  const set = new Set<PlatformFlaw>();
  for (const f of flaws ?? []) {
    if (!PLATFORM_FLAWS.includes(f)) throw new Error(`unknown reference platform flaw: ${String(f)}`);
    set.add(f);
  }
  return set;
}
