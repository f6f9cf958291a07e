import { createdLinkUrl } from '../../../src/roles/tool/deep-link-items.js';
import { SignJWT } from 'jose';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformTargetConfig } from '../../../src/config/types.js';
import { readForms } from '../../../src/http/forms.js';
import { KeyStore } from '../../../src/keys/store.js';
import { CLAIM, CONTENT_ITEM_TYPE as T, MESSAGE_TYPE, TOOL_MESSAGE_FORM_FIELD } from '../../../src/lti/vocab.js';
import { DEEP_LINK_MUTATIONS, defaultDeepLinkPlan } from '../../../src/roles/tool/deep-link-response.js';
import { ToolEmulator } from '../../../src/roles/tool/emulator.js';

const PLATFORM: PlatformTargetConfig = {
  kind: 'platform', issuer: 'https://lms.example', clientId: 'client-9', deploymentId: 'dep-9',
  authorizationUrl: 'https://lms.example/auth', tokenUrl: 'https://lms.example/token', jwksUrl: 'https://lms.example/jwks',
};
const RETURN = 'https://lms.example/dl/return';
const NOW = 1_700_000_000;
let em: ToolEmulator;
let keys: KeyStore;

beforeAll(async () => {
  keys = await KeyStore.inMemory();
  em = await ToolEmulator.start({ host: '127.0.0.1', port: 0, keys, platform: { ...PLATFORM }, now: () => NOW });
});
afterAll(() => em.close());

function idToken(messageType: string = MESSAGE_TYPE.deepLinkingRequest): Promise<string> {
  return new SignJWT({
    iss: PLATFORM.issuer, aud: PLATFORM.clientId, [CLAIM.messageType]: messageType, [CLAIM.deploymentId]: 'dep-9',
    [CLAIM.deepLinkingSettings]: { deep_link_return_url: RETURN, accept_types: [T.ltiResourceLink, T.file], accept_presentation_document_targets: ['window'], data: 'd-7' },
  }).setProtectedHeader({ alg: 'RS256', kid: 'platform-kid' }).sign(keys.current.privateKey);
}

async function post(url: string, form: Record<string, string>) {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: res.statusCode, text: await res.body.text() };
}

const jwtOf = (html: string): string | undefined => readForms(html, em.urls.deepLink).forms[0]?.fields.find(([k]) => k === TOOL_MESSAGE_FORM_FIELD)?.[1];

describe('ToolEmulator deep-linking answer', () => {
  it('answers an LtiDeepLinkingRequest with an auto-posted response and records what it sent', async () => {
    const before = em.marks().response;
    const r = await post(em.urls.deepLink, { id_token: await idToken(), state: 's1' });
    expect(r.status).toBe(200);
    const page = readForms(r.text, em.urls.deepLink);
    expect(page).toMatchObject({ autoSubmit: true, forms: [{ method: 'POST', action: RETURN }] });
    expect(jwtOf(r.text)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const rec = em.responses[before]!;
    expect(rec.form.state).toBe('s1');
    if (rec.deepLinkAnswer?.posted !== true) throw new Error('no answer recorded');
    // One item: accept_multiple is absent. The LTI link comes first.
    expect(rec.deepLinkAnswer.sent.payload).toMatchObject({
      iss: 'client-9', aud: PLATFORM.issuer, iat: NOW, exp: NOW + 300, [CLAIM.deploymentId]: 'dep-9', [CLAIM.dlData]: 'd-7',
      [CLAIM.dlContentItems]: [{ type: T.ltiResourceLink, url: createdLinkUrl(em.urls.targetLink) }],
    });
    expect(rec.deepLinkAnswer.valid).toBe(true);
    expect(em.lastValidDeepLinkNonce).toBe(rec.deepLinkAnswer.sent.payload.nonce);
  });

  it('a swapped plan changes the response; a mutated one keeps the last valid nonce, which a replay reuses', async () => {
    const valid = em.lastValidDeepLinkNonce;
    em.deepLinkPlan = DEEP_LINK_MUTATIONS['wrong-aud'].plan;
    await post(em.urls.deepLink, { id_token: await idToken() });
    expect(em.responses.at(-1)?.deepLinkAnswer).toMatchObject({ posted: true, valid: false, sent: { payload: { aud: 'https://other-platform.example' } } });
    expect(em.lastValidDeepLinkNonce).toBe(valid);
    em.deepLinkPlan = DEEP_LINK_MUTATIONS['replayed-nonce'].plan;
    await post(em.urls.deepLink, { id_token: await idToken() });
    expect(em.responses.at(-1)?.deepLinkAnswer).toMatchObject({ posted: true, sent: { payload: { nonce: valid } } });
    em.deepLinkPlan = defaultDeepLinkPlan;
  });

  it('keeps the plain received page for other messages and other URIs', async () => {
    const launch = await post(em.urls.deepLink, { id_token: await idToken(MESSAGE_TYPE.resourceLink) });
    expect(launch.text).toContain('lti-conform received the launch');
    expect(em.responses.at(-1)?.deepLinkAnswer).toBeUndefined();
    const atLaunch = await post(em.urls.launch, { id_token: await idToken() });
    expect(atLaunch.text).toContain('lti-conform received the launch');
    expect(em.responses.at(-1)?.deepLinkAnswer).toBeUndefined();
  });

  it('serves the file its file items point at', async () => {
    const r = await post(em.urls.deepLink, { id_token: await idToken() });
    expect(r.status).toBe(200);
    const res = await request(`http://127.0.0.1:${em.server.port}/content/file.txt`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(await res.body.text()).toBe('lti-conform file\n');
    const missing = await request(`http://127.0.0.1:${em.server.port}/content/nothing`);
    expect(missing.statusCode).toBe(404);
    await missing.body.dump();
  });
});
