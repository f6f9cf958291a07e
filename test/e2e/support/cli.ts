import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT } from './build.js';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time from spawn to exit. */
  ms: number;
}

export interface CliOptions {
  cwd?: string;
  /** Merged over a clean copy of the environment (undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /** The child is killed (SIGKILL) after this long, so no test can hang. */
  killAfterMs?: number;
}

/** Variables that would change colour or debug output between machines. */
const NOISY = ['FORCE_COLOR', 'NO_COLOR', 'LTI_CONFORM_DEBUG', 'TERM', 'CI', 'GITHUB_ACTIONS'];

function childEnv(extra: CliOptions['env'] = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of NOISY) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Starts `node bin/lti-conform.js ...args` and collects its output (async: in-test servers keep serving). */
export function spawnCli(args: string[], opts: CliOptions = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: childEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? 60_000);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
  return { child, done };
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return spawnCli(args, opts).done;
}

/** Lines that look like a JavaScript stack frame. */
export function stackLines(text: string): string[] {
  return text.split('\n').filter((l) => /^\s{4}at /.test(l) || /^\s+at .+\(.+:\d+:\d+\)$/.test(l));
}

// eslint-disable-next-line no-control-regex
export const ANSI_ESCAPE = /\u001b/;
