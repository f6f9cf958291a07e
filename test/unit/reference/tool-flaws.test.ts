// Every flaw flips exactly the cases listed for it, and nothing else; the correct tool passes all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lti1p1Sign } from '../../../src/keys/lti1p1.js';
import { CLAIM, EXTENSION_CLAIM, MESSAGE_TYPE, ROLE } from '../../../src/lti/vocab.js';
import { REGISTRATION_FLAWS, SERVICE_FLAWS, startReferenceTool, TOOL_FLAWS, type RunningReferenceTool, type ToolFlaw } from '../../../src/reference/tool/index.js';
import { accepted, FakePlatform, launch, login, loginParams, postForm, type SignMode } from './fake-platform.js';

interface Env {
  p: FakePlatform;
  tool: RunningReferenceTool;
}
interface Case {
  name: string;
  flippedBy: ToolFlaw[];
  /** True when the tool behaved correctly. */
  run(env: Env): Promise<boolean>;
}

type Change = Record<string, unknown>;
const now = (): number => Math.floor(Date.now() / 1000);

/** Login, then launch a payload changed by `change` (undefined deletes a claim). */
async function tryLaunch({ p, tool }: Env, change: Change, header?: Change, mode: SignMode = 'rs256'): Promise<boolean> {
  const l = await login(p, tool);
  const payload: Change = { ...p.payload(tool, l.nonce), ...change };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return accepted(await launch(tool, l, await p.sign(header ?? { kid: p.current.kid }, payload, mode)));
}
const refuses = (change: Change, header?: Change, mode?: SignMode) => async (env: Env) =>
  !(await tryLaunch(env, change, header, mode));
const accepts = (change: Change) => async (env: Env) => tryLaunch(env, change);

async function loginRefused({ p, tool }: Env, change: Record<string, string | undefined>): Promise<boolean> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...loginParams(p, tool), ...change })) if (v !== undefined) params[k] = v;
  const l = await login(p, tool, params);
  return l.status === 400 && l.location === undefined;
}

const LTI11 = { consumerKey: 'key-1p1', secret: 'secret-1p1' };
const REVIEW = { [CLAIM.messageType]: MESSAGE_TYPE.submissionReview, [CLAIM.forUser]: { user_id: 'learner-7' }, [CLAIM.ags]: { lineitem: 'https://lms.example/li/1', scope: [] } };

/** A valid launch carrying an lti1p1 claim signed with `secret`; true when it was accepted and linked. */
async function migrated({ p, tool }: Env, secret: string): Promise<boolean> {
  const l = await login(p, tool);
  const payload = p.payload(tool, l.nonce);
  const sign = lti1p1Sign({ consumerKey: LTI11.consumerKey, deploymentId: String(payload[CLAIM.deploymentId]), issuer: p.issuer, clientId: p.clientId, exp: payload.exp as number, nonce: l.nonce }, secret);
  payload[CLAIM.lti1p1] = { user_id: 'u-1p1', oauth_consumer_key: LTI11.consumerKey, oauth_consumer_key_sign: sign };
  const r = await launch(tool, l, await p.sign({ kid: p.current.kid }, payload));
  return accepted(r) && r.landing!.body.includes('Linked to LTI 1.1 user u-1p1');
}

