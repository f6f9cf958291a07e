import { execFile } from 'node:child_process';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'lti-conform.js');
const ENTRY = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const SOURCES = ['src', 'suites', 'package.json', 'tsconfig.build.json', 'tsconfig.json'];
const LOCK = join(tmpdir(), `lti-conform-e2e-build-${Buffer.from(ROOT).toString('base64url').slice(-24)}.lock`);

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  const names = await readdir(path);
  const times = await Promise.all(names.map((n) => newestMtime(join(path, n))));
  return Math.max(s.mtimeMs, ...times);
}

async function isFresh(): Promise<boolean> {
  const built = await stat(ENTRY).catch(() => undefined);
  if (!built) return false;
  const times = await Promise.all(SOURCES.map((p) => newestMtime(join(ROOT, p))));
  return Math.max(...times) <= built.mtimeMs;
}

/** One build at a time across vitest's worker processes (mkdir is atomic); a stale lock expires. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const age = Date.now() - ((await stat(LOCK).catch(() => undefined))?.mtimeMs ?? Date.now());
      if (age > 120_000) await rmdir(LOCK).catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${LOCK}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}

/** Runs `npm run build` unless dist is newer than every source; e2e tests spawn the compiled CLI. */
export async function ensureBuilt(): Promise<void> {
  if (await isFresh()) return;
  await withLock(async () => {
    if (await isFresh()) return;
    try {
      await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 });
    } catch (e) {
      const out = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`npm run build failed:\n${out.stdout ?? ''}${out.stderr ?? ''}${out.message}`, { cause: e });
    }
  });
}
