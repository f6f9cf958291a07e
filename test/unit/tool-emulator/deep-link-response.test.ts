import { createdLinkUrl } from '../../../src/roles/tool/deep-link-items.js';
import { compactVerify, decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { readForms } from '../../../src/http/forms.js';
import { KeyStore } from '../../../src/keys/store.js';
import { CLAIM, CONTENT_ITEM_TYPE as T, LTI_VERSION, MESSAGE_TYPE, TOOL_MESSAGE_FORM_FIELD } from '../../../src/lti/vocab.js';
import { contentItemsFor, fileFor, mediaTypeAccepted, servedContent } from '../../../src/roles/tool/deep-link-items.js';
import {
  answerDeepLink, correctDeepLinkResponse, DEEP_LINK_MUTATIONS, defaultDeepLinkPlan, DeepLinkPlanNotApplicable, EXPIRED_BY_S, OTHER_CLIENT_ID,
  OTHER_DEPLOYMENT_ID, OTHER_ISSUER, readDeepLinkRequest, UNKNOWN_KID, type DeepLinkMutation, type DeepLinkRequest, type DeepLinkResponseParts,
} from '../../../src/roles/tool/deep-link-response.js';

const NOW = 1_700_000_000;
const URLS = { targetLink: 'https://tool.example/lti/launch', content: 'https://tool.example/content' };
const RETURN = 'https://lms.example/dl/return?x=1&y=2';
const ALL_TYPES = Object.values(T);
const IDENTITY = { clientId: 'client-9', issuer: 'https://fallback.example', deploymentId: 'dep-fallback', now: NOW, urls: URLS };

let keys: KeyStore;
beforeAll(async () => {
  keys = await KeyStore.inMemory();
});

/** An unsigned-looking id_token: the builder decodes, it never verifies (that is the checks' job). */
async function idToken(settings: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}): Promise<string> {
  const payload = {
    iss: 'https://lms.example', aud: 'client-9', [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest, [CLAIM.deploymentId]: 'dep-9',
    ...(settings ? { [CLAIM.deepLinkingSettings]: settings } : {}), ...extra,
  };
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: keys.current.kid }).sign(keys.current.privateKey);
}

const settings = (over: Record<string, unknown> = {}) => ({
  deep_link_return_url: RETURN, accept_types: ALL_TYPES, accept_presentation_document_targets: ['iframe'], accept_multiple: true, data: 'd-1', ...over,
});

async function request(over: Record<string, unknown> = {}): Promise<DeepLinkRequest> {
  const r = readDeepLinkRequest(await idToken(settings(over)));
  if (!r) throw new Error('not a deep-linking request');
  return r;
}

const correct = async (over: Record<string, unknown> = {}) => correctDeepLinkResponse(await request(over), { ...IDENTITY, kid: keys.current.kid, nonce: 'n-1' });

/** Paths (header.x, payload.x, signing) whose values differ between two responses. */
function diff(a: DeepLinkResponseParts, b: DeepLinkResponseParts): string[] {
  const out: string[] = [];
  for (const part of ['header', 'payload'] as const) {
    for (const k of new Set([...Object.keys(a[part]), ...Object.keys(b[part])])) if (JSON.stringify(a[part][k]) !== JSON.stringify(b[part][k])) out.push(`${part}.${k}`);
  }
  if (a.signing !== b.signing) out.push('signing');
  return out;
}

describe('reading the deep-linking request', () => {
  it('takes the settings and data of an LtiDeepLinkingRequest', async () => {
    const r = await request();
    expect(r.settings).toEqual({ deep_link_return_url: RETURN, accept_types: ALL_TYPES, accept_multiple: true });
    expect(r).toMatchObject({ hasData: true, data: 'd-1' });
    expect((await request({ data: undefined })).hasData).toBe(false);
  });

  it.each([
    ['a resource link launch', async () => idToken(settings(), { [CLAIM.messageType]: MESSAGE_TYPE.resourceLink })],
    ['no settings claim', async () => idToken(undefined)],
    ['no return URL', async () => idToken(settings({ deep_link_return_url: undefined }))],
    ['a javascript: return URL', async () => idToken(settings({ deep_link_return_url: 'javascript:alert(1)' }))],
    ['not a JWT', async () => 'garbage'],
    ['no id_token', async () => undefined],
  ])('answers nothing for %s', async (_name, token) => {
    expect(readDeepLinkRequest(await token())).toBeUndefined();
  });
});

