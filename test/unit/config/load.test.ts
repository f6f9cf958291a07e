import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import type { ToolTargetConfig } from '../../../src/config/types.js';
import { FIXTURES, TOOL_TARGET, configError, tempTree } from './helpers.js';

describe('loadConfig: valid files', () => {
  it('loads the YAML and JSON examples to the same typed config', async () => {
    const yaml = await loadConfig({ path: join(FIXTURES, 'tool.yaml'), cwd: '/', env: {} });
    const json = await loadConfig({ path: join(FIXTURES, 'tool.json'), cwd: '/', env: {} });
    expect(yaml.path).toBe(join(FIXTURES, 'tool.yaml'));
    expect(yaml.config).toEqual(json.config);
    const { config } = yaml;
    expect(config.target).toMatchObject({ kind: 'tool', clientId: 'tool-123', redirectUris: ['https://tool.example/lti/launch'] });
    expect(config.emulator).toEqual({ host: '127.0.0.1', port: 9400, keyFile: join(FIXTURES, '.lti-conform/keys.json') });
    expect(config.launch.rejectWhen).toEqual({ status: '>=400', bodyMatches: 'invalid|expired|error' });
    expect(config.triggers).toEqual({
      grade: {
        kind: 'http',
        http: {
          method: 'POST',
          url: 'https://tool.example/test/grade',
          headers: { Authorization: 'Bearer dev-token' },
          body: '{"score": 1}',
        },
        timeoutMs: 10000,
      },
      roster: { kind: 'command', command: './scripts/fetch-roster.sh {{launch.sub}}' },
      launch: { kind: 'manual' },
    });
  });

  it('loads the platform example; YAML scalars keep their text (no number mangling)', async () => {
    const { config } = await loadConfig({ path: join(FIXTURES, 'platform.yaml'), cwd: '/', env: {} });
    expect(config.target).toMatchObject({ kind: 'platform', clientId: '10000000000001', deploymentId: '1:abc' });
    expect(config.triggers.launch).toEqual({ kind: 'manual', timeoutMs: 120000 });
  });

  it('applies defaults and coerces substituted numbers', async () => {
    const dir = await tempTree({
      'lti-conform.config.yaml': [
        'target:',
        '  kind: tool',
        '  clientId: 0123',
        '  deploymentId: 1e3',
        '  loginInitiationUrl: https://tool.example/login',
        '  targetLinkUri: https://tool.example/launch',
        '  redirectUris: [https://tool.example/launch]',
        'emulator: { port: "${PORT}" }',
        'launch: { acceptWhen: { status: "200,302" } }',
      ].join('\n'),
    });
    const { config } = await loadConfig({ cwd: dir, env: { PORT: '9555' } });
    expect(config.target).toMatchObject({ clientId: '0123', deploymentId: '1e3' });
    expect(config.emulator).toEqual({ host: '127.0.0.1', port: 9555, keyFile: join(dir, '.lti-conform/keys.json') });
    expect(config.launch).toEqual({ acceptWhen: { status: '200,302' }, rejectWhen: { status: '>=400' } });
    expect(config.triggers).toEqual({});
  });

  it('accepts numbers for string fields in JSON', async () => {
    const dir = await tempTree({ 'c.json': { target: { ...TOOL_TARGET, clientId: 42 } } });
    const { config } = await loadConfig({ path: 'c.json', cwd: dir, env: {} });
    expect((config.target as ToolTargetConfig).clientId).toBe('42');
  });
});

describe('loadConfig: file problems', () => {
  it('names a missing file', async () => {
    const err = await configError(() => loadConfig({ path: 'nope.yaml', cwd: '/tmp', env: {} }));
    expect(err.message).toBe('Configuration file not found: /tmp/nope.yaml');
  });

  it('reports no file found when the search fails', async () => {
    const dir = await tempTree({ '.git/HEAD': 'x', 'a/b/.keep': '' });
    const err = await configError(() => loadConfig({ cwd: join(dir, 'a/b'), env: {} }));
    expect(err.message).toMatch(/^No configuration file found/);
    expect(err.hint).toMatch(/--config/);
  });

  it('gives line:col for YAML syntax errors', async () => {
    const dir = await tempTree({ 'c.yaml': 'target:\n  kind: tool\n  clientId: [a, b\n' });
    const err = await configError(() => loadConfig({ path: 'c.yaml', cwd: dir, env: {} }));
    expect(err.message).toMatch(new RegExp(`^Cannot parse ${join(dir, 'c.yaml')} at \\d+:\\d+: `));
    expect(err.message).not.toContain('\n'); // one line, no stack or source excerpt
  });

  it('gives line:col for JSON syntax errors without quoting the source', async () => {
    const dir = await tempTree({ 'c.json': '{\n  "target": {\n    "clientId": s3cret\n  }\n}\n' });
    const err = await configError(() => loadConfig({ path: 'c.json', cwd: dir, env: {} }));
    expect(err.message).toMatch(new RegExp(`^Cannot parse ${join(dir, 'c.json')} at 3:17: `));
    expect(err.message).not.toContain('s3cret');
  });

  it('rejects a document that is not an object', async () => {
    const dir = await tempTree({ 'c.json': '[1]' });
    const err = await configError(() => loadConfig({ path: 'c.json', cwd: dir, env: {} }));
    expect(err.message).toContain('(root): must be an object');
  });

  it('rejects unsupported extensions', async () => {
    const err = await configError(() => loadConfig({ path: 'c.toml', cwd: '/tmp', env: {} }));
    expect(err.message).toMatch(/Unsupported configuration file type/);
  });
});
