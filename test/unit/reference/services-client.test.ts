import { createRemoteJWKSet, jwtVerify } from 'jose';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM, MEDIA_TYPE, OAUTH, SCOPE } from '../../../src/lti/vocab.js';
import { startReferenceTool, type RunningReferenceTool } from '../../../src/reference/tool/index.js';
import { FakePlatform } from './fake-platform.js';
import { trigger } from './fake-services.js';

let platform: FakePlatform;
let tool: RunningReferenceTool;
let now = Date.now();

beforeAll(async () => {
  platform = await FakePlatform.start();
  tool = await startReferenceTool({ platform: platform.registration, now: () => now });
});
afterAll(async () => {
  await tool.close();
  await platform.close();
});

const grade = (userId = 'user-42') => trigger(tool, 'grade', { lineItem: platform.services.urls.lineItem, userId, scoreGiven: 7, scoreMaximum: 10 });

describe('reference tool: token requests', () => {
  it('sends a client_credentials request with a signed client assertion', async () => {
    const mark = platform.services.tokens.length;
    expect((await trigger(tool, 'roster', { memberships: platform.services.urls.memberships })).status).toBe(200);
    const t = platform.services.tokens[mark]!;
    expect(t.contentType).toBe(MEDIA_TYPE.formUrlEncoded);
    expect(t.form).toMatchObject({
      grant_type: OAUTH.grantClientCredentials,
      client_assertion_type: OAUTH.clientAssertionTypeJwtBearer,
      scope: SCOPE.nrps,
    });
    const { payload, protectedHeader } = await jwtVerify(t.jwt, createRemoteJWKSet(new URL(tool.jwksUrl)), { algorithms: ['RS256'] });
    expect(protectedHeader.kid).toBeTypeOf('string');
    expect(payload).toMatchObject({
      iss: platform.clientId, sub: platform.clientId, aud: platform.services.urls.token,
      [CLAIM.deploymentId]: platform.deploymentId,
    });
    expect(payload.iat).toBe(Math.floor(now / 1000));
    expect(payload.exp).toBe((payload.iat ?? 0) + 300);
    expect(payload.jti).toBeTypeOf('string');
  });

  it('asks for the scope each service needs, and a fresh jti every time', async () => {
    const mark = platform.services.tokens.length;
    await trigger(tool, 'lineItems', { lineItems: platform.services.urls.lineItems });
    await trigger(tool, 'createLineItem', { lineItems: platform.services.urls.lineItems });
    await trigger(tool, 'results', { lineItem: platform.services.urls.lineItem });
    await grade();
    const made = platform.services.tokens.slice(mark);
    expect(made.map((t) => t.form.scope)).toEqual([SCOPE.lineItemReadOnly, SCOPE.lineItem, SCOPE.resultReadOnly, SCOPE.score]);
    expect(new Set(made.map((t) => t.payload.jti)).size).toBe(made.length);
  });

  it('reuses a token for its scope set until expires_in, then gets a new one', async () => {
    await grade();
    const mark = platform.services.tokens.length;
    await grade();
    expect(platform.services.tokens.length).toBe(mark);
    now += 3601_000;
    await grade();
    expect(platform.services.tokens.length).toBe(mark + 1);
  });

  it('on 401 drops the token, fetches a new one and retries once', async () => {
    await grade();
    const [tokens, calls] = [platform.services.tokens.length, platform.services.calls.length];
    platform.services.revokeAll();
    const r = await grade();
    expect(r.status).toBe(200);
    expect(platform.services.tokens.length).toBe(tokens + 1);
    expect(platform.services.since(calls).map((c) => c.status)).toEqual([401, 204]);
  });

  it('reports a refused token request as 502 with the platform status and body', async () => {
    platform.services.revokeAll();
    platform.services.tokenRefusal = 400;
    try {
      const r = await grade();
      expect(r.status).toBe(502);
      expect(r.json).toMatchObject({ ok: false, step: 'token', status: 400, url: platform.services.urls.token });
      expect(r.json.body).toContain('invalid_client');
    } finally {
      platform.services.tokenRefusal = undefined;
    }
  });
});

