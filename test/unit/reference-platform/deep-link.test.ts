import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM, MESSAGE_TYPE, SCOPE } from '../../../src/lti/vocab.js';
import { startReferencePlatform } from '../../../src/reference/platform/index.js';
import { accessToken, json, launch, send, type Env, type Hop } from './client.js';
import { FakeTool, type SignMode } from './fake-tool.js';

let env: Env;
beforeAll(async () => {
  const tool = await FakeTool.start();
  env = { tool, platform: await startReferencePlatform({ tool: tool.registration }) };
});
afterAll(async () => {
  await env.platform.close();
  await env.tool.close();
});

interface DlLaunch {
  cookie: string;
  data: string;
}

async function dlLaunch(context = 'course-1'): Promise<DlLaunch> {
  const l = await launch(env, { message: 'deep-linking', context });
  const settings = l.claims?.[CLAIM.deepLinkingSettings] as { data: string };
  return { cookie: l.started.cookie, data: settings.data };
}

async function respond(dl: DlLaunch, change: Record<string, unknown> = {}, items: unknown[] = [], mode: SignMode = 'rs256', header: Record<string, unknown> = {}): Promise<Hop> {
  const claims: Record<string, unknown> = { ...env.tool.dlClaims(env.platform, dl.data, items), ...change };
  for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
  return send(`${env.platform.issuer}/deep-link/return`, { cookie: dl.cookie, form: { JWT: await env.tool.sign(claims, mode, header) } });
}

describe('reference platform: deep linking return', () => {
  it('absorbs an ltiResourceLink: later launches use its url and custom, its line item is served', async () => {
    const dl = await dlLaunch('course-2');
    const url = `${env.tool.origin}/activity/42`;
    const items = [
      { type: 'ltiResourceLink', title: 'Chapter 42', url, custom: { chapter: '42' }, lineItem: { scoreMaximum: 20, label: 'Ch 42', resourceId: 'ch42', tag: 'chapters' } },
      { type: 'html', html: '<script>alert(1)</script><b>hi</b>', title: 'Snippet' },
      { type: 'link', url: 'https://example.org/x', title: 'A page', embed: { html: '<script>alert(2)</script>' } },
    ];
    const hop = await respond(dl, { [CLAIM.dlMsg]: 'Added your chapter' }, items);
    expect(hop.status).toBe(200);
    expect(hop.body).toContain('Deep linking complete');
    expect(hop.body).toContain('Added your chapter');
    expect(hop.body).not.toContain('<script>');
    const linkId = /resource link ([^)\s]+)\)/.exec(hop.body)?.[1] ?? '';
    expect(linkId).not.toBe('');

    const later = await launch(env, { context: 'course-2', link: 'latest' });
    expect(later.started.initiation.get('target_link_uri')).toBe(url);
    const c = later.claims ?? {};
    expect(c[CLAIM.targetLinkUri]).toBe(url);
    expect(c[CLAIM.resourceLink]).toEqual({ id: linkId, title: 'Chapter 42' });
    expect(c[CLAIM.custom]).toEqual({ chapter: '42' });
    const token = await accessToken(env, [SCOPE.lineItemReadOnly]);
    const listed = json<Array<Record<string, unknown>>>(await send(`${env.platform.services.lineItemsUrl('course-2')}?resource_link_id=${linkId}`, { token }));
    expect(listed).toEqual([{ id: expect.any(String) as string, label: 'Ch 42', scoreMaximum: 20, resourceLinkId: linkId, resourceId: 'ch42', tag: 'chapters' }]);
    expect((c[CLAIM.ags] as { lineitem?: string }).lineitem).toBe(listed[0]?.id);
    expect((await launch(env, { context: 'course-2', link: linkId })).claims?.[CLAIM.resourceLink]).toEqual(c[CLAIM.resourceLink]);
  });

  it('accepts an empty response with an error message and creates nothing', async () => {
    const dl = await dlLaunch();
    const hop = await respond(dl, { [CLAIM.dlErrorMsg]: 'Nothing fits', [CLAIM.dlContentItems]: undefined });
    expect(hop.status).toBe(200);
    expect(hop.body).toContain('Nothing fits');
    expect(hop.body).toContain('No content was added.');
  });

  it('accepts a multipart form post as well', async () => {
    const dl = await dlLaunch();
    const jwt = await env.tool.sign(env.tool.dlClaims(env.platform, dl.data));
    const boundary = 'xYzZY';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="JWT"\r\n\r\n${jwt}\r\n--${boundary}--\r\n`;
    const hop = await send(`${env.platform.issuer}/deep-link/return`, { cookie: dl.cookie, body, type: `multipart/form-data; boundary=${boundary}` });
    expect(hop.status).toBe(200);
  });

  const now = (): number => Math.floor(Date.now() / 1000);
  it.each<[string, Record<string, unknown>, SignMode, Record<string, unknown>]>([
    ['signed by another key', {}, 'foreign-key', {}],
    ['under an unknown kid', {}, 'rs256', { kid: 'nobody' }],
    ['unsigned (alg none)', {}, 'none', {}],
    ['with another aud', { aud: 'https://elsewhere.example' }, 'rs256', {}],
    ['with an untrusted extra aud', { aud: ['ISSUER', 'https://elsewhere.example'] }, 'rs256', {}],
    ['from another iss', { iss: 'someone-else' }, 'rs256', {}],
    ['expired', { iat: now() - 600, exp: now() - 300 }, 'rs256', {}],
    ['without nonce', { nonce: undefined }, 'rs256', {}],
    ['with changed data', { [CLAIM.dlData]: 'changed' }, 'rs256', {}],
    ['without data', { [CLAIM.dlData]: undefined }, 'rs256', {}],
    ['of type LtiDeepLinkingRequest', { [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest }, 'rs256', {}],
    ['of type LTIDeepLinkingResponse', { [CLAIM.messageType]: 'LTIDeepLinkingResponse' }, 'rs256', {}],
    ['with version 1.2.0', { [CLAIM.version]: '1.2.0' }, 'rs256', {}],
    ['for another deployment', { [CLAIM.deploymentId]: 'deploy-2' }, 'rs256', {}],
  ])('refuses a response %s', async (_n, change, mode, header) => {
    const dl = await dlLaunch();
    if (Array.isArray(change.aud)) change = { aud: change.aud.map((a) => (a === 'ISSUER' ? env.platform.issuer : a)) };
    const hop = await respond(dl, change, [{ type: 'ltiResourceLink', title: 'x' }], mode, header);
    expect(hop.status).toBe(400);
    expect(hop.body).toContain('Deep linking refused');
  });

  it('refuses a replayed response, and data from another session', async () => {
    const dl = await dlLaunch();
    const jwt = await env.tool.sign(env.tool.dlClaims(env.platform, dl.data));
    const post = (cookie: string): Promise<Hop> => send(`${env.platform.issuer}/deep-link/return`, { cookie, form: { JWT: jwt } });
    expect((await post(dl.cookie)).status).toBe(200);
    expect((await post(dl.cookie)).status).toBe(400);
    const other = await dlLaunch();
    expect((await respond({ cookie: other.cookie, data: dl.data })).status).toBe(400);
    expect((await respond({ cookie: '', data: dl.data })).status).toBe(400);
    expect((await send(`${env.platform.issuer}/deep-link/return`, { cookie: dl.cookie, form: {} })).status).toBe(400);
  });
});
