import { describe, expect, it } from 'vitest';
import { runTrigger } from '../../../src/actions/triggers/index.js';
import { ScenarioSkipped } from '../../../src/core/errors.js';
import { harnessError, makeCtx } from './helpers.js';

describe('runTrigger', () => {
  it('skips the scenario when the trigger is not configured', async () => {
    const p = runTrigger(undefined, makeCtx({ name: 'roster' }));
    await expect(p).rejects.toBeInstanceOf(ScenarioSkipped);
    await expect(p).rejects.toMatchObject({ reason: 'no trigger configured (triggers.roster)' });
  });
});

describe('manual trigger', () => {
  it('announces the templated instructions with the trigger name and the wait', async () => {
    const ctx = makeCtx({ instructions: 'Post a score for {{launch.sub}} in the tool.', timeoutMs: 90_000 });
    expect(await runTrigger({ kind: 'manual' }, ctx)).toEqual({ kind: 'manual' });
    expect(ctx.announced).toHaveLength(1);
    expect(ctx.announced[0]).toContain('triggers.grade');
    expect(ctx.announced[0]).toContain('Post a score for user-1 in the tool.');
    expect(ctx.announced[0]).toContain('90 s');
  });

  it("prefers the trigger's own timeout", async () => {
    const ctx = makeCtx({ instructions: 'Go.', timeoutMs: 90_000 });
    await runTrigger({ kind: 'manual', timeoutMs: 300_000 }, ctx);
    expect(ctx.announced[0]).toContain('5 min');
  });

  it('refuses an unknown variable in the instructions', async () => {
    const ctx = makeCtx({ instructions: 'Grade {{who}}' });
    expect((await harnessError(runTrigger({ kind: 'manual' }, ctx))).message).toBe('unknown template variable {{who}} in triggers.grade');
    expect(ctx.announced).toEqual([]);
  });
});
