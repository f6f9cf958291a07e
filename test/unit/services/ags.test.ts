import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_TYPE, SCOPE } from '../../../src/lti/vocab.js';
import type { PlatformEmulator } from '../../../src/roles/platform/emulator.js';
import { call, CONTEXT, FakeToolJwks, getToken, LINK, nextLink, startEmulator, toolKey, type ToolKey } from './support.js';

let jwks: FakeToolJwks;
let e: PlatformEmulator;
let key: ToolKey;
let urls: ReturnType<PlatformEmulator['services']['urls']>;
let rw: string;

beforeAll(async () => {
  key = await toolKey('k1');
  jwks = await new FakeToolJwks().start();
  jwks.keys = [key.publicJwk];
  e = await startEmulator(jwks.url);
  urls = e.services.urls(CONTEXT, LINK);
  rw = await getToken(e, key, [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadOnly]);
});

afterAll(async () => {
  await e.close();
  await jwks.close();
});

const lastCall = () => e.services.calls[e.services.calls.length - 1]!;
type Item = { id: string; label: string; scoreMaximum: number; resourceLinkId?: string; tag?: string };
const scoresUrl = (item: string) => item.replace('/lineitem?', '/lineitem/scores?');
const resultsUrl = (item: string) => item.replace('/lineitem?', '/lineitem/results?');
const json = (value: unknown, type: string = MEDIA_TYPE.lineItem) => ({ body: JSON.stringify(value), type, token: rw });

describe('AGS line item container', () => {
  it('serves the launch URLs with the tenant query', () => {
    expect(urls.lineItems).toBe(`${e.issuer}/ags/${CONTEXT}/lineitems?tenant=lti-conform`);
    expect(urls.lineItem).toBe(`${e.issuer}/ags/${CONTEXT}/lineitems/1/lineitem?tenant=lti-conform`);
    expect(e.services.data.lineItemIds(CONTEXT)).toHaveLength(5);
  });

  it('spans three pages of two, followed verbatim through rel="next"', async () => {
    const seen: Item[] = [];
    let url: string | undefined = urls.lineItems;
    const pages: { index: number; hasNext: boolean }[] = [];
    while (url) {
      const r = await call('GET', url, { token: rw });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe(MEDIA_TYPE.lineItemContainer);
      seen.push(...(r.json() as Item[]));
      pages.push(lastCall().page!);
      url = nextLink(r.headers);
      if (url) expect(url).toMatch(/\/lineitems\?tenant=lti-conform&page=\d&cursor=[\w-]+$/);
    }
    expect(seen.map((i) => i.id)).toEqual(e.services.data.lineItemIds(CONTEXT));
    expect(pages).toEqual([{ index: 1, hasNext: true }, { index: 2, hasNext: true }, { index: 3, hasNext: false }]);
    expect(seen[0]).toMatchObject({ label: 'lti-conform activity', scoreMaximum: 10, resourceLinkId: LINK });
    expect(e.services.data.nextLinks.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a rebuilt next URL (no cursor, forged cursor, wrong page) with 400', async () => {
    const first = await call('GET', urls.lineItems, { token: rw });
    const next = nextLink(first.headers)!;
    for (const url of [`${urls.lineItems}&page=2`, next.replace(/cursor=[\w-]+/, 'cursor=forged'), next.replace('page=2', 'page=3')]) {
      const r = await call('GET', url, { token: rw });
      expect(r.status).toBe(400);
      expect((r.json() as { error: string }).error).toBe('invalid_request');
      expect(lastCall()).toMatchObject({ operation: 'lineitems.get', status: 400, error: 'invalid_request' });
    }
    expect((await call('GET', next, { token: rw })).status).toBe(200);
  });

  it('filters by resource_link_id, tag and limit; no match is []', async () => {
    const byLink = await call('GET', `${urls.lineItems}&resource_link_id=${LINK}`, { token: rw });
    expect((byLink.json() as Item[]).map((i) => i.id)).toEqual([urls.lineItem]);
    expect(nextLink(byLink.headers)).toBeUndefined();
    const quiz = await call('GET', `${urls.lineItems}&tag=quiz&limit=1`, { token: rw });
    expect((quiz.json() as Item[]).map((i) => i.label)).toEqual(['Quiz 1']);
    const page2 = await call('GET', nextLink(quiz.headers)!, { token: rw });
    expect((page2.json() as Item[]).map((i) => i.label)).toEqual(['Quiz 2']);
    expect(nextLink(page2.headers)).toBeUndefined();
    const none = await call('GET', `${urls.lineItems}&tag=nothing`, { token: rw });
    expect([none.status, none.json()]).toEqual([200, []]);
    expect((await call('GET', `${urls.lineItems}&limit=0`, { token: rw })).status).toBe(400);
  });
});

describe('AGS line items', () => {
  it('creates (201 with id), reads, updates (id and resourceLinkId kept) and deletes', async () => {
    const created = await call('POST', urls.lineItems, json({ label: 'Extra', scoreMaximum: 7, tag: 'extra', resourceId: 'r-9' }));
    expect(created.status).toBe(201);
    const item = created.json() as Item;
    expect(item).toMatchObject({ label: 'Extra', scoreMaximum: 7, tag: 'extra', resourceId: 'r-9' });
    expect(item.id).toMatch(/\/lineitems\/\d+\/lineitem\?tenant=lti-conform$/);
    expect(created.headers.location).toBe(item.id);
    expect(e.services.data.lineItemIds(CONTEXT)).toContain(item.id);
    const got = await call('GET', item.id, { token: rw });
    expect([got.status, got.headers['content-type'], got.json()]).toEqual([200, MEDIA_TYPE.lineItem, item]);
    const put = await call('PUT', item.id, json({ id: 'https://elsewhere/x', label: 'Renamed', scoreMaximum: 8, resourceLinkId: LINK }));
    expect(put.status).toBe(200);
    expect(put.json()).toEqual({ id: item.id, label: 'Renamed', scoreMaximum: 8 });
    expect((await call('DELETE', item.id, { token: rw })).status).toBe(204);
    expect((await call('GET', item.id, { token: rw })).status).toBe(404);
    expect(e.services.data.lineItemIds(CONTEXT)).not.toContain(item.id);
  });

  it('refuses a blank label, a non-positive scoreMaximum, an unknown resource link, malformed JSON', async () => {
    for (const bad of [{ label: ' ', scoreMaximum: 1 }, { label: 'x', scoreMaximum: 0 }, { label: 'x' }]) {
      expect((await call('POST', urls.lineItems, json(bad))).status).toBe(400);
    }
    expect((await call('POST', urls.lineItems, json({ label: 'x', scoreMaximum: 1, resourceLinkId: 'invented' }))).status).toBe(404);
    const broken = await call('POST', urls.lineItems, { body: '{"label": ', type: MEDIA_TYPE.lineItem, token: rw });
    expect(broken.status).toBe(400);
    expect(broken.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/JSON/) });
    expect((await call('POST', urls.lineItems, { body: 'label=x', type: 'application/x-www-form-urlencoded', token: rw })).status).toBe(415);
    expect((await call('GET', urls.lineItems, { token: rw })).status).toBe(200);
  });
});