const CASES: Case[] = [
  { name: 'login without iss', flippedBy: ['login-accepts-missing-iss'], run: (e) => loginRefused(e, { iss: undefined }) },
  { name: 'login without login_hint', flippedBy: ['login-accepts-missing-login-hint'], run: (e) => loginRefused(e, { login_hint: undefined }) },
  { name: 'login without target_link_uri', flippedBy: ['login-accepts-missing-target-link-uri'], run: (e) => loginRefused(e, { target_link_uri: undefined }) },
  { name: 'login from an unknown issuer', flippedBy: ['login-accepts-unknown-issuer'], run: (e) => loginRefused(e, { iss: 'https://evil.example' }) },
  { name: 'login for an unknown client_id', flippedBy: ['login-accepts-unknown-client-id'], run: (e) => loginRefused(e, { client_id: 'x' }) },
  { name: 'login by POST', flippedBy: ['login-refuses-post'], run: async ({ p, tool }) => (await login(p, tool, loginParams(p, tool), 'POST')).status === 302 },
  {
    name: 'login echoes lti_message_hint', flippedBy: ['login-drops-message-hint'],
    run: async ({ p, tool }) => (await login(p, tool, { ...loginParams(p, tool), lti_message_hint: 'm-1' })).auth.get('lti_message_hint') === 'm-1',
  },
  { name: 'login sends prompt=none', flippedBy: ['login-omits-prompt'], run: async ({ p, tool }) => (await login(p, tool)).auth.get('prompt') === 'none' },

  { name: 'no kid', flippedBy: ['launch-accepts-missing-kid'], run: refuses({}, {}) },
  { name: 'unknown kid', flippedBy: ['launch-accepts-unknown-kid'], run: refuses({}, { kid: 'imstester_66067' }) },
  { name: 'valid kid, another key', flippedBy: ['launch-skips-signature'], run: refuses({}, { kid: 'platform-key-1' }, 'foreign-key') },
  { name: 'alg none', flippedBy: ['launch-accepts-alg-none'], run: refuses({}, { kid: 'platform-key-1' }, 'none') },
  { name: 'HS256 with the public key', flippedBy: ['launch-accepts-hs256'], run: refuses({}, { kid: 'platform-key-1' }, 'hs256-public-key') },
  { name: 'expired', flippedBy: ['launch-ignores-exp'], run: refuses({ exp: now() - 300 }) },
  { name: 'iat 11111, exp 22222', flippedBy: ['launch-ignores-exp'], run: refuses({ iat: 11111, exp: 22222 }) },
  { name: 'no exp', flippedBy: ['launch-ignores-exp', 'launch-accepts-missing-exp'], run: refuses({ exp: undefined }) },
  { name: 'no iat', flippedBy: ['launch-accepts-missing-iat'], run: refuses({ iat: undefined }) },
  { name: 'nbf in the future', flippedBy: ['launch-ignores-nbf'], run: refuses({ nbf: now() + 300 }) },
  { name: 'wrong iss', flippedBy: ['launch-ignores-iss'], run: refuses({ iss: 'https://evil.example' }) },
  { name: 'aud without client_id', flippedBy: ['launch-ignores-aud'], run: refuses({ aud: 'someone-else' }) },
  { name: 'extra untrusted aud, no azp', flippedBy: ['launch-trusts-extra-aud'], run: refuses({ aud: ['tool-client-1', 'untrusted-x'] }) },
  { name: 'azp not the client', flippedBy: ['launch-ignores-azp'], run: refuses({ azp: 'someone-else' }) },
  { name: 'nonce missing', flippedBy: ['launch-accepts-missing-nonce'], run: refuses({ nonce: undefined }) },
  // Without state there is no stored nonce to compare, so ignoring state also lets a foreign nonce in.
  { name: 'nonce mismatch', flippedBy: ['launch-ignores-nonce-mismatch', 'launch-ignores-state'], run: refuses({ nonce: 'other-nonce' }) },
  {
    name: 'replayed id_token', flippedBy: ['launch-allows-replay'],
    run: async ({ p, tool }) => {
      const l = await login(p, tool);
      const token = await p.sign({ kid: p.current.kid }, p.payload(tool, l.nonce));
      return accepted(await launch(tool, l, token)) && !accepted(await launch(tool, l, token));
    },
  },
  {
    name: 'state not bound to the browser', flippedBy: ['launch-ignores-state'],
    run: async ({ p, tool }) => {
      const [l, other] = [await login(p, tool), await login(p, tool)];
      const token = await p.sign({ kid: p.current.kid }, p.payload(tool, l.nonce));
      return !accepted(await launch(tool, { ...l, cookie: other.cookie }, token));
    },
  },
  { name: 'version 11.3', flippedBy: ['launch-accepts-any-version'], run: refuses({ [CLAIM.version]: '11.3' }) },
  { name: 'version missing', flippedBy: ['launch-accepts-missing-version'], run: refuses({ [CLAIM.version]: undefined }) },
  {
    name: 'not an LTI payload', flippedBy: ['launch-accepts-non-lti-payload', 'launch-accepts-missing-core-claims'],
    run: async ({ p, tool }) => {
      const l = await login(p, tool);
      return !accepted(await launch(tool, l, await p.sign({ kid: p.current.kid }, { name: 'badltilaunch' })));
    },
  },
  {
    name: 'message_type, version, roles missing', flippedBy: ['launch-accepts-missing-core-claims'],
    run: refuses({ [CLAIM.messageType]: undefined, [CLAIM.version]: undefined, [CLAIM.roles]: undefined }),
  },
  { name: 'message_type missing', flippedBy: ['launch-accepts-missing-message-type'], run: refuses({ [CLAIM.messageType]: undefined }) },
  { name: 'message_type unknown', flippedBy: ['launch-accepts-unknown-message-type'], run: refuses({ [CLAIM.messageType]: 'LtiFooRequest' }) },
  { name: 'deployment_id missing', flippedBy: ['launch-accepts-missing-deployment-id'], run: refuses({ [CLAIM.deploymentId]: undefined }) },
  { name: 'deployment_id unknown', flippedBy: ['launch-accepts-unknown-deployment-id'], run: refuses({ [CLAIM.deploymentId]: 'nope' }) },
  { name: 'roles missing', flippedBy: ['launch-accepts-missing-roles'], run: refuses({ [CLAIM.roles]: undefined }) },
  { name: 'resource_link missing', flippedBy: ['launch-accepts-missing-resource-link'], run: refuses({ [CLAIM.resourceLink]: undefined }) },
  { name: 'resource_link.id empty', flippedBy: ['launch-accepts-empty-resource-link-id'], run: refuses({ [CLAIM.resourceLink]: { id: '' } }) },
  { name: 'sub empty', flippedBy: ['launch-accepts-empty-sub'], run: refuses({ sub: '' }) },
  { name: 'sub missing', flippedBy: ['launch-accepts-missing-sub'], run: refuses({ sub: undefined }) },
  {
    name: 'OIDC error response', flippedBy: ['launch-treats-error-as-launch'],
    run: async ({ p, tool }) => {
      const l = await login(p, tool);
      const r = await postForm(tool.launchUrl, { error: 'login_required', state: l.state }, l.cookie);
      return r.status === 400 && !r.body.includes('Launched');
    },
  },
  {
    name: 'lands on the signed target_link_uri', flippedBy: ['launch-lands-on-login-target'],
    run: async ({ p, tool }) => {
      const l = await login(p, tool, { ...loginParams(p, tool), target_link_uri: `${tool.baseUrl}/lti/other` });
      const r = await launch(tool, l, await p.sign({ kid: p.current.kid }, p.payload(tool, l.nonce)));
      return r.launch.location === tool.targetLinkUri && accepted(r);
    },
  },

  { name: 'valid launch', flippedBy: [], run: accepts({}) },
  { name: 'no context', flippedBy: ['launch-requires-context'], run: accepts({ [CLAIM.context]: undefined }) },
  { name: 'multiple roles', flippedBy: [], run: accepts({ [CLAIM.roles]: [ROLE.instructor, ROLE.institutionStaff, ROLE.institutionOther] }) },
  { name: 'short role', flippedBy: ['launch-requires-full-role-uris'], run: accepts({ [CLAIM.roles]: ['Instructor'] }) },
  { name: 'unknown role only', flippedBy: ['launch-refuses-unknown-roles'], run: accepts({ [CLAIM.roles]: [ROLE.certUnknownInstructorRole] }) },
  { name: 'learner plus unknown role', flippedBy: [], run: accepts({ [CLAIM.roles]: [ROLE.learner, ROLE.certUnknownLearnerRole] }) },
  { name: 'sub-role', flippedBy: [], run: accepts({ [CLAIM.roles]: [ROLE.teachingAssistant] }) },
  { name: 'roles [""]', flippedBy: [], run: accepts({ [CLAIM.roles]: [''] }) },
  { name: 'roles []', flippedBy: [], run: accepts({ [CLAIM.roles]: [] }) },
  { name: 'no PII', flippedBy: ['launch-requires-name'], run: accepts({ name: undefined }) },
  { name: 'email only', flippedBy: ['launch-requires-name'], run: accepts({ name: undefined, email: 'a@example.org' }) },
  { name: 'names only', flippedBy: [], run: accepts({ name: undefined, given_name: 'Ada', family_name: 'L' }) },
  { name: 'unknown claims', flippedBy: ['launch-refuses-unknown-claims'], run: accepts({ [EXTENSION_CLAIM]: 'x' }) },
  { name: 'aud as an array', flippedBy: ['launch-requires-string-aud'], run: accepts({ aud: ['tool-client-1'] }) },
  { name: 'azp equal to the client', flippedBy: [], run: accepts({ azp: 'tool-client-1' }) },

  { name: 'submission review', flippedBy: ['sr-refuses-review'], run: accepts(REVIEW) },
  { name: 'submission review without for_user', flippedBy: ['sr-accepts-missing-for-user'], run: refuses({ ...REVIEW, [CLAIM.forUser]: undefined }) },
  { name: 'submission review without lineitem', flippedBy: ['sr-accepts-missing-lineitem'], run: refuses({ ...REVIEW, [CLAIM.ags]: { scope: [] } }) },
  { name: 'lti1p1 correctly signed is linked', flippedBy: [], run: (e) => migrated(e, LTI11.secret) },
  { name: 'lti1p1 wrongly signed is not linked', flippedBy: ['migration-ignores-sign'], run: async (e) => !(await migrated(e, 'another-secret')) },
];

