import { describe, expect, it } from 'vitest';
import { idTokenAgsClaim, idTokenContextType, idTokenNrpsVersions } from '../../../src/checks/platform/id-token-claims.js';
import { idTokenAzp, idTokenAzpPresent, idTokenDeploymentConfigured, idTokenDeploymentInitiation, idTokenIatNotFuture, idTokenExpAfterIat, idTokenNonce, idTokenState, idTokenSub } from '../../../src/checks/platform/id-token-core.js';
import { idTokenAlgRs256, idTokenKidInJwks, idTokenKidPresent } from '../../../src/checks/platform/id-token-header.js';
import { idTokenSchemaValid, idTokenTargetLinkUri } from '../../../src/checks/platform/id-token-messages.js';
import { idTokenHttpsUrls, idTokenNoWhitespace } from '../../../src/checks/platform/id-token-payload.js';
import { idTokenMentorScope, idTokenRolesFullUris, idTokenRolesVocabulary, idTokenSubRolePrincipal, isVocabularyRole } from '../../../src/checks/platform/id-token-roles.js';
import { NO_TOKEN, PLATFORM_ID_TOKEN_CHECKS, RESOURCE_LINK_CHECKS, type PlatformIdTokenInput } from '../../../src/checks/platform/index.js';
import { checkLevel, type Check } from '../../../src/core/check.js';
import { CLAIM, CONTEXT_TYPE, ROLE } from '../../../src/lti/vocab.js';
import { checkTable, CTX } from './check-table.js';
import { CLIENT_ID, MEMBERSHIPS, NOW, changed, validRl, withClaim, withMember } from './platform-fixtures.js';
import { CLAIM_CASES } from './platform-id-token-claim-cases.js';
import { CORE_CASES } from './platform-id-token-cases.js';

const ALL: readonly Check<PlatformIdTokenInput>[] = [...PLATFORM_ID_TOKEN_CHECKS, ...RESOURCE_LINK_CHECKS];
const input = changed(validRl);
const claim = withClaim(validRl);
const member = withMember(validRl);
const ok = (c: Check<PlatformIdTokenInput>, i: PlatformIdTokenInput) => expect(c.run(i, CTX).ok, `${c.id}: ${JSON.stringify(c.run(i, CTX))}`).toBe(true);
const note = (c: Check<PlatformIdTokenInput>, i: PlatformIdTokenInput) => (c.run(i, CTX) as { note?: string }).note;

