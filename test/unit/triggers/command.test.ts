import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTrigger } from '../../../src/actions/triggers/index.js';
import { command, harnessError, makeCtx } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'lti-conform-trigger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const outFile = (): string => join(dir, `out-${++n}`);

/** Alive and not a zombie (PID 1 in a container may never reap). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('command trigger', () => {
  it('runs the templated command in the current folder and records it', async () => {
    const out = outFile();
    const ctx = makeCtx({ vars: { 'launch.sub': 'user-1', out } });
    expect(await runTrigger(command('echo hello {{launch.sub}}; pwd > {{out}}'), ctx)).toEqual({ kind: 'done', detail: 'exit 0' });
    expect(readFileSync(out, 'utf8').trim()).toBe(process.cwd());
    const [x] = ctx.evidence.snapshot().exchanges;
    expect(x).toMatchObject({ method: 'EXEC', status: 0, responseBody: 'hello user-1\n' });
    expect(x?.url).toBe(`command:echo hello 'user-1'; pwd > '${out}'`.slice(0, 108));
    expect(x?.requestBody).toBe(`echo hello 'user-1'; pwd > '${out}'`);
    expect(x?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes a hostile value literally (single-quoted)', async () => {
    const out = outFile();
    const hostile = `x'; rm -rf / ; echo "$HOME" \`id\` $(id) \\ '`;
    await runTrigger(command('printf %s {{x}} > {{out}}'), makeCtx({ vars: { x: hostile, out } }));
    expect(readFileSync(out, 'utf8')).toBe(hostile);
  });

  it('sets every variable as LTI_CONFORM_<NAME> in the environment', async () => {
    const out = outFile();
    const vars = { 'launch.sub': `a'b "c"`, 'ags.lineitem': 'https://t.example/li', out };
    await runTrigger(command('printf "%s|%s" "$LTI_CONFORM_LAUNCH_SUB" "$LTI_CONFORM_AGS_LINEITEM" > "$LTI_CONFORM_OUT"'), makeCtx({ vars }));
    expect(readFileSync(out, 'utf8')).toBe(`a'b "c"|https://t.example/li`);
  });

  it('fails on a non-zero exit with the last 10 lines of output', async () => {
    const ctx = makeCtx();
    const e = await harnessError(runTrigger(command('i=1; while [ $i -le 20 ]; do echo line$i; i=$((i+1)); done; exit 3'), ctx));
    expect(e.code).toBe('ERR_TRIGGER_FAILED');
    expect(e.message).toBe('triggers.grade: command exited with 3');
    expect(e.hint).toContain('line11\nline12');
    expect(e.hint).toMatch(/line20$/);
    expect(e.hint).not.toContain('line10\n');
    expect(ctx.evidence.snapshot().exchanges[0]).toMatchObject({ method: 'EXEC', status: 3 });
  });

  it('captures stderr too', async () => {
    const e = await harnessError(runTrigger(command('echo oops >&2; exit 1'), makeCtx()));
    expect(e.hint).toContain('oops');
  });

  it('keeps the tail of a large output', async () => {
    const ctx = makeCtx();
    await runTrigger(command(`head -c 200000 /dev/zero | tr '\\0' a; echo; echo END`), ctx);
    const body = ctx.evidence.snapshot().exchanges[0]?.responseBody ?? '';
    expect(body.startsWith('…')).toBe(true);
    expect(body.endsWith('aaa\nEND\n')).toBe(true);
  });

  it('kills the command and its children on timeout', async () => {
    const pidFile = outFile();
    const ctx = makeCtx({ vars: { pidFile } });
    const started = Date.now();
    const e = await harnessError(runTrigger(command(`echo starting; sh -c 'sleep 30 & echo $! > "$LTI_CONFORM_PIDFILE"; wait'`, 300), ctx));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(e.code).toBe('ERR_TIMEOUT');
    expect(e.message).toBe('triggers.grade: command still running after 300 ms');
    expect(e.hint).toContain('starting');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(false);
    expect(ctx.evidence.snapshot().exchanges[0]?.error).toMatch(/still running after 300 ms/);
  });

  it('follows SIGTERM with SIGKILL when the command ignores it', async () => {
    const pidFile = outFile();
    const started = Date.now();
    const e = await harnessError(runTrigger(command(`trap '' TERM; sleep 30 & echo $! > {{pidFile}}; wait`, 300), makeCtx({ vars: { pidFile } })));
    expect(e.code).toBe('ERR_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(3500);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(false);
  });

  it('stops on abort', async () => {
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 200);
    const e = await harnessError(runTrigger(command('sleep 30'), makeCtx({ signal: ac.signal, timeoutMs: 20_000 })));
    expect(e.code).toBe('ERR_TIMEOUT');
    expect(e.message).toBe('triggers.grade: command aborted');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('does not start when already aborted', async () => {
    const out = outFile();
    const e = await harnessError(runTrigger(command('touch {{out}}'), makeCtx({ signal: AbortSignal.abort(), vars: { out } })));
    expect(e.message).toMatch(/aborted before the command started/);
    expect(() => readFileSync(out)).toThrow();
  });

  it('does not wait for a background child that outlives the shell', async () => {
    const pidFile = outFile();
    const started = Date.now();
    await runTrigger(command('sleep 5 & echo $! > {{pidFile}}; exit 0'), makeCtx({ vars: { pidFile } }));
    expect(Date.now() - started).toBeLessThan(2000);
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
  });
});
