import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig } from '../../../src/config/load.js';
import { TOOL_TARGET, configError, tempTree } from './helpers.js';

describe('findConfigFile', () => {
  it('finds a file in the start folder', async () => {
    const root = await tempTree({ '.git/HEAD': '', 'lti-conform.config.yml': 'x: 1' });
    expect(await findConfigFile(root)).toBe(join(root, 'lti-conform.config.yml'));
  });

  it('searches upward and stops at the folder holding .git (inclusive)', async () => {
    const root = await tempTree({
      'lti-conform.config.json': '{}', // above the repository: must not be found
      'repo/.git/HEAD': '',
      'repo/lti-conform.config.yaml': 'x: 1',
      'repo/a/b/c/.keep': '',
      'other/.git': 'gitdir: elsewhere', // worktrees and submodules have a .git file
      'other/a/.keep': '',
    });
    expect(await findConfigFile(join(root, 'repo/a/b/c'))).toBe(join(root, 'repo/lti-conform.config.yaml'));
    expect(await findConfigFile(join(root, 'other/a'))).toBeUndefined();
  });

  it('prefers the nearest file', async () => {
    const root = await tempTree({ '.git/HEAD': '', 'lti-conform.config.yaml': '', 'a/lti-conform.config.json': '{}' });
    expect(await findConfigFile(join(root, 'a'))).toBe(join(root, 'a/lti-conform.config.json'));
  });

  it('refuses to guess between two files in one folder', async () => {
    const root = await tempTree({ '.git/HEAD': '', 'lti-conform.config.yaml': '', 'lti-conform.config.json': '{}' });
    const err = await configError(() => findConfigFile(root));
    expect(err.message).toContain('lti-conform.config.json, lti-conform.config.yaml');
  });

  it('is used by loadConfig when no path is given', async () => {
    const root = await tempTree({ '.git/HEAD': '', 'lti-conform.config.json': { target: TOOL_TARGET }, 'sub/.keep': '' });
    const { path, config } = await loadConfig({ cwd: join(root, 'sub'), env: {} });
    expect(path).toBe(join(root, 'lti-conform.config.json'));
    expect(config.emulator.keyFile).toBe(join(root, '.lti-conform/keys.json'));
  });
});
