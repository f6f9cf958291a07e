import { afterEach, describe, expect, it } from 'vitest';
import {
  BOGUS_TOKEN, createLineItem, deleteLineItem, getAllPages, getLineItem, getMemberships, getResults, lineItemServiceUrl, listLineItems,
  MAX_PAGES, parseLinkHeader, postScore, putLineItem, serviceRequest, withQuery,
} from '../../../src/actions/tool/services.js';
import { EvidenceRecorder } from '../../../src/core/evidence.js';
import { MEDIA_TYPE, ROLE } from '../../../src/lti/vocab.js';
import { reply, startLoopback, type Loopback, type LoopbackHandler } from '../http/loopback.js';

const TOKEN = 'access-token-0123456789-abcdefghij';
let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function platform(handler: LoopbackHandler = (_q, res) => reply(res, 200, { 'content-type': MEDIA_TYPE.json }, '[]')) {
  server = await startLoopback(handler);
  return { ctx: { evidence: new EvidenceRecorder(), timeoutMs: 5000, signal: new AbortController().signal }, base: server.base };
}

describe('parseLinkHeader', () => {
  it.each([
    ['one next link', '<https://p.example/li?page=2>; rel="next"', { next: 'https://p.example/li?page=2' }],
    ['several links, several rels in one', '<https://p.example/a?p=3>; rel="next", <https://p.example/a?p=9>; rel="last prev"', { next: 'https://p.example/a?p=3', last: 'https://p.example/a?p=9', prev: 'https://p.example/a?p=9' }],
    ['unquoted rel, other params, upper case', '<https://p.example/a?p=2>; title="x"; REL=Next', { next: 'https://p.example/a?p=2' }],
    ['a comma inside the URL', '<https://p.example/a?ids=1,2>; rel="next", <https://p.example/a?first>; rel="first"', { next: 'https://p.example/a?ids=1,2', first: 'https://p.example/a?first' }],
    ['the first link of a relation wins', '<https://p.example/1>; rel="next", <https://p.example/2>; rel="next"', { next: 'https://p.example/1' }],
    ['a link without rel', '<https://p.example/1>', {}],
    ['no header', undefined, {}],
  ])('%s', (_n, value, expected) => expect(parseLinkHeader(value)).toEqual(expected));

  it('keeps an absolute target verbatim (no re-encoding) and resolves a relative one', () => {
    expect(parseLinkHeader('<https://P.example:443/a/../b?x=%2c&y=a b>; rel="next"', 'https://p.example/').next).toBe('https://P.example:443/a/../b?x=%2c&y=a b');
    expect(parseLinkHeader('</li?page=2>; rel="next"', 'https://p.example/ctx/1/li?limit=1').next).toBe('https://p.example/li?page=2');
  });
});

describe('URL helpers', () => {
  it.each([
    ['https://p.example/ctx/1/li/7', 'https://p.example/ctx/1/li/7/scores'],
    ['https://p.example/ctx/1/li/7/', 'https://p.example/ctx/1/li/7/scores'],
    ['https://p.example/li/7?type_id=3&x=%2C', 'https://p.example/li/7/scores?type_id=3&x=%2C'],
    ['https://p.example/li.php?id=7', 'https://p.example/li.php/scores?id=7'],
  ])('scores URL of %s', (li, expected) => expect(lineItemServiceUrl(li, 'scores')).toBe(expected));

  it.each([
    ['https://p.example/li', { limit: 2 }, 'https://p.example/li?limit=2'],
    ['https://p.example/li?a=%2C', { tag: 'x y', limit: undefined }, 'https://p.example/li?a=%2C&tag=x+y'],
    ['https://p.example/li?', { limit: 1 }, 'https://p.example/li?limit=1'],
    ['https://p.example/li?a=1', {}, 'https://p.example/li?a=1'],
  ])('withQuery(%s)', (url, q, expected) => expect(withQuery(url, q)).toBe(expected));
});

