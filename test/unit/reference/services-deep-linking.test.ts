import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from '../../../src/lti/vocab.js';
import { fileMediaType } from '../../../src/reference/tool/content-items.js';
import { startReferenceTool, type RunningReferenceTool } from '../../../src/reference/tool/index.js';
import { DATA, deepLink, dlPayload, dlSettings, items, types, verifyWithToolJwks } from './fake-deep-link.js';
import { accepted, FakePlatform, get, launch, login, loginParams } from './fake-platform.js';

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

describe('reference tool: deep linking response', () => {
  it('answers with an auto-submitting form POST of one JWT field to the return URL', async () => {
    const a = await deepLink(platform, tool, dlSettings(platform));
    expect(a.status).toBe(200);
    expect(a.onload).toBe(true);
    expect(a.method).toBe('POST');
    expect(a.action).toBe(`${platform.issuer}/dl/return?session=s-1&x=1`);
    expect(a.fields.map(([n]) => n)).toEqual(['JWT']);
    expect(a.body).not.toContain('Launched');
  });

  it('signs the response with the key it publishes, with the required claims', async () => {
    const a = await deepLink(platform, tool, dlSettings(platform));
    const jwks = JSON.parse((await get(tool.jwksUrl)).body) as { keys: { kid: string }[] };
    expect(a.header).toMatchObject({ alg: 'RS256', kid: jwks.keys[0]?.kid });
    const payload = await verifyWithToolJwks(tool, a.jwt!);
    const now = Math.floor(Date.now() / 1000);
    expect(payload).toMatchObject({
      iss: platform.clientId,
      aud: platform.issuer,
      [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
      [CLAIM.version]: LTI_VERSION,
      [CLAIM.deploymentId]: platform.deploymentId,
      [CLAIM.dlData]: DATA,
      [CLAIM.dlMsg]: 'lti-conform reference tool',
    });
    expect(payload.azp).toBeUndefined();
    expect(Math.abs((payload.iat ?? 0) - now)).toBeLessThan(5);
    expect(payload.exp).toBe((payload.iat ?? 0) + 300);
    expect(payload.nonce).toBeTypeOf('string');
    const again = await deepLink(platform, tool, dlSettings(platform));
    expect(again.payload.nonce).not.toBe(payload.nonce);
  });

  it('returns one item per accepted type, with accepted presentations only', async () => {
    const a = await deepLink(platform, tool, dlSettings(platform));
    expect(types(a)).toEqual(['link', 'ltiResourceLink', 'file', 'html', 'image']);
    const [link, rl, file, html, image] = items(a);
    expect(link).toMatchObject({ url: expect.any(String), title: expect.any(String), iframe: { src: link?.url }, window: {} });
    expect(rl).toEqual(expect.objectContaining({
      url: tool.targetLinkUri, custom: { chapter: '3' }, lineItem: { scoreMaximum: 10, label: 'Quiz 3' }, iframe: expect.any(Object),
    }));
    expect(file).toMatchObject({ mediaType: 'image/png' });
    expect(html).toMatchObject({ html: '<p>hi</p>' });
    expect(image).toMatchObject({ url: expect.any(String), width: 1, height: 1 });

    const windowOnly = await deepLink(platform, tool, dlSettings(platform, { accept_presentation_document_targets: ['window'] }));
    expect(items(windowOnly)[0]).toHaveProperty('window');
    expect(items(windowOnly)[0]).not.toHaveProperty('iframe');
  });

  it('serves what the items point at', async () => {
    const [link, , file, , image] = items(await deepLink(platform, tool, dlSettings(platform)));
    expect((await get(String(link?.url))).status).toBe(200);
    expect((await get(String(file?.url))).status).toBe(200);
    expect((await get(String(image?.url))).status).toBe(200);
  });

  it.each([
    ['accept_multiple false', { accept_multiple: false }],
    ['accept_multiple absent', { accept_multiple: undefined }],
  ])('returns exactly one item (the first accepted type) with %s', async (_n, change) => {
    const a = await deepLink(platform, tool, dlSettings(platform, { accept_types: ['html', 'link'], ...change }));
    expect(types(a)).toEqual(['html']);
  });

  it('returns only the accepted types, skipping those it cannot provide', async () => {
    const a = await deepLink(platform, tool, dlSettings(platform, { accept_types: ['link'], accept_multiple: false }));
    expect(types(a)).toEqual(['link']);
    const b = await deepLink(platform, tool, dlSettings(platform, { accept_types: ['x-unknown', 'file', 'image'], accept_media_types: 'video/*', accept_multiple: false }));
    expect(items(b)).toMatchObject([{ type: 'file', mediaType: 'video/mp4' }]);
    const c = await deepLink(platform, tool, dlSettings(platform, { accept_types: ['file', 'image'], accept_media_types: 'model/*', accept_multiple: false }));
    expect(types(c)).toEqual(['image']);
  });

  it('echoes data only when the request had it', async () => {
    const a = await deepLink(platform, tool, dlSettings(platform, { data: undefined }));
    expect(a.payload).not.toHaveProperty([CLAIM.dlData]);
  });

  it('accepts a deep linking request without context or PII (and without resource_link)', async () => {
    const a = await deepLink(platform, tool, dlSettings(platform), { [CLAIM.context]: undefined, name: undefined });
    expect(a.status).toBe(200);
  });

  it('makes the state single-use like a launch', async () => {
    const l = await login(platform, tool, { ...loginParams(platform, tool), target_link_uri: tool.deepLinkingUrl });
    const token = await platform.sign({ kid: platform.current.kid }, dlPayload(platform, tool, l.nonce, dlSettings(platform)));
    expect((await launch(tool, l, token)).launch.status).toBe(200);
    expect((await launch(tool, l, token)).launch.status).toBe(401);
  });

  it('lands a resource link launch that targets the deep linking URL like any launch', async () => {
    const l = await login(platform, tool);
    const r = await launch(tool, l, await platform.sign({ kid: platform.current.kid }, { ...platform.payload(tool, l.nonce), [CLAIM.targetLinkUri]: tool.deepLinkingUrl }));
    expect(r.launch.location).toBe(tool.deepLinkingUrl);
    expect(accepted(r)).toBe(true);
  });
});

describe('reference tool: deep linking request refusals', () => {
  it.each([
    ['no settings claim', undefined],
    ['no deep_link_return_url', { deep_link_return_url: undefined }],
    ['deep_link_return_url not http(s)', { deep_link_return_url: 'ftp://platform.example/return' }],
    ['deep_link_return_url not a URL', { deep_link_return_url: 'return here' }],
    ['no accept_types', { accept_types: undefined }],
    ['accept_types not an array', { accept_types: 'link' }],
    ['no accept_presentation_document_targets', { accept_presentation_document_targets: undefined }],
  ])('refuses with 400: %s', async (_n, change: Record<string, unknown> | undefined) => {
    const a = await deepLink(platform, tool, change === undefined ? undefined : dlSettings(platform, change));
    expect(a.status).toBe(400);
    expect(a.jwt).toBeUndefined();
  });

  it('refuses settings that are not an object', async () => {
    const a = await deepLink(platform, tool, undefined, { [CLAIM.deepLinkingSettings]: 'x' });
    expect(a.status).toBe(400);
  });
});

describe('fileMediaType', () => {
  it.each([
    [undefined, 'application/pdf'],
    ['', 'application/pdf'],
    ['image/*,text/html', 'image/png'],
    ['application/pdf', 'application/pdf'],
    ['Text/HTML;q=0.5', 'text/html'],
    ['*/*', 'application/pdf'],
    ['model/*, bogus', undefined],
  ])('%s -> %s', (accept, expected) => {
    expect(fileMediaType(accept)).toBe(expected);
  });
});
