import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM, MEDIA_TYPE, MESSAGE_TYPE, ROLE, SCOPE } from '../../../src/lti/vocab.js';
import { startReferencePlatform } from '../../../src/reference/platform/index.js';
import { accessToken, json, nextLink, send, type Env, type Hop } from './client.js';
import { FakeTool } from './fake-tool.js';

let env: Env;
let token: string;
let url: string;
beforeAll(async () => {
  const tool = await FakeTool.start();
  env = { tool, platform: await startReferencePlatform({ tool: tool.registration }) };
  token = await accessToken(env, [SCOPE.nrps]);
  url = env.platform.services.membershipsUrl('course-1');
});
afterAll(async () => {
  await env.platform.close();
  await env.tool.close();
});

interface Member {
  user_id: string;
  roles: string[];
  status: string;
  name?: string;
  message?: Array<Record<string, unknown>>;
}
interface Container {
  id: string;
  context: { id: string; label: string; title: string };
  members: Member[];
}

const users = (hop: Hop): string[] => json<Container>(hop).members.map((m) => m.user_id);

describe('reference platform: NRPS', () => {
  it('answers the roster as a membership container', async () => {
    const hop = await send(url, { token });
    expect([hop.status, hop.headers['content-type']]).toEqual([200, MEDIA_TYPE.membershipContainer]);
    const body = json<Container>(hop);
    expect(body.id).toBe(url);
    expect(body.context).toEqual({ id: 'course-1', label: 'CS101', title: 'Introduction to Computing' });
    expect(body.members).toHaveLength(3);
    expect(body.members[0]).toMatchObject({ user_id: env.platform.users.instructor, roles: [ROLE.instructor], status: 'Active', name: 'Grace Hopper' });
    for (const m of body.members) expect(m.status).toBe('Active');
    expect(users(await send(env.platform.services.membershipsUrl('course-2'), { token }))).toContain('ref-user-student-2003');
  });

  it('pages with limit and rel="next" until the roster is complete', async () => {
    const seen: string[] = [];
    let next: string | undefined = `${url}?limit=1`;
    let pages = 0;
    while (next !== undefined && pages < 10) {
      const hop = await send(next, { token });
      seen.push(...users(hop));
      next = nextLink(hop);
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(users(await send(url, { token })));
  });

  it.each([['Learner'], [ROLE.learner]])('filters by role %s', async (role) => {
    const hop = await send(`${url}?role=${encodeURIComponent(role)}`, { token });
    expect(users(hop)).toEqual([env.platform.users.student, 'ref-user-student-2002']);
  });

  it('keeps the role filter on the next link', async () => {
    const first = await send(`${url}?role=Learner&limit=1`, { token });
    const second = await send(nextLink(first) ?? '', { token });
    expect(users(second)).toEqual(['ref-user-student-2002']);
    expect(nextLink(second)).toBeUndefined();
  });

  it('adds message sections for a resource link of the course', async () => {
    const body = json<Container>(await send(`${url}?rlid=ref-link-course-1`, { token }));
    expect(body.members[0]?.message?.[0]?.[CLAIM.messageType]).toBe(MESSAGE_TYPE.resourceLink);
  });

  it.each([['ref-link-course-2'], ['ref-link-nowhere']])('denies rlid=%s (403)', async (rlid) => {
    expect((await send(`${url}?rlid=${rlid}`, { token })).status).toBe(403);
  });

  it('requires a token (401) with the NRPS scope (403), for a course that exists (404)', async () => {
    expect((await send(url)).status).toBe(401);
    expect((await send(url, { token: 'bogus-token-bogus-token-bogus-token' })).status).toBe(401);
    expect((await send(url, { token: await accessToken(env, [SCOPE.lineItem]) })).status).toBe(403);
    expect((await send(`${env.platform.issuer}/nrps/course-9/memberships`, { token })).status).toBe(404);
    expect((await send(url, { method: 'POST', token, body: '{}', type: 'application/json' })).status).toBe(405);
  });
});
