// The two reference roles meet by LTI Dynamic Registration alone: the platform starts with no tool,
// the tool with no platform, and the only value that crosses by hand is the tool's registration URL
// (what an administrator pastes into the platform). The platform opens it (its /test/register route),
// the tool fetches the configuration and registers; launches, deep linking and grades then run on the
// client_id and deployment_id the platform assigned.
//
// The negative: a configuration whose issuer is not the origin it was fetched from ([DR] §3.5.1). The
// reference platform has no flaw for this and gets none: no platform scenario judges the issuer against
// the configuration URL (registration.configuration does not), so such a flaw would only be caught as a
// side effect, every launch then failing on iss. A tiny stub instead mirrors the real platform's
// configuration from another origin: everything in it is valid, only issuer and URL disagree.
import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceRecorder } from '../../src/core/evidence.js';
import { Browser, type Navigation } from '../../src/http/browser.js';
import { CLAIM, DR, MESSAGE_TYPE } from '../../src/lti/vocab.js';
import { PATHS } from '../../src/reference/platform/context.js';
import { startReferencePlatform, type RunningReferencePlatform } from '../../src/reference/platform/index.js';
import { startReferenceTool, type RunningReferenceTool, type ToolFlaw } from '../../src/reference/tool/index.js';
import { postedJwt, trail, trigger } from '../support/reference-platform-pair.js';

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await request(url);
  return { status: res.statusCode, body: await res.body.text() };
}

