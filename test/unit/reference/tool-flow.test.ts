import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM, EXTENSION_CLAIM, MESSAGE_TYPE, OIDC, ROLE } from '../../../src/lti/vocab.js';
import { startReferenceTool, type RunningReferenceTool } from '../../../src/reference/tool/index.js';
import { accepted, FakePlatform, get, launch, login, loginParams, postForm } from './fake-platform.js';

let platform: FakePlatform;
let tool: RunningReferenceTool;

beforeAll(async () => {
  platform = await FakePlatform.start();
  tool = await startReferenceTool({ platform: platform.registration });
});
afterAll(async () => {
  await tool.close();
  await platform.close();
});

describe('reference tool: login', () => {
  it('answers GET login with an authentication request and a state cookie', async () => {
    const l = await login(platform, tool);
    expect(l.status).toBe(302);
    expect(l.location?.startsWith(`${platform.issuer}/auth?`)).toBe(true);
    expect(l.auth.get('x')).toBe('1');
    expect(Object.fromEntries(l.auth)).toMatchObject({
      scope: OIDC.scope,
      response_type: OIDC.responseType,
      response_mode: OIDC.responseMode,
      prompt: OIDC.prompt,
      client_id: platform.clientId,
      redirect_uri: tool.launchUrl,
      login_hint: 'hint-42',
    });
    expect(l.state).not.toBe('');
    expect(l.nonce).not.toBe('');
    expect(l.cookie).toBe(`lti_state=${l.state}`);
    expect(tool.redirectUris).toEqual([tool.launchUrl]);
  });

  it('accepts POST login and echoes lti_message_hint unchanged', async () => {
    const hint = 'opaque hint/+=?& with spaces';
    const l = await login(platform, tool, { ...loginParams(platform, tool), lti_message_hint: hint }, 'POST');
    expect(l.status).toBe(302);
    expect(l.auth.get('lti_message_hint')).toBe(hint);
  });

  it.each([
    ['iss missing', { iss: undefined }],
    ['login_hint missing', { login_hint: undefined }],
    ['target_link_uri missing', { target_link_uri: undefined }],
    ['unknown issuer', { iss: 'https://evil.example' }],
    ['unknown client_id', { client_id: 'someone-else' }],
    ['off-origin target_link_uri', { target_link_uri: 'https://evil.example/x' }],
  ])('refuses login: %s', async (_name, change: Record<string, string | undefined>) => {
    const params = { ...loginParams(platform, tool), ...change };
    for (const k of Object.keys(params)) if (params[k as keyof typeof params] === undefined) delete params[k as keyof typeof params];
    const l = await login(platform, tool, params as Record<string, string>);
    expect(l.status).toBe(400);
    expect(l.location).toBeUndefined();
  });

  it('serves its own public JWKS', async () => {
    const r = await get(tool.jwksUrl);
    const jwks = JSON.parse(r.body) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]?.kid).toBeTypeOf('string');
    expect(jwks.keys[0]?.d).toBeUndefined();
  });
});