describe('the correct response', () => {
  it('has the header and claims of [DL] §4.5 and [SEC] §5.2.2', async () => {
    const c = await correct();
    expect(c.header).toEqual({ alg: 'RS256', kid: keys.current.kid, typ: 'JWT' });
    expect(c.signing).toBe('rs256');
    expect(c.payload).toMatchObject({
      iss: 'client-9', aud: 'https://lms.example', iat: NOW, exp: NOW + 300, nonce: 'n-1',
      [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse, [CLAIM.version]: LTI_VERSION, [CLAIM.deploymentId]: 'dep-9', [CLAIM.dlData]: 'd-1',
    });
  });

  it('leaves data out when the request had none', async () => {
    expect(await correct({ data: undefined })).not.toHaveProperty(['payload', CLAIM.dlData]);
  });

  it('returns one item per accepted type, an LTI link first', async () => {
    const items = (await correct()).payload[CLAIM.dlContentItems];
    expect(items).toEqual([
      { type: T.ltiResourceLink, url: createdLinkUrl(URLS.targetLink), title: 'lti-conform activity', custom: { chapter: '1' } },
      { type: T.link, url: URLS.targetLink, title: 'lti-conform link' },
      { type: T.html, html: '<p>lti-conform</p>' },
      { type: T.file, url: `${URLS.content}/file.txt`, title: 'lti-conform file', mediaType: 'text/plain' },
      { type: T.image, url: `${URLS.content}/image.svg`, title: 'lti-conform image' },
    ]);
  });

  it('respects accept_types, accept_multiple and accept_media_types', () => {
    const s = (over: Record<string, unknown>) => ({ deep_link_return_url: RETURN, accept_types: ALL_TYPES, accept_multiple: true, ...over });
    const types = (over: Record<string, unknown>) => contentItemsFor(s(over), URLS).map((i) => i.type);
    expect(types({ accept_types: [T.html, T.link, 'https://ext.example/type'] })).toEqual([T.link, T.html]);
    expect(types({ accept_multiple: false })).toEqual([T.ltiResourceLink]);
    expect(types({ accept_multiple: undefined, accept_types: [T.html, T.file] })).toEqual([T.html]);
    expect(types({ accept_types: [T.file], accept_media_types: 'application/pdf' })).toEqual([]);
    expect(contentItemsFor(s({ accept_types: [T.file], accept_media_types: 'image/*' }), URLS)).toEqual([
      { type: T.file, url: `${URLS.content}/image.svg`, title: 'lti-conform file', mediaType: 'image/svg+xml' },
    ]);
  });

  it('serves the files its items point at, of the media type the item names', () => {
    expect(fileFor('text/html;q=0.5, application/json')?.type).toBe('text/html');
    expect(mediaTypeAccepted('*/*', 'text/plain')).toBe(true);
    expect(mediaTypeAccepted('text/html', 'text/plain')).toBe(false);
    expect(servedContent('file.txt')).toEqual({ type: 'text/plain', body: 'lti-conform file\n' });
    expect(servedContent('image.svg')?.type).toBe('image/svg+xml');
    expect(servedContent('../etc/passwd')).toBeUndefined();
  });
});

describe('mutations: each changes exactly one thing', () => {
  const EXPECTED: Record<DeepLinkMutation, [string[], (m: DeepLinkResponseParts) => void]> = {
    'bad-signature': [['signing'], (m) => expect(m.signing).toBe('foreign-key')],
    'unknown-kid': [['header.kid'], (m) => expect(m.header.kid).toBe(UNKNOWN_KID)],
    'wrong-aud': [['payload.aud'], (m) => expect(m.payload.aud).toBe(OTHER_ISSUER)],
    'wrong-iss': [['payload.iss'], (m) => expect(m.payload.iss).toBe(OTHER_CLIENT_ID)],
    expired: [['payload.exp'], (m) => expect(m.payload.exp).toBe(NOW - EXPIRED_BY_S)],
    'replayed-nonce': [['payload.nonce'], (m) => expect(m.payload.nonce).toBe('n-old')],
    'changed-data': [[`payload.${CLAIM.dlData}`], (m) => expect(m.payload[CLAIM.dlData]).toBe('d-1-changed')],
    'wrong-deployment': [[`payload.${CLAIM.deploymentId}`], (m) => expect(m.payload[CLAIM.deploymentId]).toBe(OTHER_DEPLOYMENT_ID)],
    'wrong-message-type': [[`payload.${CLAIM.messageType}`], (m) => expect(m.payload[CLAIM.messageType]).toBe(MESSAGE_TYPE.deepLinkingRequest)],
  };

  it.each(Object.entries(EXPECTED))('%s', async (name, [changed, value]) => {
    const c = await correct();
    const m = DEEP_LINK_MUTATIONS[name as DeepLinkMutation].plan(structuredClone(c), { lastValidNonce: 'n-old' });
    expect(diff(c, m)).toEqual(changed);
    value(m);
  });

  it('a replay needs an earlier valid response; changed data needs data', async () => {
    const c = await correct();
    expect(() => DEEP_LINK_MUTATIONS['replayed-nonce'].plan(c, {})).toThrow(/no nonce to replay/);
    const noData = await correct({ data: undefined });
    expect(() => DEEP_LINK_MUTATIONS['changed-data'].plan(noData, {})).toThrow(DeepLinkPlanNotApplicable);
  });
});

describe('answering', () => {
  it('auto-posts the signed response in one JWT field to the return URL', async () => {
    const a = await answerDeepLink({ request: await request(), identity: IDENTITY, keys, plan: defaultDeepLinkPlan });
    expect(a.status).toBe(200);
    expect(a.body).toContain('<body onload="document.forms[0].submit()">');
    const page = readForms(a.body, 'https://tool.example/lti/deep-link');
    expect(page.autoSubmit).toBe(true);
    expect(page.forms).toHaveLength(1);
    expect(page.forms[0]).toMatchObject({ method: 'POST', action: RETURN });
    expect(page.forms[0]!.fields.map(([k]) => k)).toEqual([TOOL_MESSAGE_FORM_FIELD]);
    const jwt = page.forms[0]!.fields[0]![1];
    await expect(compactVerify(jwt, keys.current.publicKey)).resolves.toBeDefined();
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'RS256', kid: keys.current.kid, typ: 'JWT' });
    if (!a.record.posted) throw new Error('not posted');
    expect(a.record).toMatchObject({ returnUrl: RETURN, valid: true });
    expect(decodeJwt(jwt)).toEqual(a.record.sent.payload);
    expect(typeof a.record.sent.payload.nonce).toBe('string');
  });

  it('signs a bad-signature response with a key that does not verify, and marks it not valid', async () => {
    const a = await answerDeepLink({ request: await request(), identity: IDENTITY, keys, plan: DEEP_LINK_MUTATIONS['bad-signature'].plan });
    const jwt = readForms(a.body, RETURN).forms[0]!.fields[0]![1];
    await expect(compactVerify(jwt, keys.current.publicKey)).rejects.toThrow();
    expect(decodeProtectedHeader(jwt).kid).toBe(keys.current.kid);
    expect(a.record).toMatchObject({ posted: true, valid: false });
  });

  it('a nonce is fresh per response, and a replay reuses the one it is given', async () => {
    const nonce = async (lastValidNonce?: string, plan = defaultDeepLinkPlan) => {
      const a = await answerDeepLink({ request: await request(), identity: IDENTITY, keys, plan, ...(lastValidNonce ? { lastValidNonce } : {}) });
      return a.record.posted ? a.record.sent.payload.nonce : undefined;
    };
    expect(await nonce()).not.toBe(await nonce());
    expect(await nonce('n-prev', DEEP_LINK_MUTATIONS['replayed-nonce'].plan)).toBe('n-prev');
  });

  it('a plan that fails gives a 500 page and a record that says why (not applicable: skip)', async () => {
    const a = await answerDeepLink({ request: await request({ data: undefined }), identity: IDENTITY, keys, plan: DEEP_LINK_MUTATIONS['changed-data'].plan });
    expect(a.status).toBe(500);
    expect(a.record).toEqual({ posted: false, returnUrl: RETURN, reason: 'the deep-linking request carried no data, so there is none to change', notApplicable: true });
    const b = await answerDeepLink({ request: await request(), identity: IDENTITY, keys, plan: DEEP_LINK_MUTATIONS['replayed-nonce'].plan });
    expect(b.record).toMatchObject({ posted: false, notApplicable: false });
  });

  it('escapes the return URL and falls back to the configured issuer and deployment', async () => {
    const r = await request({ deep_link_return_url: 'https://lms.example/r?a="><script>' });
    const noIss = { ...r, claims: { ...r.claims, iss: undefined, [CLAIM.deploymentId]: undefined } };
    const a = await answerDeepLink({ request: noIss, identity: IDENTITY, keys, plan: defaultDeepLinkPlan });
    expect(a.body).not.toContain('"><script>');
    if (!a.record.posted) throw new Error('not posted');
    expect(a.record.sent.payload).toMatchObject({ aud: IDENTITY.issuer, [CLAIM.deploymentId]: IDENTITY.deploymentId });
  });
});