describe('AGS scores and results', () => {
  it('takes scores at the line item URL + /scores with its query kept, and results reflect them scaled', async () => {
    const score = { userId: 'lti-conform-student-1', scoreGiven: 3, scoreMaximum: 4, comment: 'ok', timestamp: '2025-01-01T10:00:00.123Z', activityProgress: 'Completed', gradingProgress: 'FullyGraded' };
    const r = await call('POST', scoresUrl(urls.lineItem), json(score, MEDIA_TYPE.score));
    expect(r.status).toBe(204);
    expect(lastCall()).toMatchObject({ operation: 'scores.post', status: 204, lineItemId: urls.lineItem, contextId: CONTEXT, url: expect.stringMatching(/\/lineitem\/scores\?tenant=lti-conform$/) });
    const res = await call('GET', resultsUrl(urls.lineItem), { token: rw });
    expect([res.status, res.headers['content-type']]).toEqual([200, MEDIA_TYPE.resultContainer]);
    expect(res.json()).toEqual([expect.objectContaining({ userId: 'lti-conform-student-1', resultScore: 7.5, resultMaximum: 10, comment: 'ok', scoreOf: urls.lineItem })]);
    expect(e.services.data.results(CONTEXT, urls.lineItem)).toEqual([{ userId: 'lti-conform-student-1', resultScore: 7.5, resultMaximum: 10, comment: 'ok' }]);
    const filtered = await call('GET', `${resultsUrl(urls.lineItem)}&user_id=lti-conform-instructor-1`, { token: rw });
    expect(filtered.json()).toEqual([]);
  });

  it('accepts application/json, refuses an older timestamp (409), clears the score without scoreGiven', async () => {
    const base = { userId: 'lti-conform-student-1', activityProgress: 'Completed', gradingProgress: 'FullyGraded' };
    expect((await call('POST', scoresUrl(urls.lineItem), json({ ...base, scoreGiven: 1, scoreMaximum: 1, timestamp: '2025-01-01T11:00:00.000Z' }, 'application/json'))).status).toBe(204);
    expect((await call('POST', scoresUrl(urls.lineItem), json({ ...base, scoreGiven: 0, scoreMaximum: 1, timestamp: '2025-01-01T09:00:00.000Z' }, MEDIA_TYPE.score))).status).toBe(409);
    expect((await call('POST', scoresUrl(urls.lineItem), json({ ...base, timestamp: '2025-01-01T12:00:00.000Z' }, MEDIA_TYPE.score))).status).toBe(204);
    expect(e.services.data.results(CONTEXT, urls.lineItem)[0]).toEqual({ userId: 'lti-conform-student-1', resultMaximum: 10 });
  });

  it('refuses malformed scores with 400 and keeps serving', async () => {
    for (const body of ['{oops', '[]', JSON.stringify({ scoreGiven: 1, scoreMaximum: 1 }), JSON.stringify({ userId: 'lti-conform-student-1', scoreGiven: 1 }), JSON.stringify({ userId: 'nobody', scoreGiven: 1, scoreMaximum: 1 })]) {
      const r = await call('POST', scoresUrl(urls.lineItem), { body, type: MEDIA_TYPE.score, token: rw });
      expect(r.status).toBe(400);
      expect(r.json()).toMatchObject({ error: 'invalid_request', error_description: expect.any(String) });
    }
    expect((await call('GET', urls.lineItem, { token: rw })).status).toBe(200);
  });

  it('a scores URL that dropped the query, an unknown line item, an unknown context or path: 404', async () => {
    expect((await call('POST', scoresUrl(urls.lineItem).split('?')[0]!, json({ userId: 'lti-conform-student-1' }, MEDIA_TYPE.score))).status).toBe(404);
    expect((await call('GET', urls.lineItem.replace('/1/', '/99/'), { token: rw })).status).toBe(404);
    expect((await call('GET', urls.lineItems.replace(CONTEXT, 'never-launched'), { token: rw })).status).toBe(404);
    const odd = await call('GET', `${e.issuer}/ags/${CONTEXT}/whatever?tenant=lti-conform`, { token: rw });
    expect(odd.status).toBe(404);
    expect(lastCall()).toMatchObject({ operation: 'unknown', status: 404 });
    const patch = await call('PATCH', urls.lineItem, { token: rw });
    expect([patch.status, patch.headers.allow]).toEqual([405, 'GET, PUT, DELETE']);
  });
});

