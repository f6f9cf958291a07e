import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM, MEDIA_TYPE, ROLE, SCOPE } from '../../../src/lti/vocab.js';
import type { PlatformEmulator } from '../../../src/roles/platform/emulator.js';
import { call, CONTEXT, FakeToolJwks, getToken, LINK, nextLink, startEmulator, toolKey, type ToolKey } from './support.js';

let jwks: FakeToolJwks;
let e: PlatformEmulator;
let key: ToolKey;
let url: string;
let token: string;

beforeAll(async () => {
  key = await toolKey('k1');
  jwks = await new FakeToolJwks().start();
  jwks.keys = [key.publicJwk];
  e = await startEmulator(jwks.url);
  url = e.services.urls(CONTEXT, LINK).memberships;
  token = await getToken(e, key, [SCOPE.nrps]);
});

afterAll(async () => {
  await e.close();
  await jwks.close();
});

type Member = { user_id: string; roles: string[]; status?: string; message?: Record<string, unknown>[] };
type Container = { id: string; context: { id: string; label: string; title: string }; members: Member[] };
const lastCall = () => e.services.calls[e.services.calls.length - 1]!;

async function all(first: string): Promise<{ members: Member[]; pages: number; body: Container }> {
  const members: Member[] = [];
  let next: string | undefined = first;
  let pages = 0;
  let body: Container | undefined;
  while (next) {
    const r = await call('GET', next, { token, headers: { accept: MEDIA_TYPE.membershipContainer } });
    expect([r.status, r.headers['content-type']]).toEqual([200, MEDIA_TYPE.membershipContainer]);
    body = r.json() as Container;
    members.push(...body.members);
    pages++;
    next = nextLink(r.headers);
  }
  return { members, pages, body: body! };
}

describe('NRPS memberships', () => {
  it('pages seven members by three, none with status, with the context of the launch', async () => {
    const { members, pages, body } = await all(url);
    expect(pages).toBe(3);
    expect(members.map((m) => m.user_id)).toEqual(e.services.data.memberIds(CONTEXT));
    expect(members).toHaveLength(7);
    for (const m of members) expect(m).not.toHaveProperty('status');
    expect(members.find((m) => m.user_id === 'lti-conform-instructor-1')?.roles).toEqual([ROLE.instructor]);
    expect(members.find((m) => m.user_id === 'lti-conform-student-1')?.roles).toEqual([ROLE.learner]);
    expect(body).toMatchObject({ id: url, context: { id: CONTEXT, label: 'LTI101', title: 'LTI conformance course' } });
    expect(lastCall()).toMatchObject({ service: 'nrps', operation: 'memberships.get', page: { index: 3, hasNext: false } });
  });

  it('filters by role as a full URI or a simple context role name, with limit', async () => {
    const learners = await all(`${url}&role=${encodeURIComponent(ROLE.learner)}`);
    expect(learners.members.length).toBeGreaterThan(1);
    for (const m of learners.members) expect(m.roles).toContain(ROLE.learner);
    const simple = await all(`${url}&role=Instructor&limit=1`);
    expect(simple.members.map((m) => m.user_id)).toEqual(['lti-conform-instructor-1', 'lti-conform-ta-1']);
    expect(simple.pages).toBe(2);
  });

  it('refuses a rebuilt next URL, an unknown rlid; rlid adds message sections', async () => {
    const first = await call('GET', url, { token });
    expect((await call('GET', `${url}&page=2`, { token })).status).toBe(400);
    expect((await call('GET', nextLink(first.headers)!.replace(/cursor=[\w-]+/, 'cursor=x'), { token })).status).toBe(400);
    expect((await call('GET', `${url}&rlid=invented`, { token })).status).toBe(404);
    const withLink = await call('GET', `${url}&rlid=${LINK}`, { token });
    expect((withLink.json() as Container).members[0]!.message?.[0]).toMatchObject({ [CLAIM.resourceLink]: { id: LINK } });
  });

  it('401 without a token, 403 with an AGS-only token, 405 for POST, 404 for an unknown context', async () => {
    expect((await call('GET', url)).status).toBe(401);
    const ags = await getToken(e, key, [SCOPE.lineItem]);
    const r = await call('GET', url, { token: ags });
    expect(r.status).toBe(403);
    expect(lastCall()).toMatchObject({ service: 'nrps', operation: 'memberships.get', status: 403, token: { valid: true, scopes: [SCOPE.lineItem] } });
    expect((await call('POST', url, { token, body: '{}', type: 'application/json' })).status).toBe(405);
    expect((await call('GET', url.replace(CONTEXT, 'other-course'), { token })).status).toBe(404);
    expect((await call('GET', url, { token })).status).toBe(200);
  });
});