describe('platform id_token checks (resource link launch)', () => {
  checkTable(ALL, validRl, [...CORE_CASES, ...CLAIM_CASES], /^(id-token|auth-response)\.[a-z-]+\.[a-z0-9-]+$/);

  it('without an id_token every check says so', () => {
    const none = input((d) => { delete (d as PlatformIdTokenInput).token; });
    for (const c of ALL) expect(c.run(none, CTX), c.id).toEqual({ ok: false, message: NO_TOKEN, expected: 'an id_token posted to our redirect_uri', actual: null });
  });

  it('accepts the variants the specs allow', () => {
    ok(idTokenAzpPresent, input((d) => { d.token.payload.aud = CLIENT_ID; delete d.token.payload.azp; }));
    ok(idTokenAzp, claim('azp', undefined));
    ok(idTokenSub, claim('sub', undefined)); // anonymous launch
    for (const c of ALL) ok(c, input((d) => { d.token.payload[CLAIM.roles] = []; delete d.token.payload.sub; }));
    ok(idTokenRolesVocabulary, claim(CLAIM.roles, ['Instructor', 'https://lms.example/roles#Helper']));
    ok(idTokenRolesVocabulary, claim(CLAIM.roles, [ROLE.systemAdministrator.replace('/system/person#', '/person#')])); // deprecated form
    ok(idTokenSubRolePrincipal, claim(CLAIM.roles, [ROLE.teachingAssistant, 'Instructor']));
    ok(idTokenMentorScope, input((d) => { d.token.payload[CLAIM.roles] = [ROLE.mentor]; d.token.payload[CLAIM.roleScopeMentor] = ['u-1']; }));
    ok(idTokenMentorScope, claim(CLAIM.roleScopeMentor, []));
    ok(idTokenContextType, member(CLAIM.context, 'type', ['CourseSection']));
    ok(idTokenContextType, member(CLAIM.context, 'type', ['urn:lti:context-type:ims/lis/Group', 'https://lms.example/ctx#Club']));
    ok(idTokenAgsClaim, member(CLAIM.ags, 'lineitem', ''));
    ok(idTokenAgsClaim, claim(CLAIM.ags, { scope: [], lineitems: 'https://lms.example/li?course=7' }));
    ok(idTokenIatNotFuture, claim('iat', NOW + 30));
    ok(idTokenNonce, input((d) => { delete d.expected.nonce; }));
    ok(idTokenState, input((d) => { delete d.expected.stateSent; delete d.expected.stateReturned; }));
    ok(idTokenDeploymentInitiation, input((d) => { delete d.expected.initiation; }));
    ok(idTokenTargetLinkUri, input((d) => { delete d.expected.initiation; }));
    ok(idTokenKidInJwks, input((d) => { delete d.token.header.kid; }));
    for (const c of ALL) ok(c, claim('https://lms.example/claim/other', { nested: { list: [1, 'two'] } })); // receivers ignore unknown claims
  });

  it('notes what it accepted but would not recommend', () => {
    expect(note(idTokenContextType, member(CLAIM.context, 'type', ['CourseSection']))).toBe('context.type uses a deprecated simple name or URN only');
    expect(note(idTokenAgsClaim, claim(CLAIM.ags, { scope: ['https://lms.example/scope/x'], lineitems: 'https://lms.example/li' }))).toBe('scope(s) not defined by AGS: https://lms.example/scope/x');
    expect(note(idTokenNrpsVersions, claim(CLAIM.nrps, undefined))).toBe('no NRPS claim object');
    expect(note(idTokenMentorScope, input((d) => { d.token.payload[CLAIM.roles] = ['Mentor']; d.token.payload[CLAIM.roleScopeMentor] = ['u-1']; }))).toBe('Mentor is given by its deprecated simple name');
  });

  it('https: passes loopback platforms with a note, fails other http hosts', () => {
    for (const host of ['127.0.0.1:9401', '127.8.0.1', 'localhost:3000', '[::1]:8080']) {
      const i = member(CLAIM.nrps, 'context_memberships_url', `http://${host}/nrps`);
      expect(idTokenHttpsUrls.run(i, CTX), host).toEqual({ ok: true, note: `http accepted on a loopback host (a local test platform): namesroleservice.context_memberships_url=http://${host}/nrps` });
    }
    for (const host of ['128.0.0.1', 'localhost.example.com', '10.0.0.1']) expect(idTokenHttpsUrls.run(member(CLAIM.nrps, 'context_memberships_url', `http://${host}/nrps`), CTX).ok, host).toBe(false);
    expect(idTokenHttpsUrls.run(claim('picture', 'ftp://lms.example/p.png'), CTX).ok).toBe(false);
    ok(idTokenHttpsUrls, member(CLAIM.toolPlatform, 'url', ''));
  });

  it('whitespace: looks into nested claims, arrays and custom values', () => {
    const v = idTokenNoWhitespace.run(input((d) => { d.token.payload[CLAIM.custom] = { a: '\tx' }; d.token.payload[CLAIM.roles] = [`${ROLE.learner} `]; }), CTX);
    expect(v).toMatchObject({ ok: false, message: 'value(s) with leading or trailing whitespace: roles[0], custom.a' });
  });

  it('roles vocabulary: URI forms, deprecated person#, simple context names and LTI 1.1 URNs count', () => {
    for (const r of [ROLE.learner, ROLE.systemAdministrator, ROLE.testUser, ROLE.teachingAssistant, 'Learner', 'urn:lti:instrole:ims/lis/Student']) expect(isVocabularyRole(r), r).toBe(true);
    for (const r of ['', 'Student', 'https://lms.example/roles#Learner', ROLE.certUnknownInstructorRole, CONTEXT_TYPE.group]) expect(isVocabularyRole(r), r).toBe(false);
  });

  it('schema: names claims by their short name and accepts extension claims', () => {
    const v = idTokenSchemaValid.run(member(CLAIM.nrps, 'context_memberships_url', 'not a url'), CTX);
    expect(v).toMatchObject({ ok: false, actual: ['/namesroleservice/context_memberships_url must be a fully qualified URL [NRPS §3.6.1]'] });
    ok(idTokenSchemaValid, claim('https://vendor.example/claim', { anything: [1, 2] }));
    ok(idTokenSchemaValid, claim('aud', CLIENT_ID));
    expect(note(idTokenSchemaValid, input((d) => { d.expected.messageType = 'LtiSubmissionReviewRequest'; }))).toBe('no schema for message type LtiSubmissionReviewRequest');
    expect(MEMBERSHIPS).toMatch(/^https:/);
  });

  it('levels: MUST rules fail; SHOULD rules warn; certification rules fail only in that profile', () => {
    const warn = [idTokenAzpPresent, idTokenDeploymentConfigured, idTokenRolesFullUris, idTokenSubRolePrincipal, idTokenNrpsVersions].map((c) => c.id);
    const cert = [idTokenAlgRs256, idTokenKidPresent, idTokenIatNotFuture, idTokenExpAfterIat, idTokenNoWhitespace].map((c) => c.id);
    for (const c of ALL) {
      expect(checkLevel(c.refs, 'spec'), c.id).toBe(warn.includes(c.id) || cert.includes(c.id) ? 'warn' : 'fail');
      expect(checkLevel(c.refs, 'certification'), c.id).toBe(warn.includes(c.id) ? 'warn' : 'fail');
    }
  });
});