describe('e2e: the reference tool registers with the reference platform by Dynamic Registration', () => {
  let platform: RunningReferencePlatform;
  let tool: RunningReferenceTool;
  const evidence = new EvidenceRecorder();
  const browser = new Browser({ evidence, timeoutMs: 5_000 });
  const go = (url: string): Promise<Navigation> => browser.navigate({ method: 'GET', url });

  beforeAll(async () => {
    platform = await startReferencePlatform({});
    tool = await startReferenceTool();
  });

  afterAll(async () => {
    await platform?.close();
    await tool?.close();
  });

  it('nothing is registered before: the platform has no tool to launch', async () => {
    expect(platform.registration.clients()).toEqual([]);
    const { final } = await go(platform.launchUrl({ persona: 'student' }));
    expect(final.status).toBeGreaterThanOrEqual(400);
  });

  it('the platform opens the tool registration URL; the tool registers and adopts the client_id', async () => {
    const started = await get(platform.registration.startUrl(tool.registrationUrl));
    expect(started.status, started.body).toBe(200);
    expect(started.body).toContain('answered HTTP 200');
    const clients = platform.registration.clients();
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({ active: true, clientId: expect.stringMatching(/^ref-dr-/), deploymentId: expect.any(String) });
  });

  it('launches a student on that registration: aud and deployment_id are the ones the platform assigned', async () => {
    const [client] = platform.registration.clients();
    const { hops, final } = await go(platform.launchUrl({ persona: 'student' }));
    expect(trail(hops)).toEqual([
      `GET ${platform.issuer}${PATHS.launch} 302`,
      `GET ${tool.loginUrl} 302`,
      `GET ${platform.authorizationUrl} 200`,
      `POST ${tool.redirectUris[0]} 302`,
      `GET ${tool.targetLinkUri} 200`,
    ]);
    expect(final.body).toContain(`Launched as ${platform.users.student}.`);
    expect(postedJwt(evidence, hops[3], 'id_token')).toMatchObject({
      iss: platform.issuer, aud: client?.clientId, sub: platform.users.student,
      [CLAIM.messageType]: MESSAGE_TYPE.resourceLink, [CLAIM.deploymentId]: client?.deploymentId, [CLAIM.targetLinkUri]: tool.targetLinkUri,
    });
  });

  it('deep links as the instructor to the deep linking URL the tool registered, then launches the created link', async () => {
    const dl = await go(platform.launchUrl({ persona: 'instructor', message: 'deep-linking' }));
    expect(trail(dl.hops)).toEqual([
      `GET ${platform.issuer}${PATHS.launch} 302`,
      `GET ${tool.loginUrl} 302`,
      `GET ${platform.authorizationUrl} 200`,
      `POST ${tool.redirectUris[0]} 200`,
      `POST ${platform.issuer}${PATHS.deepLinkReturn} 200`,
    ]);
    expect(postedJwt(evidence, dl.hops[3], 'id_token')).toMatchObject({
      [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest, [CLAIM.targetLinkUri]: tool.deepLinkingUrl,
    });
    // The response the tool signed is addressed to the issuer it learnt from the configuration.
    const response = postedJwt(evidence, dl.hops[4], 'JWT');
    expect(response).toMatchObject({ aud: platform.issuer, iss: platform.registration.clients()[0]?.clientId });
    expect(dl.final.body).toContain('Deep linking complete');
    const linkId = /resource link (ref-link-course-1-dl-\d+)/.exec(dl.final.body)?.[1];
    expect(linkId).toBeDefined();

    const launch = await go(platform.launchUrl({ persona: 'instructor', link: 'latest' }));
    expect(launch.final.status).toBe(200);
    expect(launch.final.body).toContain(`Launched as ${platform.users.instructor}.`);
    expect(postedJwt(evidence, launch.hops[3], 'id_token')).toMatchObject({ [CLAIM.resourceLink]: { id: linkId } });
  });

  it('grades through the token endpoint and AGS with the registered client (client_credentials on its key)', async () => {
    const lineItems = platform.services.lineItemsUrl('course-1');
    const created = await trigger(tool.triggerUrls.createLineItem, { lineItems });
    expect(created).toMatchObject({ status: 200, json: { ok: true, status: 201 } });
    const id = created.json.id as string;
    const graded = await trigger(tool.triggerUrls.grade, { lineItem: id, userId: platform.users.student });
    expect(graded).toMatchObject({ status: 200, json: { ok: true, status: 204, url: `${id}/scores` } });
    const results = await trigger(tool.triggerUrls.results, { lineItem: id });
    expect(results).toMatchObject({ status: 200, json: { ok: true, results: [{ userId: platform.users.student, resultScore: 8 }] } });
    const roster = await trigger(tool.triggerUrls.roster, { memberships: platform.services.membershipsUrl('course-1') });
    expect(roster.status).toBe(200);
    expect(roster.json.userIds).toContain(platform.users.student);
  });
});

describe('e2e: the reference tool refuses a configuration whose issuer is not its origin', () => {
  let platform: RunningReferencePlatform;
  let stub: Server;
  let stubConfigUrl: string;
  let stubHits = 0;
  const tools: RunningReferenceTool[] = [];

  beforeAll(async () => {
    platform = await startReferencePlatform({});
    // Mirrors the platform's configuration verbatim: issuer (and every endpoint) stay the platform's.
    stub = createServer((req, res) => {
      stubHits += 1;
      void request(platform.registration.openidConfigurationUrl).then(async (r) => {
        res.writeHead(r.statusCode, { 'content-type': 'application/json' }).end(await r.body.text());
      }, () => res.writeHead(502).end());
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const { port } = stub.address() as { port: number };
    stubConfigUrl = `http://127.0.0.1:${port}/.well-known/openid-configuration`;
  });

  afterAll(async () => {
    stub?.closeAllConnections();
    await new Promise<void>((resolve) => (stub ? stub.close(() => resolve()) : resolve()));
    await platform?.close();
    await Promise.all(tools.map((t) => t.close()));
  });

  /** Opens the tool's registration URL the way a platform would, but naming the stub's configuration. */
  async function openWithStub(flaws: readonly ToolFlaw[] = []): Promise<{ status: number; body: string }> {
    const tool = await startReferenceTool({ flaws });
    tools.push(tool);
    const u = new URL(tool.registrationUrl);
    u.searchParams.set(DR.openidConfigurationParam, stubConfigUrl);
    u.searchParams.set(DR.registrationTokenParam, platform.registration.issueToken());
    return get(u.href);
  }

  it('the stub serves the configuration from another origin than its issuer', async () => {
    const config = JSON.parse((await get(stubConfigUrl)).body) as { issuer?: string; registration_endpoint?: string };
    expect(config.issuer).toBe(platform.issuer);
    expect(new URL(stubConfigUrl).origin).not.toBe(platform.issuer);
    expect(config.registration_endpoint).toBe(platform.registration.endpoint);
  });

  it('the reference tool reads it, refuses to register and posts nothing to the registration endpoint', async () => {
    const before = stubHits;
    const answer = await openWithStub();
    expect(stubHits).toBe(before + 1);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Registration failed');
    expect(answer.body).toContain('issuer does not match');
    expect(answer.body).not.toContain(DR.closeSubject);
    expect(platform.registration.clients()).toEqual([]);
  });

  it('control: a tool that ignores the mismatch registers through the same stub (the issuer is its only defect)', async () => {
    const answer = await openWithStub(['registration-ignores-issuer-mismatch']);
    expect(answer.status, answer.body).toBe(200);
    expect(answer.body).toContain(DR.closeSubject);
    expect(platform.registration.clients()).toMatchObject([{ active: true }]);
  });
});
