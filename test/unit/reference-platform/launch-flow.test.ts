import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLAIM,
  CONTENT_ITEM_TYPE,
  CONTEXT_TYPE,
  LTI_VERSION,
  MESSAGE_TYPE,
  ROLE,
  SCOPE,
} from '../../../src/lti/vocab.js';
import { startReferencePlatform } from '../../../src/reference/platform/index.js';
import { authorize, authParams, json, launch, send, startLaunch, type Env } from './client.js';
import { FakeTool } from './fake-tool.js';

let env: Env;
beforeAll(async () => {
  const tool = await FakeTool.start();
  env = { tool, platform: await startReferencePlatform({ tool: tool.registration }) };
});
afterAll(async () => {
  await env.platform.close();
  await env.tool.close();
});

function paddedStrings(v: unknown, path = ''): string[] {
  if (typeof v === 'string') return v !== v.trim() ? [path] : [];
  if (Array.isArray(v)) return v.flatMap((x, i) => paddedStrings(x, `${path}[${i}]`));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => paddedStrings(x, `${path}.${k}`));
  return [];
}

describe('reference platform: launch start (login initiation)', () => {
  it('signs the user in and redirects to the login initiation URL with the OIDC parameters', async () => {
    const s = await startLaunch(env);
    expect(s.hop.status).toBe(302);
    expect(s.hop.location?.startsWith(`${env.tool.origin}/login?tenant=7&`)).toBe(true);
    expect(s.cookie).toMatch(/^ref_platform_session=.+/);
    expect(String(s.hop.headers['set-cookie'])).toContain('HttpOnly');
    const p = Object.fromEntries(s.initiation);
    expect(p).toMatchObject({
      iss: env.platform.issuer,
      login_hint: env.platform.users.instructor,
      target_link_uri: env.tool.registration.targetLinkUri,
      client_id: env.tool.clientId,
      lti_deployment_id: env.tool.deploymentId,
    });
    expect(p.lti_message_hint?.length).toBeGreaterThan(20);
  });

  it('targets the deep linking URL for a deep linking launch, and binds the hint to the launch', async () => {
    const a = await startLaunch(env, { message: 'deep-linking' });
    const b = await startLaunch(env, { message: 'deep-linking', context: 'course-2' });
    expect(a.initiation.get('target_link_uri')).toBe(env.tool.registration.deepLinkingUrl);
    expect(a.initiation.get('lti_message_hint')).not.toBe(b.initiation.get('lti_message_hint'));
    expect((await startLaunch(env, { persona: 'student' })).initiation.get('login_hint')).toBe(env.platform.users.student);
  });

  it.each([['persona=admin'], ['pii=maybe'], ['message=other'], ['context=course-9'], ['link=nope']])('refuses a launch with %s', async (q) => {
    const hop = await send(`${env.platform.issuer}/launch?${q}`);
    expect(hop.status).toBe(400);
    expect(hop.location).toBeUndefined();
  });
});

