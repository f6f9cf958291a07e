import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM, MEDIA_TYPE, SCOPE } from '../../../src/lti/vocab.js';
import { startReferencePlatform } from '../../../src/reference/platform/index.js';
import { accessToken, json, launch, nextLink, send, type Env, type Hop } from './client.js';
import { FakeTool } from './fake-tool.js';

let env: Env;
let token: string;
let c1: string;
let c2: string;
beforeAll(async () => {
  const tool = await FakeTool.start();
  env = { tool, platform: await startReferencePlatform({ tool: tool.registration }) };
  token = await accessToken(env, [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadOnly]);
  c1 = env.platform.services.lineItemsUrl('course-1');
  c2 = env.platform.services.lineItemsUrl('course-2');
});
afterAll(async () => {
  await env.platform.close();
  await env.tool.close();
});

type Item = Record<string, unknown> & { id: string };
const post = (url: string, body: unknown, type: string = MEDIA_TYPE.lineItem, t = token): Promise<Hop> =>
  send(url, { method: 'POST', token: t, body: JSON.stringify(body), type });
const get = (url: string, t = token): Promise<Hop> => send(url, { token: t });
async function create(url: string, body: Record<string, unknown>): Promise<Item> {
  const hop = await post(url, { label: 'Quiz', scoreMaximum: 10, ...body });
  if (hop.status !== 201) throw new Error(`create failed: ${hop.status} ${hop.body}`);
  return json<Item>(hop);
}
const ids = (hop: Hop): string[] => json<Item[]>(hop).map((i) => i.id);

