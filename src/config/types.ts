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
  jwksUrl: string;
  services?: PlatformServicesConfig;
}

export type TargetConfig = ToolTargetConfig | PlatformTargetConfig;

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
