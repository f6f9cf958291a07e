/** Typed view of schema/config.schema.json after substitution, validation and defaults. */

export type Profile = 'certification' | 'spec';

/** The target is a tool; we emulate the platform. */
export interface ToolTargetConfig {
  kind: 'tool';
  name?: string;
  clientId: string;
  deploymentId: string;
  /** Extra deployments besides `deploymentId`. */
  deploymentIds?: string[];
  loginInitiationUrl: string;
  targetLinkUri: string;
  redirectUris: string[];
  jwksUrl?: string;
  deepLinkingUrl?: string;
  /** Where the tool takes LtiSubmissionReviewRequest launches; without it SR scenarios are skipped. */
  submissionReviewUrl?: string;
  lti11?: Lti11ToolConfig;
}

/** The tool is registered through its Dynamic Registration initiation URL: no hand-copied values. */
export interface DynamicToolTargetConfig {
  kind: 'tool';
  name?: string;
  registrationUrl: string;
  submissionReviewUrl?: string;
  lti11?: Lti11ToolConfig;
}

/** The LTI 1.1 installation a tool migrates from: we sign the lti1p1 claim with it. */
export interface Lti11ToolConfig {
  consumerKey: string;
  secret: string;
  /** A landing page matching this shows the tool linked the launch to the 1.1 account. */
  linkedWhen?: { bodyMatches: string };
}

/** The 1.1 key and secret a platform used before 1.3: its lti1p1 claim is verified with them. */
export interface Lti11PlatformConfig {
  consumerKey?: string;
  secret: string;
}

export interface PlatformServicesConfig {
  lineItemsUrl?: string;
  lineItemUrl?: string;
  membershipsUrl?: string;
  /** A resource link of this tool in that course, for filters and line item creation. */
  resourceLinkId?: string;
  /** Line item container of a second course (context isolation). */
  otherLineItemsUrl?: string;
  /** A learner of that course, to post scores for. */
  learnerUserId?: string;
}

/** The target is a platform; we emulate the tool. */
export interface PlatformTargetConfig {
  kind: 'platform';
  name?: string;
  issuer: string;
  /** The client id the platform gave our emulated tool. */
  clientId: string;
  deploymentId: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** The aud of our client assertions when it is not tokenUrl (an OpenID configuration's authorization_server). */
  authorizationServer?: string;
  jwksUrl: string;
  services?: PlatformServicesConfig;
  lti11?: Lti11PlatformConfig;
}

/** How we register with a platform by Dynamic Registration. */
export interface PlatformRegistrationConfig {
  /** Without it, `triggers.register` makes the platform open our registration initiation URL. */
  openidConfigurationUrl?: string;
  registrationToken?: string;
}

/** We register our tool with the platform by Dynamic Registration and run the suite on what we got. */
export interface DynamicPlatformTargetConfig {
  kind: 'platform';
  name?: string;
  registration: PlatformRegistrationConfig;
  services?: PlatformServicesConfig;
  lti11?: Lti11PlatformConfig;
}

export type TargetConfig = ToolTargetConfig | DynamicToolTargetConfig | PlatformTargetConfig | DynamicPlatformTargetConfig;

export const isDynamicTool = (t: TargetConfig): t is DynamicToolTargetConfig => t.kind === 'tool' && 'registrationUrl' in t;
export const isDynamicPlatform = (t: TargetConfig): t is DynamicPlatformTargetConfig => t.kind === 'platform' && 'registration' in t;

export interface EmulatorConfig {
  host: string;
  port: number;
  publicUrl?: string;
  /** Absolute: resolved against the config file's folder (else cwd). */
  keyFile: string;
  issuer?: string;
}

/** A launch outcome rule; `status` is parsed with parseStatusMatcher. */
export interface StatusMatcher {
  status: string;
  /** Regular expression source (no flags); known to compile. */
  bodyMatches?: string;
}

export interface LaunchConfig {
  acceptWhen: StatusMatcher;
  rejectWhen: StatusMatcher;
}

export type HttpTriggerMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface HttpTriggerRequest {
  method: HttpTriggerMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Normalised: the schema's bare `manual` becomes `{ kind: 'manual' }`. */
export type TriggerConfig =
  | { kind: 'manual'; timeoutMs?: number }
  | { kind: 'http'; http: HttpTriggerRequest; timeoutMs?: number }
  | { kind: 'command'; command: string; timeoutMs?: number };

export interface Config {
  target: TargetConfig;
  emulator: EmulatorConfig;
  launch: LaunchConfig;
  triggers: Record<string, TriggerConfig>;
  profile?: Profile;
  /** Per-step timeout; `--timeout` overrides it. */
  timeoutMs?: number;
}
