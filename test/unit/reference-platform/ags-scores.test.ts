import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_TYPE, SCOPE } from '../../../src/lti/vocab.js';
import { startReferencePlatform } from '../../../src/reference/platform/index.js';
import { accessToken, json, send, type Env, type Hop } from './client.js';
import { FakeTool } from './fake-tool.js';

let env: Env;
let all: string;
let clock = Date.now();
let c1: string;
let student: string;
beforeAll(async () => {
  const tool = await FakeTool.start();
  env = { tool, platform: await startReferencePlatform({ tool: tool.registration, now: () => clock }) };
  all = await accessToken(env, [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadOnly]);
  c1 = env.platform.services.lineItemsUrl('course-1');
  student = env.platform.users.student;
});
afterAll(async () => {
  await env.platform.close();
  await env.tool.close();
});

interface Result {
  id: string;
  scoreOf: string;
  userId: string;
  resultScore?: number;
  resultMaximum: number;
  comment?: string;
}

async function newItem(url = c1): Promise<string> {
  const hop = await send(url, { method: 'POST', token: all, type: MEDIA_TYPE.lineItem, body: JSON.stringify({ label: 'Quiz', scoreMaximum: 100 }) });
  return json<{ id: string }>(hop).id;
}
let tick = 0;
const stamp = (): string => new Date(Date.UTC(2030, 0, 1, 0, 0, 0, ++tick)).toISOString();
const score = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  userId: student,
  scoreGiven: 7,
  scoreMaximum: 10,
  comment: 'Good',
  timestamp: stamp(),
  activityProgress: 'Completed',
  gradingProgress: 'FullyGraded',
  ...extra,
});
const postScore = (item: string, body: Record<string, unknown>, token = all, type: string = MEDIA_TYPE.score): Promise<Hop> =>
  send(`${item}/scores`, { method: 'POST', token, type, body: JSON.stringify(body) });
const results = async (item: string, query = '', token = all): Promise<Result[]> => json<Result[]>(await send(`${item}/results${query}`, { token }));

describe('reference platform: AGS scores and results', () => {
  it('takes a score (204) and shows it as a result', async () => {
    const item = await newItem();
    expect((await postScore(item, score())).status).toBe(204);
    const hop = await send(`${item}/results`, { token: all });
    expect([hop.status, hop.headers['content-type']]).toEqual([200, MEDIA_TYPE.resultContainer]);
    expect(json(hop)).toEqual([
      { id: `${item}/results/${student}`, scoreOf: item, userId: student, resultScore: 7, resultMaximum: 10, comment: 'Good' },
    ]);
  });

  it('filters results by user_id and pages them', async () => {
    const item = await newItem();
    await postScore(item, score());
    await postScore(item, score({ userId: 'ref-user-student-2002' }));
    expect((await results(item, `?user_id=${student}`)).map((r) => r.userId)).toEqual([student]);
    expect(await results(item, '?user_id=ref-user-nobody')).toEqual([]);
    const first = await send(`${item}/results?limit=1`, { token: all });
    expect(json<Result[]>(first)).toHaveLength(1);
    expect(first.headers.link).toContain('rel="next"');
  });

  it('accepts scoreGiven above scoreMaximum and JSON bodies', async () => {
    const item = await newItem();
    expect((await postScore(item, score({ scoreGiven: 12 }), all, MEDIA_TYPE.json)).status).toBe(204);
    expect((await results(item))[0]?.resultScore).toBe(12);
  });

  it('keeps a newer score over an older one (409) and replaces comment and score with each new one', async () => {
    const item = await newItem();
    const older = stamp();
    await postScore(item, score());
    expect((await postScore(item, score({ timestamp: older, scoreGiven: 1 }))).status).toBe(409);
    expect((await results(item))[0]?.resultScore).toBe(7);
    expect((await postScore(item, score({ comment: undefined }))).status).toBe(204);
    expect((await results(item))[0]?.comment).toBeUndefined();
    await postScore(item, score({ scoreGiven: undefined, scoreMaximum: undefined, comment: undefined, activityProgress: 'Initialized', gradingProgress: 'NotReady' }));
    expect(await results(item)).toEqual([{ id: `${item}/results/${student}`, scoreOf: item, userId: student, resultMaximum: 100 }]);
  });

  it.each([
    ['no userId', { userId: undefined }],
    ['a userId outside the course', { userId: 'ref-user-student-2003' }],
    ['no timestamp', { timestamp: undefined }],
    ['a timestamp without zone', { timestamp: '2030-01-01T10:00:00.000' }],
    ['no activityProgress', { activityProgress: undefined }],
    ['an unknown activityProgress', { activityProgress: 'Done' }],
    ['an unknown gradingProgress', { gradingProgress: 'fullygraded' }],
    ['scoreGiven without scoreMaximum', { scoreMaximum: undefined }],
    ['a negative scoreGiven', { scoreGiven: -1 }],
  ])('refuses a score with %s (400)', async (_n, change: Record<string, unknown>) => {
    const item = await newItem();
    const body = score(change);
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    expect((await postScore(item, body)).status).toBe(400);
  });

  it('takes scores in both courses', async () => {
    const item2 = await newItem(env.platform.services.lineItemsUrl('course-2'));
    expect((await postScore(item2, score())).status).toBe(204);
    expect((await postScore(item2, score({ userId: 'ref-user-student-2003' }))).status).toBe(204);
    expect(await results(item2)).toHaveLength(2);
  });
});

