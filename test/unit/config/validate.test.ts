import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchemaPath } from '../../../src/config/ajv.js';
import { ConfigError } from '../../../src/config/issues.js';
import { CONFIG_DEFAULTS, resolveConfig } from '../../../src/config/load.js';
import { TOOL_TARGET, configError } from './helpers.js';

const PLATFORM_TARGET = {
  kind: 'platform',
  issuer: 'https://lms.example',
  clientId: 'c',
  deploymentId: 'd',
  authorizationUrl: 'https://lms.example/auth',
  tokenUrl: 'https://lms.example/token',
  jwksUrl: 'https://lms.example/jwks',
};

/** The problem lines of the error message (after the heading). */
async function problems(raw: unknown): Promise<string[]> {
  const err = await configError(() => resolveConfig(raw, { env: {}, baseDir: '/', source: 'cfg.yaml' }));
  const [head, ...lines] = err.message.split('\n');
  expect(head).toBe('Invalid configuration in cfg.yaml:');
  expect(err).toBeInstanceOf(ConfigError);
  return lines;
}

describe('validation messages', () => {
  it('names each missing field by path', async () => {
    expect(await problems({ target: { kind: 'tool', clientId: 'x' } })).toEqual([
      'target.deploymentId: is required',
      'target.loginInitiationUrl: is required',
      'target.targetLinkUri: is required',
      'target.redirectUris: is required',
    ]);
    expect(await problems({ target: { ...PLATFORM_TARGET, tokenUrl: undefined } })).toEqual(['target.tokenUrl: is required']);
    expect(await problems({})).toEqual(['target: is required']);
    expect(await problems({ target: {} })).toEqual(['target.kind: is required']);
  });

  it('flags unknown keys, suggesting the nearest known one', async () => {
    expect(await problems({ target: { ...TOOL_TARGET, redirectUri: 'x', clientID: 'y', banana: 1 }, emultor: {} })).toEqual([
      '(root): unknown key "emultor" (did you mean "emulator"?)',
      'target: unknown key "redirectUri" (did you mean "redirectUris"?)',
      'target: unknown key "clientID" (did you mean "clientId"?)',
      'target: unknown key "banana"',
    ]);
  });

  it('says when a key belongs to the other target kind', async () => {
    expect(await problems({ target: { ...TOOL_TARGET, tokenUrl: 'https://x' } })).toEqual([
      'target: unknown key "tokenUrl" for kind "tool" (only valid when kind is "platform")',
    ]);
  });

  it('rejects non-http(s) and malformed URLs, with array indexes in the path', async () => {
    const target = { ...TOOL_TARGET, loginInitiationUrl: 'ftp://tool.example/x', redirectUris: ['https://ok.example', 'tool.example/x'] };
    expect(await problems({ target, emulator: { publicUrl: 'not a url' } })).toEqual([
      'target.loginInitiationUrl: must be an http(s) URL',
      'target.redirectUris[1]: must be an http(s) URL',
      'emulator.publicUrl: must be an http(s) URL',
    ]);
    expect(await problems({ target: { ...TOOL_TARGET, redirectUris: [] } })).toEqual(['target.redirectUris: must not be empty']);
  });

  it('explains enums, types and ranges', async () => {
    expect(
      await problems({ target: { kind: 'lms' }, emulator: { port: 70000, host: 5 }, profile: 'x', timeoutMs: 'soon' }),
    ).toEqual([
      'target.kind: must be one of "tool", "platform"',
      'emulator.port: must be <= 65535',
      'profile: must be one of "certification", "spec"',
      'timeoutMs: must be an integer',
    ]);
    expect(await problems({ target: 'tool', launch: [] })).toEqual(['target: must be an object', 'launch: must be an object']);
  });

  it('validates triggers', async () => {
    const triggers = {
      a: 'auto',
      b: { http: { method: 'post', url: 'x' }, command: 'y' },
      'bad name': 'manual',
      c: { command: 'ok', timeoutMs: -1 },
    };
    expect(await problems({ target: TOOL_TARGET, triggers })).toEqual([
      'triggers: invalid name "bad name" (use letters, digits, "-" and "_")',
      'triggers.a: must be "manual"',
      'triggers.b: must have exactly one of "manual", "http", "command"',
      'triggers.b.http.method: must be one of "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"',
      'triggers.b.http.url: must be an http(s) URL',
      'triggers.c.timeoutMs: must be >= 1',
    ]);
  });

  it('checks launch status matchers and that bodyMatches compiles', async () => {
    const launch = { acceptWhen: { status: '2xx', bodyMatches: '([a-z]' }, rejectWhen: { status: '=>400' } };
    const lines = await problems({ target: TOOL_TARGET, launch });
    expect(lines).toHaveLength(2);
    // The reason is V8's wording (varies by Node version); the pattern itself is not quoted.
    expect(lines[0]).toMatch(/^launch\.acceptWhen\.bodyMatches: must be a valid regular expression \(\w[^/]*\)$/);
    expect(lines[1]).toBe('launch.rejectWhen.status: must be a status matcher like 2xx, 4xx|5xx, >=400, <300, 200, 200,302 or 200-299');
  });

  it('lists schema and semantic problems together', async () => {
    const lines = await problems({ target: { kind: 'tool' }, launch: { acceptWhen: { status: 'nope' } } });
    expect(lines).toContain('target.clientId: is required');
    expect(lines).toContain('launch.acceptWhen.status: must be a status matcher like 2xx, 4xx|5xx, >=400, <300, 200, 200,302 or 200-299');
  });

  it('never echoes configured values', async () => {
    const secret = 'Bearer sk_live_0123456789';
    const triggers = { g: { http: { method: 'GET', url: secret, headers: { Authorization: secret } } } };
    const err = await configError(() => resolveConfig({ target: { ...TOOL_TARGET, clientId: secret, x: secret }, triggers }, { env: {}, baseDir: '/' }));
    expect(err.message).not.toContain('sk_live');
  });

  it('accepts a platform target and keeps optional services', () => {
    const config = resolveConfig(
      { target: { ...PLATFORM_TARGET, services: { membershipsUrl: 'https://lms.example/m' } } },
      { env: {}, baseDir: '/base' },
    );
    expect(config.target).toEqual({ ...PLATFORM_TARGET, services: { membershipsUrl: 'https://lms.example/m' } });
    expect(config.emulator.keyFile).toBe('/base/.lti-conform/keys.json');
  });
});

describe('schema', () => {
  it('declares the same defaults as the loader applies', () => {
    const schema = JSON.parse(readFileSync(configSchemaPath(), 'utf8'));
    const emu = schema.definitions.emulator.properties;
    expect({ host: emu.host.default, port: emu.port.default, keyFile: emu.keyFile.default }).toEqual(CONFIG_DEFAULTS.emulator);
    const launch = schema.definitions.launch.properties;
    expect({ acceptWhen: launch.acceptWhen.default, rejectWhen: launch.rejectWhen.default }).toEqual(CONFIG_DEFAULTS.launch);
  });
});