describe('AGS authorization', () => {
  it('401 without a token, with a token we never issued, and after expireTokens', async () => {
    const none = await call('GET', urls.lineItems);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(lastCall().token).toEqual({ present: false, valid: false, expired: false, scopes: [] });
    const forged = await call('GET', urls.lineItems, { token: 'not-ours' });
    expect([forged.status, forged.headers['www-authenticate']]).toEqual([401, expect.stringMatching(/error="invalid_token"/)]);
    const mine = await getToken(e, key, [SCOPE.lineItemReadOnly]);
    expect((await call('GET', urls.lineItems, { token: mine })).status).toBe(200);
    expect(lastCall().token).toMatchObject({ present: true, valid: true, expired: false, scopes: [SCOPE.lineItemReadOnly], issuedBy: expect.any(Number) });
    e.services.expireTokens();
    const expired = await call('GET', urls.lineItems, { token: mine });
    expect([expired.status, expired.headers['www-authenticate']]).toEqual([401, expect.stringMatching(/error="invalid_token"/)]);
    expect(lastCall().token).toMatchObject({ present: true, valid: false, expired: true });
    rw = await getToken(e, key, [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadOnly]);
    expect((await call('GET', urls.lineItems, { token: rw })).status).toBe(200);
  });

  it('403 when the token lacks the operation scope', async () => {
    const scoreOnly = await getToken(e, key, [SCOPE.score]);
    const r = await call('GET', urls.lineItems, { token: scoreOnly });
    expect(r.status).toBe(403);
    expect(r.json()).toMatchObject({ error: 'insufficient_scope' });
    const readOnly = await getToken(e, key, [SCOPE.lineItemReadOnly]);
    expect((await call('POST', urls.lineItems, { body: JSON.stringify({ label: 'x', scoreMaximum: 1 }), type: MEDIA_TYPE.lineItem, token: readOnly })).status).toBe(403);
    expect((await call('GET', resultsUrl(urls.lineItem), { token: readOnly })).status).toBe(403);
    expect(lastCall()).toMatchObject({ operation: 'results.get', status: 403, error: 'insufficient_scope' });
  });
});