describe('reference platform: AGS line items', () => {
  it('creates a line item: 201, Location, its id URL, resourceId and tag unchanged', async () => {
    const body = { label: 'Essay 1', scoreMaximum: 50, resourceId: 'essay-1', tag: 'essays', resourceLinkId: 'ref-link-course-1', 'https://example.org/ext': { a: 1 } };
    const hop = await post(c1, body);
    expect(hop.status).toBe(201);
    expect(hop.headers['content-type']).toBe(MEDIA_TYPE.lineItem);
    const item = json<Item>(hop);
    expect(item.id).toMatch(new RegExp(`^${c1}/\\d+$`));
    expect(hop.headers.location).toBe(item.id);
    expect(item).toEqual({ id: item.id, ...body });
    const read = await get(item.id);
    expect([read.status, read.headers['content-type']]).toEqual([200, MEDIA_TYPE.lineItem]);
    expect(json(read)).toEqual(item);
  });

  it('accepts application/json bodies too', async () => {
    expect((await post(c1, { label: 'J', scoreMaximum: 1 }, MEDIA_TYPE.json)).status).toBe(201);
  });

  it.each([
    ['no label', { label: undefined }],
    ['a blank label', { label: '  ' }],
    ['scoreMaximum 0', { scoreMaximum: 0 }],
    ['a negative scoreMaximum', { scoreMaximum: -5 }],
    ['scoreMaximum as a string', { scoreMaximum: '10' }],
    ['no scoreMaximum', { scoreMaximum: undefined }],
    ['endDateTime without zone', { endDateTime: '2030-01-01T10:00:00' }],
  ])('refuses a line item with %s (400)', async (_n, change: Record<string, unknown>) => {
    const body: Record<string, unknown> = { label: 'Quiz', scoreMaximum: 10, ...change };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    expect((await post(c1, body)).status).toBe(400);
  });

  it('refuses a body that is not JSON (400) or not a line item type (415)', async () => {
    expect((await send(c1, { method: 'POST', token, body: '{', type: MEDIA_TYPE.lineItem })).status).toBe(400);
    expect((await post(c1, { label: 'x', scoreMaximum: 1 }, 'text/plain')).status).toBe(415);
  });

  it.each([
    ['an unknown link', 'ref-link-nowhere'],
    ['a link of another course', 'ref-link-course-2'],
  ])('answers 404 to a resourceLinkId of %s', async (_n, resourceLinkId) => {
    expect((await post(c1, { label: 'x', scoreMaximum: 1, resourceLinkId })).status).toBe(404);
  });

  it('filters the container by resource_link_id, resource_id and tag', async () => {
    const a = await create(c1, { resourceId: 'f-a', tag: 'f-tag', resourceLinkId: 'ref-link-course-1' });
    const b = await create(c1, { resourceId: 'f-b', tag: 'f-tag' });
    const hop = await get(`${c1}?tag=f-tag`);
    expect([hop.status, hop.headers['content-type']]).toEqual([200, MEDIA_TYPE.lineItemContainer]);
    expect(ids(hop)).toEqual([a.id, b.id]);
    expect(ids(await get(`${c1}?resource_id=f-b`))).toEqual([b.id]);
    expect(ids(await get(`${c1}?resource_link_id=ref-link-course-1&tag=f-tag`))).toEqual([a.id]);
    expect(ids(await get(`${c1}?resource_link_id=ref-link-course-1&resource_id=f-b`))).toEqual([]);
    expect(json(await get(`${c1}?resource_id=no-such-thing`))).toEqual([]);
  });

  it('pages with limit and Link rel="next", keeping the filters', async () => {
    const made = [await create(c1, { tag: 'paged' }), await create(c1, { tag: 'paged' }), await create(c1, { tag: 'paged' })];
    const seen: string[] = [];
    let url: string | undefined = `${c1}?tag=paged&limit=1`;
    let pages = 0;
    while (url !== undefined && pages < 10) {
      const hop = await get(url);
      seen.push(...ids(hop));
      url = nextLink(hop);
      pages++;
    }
    expect(seen).toEqual(made.map((i) => i.id));
    expect(pages).toBe(3);
    expect((await get(`${c1}?limit=0`)).status).toBe(400);
  });

  it('keeps each course to its own line items', async () => {
    const mine = await create(c1, { resourceId: 'iso' });
    expect(json(await get(`${c2}?resource_id=iso`))).toEqual([]);
    const other = await create(c2, { resourceId: 'iso' });
    expect(ids(await get(`${c2}?resource_id=iso`))).toEqual([other.id]);
    expect((await get(mine.id.replace('/course-1/', '/course-2/'))).status).toBe(404);
    expect((await get(`${env.platform.issuer}/ags/course-9/lineitems`)).status).toBe(404);
  });

  it('PUT replaces the item but never its id or resourceLinkId, and answers what it applied', async () => {
    const item = await create(c1, { resourceLinkId: 'ref-link-course-1', tag: 'v1' });
    const hop = await send(item.id, {
      method: 'PUT',
      token,
      type: MEDIA_TYPE.lineItem,
      body: JSON.stringify({ ...item, id: `${c1}/999999`, label: 'Renamed', tag: 'v2', resourceLinkId: 'ref-link-course-1-other' }),
    });
    expect(hop.status).toBe(200);
    expect(json(hop)).toEqual({ id: item.id, label: 'Renamed', scoreMaximum: 10, tag: 'v2', resourceLinkId: 'ref-link-course-1' });
    expect(json(await get(item.id))).toEqual(json(hop));
    const blank = await send(item.id, { method: 'PUT', token, type: MEDIA_TYPE.lineItem, body: JSON.stringify({ label: '', scoreMaximum: 1 }) });
    expect(blank.status).toBe(400);
  });

  it('DELETE answers 204 and the item is gone', async () => {
    const item = await create(c1, {});
    expect((await send(item.id, { method: 'DELETE', token })).status).toBe(204);
    expect((await get(item.id)).status).toBe(404);
  });

  it('puts a lineitem claim in launches of a link bound to exactly one line item', async () => {
    const lineitem = (c: Record<string, unknown> | undefined): unknown => (c?.[CLAIM.ags] as Record<string, unknown>).lineitem;
    expect(lineitem((await launch(env, { context: 'course-2' })).claims)).toBeUndefined();
    const item = await create(c2, { resourceLinkId: 'ref-link-course-2' });
    expect(lineitem((await launch(env, { context: 'course-2' })).claims)).toBe(item.id);
    await create(c2, { resourceLinkId: 'ref-link-course-2' });
    expect(lineitem((await launch(env, { context: 'course-2' })).claims)).toBeUndefined();
  });
});
