// Service-side cases of the flaw table: token endpoint, AGS, NRPS and the deep linking return.
import { CLAIM, MEDIA_TYPE, MESSAGE_TYPE, OAUTH, ROLE, SCOPE } from '../../../src/lti/vocab.js';
import { json, launch, nextLink, send, tokenRequest, tokenWith, type Hop } from './client.js';
import type { SignMode } from './fake-tool.js';
import type { FlawCase, FlawEnv } from './flaw-cases-launch.js';

const now = (): number => Math.floor(Date.now() / 1000);
const refused = (hop: Hop): boolean => hop.status >= 400 && !hop.body.includes('access_token');
const tokenRefuses = (change: Record<string, unknown>, mode: SignMode = 'rs256') => async (env: FlawEnv): Promise<boolean> =>
  refused(await tokenWith(env, SCOPE.score, change, mode));
const formRefuses = (change: Record<string, string | undefined>) => async (env: FlawEnv): Promise<boolean> =>
  refused(
    await tokenRequest(env, {
      grant_type: OAUTH.grantClientCredentials,
      client_assertion_type: OAUTH.clientAssertionTypeJwtBearer,
      client_assertion: await env.tool.sign(env.tool.assertionClaims(env.platform)),
      scope: SCOPE.score,
      ...change,
    }),
  );

type Item = Record<string, unknown> & { id: string };
const c1 = (env: FlawEnv): string => env.platform.services.lineItemsUrl('course-1');
async function create(env: FlawEnv, body: Record<string, unknown>, url = c1(env)): Promise<Hop> {
  return send(url, { method: 'POST', token: await env.token(), type: MEDIA_TYPE.lineItem, body: JSON.stringify({ label: 'Quiz', scoreMaximum: 10, ...body }) });
}
async function item(env: FlawEnv, body: Record<string, unknown> = {}): Promise<Item> {
  return json<Item>(await create(env, body));
}
const get = async (env: FlawEnv, url: string): Promise<Hop> => send(url, { token: await env.token() });
const score = (env: FlawEnv, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ userId: env.platform.users.student, scoreGiven: 1, scoreMaximum: 2, timestamp: new Date().toISOString(), activityProgress: 'Completed', gradingProgress: 'FullyGraded', ...extra });
const members = async (env: FlawEnv, query: string): Promise<Hop> => get(env, `${env.platform.services.membershipsUrl('course-1')}${query}`);

async function dlRespond(env: FlawEnv, change: (data: string) => Record<string, unknown>, mode: SignMode = 'rs256', times = 1, header: Record<string, unknown> = {}): Promise<boolean> {
  const l = await launch(env, { message: 'deep-linking' });
  const data = (l.claims?.[CLAIM.deepLinkingSettings] as { data: string }).data;
  const jwt = await env.tool.sign({ ...env.tool.dlClaims(env.platform, data, [{ type: 'ltiResourceLink', title: 'x' }]), ...change(data) }, mode, header);
  let hop: Hop | undefined;
  for (let i = 0; i < times; i++) hop = await send(`${env.platform.issuer}/deep-link/return`, { cookie: l.started.cookie, form: { JWT: jwt } });
  return hop?.status === 200;
}
const dlRefuses = (change: (data: string) => Record<string, unknown>, mode?: SignMode, times?: number, header?: Record<string, unknown>) => async (env: FlawEnv) =>
  !(await dlRespond(env, change, mode, times, header));

