import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportWriteError, writeReport } from '../../../src/report/write.js';

describe('writeReport', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lti-conform-report-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes a file, creating parent folders', async () => {
    const path = join(dir, 'a', 'b', 'report.json');
    await writeReport(path, '{"ok":true}\n');
    expect(await readFile(path, 'utf8')).toBe('{"ok":true}\n');
  });

  it('"-" writes to stdout', async () => {
    let got = '';
    await writeReport('-', 'hello', { write: (s: string, cb: (e?: Error | null) => void) => ((got += s), cb()) });
    expect(got).toBe('hello');
  });

  it('a failing stdout becomes a ReportWriteError', async () => {
    const broken = { write: (_s: string, cb: (e?: Error | null) => void) => cb(new Error('EPIPE')) };
    await expect(writeReport('-', 'x', broken)).rejects.toThrow(/Cannot write report to stdout: EPIPE/);
  });

  it('an unwritable path throws a clear error naming the path', async () => {
    const file = join(dir, 'plain-file');
    await writeFile(file, 'x');
    const target = join(file, 'report.xml'); // a file where a folder should be
    const err = await writeReport(target, '<x/>').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportWriteError);
    expect((err as ReportWriteError).code).toBe('ERR_REPORT_WRITE');
    expect((err as Error).message).toContain(`Cannot write report to ${target}`);
  });

  it('an empty path is refused', async () => {
    await expect(writeReport('', 'x')).rejects.toBeInstanceOf(ReportWriteError);
  });
});