describe('reference tool: launch', () => {
  const kid = (): { kid: string } => ({ kid: platform.current.kid });

  it('runs the full flow: 302 to the target_link_uri claim, then 200 Launched with the sub', async () => {
    const l = await login(platform, tool);
    const r = await launch(tool, l, await platform.sign(kid(), platform.payload(tool, l.nonce)));
    expect(r.launch.status).toBe(302);
    expect(r.launch.location).toBe(tool.targetLinkUri);
    expect(r.landing?.status).toBe(200);
    expect(r.landing?.body).toContain('Launched');
    expect(r.landing?.body).toContain('user-42');
  });

  it.each([
    ['no roles', { [CLAIM.roles]: [] }],
    ['roles [""]', { [CLAIM.roles]: [''] }],
    ['short role', { [CLAIM.roles]: ['Instructor'] }],
    ['unknown role URI', { [CLAIM.roles]: [ROLE.certUnknownInstructorRole] }],
    ['no context and no PII', { [CLAIM.context]: undefined, name: undefined }],
    ['aud as an array', { aud: ['tool-client-1'] }],
    ['unknown claims', { [EXTENSION_CLAIM]: { x: 1 }, foo: 'bar' }],
    ['nbf in the past', { nbf: Math.floor(Date.now() / 1000) - 10 }],
  ])('accepts a valid variant: %s', async (_name, change: Record<string, unknown>) => {
    const l = await login(platform, tool);
    const r = await launch(tool, l, await platform.sign(kid(), { ...platform.payload(tool, l.nonce), ...change }));
    expect(accepted(r)).toBe(true);
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 300 }, 400],
    ['wrong aud', { aud: 'someone-else' }, 401],
    ['extra untrusted aud', { aud: ['tool-client-1', 'other'], azp: 'tool-client-1' }, 401],
    ['nonce mismatch', { nonce: 'not-the-login-nonce' }, 400],
    ['empty sub', { sub: '' }, 400],
    ['deep linking message type without settings', { [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest }, 400],
  ])('refuses: %s', async (_name, change: Record<string, unknown>, status) => {
    const l = await login(platform, tool);
    const r = await launch(tool, l, await platform.sign(kid(), { ...platform.payload(tool, l.nonce), ...change }));
    expect(r.launch.status).toBe(status);
    expect(r.launch.body).not.toContain('Launched');
  });

  it.each([
    ['missing kid', {}, 'rs256'],
    ['unknown kid', { kid: 'imstester_66067' }, 'rs256'],
    ['valid kid, another key', { kid: 'platform-key-1' }, 'foreign-key'],
    ['alg none', { kid: 'platform-key-1' }, 'none'],
    ['HS256 keyed with the public key', { kid: 'platform-key-1' }, 'hs256-public-key'],
  ] as const)('refuses with 401: %s', async (_name, header, mode) => {
    const l = await login(platform, tool);
    const r = await launch(tool, l, await platform.sign(header, platform.payload(tool, l.nonce), mode));
    expect(r.launch.status).toBe(401);
  });

  it('refuses a replayed id_token', async () => {
    const l = await login(platform, tool);
    const token = await platform.sign(kid(), platform.payload(tool, l.nonce));
    expect(accepted(await launch(tool, l, token))).toBe(true);
    const again = await launch(tool, l, token);
    expect(again.launch.status).toBe(401);
  });

  it('refuses a state that is not bound to the browser', async () => {
    const l = await login(platform, tool);
    const other = await login(platform, tool);
    const token = await platform.sign(kid(), platform.payload(tool, l.nonce));
    expect((await launch(tool, { ...l, cookie: other.cookie }, token)).launch.status).toBe(401);
    expect((await postForm(tool.launchUrl, { id_token: token, state: l.state })).status).toBe(401);
  });

  it('shows an OIDC error response as an error, never as a launch', async () => {
    const l = await login(platform, tool);
    const r = await postForm(tool.launchUrl, { error: 'login_required', state: l.state }, l.cookie);
    expect(r.status).toBe(400);
    expect(r.body).not.toContain('Launched');
  });

  it('lands on the signed claim, not on the login target_link_uri', async () => {
    const l = await login(platform, tool, { ...loginParams(platform, tool), target_link_uri: `${tool.baseUrl}/elsewhere` });
    const r = await launch(tool, l, await platform.sign(kid(), platform.payload(tool, l.nonce)));
    expect(r.launch.location).toBe(tool.targetLinkUri);
  });

  it('follows a key rotation by refetching the platform JWKS', async () => {
    const l1 = await login(platform, tool);
    expect(accepted(await launch(tool, l1, await platform.sign(kid(), platform.payload(tool, l1.nonce))))).toBe(true);
    await platform.rotate();
    const l2 = await login(platform, tool);
    const r = await launch(tool, l2, await platform.sign(kid(), platform.payload(tool, l2.nonce)));
    expect(platform.current.kid).toBe('platform-key-2');
    expect(accepted(r)).toBe(true);
  });

  it('has no session on the landing page without a launch', async () => {
    expect((await get(tool.targetLinkUri)).status).toBe(401);
  });
});

describe('reference tool: injected clock', () => {
  it('judges exp against the injected clock', async () => {
    const p = await FakePlatform.start();
    let now = Date.now();
    const t = await startReferenceTool({ platform: p.registration, now: () => now });
    try {
      const l = await login(p, t);
      const exp = Math.floor(now / 1000) + 10;
      const token = await p.sign({ kid: p.current.kid }, { ...p.payload(t, l.nonce, now), exp });
      now += 71_000; // past exp and the 60 s leeway, well within the state's lifetime
      const r = await launch(t, l, token);
      expect(r.launch.status).toBe(400);
      expect(r.launch.body).toContain('expired');
    } finally {
      await t.close();
      await p.close();
    }
  });
});
