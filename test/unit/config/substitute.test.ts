import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/issues.js';
import { loadConfig } from '../../../src/config/load.js';
import { substituteEnv } from '../../../src/config/substitute.js';
import { configError, tempTree } from './helpers.js';
import type { ToolTargetConfig } from '../../../src/config/types.js';

describe('substituteEnv', () => {
  const env = { HOST: 'tool.example', EMPTY: '', SECRET: 'hunter2-value' };

  it.each([
    ['https://${HOST}/x', 'https://tool.example/x'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${HOST:-fallback}', 'tool.example'],
    ['${MISSING:-}', ''],
    ['${EMPTY}', ''],
    ['$${HOST}', '${HOST}'],
    ['$$${HOST}', '$${HOST}'], // only `$${` is an escape; a lone `$` stays
    ['cost: $5 and {braces}', 'cost: $5 and {braces}'],
    ['${HOST}${HOST}', 'tool.exampletool.example'],
  ])('%s -> %s', (input, expected) => {
    expect(substituteEnv({ v: input }, env)).toEqual({ v: expected });
  });

  it('walks nested objects and arrays, leaving keys and non-strings alone', () => {
    const input = { '${HOST}': { list: ['${HOST}', 5, true, null] } };
    expect(substituteEnv(input, env)).toEqual({ '${HOST}': { list: ['tool.example', 5, true, null] } });
  });

  it('does not re-substitute inside substituted values', () => {
    expect(substituteEnv({ v: '${A}' }, { A: '${B}', B: 'no' })).toEqual({ v: '${B}' });
  });

  it('names every unset variable and its field, never a value', () => {
    const input = { target: { clientId: '${CLIENT_ID}', redirectUris: ['https://${SECRET}/${NO_HOST}'] } };
    let err: unknown;
    try {
      substituteEnv(input, env, 'cfg.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.code).toBe('ERR_CONFIG_INVALID');
    expect(e.message).toBe(
      [
        'Invalid configuration in cfg.json:',
        'target.clientId: environment variable CLIENT_ID is not set',
        'target.redirectUris[0]: environment variable NO_HOST is not set',
      ].join('\n'),
    );
    expect(e.hint).toContain('CLIENT_ID, NO_HOST');
    expect(`${e.message}${e.hint}`).not.toContain('hunter2');
  });

  it.each(['${', '${HOST', '${1X}', '${A-b}', '${ HOST }'])('rejects malformed reference %s', (input) => {
    expect(() => substituteEnv({ v: input }, env)).toThrow(/v: malformed variable reference/);
  });
});

describe('substitution in loaded files', () => {
  it('substitutes after parsing, so values cannot break YAML structure', async () => {
    const dir = await tempTree({
      'lti-conform.config.yaml': [
        'target:',
        '  kind: tool',
        '  clientId: ${ID}',
        '  deploymentId: "${DEP:-deploy-1}"',
        '  loginInitiationUrl: https://${HOST}/login',
        '  targetLinkUri: https://${HOST}/launch',
        '  redirectUris: ["https://${HOST}/launch"]',
        'triggers:',
        '  x: { command: "echo $${NOT_SUBSTITUTED}" }',
      ].join('\n'),
    });
    const env = { ID: 'a: b\n- c # not yaml', HOST: 'tool.example' };
    const { config } = await loadConfig({ cwd: dir, env });
    const target = config.target as ToolTargetConfig;
    expect(target.clientId).toBe('a: b\n- c # not yaml');
    expect(target.deploymentId).toBe('deploy-1');
    expect(target.redirectUris).toEqual(['https://tool.example/launch']);
    expect(config.triggers.x).toEqual({ kind: 'command', command: 'echo ${NOT_SUBSTITUTED}' });
  });

  it('reports an unset variable with the file and field', async () => {
    const dir = await tempTree({ 'c.json': { target: { kind: 'tool', clientId: '${TOOL_CLIENT_ID}' } } });
    const err = await configError(() => loadConfig({ path: 'c.json', cwd: dir, env: {} }));
    expect(err.message).toContain('target.clientId: environment variable TOOL_CLIENT_ID is not set');
    expect(err.message).toContain(`in ${dir}/c.json`);
  });
});
