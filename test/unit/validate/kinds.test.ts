import { validateStrict } from 'ctrf';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_IDS } from '../../../src/cli/commands/validate.js';
import { lti1p1Sign } from '../../../src/keys/lti1p1.js';
import { CLAIM, DR, LTI_VERSION, MESSAGE_TYPE } from '../../../src/lti/vocab.js';
import { toCtrf } from '../../../src/report/ctrf.js';
import { KINDS } from '../../../src/validate/kinds.js';
import { parseMessage } from '../../../src/validate/input.js';
import { renderValidation } from '../../../src/validate/render.js';
import { runOf, validateMessage, type ValidateOptions, type Validation } from '../../../src/validate/run.js';
import type { Expected } from '../../../src/validate/types.js';
import {
  CLIENT_ID, clientAssertion, deepLinkingRequest, deepLinkingResponse, DEPLOYMENT, ISSUER, NOW, openidConfiguration, registrationRequest, resourceLink, score, signer, type Signer,
} from './support.js';

let s: Signer;
let dir: string;
let jwksFile: string;

beforeAll(async () => {
  s = await signer();
  dir = await mkdtemp(join(tmpdir(), 'lti-validate-'));
  jwksFile = join(dir, 'jwks.json');
  await writeFile(jwksFile, JSON.stringify(s.jwks));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const opts = (o: Partial<ValidateOptions> = {}, expected: Expected = {}): ValidateOptions => ({ expected, now: NOW + 10, profile: 'certification', ...o });
const jwt = async (payload: Record<string, unknown>, o?: Partial<ValidateOptions>, expected?: Expected): Promise<Validation> =>
  validateMessage(parseMessage(await s.sign(payload)), opts(o, expected));
const json = (value: unknown, o?: Partial<ValidateOptions>): Promise<Validation> => validateMessage(parseMessage(JSON.stringify(value)), opts(o));

const failedIds = (v: Validation): string[] => v.judgement.checks.filter((c) => c.status === 'failed').map((c) => c.id);
const notChecked = (v: Validation): string[] => v.judgement.notChecked.map((n) => n.id);

describe('JWT kinds: a passing and a failing message each', () => {
  it('resource-link', async () => {
    const ok = await jwt(resourceLink());
    expect(ok.kind.id).toBe('resource-link');
    expect(failedIds(ok)).toEqual([]);
    expect(ok.result.role).toBe('platform');
    const bad = await jwt(resourceLink({ [CLAIM.resourceLink]: undefined }));
    expect(failedIds(bad)).toContain('id-token.resource-link.id-present');
  });

  it('resource-link with an lti1p1 claim: its signature is verified with the secret from the environment only', async () => {
    const base = { consumerKey: '179248902', deploymentId: DEPLOYMENT, issuer: ISSUER, clientId: CLIENT_ID, exp: NOW + 300, nonce: 'nonce-1' };
    const claim = { user_id: 'u-11', oauth_consumer_key: base.consumerKey, oauth_consumer_key_sign: lti1p1Sign(base, 'my-lti11-secret') };
    const launch = resourceLink({ [CLAIM.lti1p1]: claim });
    const withSecret = await jwt(launch, { lti11Secret: 'my-lti11-secret' });
    expect(withSecret.judgement.checks.find((c) => c.id === 'lti1p1.signature.valid')?.status).toBe('passed');
    expect(failedIds(await jwt(launch, { lti11Secret: 'another-secret' }))).toEqual(['lti1p1.signature.valid']);
    const without = await jwt(launch);
    expect(failedIds(without)).toEqual([]);
    expect(without.judgement.notChecked.find((n) => n.id === 'lti1p1.signature.valid')?.why).toMatch(/LTI_CONFORM_LTI11_SECRET/);
    // Legacy ids alone (Canvas: user_id only) are not a migration signature: nothing fails, nothing to verify.
    const idsOnly = await jwt(resourceLink({ [CLAIM.lti1p1]: { user_id: 'u-11' } }), { lti11Secret: 'my-lti11-secret' });
    expect(failedIds(idsOnly)).toEqual([]);
    expect(idsOnly.judgement.checks.filter((c) => c.status === 'warned').map((c) => c.id)).not.toContain('lti1p1.claim.present');
    // No claim, no migration checks: a launch without a 1.1 predecessor is complete.
    expect((await jwt(resourceLink(), { lti11Secret: 'x' })).judgement.checks.some((c) => c.id.startsWith('lti1p1.'))).toBe(false);
  });

  it('deep-linking-request', async () => {
    const ok = await jwt(deepLinkingRequest());
    expect(ok.kind.id).toBe('deep-linking-request');
    expect(failedIds(ok)).toEqual([]);
    const bad = await jwt(deepLinkingRequest({ [CLAIM.deepLinkingSettings]: undefined }));
    expect(failedIds(bad)).toContain('deep-linking-request.settings.present');
  });

  it('submission-review: detected, judged by the id_token checks and its own (for_user, AGS lineitem)', async () => {
    const review = {
      [CLAIM.messageType]: MESSAGE_TYPE.submissionReview,
      [CLAIM.ags]: { scope: [], lineitems: 'https://lms.example/li', lineitem: 'https://lms.example/li/1' },
      [CLAIM.forUser]: { user_id: 'learner-1' },
    };
    const ok = await jwt(resourceLink(review));
    expect(ok.kind.id).toBe('submission-review');
    expect(failedIds(ok)).toEqual([]);
    const bad = await jwt(resourceLink({ ...review, [CLAIM.version]: '1.1', [CLAIM.forUser]: undefined }));
    expect(failedIds(bad)).toEqual(expect.arrayContaining(['id-token.version.matches', 'submission-review.for-user.user-id-present']));
  });

  it('deep-linking-response', async () => {
    const ok = await jwt(deepLinkingResponse(), {}, { issuer: ISSUER, clientId: CLIENT_ID, deploymentId: DEPLOYMENT });
    expect(ok.kind.id).toBe('deep-linking-response');
    expect(ok.result.role).toBe('tool');
    expect(failedIds(ok)).toEqual([]);
    const bad = await jwt(deepLinkingResponse({ [CLAIM.version]: '1.1.0', [CLAIM.dlContentItems]: {} }));
    expect(failedIds(bad)).toEqual(expect.arrayContaining(['deep-link-response.version.matches', 'deep-link-response.content-items.array']));
  });

  it('client-assertion: detected from iss = sub + jti + aud; sub compared with iss without --client-id', async () => {
    const ok = await jwt(clientAssertion());
    expect(ok.kind.id).toBe('client-assertion');
    expect(failedIds(ok)).toEqual([]);
    expect(notChecked(ok)).toEqual(expect.arrayContaining(['client-assertion.iss.client-id', 'client-assertion.aud.token-endpoint', 'client-assertion.jti.unique']));
    const bad = await jwt(clientAssertion({ sub: 'other', jti: undefined }), { type: 'client-assertion' });
    expect(failedIds(bad)).toEqual(expect.arrayContaining(['client-assertion.sub.client-id', 'client-assertion.jti.present']));
    const wrongAud = await jwt(clientAssertion(), {}, { tokenUrl: 'https://elsewhere.example/token' });
    expect(failedIds(wrongAud)).toEqual(['client-assertion.aud.token-endpoint']);
  });
});

describe('JSON kinds: a passing and a failing message each', () => {
  const item = { id: 'https://lms.example/li/1', label: 'Quiz', scoreMaximum: 10 };
  const cases: [string, unknown, unknown, string][] = [
    ['score', score(), score({ activityProgress: 'Done' }), 'ags.score.schema-valid'],
    ['line-item', { label: 'Quiz', scoreMaximum: 10 }, { label: 'Quiz', scoreMaximum: 0 }, 'ags.lineitem.schema-valid'],
    ['line-item-container', [item], [{ ...item, id: 'not a url' }], 'platform-ags.lineitems.body-valid'],
    ['result-container', [{ id: 'r1', userId: 'u1', scoreOf: item.id, resultScore: 1 }], [{ id: 'r1', userId: 'u1', scoreOf: item.id, resultMaximum: -1 }], 'platform-ags.results.body-valid'],
    ['membership-container', { id: 'm', context: { id: 'c1' }, members: [{ user_id: 'u1', roles: [] }] }, { id: 'm', context: { id: 'c1' }, members: [{ user_id: 'u1' }] }, 'platform-nrps.members.required'],
    ['openid-configuration', openidConfiguration(), openidConfiguration({ token_endpoint: undefined }), 'registration.configuration.required-members'],
    ['registration-request', registrationRequest(), registrationRequest({ jwks_uri: undefined }), 'registration.request.launch-members'],
    ['registration-response', { ...registrationRequest(), client_id: 'c-1', [DR.toolConfiguration]: { domain: 'tool.example', deployment_id: 'd1' } }, { ...registrationRequest(), client_id: '' }, 'registration.response.client-id'],
  ];
  for (const [id, good, bad, check] of cases) {
    it(id, async () => {
      const ok = await json(good);
      expect(ok.kind.id).toBe(id);
      expect(failedIds(ok)).toEqual([]);
      expect(ok.judgement.checks.length).toBeGreaterThan(0);
      const no = await json(bad, { type: id });
      expect(failedIds(no)).toContain(check);
    });
  }
});

describe('time, flags and signatures', () => {
  it('an expired token is a note, not a failure; iat far in the past too', async () => {
    const v = await jwt(resourceLink(), { now: NOW + 3 * 86_400 });
    expect(failedIds(v)).toEqual([]);
    const exp = v.judgement.checks.find((c) => c.id === 'id-token.exp.not-expired')!;
    expect(exp.status).toBe('info');
    expect(exp.message).toMatch(/^expired 2 days ago at 2023-11-14T22:18:20Z/);
    expect(v.judgement.checks.find((c) => c.id === 'id-token.iat.present')!.message).toMatch(/issued 3 days ago/);
  });

  it('a missing exp still fails', async () => {
    expect(failedIds(await jwt(resourceLink({ exp: undefined })))).toContain('id-token.exp.not-expired');
  });

  it('checks against expected values run only with their flags', async () => {
    const none = await jwt(resourceLink());
    expect(notChecked(none)).toEqual(expect.arrayContaining(['id-token.iss.matches', 'id-token.aud.contains-client-id', 'id-token.deployment-id.configured', 'id-token.signature.valid']));
    expect(none.judgement.notChecked.find((n) => n.id === 'id-token.iss.matches')!.why).toContain('--issuer');
    const wrong = await jwt(resourceLink(), {}, { issuer: 'https://other.example', clientId: CLIENT_ID, deploymentId: DEPLOYMENT, nonce: 'other' });
    expect(failedIds(wrong).sort()).toEqual(['id-token.iss.matches', 'id-token.nonce.matches']);
  });

  it('--jwks verifies the signature with the key named by kid', async () => {
    const ok = await jwt(resourceLink(), { jwks: jwksFile });
    expect(ok.signature).toEqual({ signatureValid: true, kidFound: true });
    expect(ok.judgement.checks.find((c) => c.id === 'id-token.signature.valid')!.status).toBe('passed');
    const other = await signer();
    const forged = await validateMessage(parseMessage(await other.sign(resourceLink())), opts({ jwks: jwksFile }));
    expect(failedIds(forged)).toContain('id-token.signature.valid');
    const unknownKid = await validateMessage(parseMessage(await other.sign(resourceLink(), { kid: 'nope' })), opts({ jwks: jwksFile }));
    expect(failedIds(unknownKid)).toEqual(expect.arrayContaining(['id-token.kid.in-jwks', 'id-token.signature.valid']));
  });

  it('an unreadable --jwks is a usage error', async () => {
    await expect(jwt(resourceLink(), { jwks: join(dir, 'missing.json') })).rejects.toMatchObject({ code: 'ERR_USAGE' });
  });
});

describe('kind selection', () => {
  it('--type must name a kind that fits the input form', async () => {
    await expect(jwt(resourceLink(), { type: 'nonsense' })).rejects.toMatchObject({ code: 'ERR_USAGE', message: expect.stringContaining('no such kind') });
    await expect(jwt(resourceLink(), { type: 'score' })).rejects.toMatchObject({ code: 'ERR_USAGE' });
  });

  it('an undetectable message asks for --type', async () => {
    await expect(jwt({ iss: 'x', [CLAIM.version]: LTI_VERSION })).rejects.toMatchObject({ code: 'ERR_USAGE', hint: expect.stringContaining('--type') });
    await expect(json([])).rejects.toMatchObject({ code: 'ERR_USAGE', message: expect.stringContaining('empty array') });
  });

  it('the --help list of kinds is the registry', () => {
    expect(KIND_IDS).toEqual(KINDS.map((k) => k.id));
  });
});

describe('reports', () => {
  it('the run is valid CTRF, one test per message, the sender as role', async () => {
    const v = await jwt(resourceLink({ [CLAIM.roles]: 'Learner' }));
    const run = runOf([v], { version: '0.0.0', profile: 'certification', strict: false, startedAt: new Date(NOW * 1000).toISOString(), durationMs: 3, source: 'the argument' });
    const doc = JSON.parse(JSON.stringify(toCtrf(run))) as { results: { tests: { name: string; status: string; extra: Record<string, { role: string }> }[] } };
    expect(() => validateStrict(doc)).not.toThrow();
    expect(doc.results.tests).toHaveLength(1);
    expect(doc.results.tests[0]!.status).toBe('failed');
    expect(doc.results.tests[0]!.extra['lti-conform']!.role).toBe('platform');
    expect(run.role).toBe('tool');
  });

  it('the text shows claims with their checks and rule ids, never the signature', async () => {
    const token = await s.sign(resourceLink({ [CLAIM.resourceLink]: { id: '' } }));
    const v = await validateMessage(parseMessage(token), opts());
    const text = renderValidation(v, { color: false, source: 'the argument' });
    expect(text).toContain('resource_link: {"id":""}');
    expect(text).toMatch(/✗ id-token\.resource-link\.id-present/);
    expect(text).toContain('LTI-RL-004 (MUST) CORE §5.3.5');
    expect(text).toContain('give --issuer <value> to check it');
    expect(text).not.toContain(token.split('.')[2]!);
  });
});
