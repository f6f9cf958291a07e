// Runs `/bin/sh -c` in its own process group, keeps the output's tail, and kills the whole group on stop.
import { spawn } from 'node:child_process';

export const MAX_OUTPUT_BYTES = 64 * 1024;
export const KILL_GRACE_MS = 2000;
/** After the shell exits, how long to wait for background children to release stdout/stderr. */
const CLOSE_GRACE_MS = 250;

export interface ExecOptions {
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface ExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they arrived; at most the last MAX_OUTPUT_BYTES. */
  output: string;
  /** Bytes dropped from the front of the output. */
  droppedBytes: number;
  /** stdout alone (a command may print a result there); at most the last MAX_OUTPUT_BYTES. */
  stdout: string;
  durationMs: number;
  stopped?: 'timeout' | 'abort';
}

/** Keeps the last `cap` bytes written to it. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  dropped = 0;
  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.chunks.length > 1 && this.size - (this.chunks[0]?.length ?? 0) >= this.cap) {
      const first = this.chunks.shift() as Buffer;
      this.size -= first.length;
      this.dropped += first.length;
    }
  }

  text(): { text: string; dropped: number } {
    const all = Buffer.concat(this.chunks);
    const extra = Math.max(0, all.length - this.cap);
    return { text: all.subarray(extra).toString('utf8'), dropped: this.dropped + extra };
  }
}

export function execShell(command: string, opts: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: process.cwd(),
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so a stop reaches the command's children too
    });
    const out = new TailBuffer(MAX_OUTPUT_BYTES);
    const stdout = new TailBuffer(MAX_OUTPUT_BYTES);
    child.stdout.on('data', (c: Buffer) => {
      out.push(c);
      stdout.push(c);
    });
    child.stderr.on('data', (c: Buffer) => out.push(c));

    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let stopped: ExecResult['stopped'];
    let closed = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const cleanup = (): void => {
      settled = true;
      for (const t of timers) clearTimeout(t);
      opts.signal.removeEventListener('abort', onAbort);
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const finish = (): void => {
      if (settled) return;
      cleanup();
      const { text, dropped } = out.text();
      resolve({
        code: exit?.code ?? null, signal: exit?.signal ?? null, output: text, droppedBytes: dropped, stdout: stdout.text().text,
        durationMs: Math.round(performance.now() - started), ...(stopped ? { stopped } : {}),
      });
    };
    const killGroup = (sig: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // the group is already gone
      }
    };
    const stop = (why: 'timeout' | 'abort'): void => {
      if (stopped || settled || exit) return;
      stopped = why;
      killGroup('SIGTERM');
      timers.push(setTimeout(() => {
        if (!closed) killGroup('SIGKILL');
        timers.push(setTimeout(finish, CLOSE_GRACE_MS));
      }, KILL_GRACE_MS));
    };
    const onAbort = (): void => stop('abort');

    opts.signal.addEventListener('abort', onAbort, { once: true });
    timers.push(setTimeout(() => stop('timeout'), opts.timeoutMs));
    child.on('error', (e) => {
      if (settled) return;
      cleanup();
      reject(e);
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // A background child may keep the pipes open: do not wait for it (it is left running).
      if (!stopped) timers.push(setTimeout(finish, CLOSE_GRACE_MS));
    });
    child.on('close', () => {
      closed = true;
      finish();
    });
    if (opts.signal.aborted) stop('abort');
  });
}
