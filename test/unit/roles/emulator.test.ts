import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readForms } from '../../../src/http/forms.js';
import { KeyStore } from '../../../src/keys/store.js';
import { OIDC } from '../../../src/lti/vocab.js';
import { PATHS, PlatformEmulator, type AuthRequest } from '../../../src/roles/platform/emulator.js';

const TOOL = {
  clientId: 'tool-123', deploymentId: 'deploy-1', redirectUris: ['https://tool.example/lti/launch'],
  loginInitiationUrl: 'https://tool.example/lti/login', targetLinkUri: 'https://tool.example/lti/launch',
};
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];
let emulator: PlatformEmulator;
let keys: KeyStore;

beforeAll(async () => {
  keys = await KeyStore.inMemory();
  emulator = await PlatformEmulator.start({ host: '127.0.0.1', port: 0, keys, tool: { ...TOOL } });
});

afterAll(() => emulator.close());

async function call(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
  const res = await request(url, { method, ...(form ? { body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

describe('PlatformEmulator', () => {
  it('has a loopback issuer and builds URLs from it', () => {
    expect(emulator.issuer).toBe(`http://127.0.0.1:${emulator.server.port}`);
    expect(emulator.url(PATHS.jwks)).toBe(`${emulator.issuer}/.well-known/jwks.json`);
  });

  it('serves its OpenID configuration', async () => {
    const r = await call('GET', emulator.url(PATHS.openidConfiguration));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.text)).toMatchObject({
      issuer: emulator.issuer,
      authorization_endpoint: `${emulator.issuer}/auth`,
      token_endpoint: `${emulator.issuer}/token`,
      jwks_uri: `${emulator.issuer}/.well-known/jwks.json`,
      response_types_supported: [OIDC.responseType],
      response_modes_supported: [OIDC.responseMode],
      scopes_supported: [OIDC.scope, ...emulator.services.offeredScopes],
      registration_endpoint: `${emulator.issuer}/registration`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('serves the JWKS of its key store without private members', async () => {
    const r = await call('GET', emulator.url(PATHS.jwks));
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('max-age=60');
    const jwks = JSON.parse(r.text) as { keys: Record<string, unknown>[] };
    expect(jwks).toEqual(keys.jwks());
    expect(jwks.keys.map((k) => k.kid)).toEqual([keys.current.kid]);
    for (const k of jwks.keys) for (const m of PRIVATE_MEMBERS) expect(k).not.toHaveProperty(m);
    expect(r.text).not.toMatch(/"(d|p|q|dp|dq|qi)"\s*:/);
  });

  it('the decoy landing counts its hits', async () => {
    const before = emulator.decoyHits;
    await call('GET', emulator.url(PATHS.decoy));
    expect(emulator.decoyHits).toBe(before + 1);
  });

  it('/auth with no handler is 400 and still keeps the request', async () => {
    emulator.authHandler = undefined;
    const r = await call('GET', `${emulator.url(PATHS.authorization)}?client_id=tool-123&nonce=n1`);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.text).toContain('No launch is in progress');
    expect(emulator.authRequests[emulator.authRequests.length - 1]).toMatchObject({ method: 'GET', params: { client_id: 'tool-123', nonce: 'n1' } });
  });

  it('a handler that posts gets an auto-submit form whose fields are HTML-escaped', async () => {
    const nasty = { id_token: 'h.p.s', state: '"><script>alert(1)</script>', "x'&<y>": 'a & b < c > d \' e " f' };
    const got: AuthRequest[] = [];
    emulator.authHandler = (req) => {
      got.push(req);
      return { kind: 'post', action: 'https://tool.example/lti/launch?a=1&b="2"', fields: nasty };
    };
    try {
      const r = await call('POST', emulator.url(PATHS.authorization), { client_id: 'tool-123', state: 's1' });
      expect(r.status).toBe(200);
      expect(got).toEqual([expect.objectContaining({ method: 'POST', params: { client_id: 'tool-123', state: 's1' } })]);
      expect(got[0]?.exchangeId).toBe('');
      expect(r.text).not.toContain('<script>alert(1)</script>');
      expect(r.text).toContain('&#34;&#62;&#60;script&#62;');
      const page = readForms(r.text, emulator.issuer);
      expect(page.autoSubmit).toBe(true);
      expect(page.forms).toEqual([{ action: 'https://tool.example/lti/launch?a=1&b=%222%22', method: 'POST', fields: Object.entries(nasty) }]);
    } finally {
      emulator.authHandler = undefined;
    }
  });

  it('a handler that refuses sets the status', async () => {
    emulator.authHandler = () => ({ kind: 'refuse', status: 400, error: 'invalid_request', description: 'redirect_uri is not registered' });
    try {
      const r = await call('GET', emulator.url(PATHS.authorization));
      expect([r.status, r.text]).toEqual([400, '<p>invalid_request: redirect_uri is not registered</p>']);
    } finally {
      emulator.authHandler = undefined;
    }
  });

  it('the launch start page posts the login initiation to the tool', async () => {
    const r = await call('GET', `${emulator.url(PATHS.launchStart)}?persona=student`);
    const [form] = readForms(r.text, emulator.issuer).forms;
    expect(form).toMatchObject({ action: TOOL.loginInitiationUrl, method: 'POST' });
    expect(Object.fromEntries(form?.fields ?? [])).toMatchObject({ iss: emulator.issuer, login_hint: 'student', target_link_uri: TOOL.targetLinkUri, client_id: 'tool-123' });
  });
});
