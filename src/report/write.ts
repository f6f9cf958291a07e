import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** A report could not be written; the CLI maps this to exit code 3. */
export class ReportWriteError extends Error {
  readonly code = 'ERR_REPORT_WRITE';
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Cannot write report to ${path === '-' ? 'stdout' : path}: ${reason}`, options);
    this.name = 'ReportWriteError';
  }
}

export interface WritableLike {
  write(chunk: string, cb: (err?: Error | null) => void): unknown;
}

/** Writes a report file, creating parent folders; `-` means stdout. Resolves once the bytes are handed off. */
export async function writeReport(path: string, content: string, stdout: WritableLike = process.stdout): Promise<void> {
  if (path === '-') {
    await new Promise<void>((ok, fail) => {
      try {
        stdout.write(content, (err) => (err ? fail(new ReportWriteError(path, err.message, { cause: err })) : ok()));
      } catch (e) {
        fail(new ReportWriteError(path, e instanceof Error ? e.message : String(e), { cause: e }));
      }
    });
    return;
  }
  if (!path.trim()) throw new ReportWriteError(path, 'empty path');
  const full = resolve(path);
  try {
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content, 'utf8');
  } catch (e) {
    throw new ReportWriteError(path, e instanceof Error ? e.message : String(e), { cause: e });
  }
}