export const SERVICE_CASES: FlawCase[] = [
  { name: 'token: valid assertion', flippedBy: [], run: async (env) => (await tokenWith(env, SCOPE.score)).status === 200 },
  { name: 'token: expires_in', flippedBy: ['as-omits-expires-in'], run: async (env) => json<{ expires_in?: number }>(await tokenWith(env, SCOPE.score)).expires_in === 3600 },
  { name: 'token: unregistered key', flippedBy: ['as-accepts-unknown-key'], run: tokenRefuses({}, 'foreign-key') },
  { name: 'token: foreign aud', flippedBy: ['as-accepts-wrong-aud'], run: tokenRefuses({ aud: 'https://elsewhere.example/token' }) },
  { name: 'token: expired assertion', flippedBy: ['as-accepts-expired-assertion'], run: tokenRefuses({ iat: now() - 600, exp: now() - 300 }) },
  { name: 'token: iss differs from sub', flippedBy: ['as-accepts-iss-sub-mismatch'], run: tokenRefuses({ iss: 'someone-else' }) },
  {
    name: 'token: replayed jti',
    flippedBy: ['as-accepts-replayed-jti'],
    run: async (env) => {
      const jti = `jti-${Math.random()}`;
      await tokenWith(env, SCOPE.score, { jti });
      return refused(await tokenWith(env, SCOPE.score, { jti }));
    },
  },
  { name: 'token: alg none', flippedBy: ['as-accepts-alg-none'], run: tokenRefuses({}, 'none') },
  { name: 'token: HS256', flippedBy: ['as-accepts-hs256'], run: tokenRefuses({}, 'hs256') },
  { name: 'token: grant_type=password', flippedBy: ['as-accepts-wrong-grant-type'], run: formRefuses({ grant_type: 'password' }) },
  { name: 'token: no client_assertion_type', flippedBy: ['as-accepts-missing-assertion-type'], run: formRefuses({ client_assertion_type: undefined }) },
  { name: 'token: grants only what was asked', flippedBy: ['as-grants-unrequested-scope'], run: async (env) => json<{ scope: string }>(await tokenWith(env, SCOPE.score)).scope === SCOPE.score },

  {
    name: 'ags: limit=1 has rel=next',
    flippedBy: ['ags-container-no-next-link'],
    run: async (env) => {
      await create(env, { resourceId: 'paging' });
      await create(env, { resourceId: 'paging' });
      return nextLink(await get(env, `${c1(env)}?resource_id=paging&limit=1`)) !== undefined;
    },
  },
  {
    name: 'ags: resource_link_id filter',
    flippedBy: ['ags-ignores-resource-link-filter'],
    run: async (env) => {
      await item(env, { resourceId: 'rl-filter' });
      const bound = await item(env, { resourceId: 'rl-filter', resourceLinkId: 'ref-link-course-1' });
      const got = json<Item[]>(await get(env, `${c1(env)}?resource_id=rl-filter&resource_link_id=ref-link-course-1`));
      return got.length === 1 && got[0]?.id === bound.id;
    },
  },
  { name: 'ags: create answers 201', flippedBy: ['ags-create-returns-200'], run: async (env) => (await create(env, {})).status === 201 },
  { name: 'ags: create keeps the tag', flippedBy: ['ags-create-alters-tag'], run: async (env) => (await item(env, { tag: 'mine' })).tag === 'mine' },
  { name: 'ags: blank label refused', flippedBy: ['ags-accepts-blank-label'], run: async (env) => (await create(env, { label: ' ' })).status === 400 },
  {
    name: 'ags: foreign resourceLinkId is 404',
    flippedBy: ['ags-accepts-foreign-resource-link'],
    run: async (env) => (await create(env, { resourceLinkId: 'ref-link-course-2' })).status === 404,
  },
  {
    name: 'ags: PUT keeps id and resourceLinkId',
    flippedBy: ['ags-put-changes-id'],
    run: async (env) => {
      const it = await item(env, { resourceLinkId: 'ref-link-course-1' });
      const body = JSON.stringify({ ...it, id: `${it.id}0`, resourceLinkId: 'other' });
      const put = json<Item>(await send(it.id, { method: 'PUT', token: await env.token(), type: MEDIA_TYPE.lineItem, body }));
      return put.id === it.id && put.resourceLinkId === 'ref-link-course-1';
    },
  },
  {
    name: 'ags: DELETE removes the item',
    flippedBy: ['ags-delete-keeps-item'],
    run: async (env) => {
      const it = await item(env);
      await send(it.id, { method: 'DELETE', token: await env.token() });
      return (await get(env, it.id)).status === 404;
    },
  },
  {
    name: 'ags: container media type',
    flippedBy: ['ags-container-wrong-media-type'],
    run: async (env) => (await get(env, c1(env))).headers['content-type'] === MEDIA_TYPE.lineItemContainer,
  },
  {
    name: 'ags: results media type',
    flippedBy: ['ags-results-wrong-media-type'],
    run: async (env) => (await get(env, `${(await item(env)).id}/results`)).headers['content-type'] === MEDIA_TYPE.resultContainer,
  },
  {
    name: 'ags: score without userId refused',
    flippedBy: ['ags-accepts-score-without-user-id'],
    run: async (env) => {
      const body = score(env, { userId: undefined });
      return (await send(`${(await item(env)).id}/scores`, { method: 'POST', token: await env.token(), type: MEDIA_TYPE.score, body })).status === 400;
    },
  },
  {
    name: 'ags: valid score accepted',
    flippedBy: [],
    run: async (env) => (await send(`${(await item(env)).id}/scores`, { method: 'POST', token: await env.token(), type: MEDIA_TYPE.score, body: score(env) })).status === 204,
  },
  {
    name: 'ags: course-1 items invisible from course-2',
    flippedBy: ['ags-context-leak'],
    run: async (env) => {
      await item(env, { resourceId: 'leak' });
      return json<Item[]>(await get(env, `${env.platform.services.lineItemsUrl('course-2')}?resource_id=leak`)).length === 0;
    },
  },
  { name: 'ags: no token is 401', flippedBy: ['ags-no-auth'], run: async (env) => (await send(c1(env))).status === 401 },

  { name: 'nrps: status Active', flippedBy: ['nrps-no-status-enum'], run: async (env) => json<{ members: Array<{ status: string }> }>(await members(env, '')).members.every((m) => m.status === 'Active') },
  { name: 'nrps: limit=1 has rel=next', flippedBy: ['nrps-no-next-link'], run: async (env) => nextLink(await members(env, '?limit=1')) !== undefined },
  {
    name: 'nrps: role filter',
    flippedBy: ['nrps-ignores-role-filter'],
    run: async (env) => json<{ members: Array<{ roles: string[] }> }>(await members(env, '?role=Learner')).members.every((m) => m.roles.includes(ROLE.learner)),
  },
  { name: 'nrps: no token is 401', flippedBy: ['nrps-no-auth'], run: async (env) => (await send(env.platform.services.membershipsUrl('course-1'))).status === 401 },

  { name: 'dl: valid response accepted', flippedBy: [], run: (env) => dlRespond(env, () => ({})) },
  { name: 'dl: bad signature', flippedBy: ['dl-accepts-bad-signature'], run: dlRefuses(() => ({}), 'foreign-key') },
  { name: 'dl: wrong aud', flippedBy: ['dl-accepts-wrong-aud'], run: dlRefuses(() => ({ aud: 'https://elsewhere.example' })) },
  { name: 'dl: wrong iss', flippedBy: ['dl-accepts-wrong-iss'], run: dlRefuses(() => ({ iss: 'some-other-client' })) },
  { name: 'dl: expired', flippedBy: ['dl-accepts-expired'], run: dlRefuses(() => ({ exp: Math.floor(Date.now() / 1000) - 600 })) },
  { name: 'dl: unknown kid', flippedBy: ['dl-accepts-unknown-kid', 'dl-accepts-bad-signature'], run: dlRefuses(() => ({}), 'rs256', 1, { kid: 'no-such-kid' }) },
  { name: 'dl: wrong deployment', flippedBy: ['dl-accepts-wrong-deployment-id'], run: dlRefuses(() => ({ [CLAIM.deploymentId]: 'another-deployment' })) },
  {
    name: 'dl: a created link launches at the item url with its custom values',
    flippedBy: ['dl-link-ignores-item-url', 'dl-link-drops-item-custom', 'token-target-link-mismatch'],
    run: async (env) => {
      const url = `${env.platform.issuer}/item-target`;
      const item = { type: 'ltiResourceLink', title: 'y', url, custom: { chapter: '9' } };
      if (!(await dlRespond(env, () => ({ [CLAIM.dlContentItems]: [item] })))) return false;
      const claims = (await launch(env, { link: 'latest' })).claims ?? {};
      return claims[CLAIM.targetLinkUri] === url && (claims[CLAIM.custom] as Record<string, unknown> | undefined)?.chapter === '9';
    },
  },
  { name: 'dl: replayed nonce', flippedBy: ['dl-accepts-replayed-nonce'], run: dlRefuses(() => ({}), 'rs256', 2) },
  { name: 'dl: changed data', flippedBy: ['dl-accepts-changed-data'], run: dlRefuses((data) => ({ [CLAIM.dlData]: `${data}x` })) },
  {
    name: 'dl: wrong message type',
    flippedBy: ['dl-accepts-wrong-message-type'],
    run: dlRefuses(() => ({ [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest })),
  },
];