let platform: FakePlatform;
beforeAll(async () => {
  platform = await FakePlatform.start();
});
afterAll(() => platform.close());

async function outcomes(flaws: ToolFlaw[]): Promise<Record<string, boolean>> {
  const tool = await startReferenceTool({ platform: platform.registration, flaws, lti11: LTI11 });
  try {
    const out: Record<string, boolean> = {};
    for (const c of CASES) out[c.name] = await c.run({ p: platform, tool });
    return out;
  } finally {
    await tool.close();
  }
}

describe('reference tool flaws', () => {
  // Service flaws are caught in services-flaws.test.ts, registration flaws by the broken-tool e2e test;
  // here they must flip no launch case at all.
  it('every launch-side flaw has at least one case that catches it', () => {
    const caught = new Set(CASES.flatMap((c) => c.flippedBy));
    const service: readonly string[] = [...SERVICE_FLAWS, ...REGISTRATION_FLAWS];
    expect(TOOL_FLAWS.filter((f) => !service.includes(f) && !caught.has(f))).toEqual([]);
  });

  it('the correct tool behaves correctly in every case', async () => {
    const out = await outcomes([]);
    expect(Object.entries(out).filter(([, ok]) => !ok).map(([n]) => n)).toEqual([]);
  });

  it.each(TOOL_FLAWS.map((f) => [f]))('%s flips exactly its cases', async (flaw) => {
    const out = await outcomes([flaw]);
    const flipped = Object.entries(out).filter(([, ok]) => !ok).map(([n]) => n);
    expect(flipped).toEqual(CASES.filter((c) => c.flippedBy.includes(flaw)).map((c) => c.name));
  });

  it('refuses an unknown flaw name', async () => {
    await expect(startReferenceTool({ platform: platform.registration, flaws: ['nope' as ToolFlaw] })).rejects.toThrow(/unknown/);
  });
});
