// A cross-check that the reference platform is real: a tool built on ltijs (a certified library nobody
// here wrote) completes launches, deep linking, grades and rosters against it.
//
// ltijs needs the platform registered before it starts, and the platform's tool registration is fixed
// at start, so the platform's port is reserved first: ltijs starts with the platform's URLs known in
// advance, then the platform starts on that port with ltijs's URLs. ltijs's redirect URI, target link
// URI and deep linking URL are all its app route '/', its key set is '/keys' (see ltijs/ltijs-tool.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceRecorder } from '../../src/core/evidence.js';
import { Browser, type Navigation } from '../../src/http/browser.js';
import { CLAIM, CONTENT_ITEM_TYPE, MESSAGE_TYPE } from '../../src/lti/vocab.js';
import { PATHS } from '../../src/reference/platform/context.js';
import type { RunningReferencePlatform } from '../../src/reference/platform/index.js';
import { postedJwt, trail, trigger, withReferencePlatform } from '../support/reference-platform-pair.js';
import { startLtijsTool, type RunningLtijsTool } from './ltijs/ltijs-tool.js';

const CLIENT_ID = 'ltijs-vs-ref-platform-client';
const DEPLOYMENT_ID = 'ltijs-vs-ref-platform-deployment';

/** A value of ltijs's launch page (`<dd id="name">`). */
const shown = (body: string, name: string): string | undefined => new RegExp(`<dd id="${name}">([^<]*)</dd>`).exec(body)?.[1];