describe('reference tool: AGS and NRPS calls', () => {
  it('posts a score to the line item path + /scores, keeping the query', async () => {
    const mark = platform.services.calls.length;
    const r = await grade();
    expect(r.status).toBe(200);
    const [call] = platform.services.since(mark);
    expect(call?.method).toBe('POST');
    expect(call?.url).toBe(`${platform.issuer}/ags/lineitems/1/scores?x=1`);
    expect(call?.contentType).toBe(MEDIA_TYPE.score);
    expect(call?.scopes).toEqual([SCOPE.score]);
    expect(JSON.parse(call?.body ?? '{}')).toEqual({
      userId: 'user-42', scoreGiven: 7, scoreMaximum: 10, timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      activityProgress: 'Completed', gradingProgress: 'FullyGraded',
    });
  });

  it('never repeats a score timestamp for a line item and user, even on a frozen clock', async () => {
    const mark = platform.services.calls.length;
    await grade();
    await grade();
    const [a, b] = platform.services.since(mark).map((c) => (JSON.parse(c.body) as { timestamp: string }).timestamp);
    expect(Date.parse(b!)).toBeGreaterThan(Date.parse(a!));
  });

  it('reads every line item page by following the Link next URL verbatim', async () => {
    const mark = platform.services.calls.length;
    const adv = platform.services.advertised.length;
    const r = await trigger(tool, 'lineItems', { lineItems: platform.services.urls.lineItems });
    expect(r.status).toBe(200);
    expect(r.json.ids).toEqual([1, 2, 3].map((n) => `${platform.issuer}/ags/lineitems/${n}?x=1`));
    const calls = platform.services.since(mark);
    expect(calls.map((c) => c.url)).toEqual([platform.services.urls.lineItems, ...platform.services.advertised.slice(adv)]);
    expect(calls.every((c) => c.accept === MEDIA_TYPE.lineItemContainer)).toBe(true);
  });

  it('creates a line item with the line item media type and a label', async () => {
    const mark = platform.services.calls.length;
    const r = await trigger(tool, 'createLineItem', { lineItems: platform.services.urls.lineItems });
    expect(r.json).toMatchObject({ ok: true, id: `${platform.issuer}/ags/lineitems/9?x=1` });
    const [call] = platform.services.since(mark);
    expect(call?.contentType).toBe(MEDIA_TYPE.lineItem);
    expect(JSON.parse(call?.body ?? '{}')).toEqual({ label: 'Quiz 3', scoreMaximum: 10, resourceId: 'quiz-3', tag: 'grade' });
  });

  it('reads results at the line item path + /results, every page', async () => {
    const mark = platform.services.calls.length;
    const r = await trigger(tool, 'results', { lineItem: platform.services.urls.lineItem });
    expect(r.json).toMatchObject({ ok: true, pages: 2, results: [{ userId: 'user-42' }, { userId: 'user-43' }] });
    const [first] = platform.services.since(mark);
    expect(first?.url).toBe(`${platform.issuer}/ags/lineitems/1/results?x=1`);
    expect(first?.accept).toBe(MEDIA_TYPE.resultContainer);
  });

  it('reads every roster page and treats a missing status as Active', async () => {
    const mark = platform.services.calls.length;
    const r = await trigger(tool, 'roster', { memberships: platform.services.urls.memberships });
    expect(r.json).toMatchObject({
      ok: true, pages: 2, userIds: ['user-42', 'user-43'],
      members: [{ userId: 'user-42', status: 'Active' }, { userId: 'user-43', status: 'Active' }],
    });
    expect(platform.services.since(mark).every((c) => c.accept === MEDIA_TYPE.membershipContainer)).toBe(true);
  });

  it('reports a service refusal as 502', async () => {
    const r = await trigger(tool, 'grade', { lineItem: `${platform.issuer}/ags/nowhere`, userId: 'u' });
    expect(r).toMatchObject({ status: 502, json: { ok: false, step: 'score', status: 404 } });
  });
});

describe('reference tool: trigger requests', () => {
  it.each([
    ['not JSON', '{'],
    ['not an object', '[1]'],
    ['lineItem missing', { userId: 'u' }],
    ['lineItem not a URL', { lineItem: 'x', userId: 'u' }],
    ['userId missing', { lineItem: 'http://127.0.0.1/li' }],
    ['scoreMaximum zero', { lineItem: 'http://127.0.0.1/li', userId: 'u', scoreMaximum: 0 }],
    ['scoreGiven negative', { lineItem: 'http://127.0.0.1/li', userId: 'u', scoreGiven: -1 }],
  ])('refuses a bad grade request with 400: %s', async (_n, body) => {
    const r = await trigger(tool, 'grade', body);
    expect(r.status).toBe(400);
    expect(r.json.ok).toBe(false);
  });

  it('only takes POST', async () => {
    expect((await request(tool.triggerUrls.roster)).statusCode).toBe(405);
  });
});
