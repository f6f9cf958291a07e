import { afterEach, beforeAll, beforeEach } from 'vitest';
import { ensureBuilt } from './build.js';
import { workspace, type Workspace } from './targets.js';

/**
 * The hooks every CLI e2e file needs: the CLI built once, and a fresh workspace (its own folder with a
 * `.git`, so config search stops there) per test, removed after it. Call at the top of the file.
 */
export function useCliWorkspace(): () => Workspace {
  let ws: Workspace | undefined;
  beforeAll(async () => {
    await ensureBuilt();
  }, 240_000);
  beforeEach(async () => {
    ws = await workspace();
  });
  afterEach(async () => {
    await ws?.remove();
    ws = undefined;
  });
  return () => {
    if (!ws) throw new Error('the workspace exists only while a test runs');
    return ws;
  };
}
