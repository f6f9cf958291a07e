import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { HarnessError } from '../core/errors.js';
import { configSchema, configValidator } from './ajv.js';
import { ConfigError, issuesFromAjv, type ConfigIssue, type KindKeys } from './issues.js';
import { readConfigFile } from './parse.js';
import { isValidStatusMatcher, STATUS_MATCHER_SYNTAX } from './status-matcher.js';
import { substituteEnv, type Env } from './substitute.js';
import type { Config, EmulatorConfig, LaunchConfig, TriggerConfig } from './types.js';

export const CONFIG_FILE_NAMES = ['lti-conform.config.json', 'lti-conform.config.yaml', 'lti-conform.config.yml'];

/** Kept equal to the schema's `default`s (a unit test checks). */
export const CONFIG_DEFAULTS = {
  emulator: { host: '127.0.0.1', port: 9400, keyFile: '.lti-conform/keys.json' },
  launch: { acceptWhen: { status: '2xx' }, rejectWhen: { status: '>=400' } },
} as const;

/**
 * Search upward from startDir for lti-conform.config.json|yaml|yml, stopping at (and including) the folder
 * that holds `.git` (a folder, or a file in worktrees and submodules), else at the filesystem root.
 */
export async function findConfigFile(startDir: string): Promise<string | undefined> {
  let dir = resolve(startDir);
  for (;;) {
    const entries = new Set(await readdir(dir).catch(() => [] as string[]));
    const found = CONFIG_FILE_NAMES.filter((n) => entries.has(n));
    if (found.length > 1) {
      throw new HarnessError(
        'ERR_CONFIG_INVALID',
        `More than one configuration file in ${dir}: ${found.join(', ')}`,
        'Keep one, or pass --config <file>.',
      );
    }
    if (found[0] !== undefined) return join(dir, found[0]);
    const parent = dirname(dir);
    if (entries.has('.git') || parent === dir) return undefined;
    dir = parent;
  }
}

function kindKeys(): KindKeys {
  const defs = configSchema().definitions as Record<string, { properties: Record<string, unknown> }>;
  const keys = (d: string): string[] => Object.keys(defs[d]?.properties ?? {});
  return { tool: keys('toolTarget'), platform: keys('platformTarget') };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Dynamic Registration with a platform needs its configuration URL, or a trigger that makes it open ours. */
function registrationIssues(data: unknown): ConfigIssue[] {
  const target = isObject(data) ? data.target : undefined;
  const reg = isObject(target) && target.kind === 'platform' ? target.registration : undefined;
  if (!isObject(reg) || reg.openidConfigurationUrl !== undefined) return [];
  const triggers = isObject(data) ? data.triggers : undefined;
  if (isObject(triggers) && triggers.register !== undefined) return [];
  return [{ path: 'target.registration.openidConfigurationUrl', message: 'is required unless triggers.register makes the platform open our registration URL ({{tool.registration_url}})' }];
}

/** Checks JSON Schema cannot express: status matcher syntax and that bodyMatches compiles. */
function semanticIssues(data: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [...registrationIssues(data)];
  const launch = isObject(data) ? data.launch : undefined;
  if (!isObject(launch)) return issues;
  for (const rule of ['acceptWhen', 'rejectWhen'] as const) {
    const m = launch[rule];
    if (!isObject(m)) continue;
    if (typeof m.status === 'string' && m.status !== '' && !isValidStatusMatcher(m.status)) {
      issues.push({ path: `launch.${rule}.status`, message: `must be a status matcher like ${STATUS_MATCHER_SYNTAX}` });
    }
    if (typeof m.bodyMatches === 'string') {
      try {
        new RegExp(m.bodyMatches);
      } catch (e) {
        // The engine's reason names the problem ("Unterminated group") and quotes the pattern: drop the quote.
        const reason = (e as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
        issues.push({ path: `launch.${rule}.bodyMatches`, message: `must be a valid regular expression (${reason})` });
      }
    }
  }
  return issues;
}

function normaliseTrigger(raw: unknown): TriggerConfig {
  if (raw === 'manual') return { kind: 'manual' };
  const t = raw as { manual?: true; http?: unknown; command?: string; timeoutMs?: number };
  const timeout = t.timeoutMs === undefined ? {} : { timeoutMs: t.timeoutMs };
  if (t.command !== undefined) return { kind: 'command', command: t.command, ...timeout };
  if (t.http !== undefined) return { kind: 'http', http: t.http as Extract<TriggerConfig, { kind: 'http' }>['http'], ...timeout };
  return { kind: 'manual', ...timeout };
}

interface RawConfig {
  target: Config['target'];
  emulator?: Partial<EmulatorConfig>;
  launch?: Partial<LaunchConfig>;
  triggers?: Record<string, unknown>;
  profile?: Config['profile'];
  timeoutMs?: number;
}

export interface ResolveOptions {
  env: Env;
  /** Relative paths (emulator.keyFile) resolve against this folder. */
  baseDir: string;
  /** Named in error messages, usually the file path. */
  source?: string;
}

/** Substitute, validate and default an already-parsed config object. */
export function resolveConfig(parsed: unknown, opts: ResolveOptions): Config {
  const data = substituteEnv(parsed, opts.env, opts.source);
  const validate = configValidator();
  const valid = validate(data); // coerces scalars in place ("9400" -> 9400)
  const issues = [...(valid ? [] : issuesFromAjv(validate.errors ?? [], kindKeys())), ...semanticIssues(data)];
  if (issues.length > 0) throw new ConfigError(issues, opts.source);
  const raw = data as RawConfig;
  const d = CONFIG_DEFAULTS;
  const emulator: EmulatorConfig = { ...d.emulator, ...raw.emulator };
  emulator.keyFile = resolve(opts.baseDir, emulator.keyFile);
  const config: Config = {
    target: raw.target,
    emulator,
    launch: { acceptWhen: { ...d.launch.acceptWhen }, rejectWhen: { ...d.launch.rejectWhen }, ...raw.launch },
    triggers: Object.fromEntries(Object.entries(raw.triggers ?? {}).map(([k, v]) => [k, normaliseTrigger(v)])),
  };
  if (raw.profile !== undefined) config.profile = raw.profile;
  if (raw.timeoutMs !== undefined) config.timeoutMs = raw.timeoutMs;
  return config;
}

export interface LoadConfigOptions {
  /** Explicit file (`--config`), relative to cwd; otherwise searched upward from cwd. */
  path?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Find (or take), read, parse, substitute, validate and default the configuration. */
export async function loadConfig(opts: LoadConfigOptions): Promise<{ config: Config; path: string | undefined }> {
  const file = opts.path === undefined ? await findConfigFile(opts.cwd) : resolve(opts.cwd, opts.path);
  if (file === undefined) {
    throw new HarnessError(
      'ERR_CONFIG_INVALID',
      `No configuration file found: looked for ${CONFIG_FILE_NAMES.join(', ')} from ${resolve(opts.cwd)} upward`,
      'Create lti-conform.config.yaml (schema: schema/config.schema.json) or pass --config <file>.',
    );
  }
  const parsed = await readConfigFile(file);
  const config = resolveConfig(parsed, { env: opts.env, baseDir: dirname(file), source: file });
  return { config, path: file };
}