describe('service calls', () => {
  it('postScore POSTs the score as score+json to the line item path + /scores, its query kept', async () => {
    const { ctx, base } = await platform((_q, res) => reply(res, 204, {}));
    const score = { userId: 'u1', scoreGiven: 1 };
    const r = await postScore(ctx, `${base}/ctx/1/lineitems/7?type_id=3&x=%2C`, score, TOKEN);
    const seen = server!.seen[0]!;
    expect(seen).toMatchObject({ method: 'POST', path: '/ctx/1/lineitems/7/scores?type_id=3&x=%2C' });
    expect(seen.headers['content-type']).toBe(MEDIA_TYPE.score);
    expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(seen.body)).toEqual(score);
    expect(r).toMatchObject({ status: 204, exchangeId: 'x1', link: {} });
    expect('json' in r).toBe(false);
  });

  it('records the exchange with the bearer token redacted', async () => {
    const { ctx, base } = await platform();
    await listLineItems(ctx, `${base}/li`, { token: TOKEN });
    const x = ctx.evidence.snapshot().exchanges[0]!;
    expect(x).toMatchObject({ method: 'GET', url: `${base}/li`, status: 200, responseBody: '[]' });
    expect(x.requestHeaders).toMatchObject({ authorization: 'Bearer <redacted>', accept: MEDIA_TYPE.lineItemContainer });
    expect(JSON.stringify(x)).not.toContain(TOKEN);
  });

  it('sends no Authorization header without a token, and the bogus token when asked', async () => {
    const { ctx, base } = await platform((_q, res) => reply(res, 401, {}));
    await serviceRequest(ctx, { method: 'GET', url: `${base}/li` });
    await getMemberships(ctx, `${base}/m`, { token: BOGUS_TOKEN });
    expect(server!.seen[0]!.headers.authorization).toBeUndefined();
    expect(server!.seen[1]!.headers.authorization).toBe(`Bearer ${BOGUS_TOKEN}`);
  });

  it('line item CRUD uses the line item media type; filters and limit go on the query', async () => {
    const { ctx, base } = await platform((_q, res) => reply(res, 200, { 'content-type': MEDIA_TYPE.lineItem }, '{"id":"x"}'));
    const item = { label: 'Quiz', scoreMaximum: 10 };
    await listLineItems(ctx, `${base}/li?x=1`, { token: TOKEN, query: { resource_link_id: 'rl 1', tag: 't', limit: 2 } });
    const created = await createLineItem(ctx, `${base}/li`, item, TOKEN);
    await getLineItem(ctx, `${base}/li/1`, TOKEN);
    await putLineItem(ctx, `${base}/li/1`, item, TOKEN);
    await deleteLineItem(ctx, `${base}/li/1`, TOKEN);
    const s = server!.seen;
    expect(s.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /li?x=1&resource_link_id=rl+1&tag=t&limit=2', 'POST /li', 'GET /li/1', 'PUT /li/1', 'DELETE /li/1']);
    expect([s[1], s[3]].map((r) => r!.headers['content-type'])).toEqual([MEDIA_TYPE.lineItem, MEDIA_TYPE.lineItem]);
    expect([s[1], s[2], s[3]].map((r) => r!.headers.accept)).toEqual([MEDIA_TYPE.lineItem, MEDIA_TYPE.lineItem, MEDIA_TYPE.lineItem]);
    expect(JSON.parse(s[1]!.body)).toEqual(item);
    expect(created.json).toEqual({ id: 'x' });
  });

  it('getResults reads path + /results with user_id after the line item query; getMemberships adds role, limit, rlid', async () => {
    const { ctx, base } = await platform();
    await getResults(ctx, `${base}/li/7?type=a`, { token: TOKEN, userId: 'u 1' });
    await getMemberships(ctx, `${base}/ctx/1/m`, { token: TOKEN, role: ROLE.learner, limit: 1, rlid: 'rl-1' });
    expect(server!.seen.map((r) => r.path)).toEqual(['/li/7/results?type=a&user_id=u+1', `/ctx/1/m?role=${encodeURIComponent(ROLE.learner)}&limit=1&rlid=rl-1`]);
    expect(server!.seen.map((r) => r.headers.accept)).toEqual([MEDIA_TYPE.resultContainer, MEDIA_TYPE.membershipContainer]);
  });
});

describe('getAllPages', () => {
  it('follows every next link verbatim until a page has none', async () => {
    const { ctx, base } = await platform((q, res) => {
      const next: Record<string, string> = { '/li?limit=1': '/li?cursor=a%2Fb&x=1&x=2', '/li?cursor=a%2Fb&x=1&x=2': '/p3;v=1?z=%7E' };
      const link = next[q.path];
      reply(res, 200, { 'content-type': MEDIA_TYPE.lineItemContainer, ...(link ? { link: `<${server!.base}${link}>; rel="next", <${server!.base}/li?first>; rel="first"` } : {}) }, `[{"path":"${q.path}"}]`);
    });
    const read = await getAllPages(ctx, `${base}/li?limit=1`, { token: TOKEN, accept: MEDIA_TYPE.lineItemContainer });
    expect(server!.seen.map((r) => r.path)).toEqual(['/li?limit=1', '/li?cursor=a%2Fb&x=1&x=2', '/p3;v=1?z=%7E']);
    expect(read.truncated).toBe(false);
    expect(read.pages.map((p) => p.json)).toEqual(server!.seen.map((r) => [{ path: r.path }]));
    expect(read.pages[0]!.link).toEqual({ next: `${base}/li?cursor=a%2Fb&x=1&x=2`, first: `${base}/li?first` });
    expect(server!.seen.every((r) => r.headers.authorization === `Bearer ${TOKEN}` && r.headers.accept === MEDIA_TYPE.lineItemContainer)).toBe(true);
  });

  it(`stops after ${MAX_PAGES} pages of an endless list, as truncated`, async () => {
    let n = 0;
    const { ctx, base } = await platform((_q, res) => reply(res, 200, { link: `<${server!.base}/li?page=${++n}>; rel="next"` }, '[]'));
    const read = await getAllPages(ctx, `${base}/li`, { token: TOKEN });
    expect(read).toMatchObject({ truncated: true });
    expect(read.pages).toHaveLength(MAX_PAGES);
    expect(server!.seen).toHaveLength(MAX_PAGES);
  });

  it('stops at a next link it already read (a loop), and at a page that is not 200', async () => {
    const { ctx, base } = await platform((q, res) => (q.path === '/bad' ? reply(res, 500, { link: `<${server!.base}/x>; rel="next"` }) : reply(res, 200, { link: `<${server!.base}/li>; rel="next"` }, '[]')));
    expect(await getAllPages(ctx, `${base}/li`, {})).toMatchObject({ truncated: true, pages: [{ status: 200 }] });
    expect(await getAllPages(ctx, `${base}/bad`, {})).toMatchObject({ truncated: false, pages: [{ status: 500 }] });
  });
});