describe('reference platform: authentication response', () => {
  it('posts a verifiable id_token and the state to the redirect URI', async () => {
    const l = await launch(env);
    expect(l.hop.status).toBe(200);
    expect(l.form?.action).toBe(env.tool.registration.redirectUris[0]);
    expect(l.form?.fields.state).toBe('state-123');
    expect(l.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) as string });
    const jwks = json<JSONWebKeySet>(await send(env.platform.jwksUrl));
    const { payload } = await jwtVerify(l.idToken ?? '', createLocalJWKSet(jwks), {
      issuer: env.platform.issuer,
      audience: env.tool.clientId,
      algorithms: ['RS256'],
    });
    expect(payload.sub).toBe(env.platform.users.instructor);
    expect(payload.nonce).toBe(l.params.nonce);
    expect(payload.aud).toBe(env.tool.clientId);
    expect(payload.azp).toBeUndefined();
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
  });

  it('carries the resource link launch claims', async () => {
    const c = (await launch(env)).claims ?? {};
    expect(c[CLAIM.messageType]).toBe(MESSAGE_TYPE.resourceLink);
    expect(c[CLAIM.version]).toBe(LTI_VERSION);
    expect(c[CLAIM.deploymentId]).toBe(env.tool.deploymentId);
    expect(c[CLAIM.targetLinkUri]).toBe(env.tool.registration.targetLinkUri);
    expect(c[CLAIM.resourceLink]).toEqual({ id: env.platform.services.resourceLinkId('course-1'), title: expect.any(String) as string });
    expect(c[CLAIM.roles]).toEqual([ROLE.instructor, ROLE.institutionFaculty]);
    expect(c[CLAIM.context]).toEqual({ id: 'course-1', label: 'CS101', title: 'Introduction to Computing', type: [CONTEXT_TYPE.courseSection] });
    expect(c[CLAIM.toolPlatform]).toMatchObject({ guid: expect.any(String) as string, product_family_code: expect.any(String) as string });
    expect(c[CLAIM.launchPresentation]).toMatchObject({ document_target: 'iframe', return_url: `${env.platform.issuer}/return` });
    expect(Object.values(c[CLAIM.custom] as object).every((v) => typeof v === 'string')).toBe(true);
    expect(c).toMatchObject({ name: 'Grace Hopper', given_name: 'Grace', family_name: 'Hopper', email: 'grace.hopper@example.edu' });
    expect(c[CLAIM.ags]).toEqual({
      scope: [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score],
      lineitems: env.platform.services.lineItemsUrl('course-1'),
    });
    expect(c[CLAIM.nrps]).toEqual({ context_memberships_url: env.platform.services.membershipsUrl('course-1'), service_versions: ['2.0'] });
    expect(paddedStrings(c)).toEqual([]);
  });

  it('launches a student without PII into the second course', async () => {
    const c = (await launch(env, { persona: 'student', pii: false, context: 'course-2' })).claims ?? {};
    expect(c.sub).toBe(env.platform.users.student);
    expect(c[CLAIM.roles]).toEqual([ROLE.learner, ROLE.institutionStudent]);
    for (const k of ['name', 'given_name', 'family_name', 'email']) expect(c[k]).toBeUndefined();
    expect((c[CLAIM.context] as { id: string }).id).toBe('course-2');
    expect((c[CLAIM.resourceLink] as { id: string }).id).toBe('ref-link-course-2');
    expect((c[CLAIM.ags] as { lineitems: string }).lineitems).toBe(env.platform.services.lineItemsUrl('course-2'));
  });

  it('keeps resource link ids and user ids stable across launches', async () => {
    const [a, b] = [(await launch(env)).claims ?? {}, (await launch(env)).claims ?? {}];
    expect(a[CLAIM.resourceLink]).toEqual(b[CLAIM.resourceLink]);
    expect(a.sub).toBe(b.sub);
  });

  it('sends a deep linking request with its settings and no resource link', async () => {
    const c = (await launch(env, { message: 'deep-linking' })).claims ?? {};
    expect(c[CLAIM.messageType]).toBe(MESSAGE_TYPE.deepLinkingRequest);
    expect(c[CLAIM.targetLinkUri]).toBe(env.tool.registration.deepLinkingUrl);
    expect(c[CLAIM.resourceLink]).toBeUndefined();
    expect(c[CLAIM.deepLinkingSettings]).toEqual({
      deep_link_return_url: `${env.platform.issuer}/deep-link/return`,
      accept_types: Object.values(CONTENT_ITEM_TYPE),
      accept_presentation_document_targets: ['iframe', 'window'],
      accept_multiple: true,
      accept_lineitem: true,
      data: expect.any(String) as string,
    });
  });

  it('answers an authentication request sent by POST as well', async () => {
    const s = await startLaunch(env);
    const a = await authorize(env, authParams(env, s), s.cookie, 'POST');
    expect(a.claims?.sub).toBe(env.platform.users.instructor);
  });
});

describe('reference platform: key set and return URL', () => {
  it('publishes one RSA key with a kid and no private members', async () => {
    const hop = await send(env.platform.jwksUrl);
    expect(hop.status).toBe(200);
    const { keys } = json<{ keys: Array<Record<string, unknown>> }>(hop);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) as string });
    expect(Object.keys(keys[0] ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('accepts lti_msg and lti_errormsg on the return URL', async () => {
    const hop = await send(`${env.platform.issuer}/return?lti_msg=All%20done&lti_errormsg=&lti_log=x&lti_errorlog=y`);
    expect(hop.status).toBe(200);
    expect(hop.body).toContain('All done');
  });
});