describe('reference platform: AGS access control', () => {
  it.each([
    ['no token', undefined],
    ['an unknown token', 'not-a-token-we-issued-0123456789abcdef'],
  ])('answers 401 with %s', async (_n, token) => {
    const hop = await send(c1, { token });
    expect(hop.status).toBe(401);
    expect(hop.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('answers 401 once the token has expired', async () => {
    const token = await accessToken(env, [SCOPE.lineItem]);
    expect((await send(c1, { token })).status).toBe(200);
    clock += 3601_000;
    try {
      expect((await send(c1, { token })).status).toBe(401);
    } finally {
      clock -= 3601_000;
    }
  });

  it('enforces each scope on its operations (403 otherwise)', async () => {
    const item = await newItem();
    const readOnly = await accessToken(env, [SCOPE.lineItemReadOnly]);
    const scoreOnly = await accessToken(env, [SCOPE.score]);
    const resultOnly = await accessToken(env, [SCOPE.resultReadOnly]);
    const nrpsOnly = await accessToken(env, [SCOPE.nrps]);
    const create = (t: string): Promise<Hop> =>
      send(c1, { method: 'POST', token: t, type: MEDIA_TYPE.lineItem, body: JSON.stringify({ label: 'x', scoreMaximum: 1 }) });
    const status = async (p: Promise<Hop>): Promise<number> => (await p).status;
    expect(await status(send(c1, { token: readOnly }))).toBe(200);
    expect(await status(send(item, { token: readOnly }))).toBe(200);
    expect(await status(create(readOnly))).toBe(403);
    expect(await status(send(item, { method: 'DELETE', token: readOnly }))).toBe(403);
    expect(await status(create(scoreOnly))).toBe(403);
    expect(await status(postScore(item, score(), scoreOnly))).toBe(204);
    expect(await status(send(`${item}/results`, { token: scoreOnly }))).toBe(403);
    expect(await status(send(`${item}/results`, { token: resultOnly }))).toBe(200);
    expect(await status(postScore(item, score(), resultOnly))).toBe(403);
    expect(await status(send(c1, { token: nrpsOnly }))).toBe(403);
  });

  it('answers 405 to a method the resource does not have', async () => {
    expect((await send(c1, { method: 'DELETE', token: all })).status).toBe(405);
  });
});
