// The two reference roles against each other: the reference tool registered with the reference
// platform, and the platform with the tool. A headless browser opens launches on the platform and
// follows them through the tool's login, the platform's authorization endpoint and the tool's
// redirect URI; the tool's trigger routes drive its AGS and NRPS client against the platform.
//
// (test/support/reference-platform-pair.ts starts the two with each other's URLs.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceRecorder } from '../../src/core/evidence.js';
import { Browser, type Navigation } from '../../src/http/browser.js';
import { CLAIM, CONTENT_ITEM_TYPE, MESSAGE_TYPE } from '../../src/lti/vocab.js';
import { PATHS } from '../../src/reference/platform/context.js';
import type { RunningReferencePlatform } from '../../src/reference/platform/index.js';
import { postedJwt, trail, trigger, withReferencePlatform } from '../support/reference-platform-pair.js';
import { startReferenceTool, type RunningReferenceTool } from '../../src/reference/tool/index.js';

const CLIENT_ID = 'ref-tool-vs-ref-platform-client';
const DEPLOYMENT_ID = 'ref-tool-vs-ref-platform-deployment';

describe('e2e: the reference tool against the reference platform', () => {
  let platform: RunningReferencePlatform;
  let tool: RunningReferenceTool;
  let issuer: string;
  let pair: Awaited<ReturnType<typeof withReferencePlatform<typeof tool>>>;
  /** The gradebook column the deep linking test created (bound to its resource link). */
  let dlLineItem: string | undefined;
  const evidence = new EvidenceRecorder();
  const browser = new Browser({ evidence, timeoutMs: 5_000 });
  const go = (url: string): Promise<Navigation> => browser.navigate({ method: 'GET', url });

  beforeAll(async () => {
    pair = await withReferencePlatform({ clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID }, (u) => startReferenceTool({
      platform: {
        issuer: u.issuer, clientId: CLIENT_ID, deploymentIds: [DEPLOYMENT_ID],
        authorizationUrl: u.authorizationUrl, tokenUrl: u.tokenUrl, jwksUrl: u.jwksUrl,
      },
    }));
    ({ tool, platform } = pair);
    issuer = pair.urls.issuer;
  });

  afterAll(async () => {
    await pair?.close();
  });

  it('the platform publishes the URLs the tool was given', () => {
    expect([platform.issuer, platform.authorizationUrl, platform.tokenUrl, platform.jwksUrl]).toEqual([
      issuer, `${issuer}${PATHS.auth}`, `${issuer}${PATHS.token}`, `${issuer}${PATHS.jwks}`,
    ]);
  });

  it('launches a student: platform -> tool login -> /auth -> redirect URI -> landing page', async () => {
    const { hops, final } = await go(platform.launchUrl({ persona: 'student' }));
    expect(trail(hops)).toEqual([
      `GET ${issuer}${PATHS.launch} 302`,
      `GET ${tool.loginUrl} 302`,
      `GET ${platform.authorizationUrl} 200`,
      `POST ${tool.redirectUris[0]} 302`,
      `GET ${tool.targetLinkUri} 200`,
    ]);
    expect(hops[3]?.fields).toEqual(['id_token', 'state']);
    expect(final.status).toBe(200);
    expect(final.body).toContain(`Launched as ${platform.users.student}.`);
    const idToken = postedJwt(evidence, hops[3], 'id_token');
    expect(idToken).toMatchObject({
      iss: issuer, aud: CLIENT_ID, sub: platform.users.student,
      [CLAIM.messageType]: MESSAGE_TYPE.resourceLink, [CLAIM.deploymentId]: DEPLOYMENT_ID, [CLAIM.targetLinkUri]: tool.targetLinkUri,
      [CLAIM.resourceLink]: { id: platform.services.resourceLinkId('course-1') },
    });
  });

  it('deep links as the instructor, then launches the resource link it created', async () => {
    const dl = await go(platform.launchUrl({ persona: 'instructor', message: 'deep-linking' }));
    expect(trail(dl.hops)).toEqual([
      `GET ${issuer}${PATHS.launch} 302`,
      `GET ${tool.loginUrl} 302`,
      `GET ${platform.authorizationUrl} 200`,
      `POST ${tool.redirectUris[0]} 200`,
      `POST ${issuer}${PATHS.deepLinkReturn} 200`,
    ]);
    expect(postedJwt(evidence, dl.hops[3], 'id_token')).toMatchObject({
      [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest, [CLAIM.targetLinkUri]: tool.deepLinkingUrl,
    });
    expect(dl.hops[4]?.fields).toEqual(['JWT']);
    const response = postedJwt(evidence, dl.hops[4], 'JWT');
    const items = response[CLAIM.dlContentItems] as Record<string, unknown>[];
    // The platform offers every type with accept_multiple, so the tool returns one item of each type.
    expect(items.map((i) => i.type).sort()).toEqual(Object.values(CONTENT_ITEM_TYPE).sort());
    const offered = items.find((i) => i.type === CONTENT_ITEM_TYPE.ltiResourceLink);
    expect(offered).toMatchObject({ url: tool.targetLinkUri, custom: { chapter: '3' } });
    expect(dl.final.status).toBe(200);
    expect(dl.final.body).toContain('Deep linking complete');
    expect(dl.final.body).toContain(`Added ${items.length} item(s) to course-1:`);
    expect(dl.final.body).toContain('with a gradebook column');
    const linkId = /resource link (ref-link-course-1-dl-\d+)/.exec(dl.final.body)?.[1];
    expect(linkId).toBeDefined();

    const launch = await go(platform.launchUrl({ persona: 'instructor', link: 'latest' }));
    expect(trail(launch.hops).at(-1)).toBe(`GET ${String(offered?.url)} 200`);
    expect(launch.final.body).toContain(`Launched as ${platform.users.instructor}.`);
    const idToken = postedJwt(evidence, launch.hops[3], 'id_token');
    expect(idToken).toMatchObject({
      [CLAIM.targetLinkUri]: offered?.url,
      [CLAIM.resourceLink]: { id: linkId, title: offered?.title },
      [CLAIM.custom]: offered?.custom,
    });
    // The item's lineItem became a gradebook column bound to the new link.
    dlLineItem = (idToken[CLAIM.ags] as { lineitem?: string }).lineitem;
    expect(dlLineItem).toMatch(new RegExp(`^${platform.services.lineItemsUrl('course-1')}/\\d+$`));
  });

  it('grades, lists line items, reads results and the roster through the tool trigger routes', async () => {
    const lineItems = platform.services.lineItemsUrl('course-1');
    const created = await trigger(tool.triggerUrls.createLineItem, { lineItems });
    expect(created).toMatchObject({ status: 200, json: { ok: true, status: 201 } });
    const id = created.json.id as string;
    expect(id).toMatch(new RegExp(`^${lineItems}/\\d+$`));

    const graded = await trigger(tool.triggerUrls.grade, { lineItem: id, userId: platform.users.student });
    expect(graded).toMatchObject({ status: 200, json: { ok: true, status: 204, url: `${id}/scores` } });

    const listed = await trigger(tool.triggerUrls.lineItems, { lineItems });
    expect(listed.status).toBe(200);
    // The column the deep linking test created (when it ran) and the one just created.
    expect(listed.json.ids).toEqual([...(dlLineItem === undefined ? [] : [dlLineItem]), id]);

    const results = await trigger(tool.triggerUrls.results, { lineItem: id });
    expect(results).toMatchObject({ status: 200, json: { ok: true, results: [{ userId: platform.users.student, resultScore: 8 }] } });

    const roster = await trigger(tool.triggerUrls.roster, { memberships: platform.services.membershipsUrl('course-1') });
    expect(roster.status).toBe(200);
    expect(roster.json.userIds).toEqual([platform.users.instructor, platform.users.student, 'ref-user-student-2002']);
  });
});
