export { findConfigFile, loadConfig, resolveConfig, CONFIG_DEFAULTS, CONFIG_FILE_NAMES } from './load.js';
export type { LoadConfigOptions, ResolveOptions } from './load.js';
export { substituteEnv, type Env } from './substitute.js';
export { parseStatusMatcher, describeStatusMatcher, isValidStatusMatcher, type StatusPredicate } from './status-matcher.js';
export { ConfigError, type ConfigIssue } from './issues.js';
export { configSchemaPath } from './ajv.js';
export type * from './types.js';
