import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HarnessError } from '../../../src/core/errors.js';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/config');

export const TOOL_TARGET = {
  kind: 'tool',
  clientId: 'tool-123',
  deploymentId: 'deploy-1',
  loginInitiationUrl: 'https://tool.example/lti/login',
  targetLinkUri: 'https://tool.example/lti/launch',
  redirectUris: ['https://tool.example/lti/launch'],
};

/** A temp folder tree; `files` maps relative path -> content (objects are written as JSON). */
export async function tempTree(files: Record<string, unknown>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'lti-conform-config-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return root;
}

/** Run fn, expect an ERR_CONFIG_INVALID HarnessError, return it. */
export async function configError(fn: () => unknown): Promise<HarnessError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof HarnessError && e.code === 'ERR_CONFIG_INVALID') return e;
    throw e;
  }
  throw new Error('expected ERR_CONFIG_INVALID');
}