describe('interop: an ltijs tool against the reference platform', () => {
  let platform: RunningReferencePlatform;
  let tool: RunningLtijsTool;
  let issuer: string;
  let pair: Awaited<ReturnType<typeof withReferencePlatform<typeof tool>>>;
  const evidence = new EvidenceRecorder();
  const browser = new Browser({ evidence, timeoutMs: 5_000 });
  const go = (url: string): Promise<Navigation> => browser.navigate({ method: 'GET', url });

  beforeAll(async () => {
    pair = await withReferencePlatform({ clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID }, (u) => startLtijsTool({
      platform: { issuer: u.issuer, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, authorizationUrl: u.authorizationUrl, tokenUrl: u.tokenUrl, jwksUrl: u.jwksUrl },
    }));
    ({ tool, platform } = pair);
    issuer = pair.urls.issuer;
  });

  afterAll(async () => {
    await pair?.close();
  });

  it('the platform publishes the URLs ltijs was given', () => {
    expect([platform.issuer, platform.authorizationUrl, platform.tokenUrl, platform.jwksUrl]).toEqual([
      issuer, `${issuer}${PATHS.auth}`, `${issuer}${PATHS.token}`, `${issuer}${PATHS.jwks}`,
    ]);
  });

  it('launches a student: platform -> ltijs login -> /auth -> redirect URI -> ltijs app page', async () => {
    const { hops, final } = await go(platform.launchUrl({ persona: 'student' }));
    // ltijs validates the posted id_token, then redirects to the same route with ?ltik= (its session token).
    expect(trail(hops)).toEqual([
      `GET ${issuer}${PATHS.launch} 302`,
      `GET ${tool.loginUrl} 302`,
      `GET ${platform.authorizationUrl} 200`,
      `POST ${tool.redirectUris[0]} 302`,
      `GET ${tool.launchUrl} 200`,
    ]);
    expect(new URL(hops[4]?.url ?? '').searchParams.has('ltik')).toBe(true);
    expect(final.status).toBe(200);
    expect(final.body).toContain('ltijs launch OK');
    expect(shown(final.body, 'user')).toBe(platform.users.student);
    expect(shown(final.body, 'iss')).toBe(issuer);
    expect(shown(final.body, 'deployment-id')).toBe(DEPLOYMENT_ID);
    expect(shown(final.body, 'message-type')).toBe(MESSAGE_TYPE.resourceLink);
    expect(shown(final.body, 'resource-link-id')).toBe(platform.services.resourceLinkId('course-1'));
  });

  it('deep links as the instructor, then launches the resource link it created', async () => {
    const dl = await go(platform.launchUrl({ persona: 'instructor', message: 'deep-linking' }));
    expect(trail(dl.hops)).toEqual([
      `GET ${issuer}${PATHS.launch} 302`,
      `GET ${tool.loginUrl} 302`,
      `GET ${platform.authorizationUrl} 200`,
      `POST ${tool.redirectUris[0]} 302`,
      // ltijs's onDeepLinking answers with its auto-submitting form ...
      `GET ${tool.deepLinkingUrl} 200`,
      // ... which posts the signed response to the platform's deep link return.
      `POST ${issuer}${PATHS.deepLinkReturn} 200`,
    ]);
    expect(dl.hops[5]?.fields).toEqual(['JWT']);
    const response = postedJwt(evidence, dl.hops[5], 'JWT');
    expect(response).toMatchObject({ iss: CLIENT_ID, aud: issuer, [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse });
    const items = response[CLAIM.dlContentItems] as Record<string, unknown>[];
    // Both offered items fit: the platform accepts every type and multiple items.
    expect(items.map((i) => i.type)).toEqual([CONTENT_ITEM_TYPE.link, CONTENT_ITEM_TYPE.ltiResourceLink]);
    const offered = items[1];
    expect(offered).toMatchObject({ url: tool.launchUrl, title: 'ltijs activity', custom: { activity: 'ltijs-1' } });
    expect(dl.final.status).toBe(200);
    expect(dl.final.body).toContain('Deep linking complete');
    expect(dl.final.body).toContain('Added 2 item(s) to course-1:');
    const linkId = /resource link (ref-link-course-1-dl-\d+)/.exec(dl.final.body)?.[1];
    expect(linkId).toBeDefined();

    const launch = await go(platform.launchUrl({ persona: 'instructor', link: 'latest' }));
    expect(trail(launch.hops).slice(-2)).toEqual([`POST ${tool.redirectUris[0]} 302`, `GET ${tool.launchUrl} 200`]);
    expect(launch.final.body).toContain('ltijs launch OK');
    expect(shown(launch.final.body, 'user')).toBe(platform.users.instructor);
    expect(shown(launch.final.body, 'resource-link-id')).toBe(linkId);
    expect(shown(launch.final.body, 'target-link-uri')).toBe(offered?.url);
    expect(postedJwt(evidence, launch.hops[3], 'id_token')[CLAIM.custom]).toEqual({ activity: 'ltijs-1' });
  });

  it('grades, lists line items, reads results and the roster through ltijs service clients', async () => {
    const lineItems = platform.services.lineItemsUrl('course-1');
    const created = await trigger(tool.triggerUrls.createLineItem, { lineItems });
    expect(created.status).toBe(200);
    const id = (created.json.lineItem as { id?: unknown } | undefined)?.id as string;
    expect(id).toMatch(new RegExp(`^${lineItems}/\\d+$`));

    const graded = await trigger(tool.triggerUrls.grade, { lineItem: id, userId: platform.users.student });
    expect(graded.status).toBe(200);

    const listed = await trigger(tool.triggerUrls.lineItems, { lineItems });
    expect(listed.status).toBe(200);
    expect(listed.json.ids).toEqual([id]);

    const results = await trigger(tool.triggerUrls.results, { lineItem: id });
    expect(results.status).toBe(200);
    expect(results.json.results).toEqual([expect.objectContaining({ userId: platform.users.student, resultScore: 8, resultMaximum: 10 })]);

    const roster = await trigger(tool.triggerUrls.roster, { memberships: platform.services.membershipsUrl('course-1') });
    expect(roster.status).toBe(200);
    expect(roster.json.userIds).toEqual([platform.users.instructor, platform.users.student, 'ref-user-student-2002']);
  });
});
