// Switchable defects. Each flaw turns off (or, for the positive-side ones, turns on) exactly one named
// rule or behaviour of the reference tool, so a self-test can prove that the scenario aimed at it catches it.

export const LOGIN_FLAWS = [
  'login-accepts-missing-iss',
  'login-accepts-missing-login-hint',
  'login-accepts-missing-target-link-uri',
  'login-accepts-unknown-issuer',
  'login-accepts-unknown-client-id',
  'login-refuses-post',
  'login-drops-message-hint',
  'login-omits-prompt',
] as const;

export const LAUNCH_FLAWS = [
  'launch-accepts-missing-kid',
  'launch-accepts-unknown-kid',
  'launch-skips-signature',
  'launch-accepts-alg-none',
  'launch-accepts-hs256',
  'launch-ignores-exp',
  'launch-accepts-missing-exp',
  'launch-accepts-missing-iat',
  'launch-ignores-nbf',
  'launch-ignores-iss',
  'launch-ignores-aud',
  'launch-trusts-extra-aud',
  'launch-ignores-azp',
  'launch-accepts-missing-nonce',
  'launch-ignores-nonce-mismatch',
  'launch-allows-replay',
  'launch-ignores-state',
  'launch-accepts-any-version',
  'launch-accepts-missing-version',
  'launch-accepts-missing-message-type',
  'launch-accepts-unknown-message-type',
  'launch-accepts-missing-deployment-id',
  'launch-accepts-unknown-deployment-id',
  'launch-accepts-missing-roles',
  'launch-accepts-missing-resource-link',
  'launch-accepts-empty-resource-link-id',
  'launch-accepts-empty-sub',
  'launch-accepts-missing-sub',
  'launch-accepts-non-lti-payload',
  'launch-accepts-missing-core-claims',
  'launch-treats-error-as-launch',
  'launch-lands-on-login-target',
] as const;

/** Flaws that make a valid variant fail (the tool is too strict). */
export const POSITIVE_SIDE_FLAWS = [
  'launch-requires-context',
  'launch-requires-full-role-uris',
  'launch-refuses-unknown-roles',
  'launch-requires-name',
  'launch-refuses-unknown-claims',
  'launch-requires-string-aud',
] as const;

/** Deep linking responses, service calls (token, AGS, NRPS) and platform key handling. */
export const SERVICE_FLAWS = [
  'dl-omits-data',
  'dl-wrong-aud',
  'dl-ignores-accept-multiple',
  'dl-ignores-accept-types',
  'dl-accepts-missing-settings',
  'dl-accepts-missing-return-url',
  'dl-unsigned-kid',
  'score-timestamp-without-zone',
  'score-wrong-user-id',
  'score-drops-line-item-query',
  'lineitems-first-page-only',
  'lineitems-rebuilds-next-url',
  'lineitem-blank-label',
  'results-wrong-accept',
  'roster-first-page-only',
  'nrps-wrong-accept',
  'token-reuses-jti',
  'token-never-renews',
  'token-long-lived-assertion',
  'jwks-cached-forever',
] as const;

/** Submission review launches: the two refusals it should make, and refusing the review itself. */
export const SUBMISSION_REVIEW_FLAWS = [
  'sr-accepts-missing-for-user',
  'sr-accepts-missing-lineitem',
  'sr-refuses-review',
] as const;

/** The lti1p1 migration claim. */
export const MIGRATION_FLAWS = ['migration-ignores-sign'] as const;

/** Dynamic Registration: one flaw per judged registration behaviour. */
export const REGISTRATION_FLAWS = [
  'registration-ignores-issuer-mismatch',
  'registration-omits-bearer-token',
  'registration-omits-jwks-uri',
  'registration-requests-unsupported-scope',
  'registration-never-closes',
  'registration-crashes-on-error',
  'registration-closes-on-error',
] as const;

export type ToolFlaw =
  | (typeof LOGIN_FLAWS)[number]
  | (typeof LAUNCH_FLAWS)[number]
  | (typeof POSITIVE_SIDE_FLAWS)[number]
  | (typeof SERVICE_FLAWS)[number]
  | (typeof REGISTRATION_FLAWS)[number]
  | (typeof SUBMISSION_REVIEW_FLAWS)[number]
  | (typeof MIGRATION_FLAWS)[number];

export const TOOL_FLAWS: readonly ToolFlaw[] = [
  ...LOGIN_FLAWS,
  ...LAUNCH_FLAWS,
  ...POSITIVE_SIDE_FLAWS,
  ...SERVICE_FLAWS,
  ...REGISTRATION_FLAWS,
  ...SUBMISSION_REVIEW_FLAWS,
  ...MIGRATION_FLAWS,
];

/** Read-only view used by the handlers: `flaws.has('launch-ignores-exp')`. */
export type FlawSet = ReadonlySet<ToolFlaw>;

export function flawSet(flaws: readonly ToolFlaw[] | undefined): FlawSet {
  const set = new Set<ToolFlaw>();
  for (const f of flaws ?? []) {
    if (!TOOL_FLAWS.includes(f)) throw new Error(`unknown reference tool flaw: ${String(f)}`);
    set.add(f);
  }
  return set;
}
