import type { PlatformIdTokenInput } from '../../../src/checks/platform/index.js';
import {
  idTokenAgsClaim, idTokenContextId, idTokenContextType, idTokenCustomStrings, idTokenDocumentTarget, idTokenNrpsUrl, idTokenNrpsVersions,
  idTokenToolPlatformGuid,
} from '../../../src/checks/platform/id-token-claims.js';
import { idTokenResourceLinkId, idTokenSchemaValid, idTokenTargetLinkUri } from '../../../src/checks/platform/id-token-messages.js';
import { idTokenHttpsUrls, idTokenNoWhitespace } from '../../../src/checks/platform/id-token-payload.js';
import { idTokenMentorScope, idTokenRolesFullUris, idTokenRolesPresent, idTokenRolesVocabulary, idTokenSubRolePrincipal } from '../../../src/checks/platform/id-token-roles.js';
import { CLAIM, CONTEXT_TYPE, LAUNCH_DOCUMENT_TARGETS, NRPS_SERVICE_VERSION, ROLE, SCOPE } from '../../../src/lti/vocab.js';
import { bad, type Case } from './check-table.js';
import { LINEITEMS, MEMBERSHIPS, TARGET, validRl, withClaim, withMember } from './platform-fixtures.js';

// Failing inputs for the roles, optional claims, whole-payload and resource-link checks.

const claim = withClaim(validRl);
const member = withMember(validRl);
const ID255 = 'a non-empty string of at most 255 ASCII characters';
const ROLES_WANT = 'an array of role URIs (empty for no role information)';
const AGS_WANT = 'scope: array of AGS scopes; lineitems, lineitem: fully resolved URLs';
const SUBROLE_PRINCIPAL = ROLE.teachingAssistant.replace('/Instructor#TeachingAssistant', '#Instructor');

export const CLAIM_CASES: Case<PlatformIdTokenInput>[] = [
  { name: 'roles missing', check: idTokenRolesPresent, input: claim(CLAIM.roles, undefined), verdict: bad('the roles claim is missing', ROLES_WANT, null), alsoFails: [idTokenSchemaValid] },
  {
    name: 'roles a string', check: idTokenRolesPresent, input: claim(CLAIM.roles, ROLE.learner), verdict: bad('roles is not an array of strings', ROLES_WANT, ROLE.learner),
    alsoFails: [idTokenSchemaValid],
  },
  {
    name: 'roles only of a foreign vocabulary', check: idTokenRolesVocabulary, input: claim(CLAIM.roles, ['https://lms.example/roles#Helper']),
    verdict: bad('roles has no role of the LTI role vocabularies (App. A.2)', `at least one role such as ${ROLE.learner}`, ['https://lms.example/roles#Helper']),
  },
  { name: 'roles [""]', check: idTokenRolesVocabulary, input: claim(CLAIM.roles, ['']), verdict: bad('roles has no role of the LTI role vocabularies (App. A.2)', `at least one role such as ${ROLE.learner}`, ['']), alsoFails: [idTokenRolesFullUris] },
  {
    name: 'simple role name', check: idTokenRolesFullUris, input: claim(CLAIM.roles, ['Learner', ROLE.institutionStudent]),
    verdict: bad('role(s) in a deprecated form: "Learner"', `full role URIs, e.g. ${ROLE.instructor}`, ['Learner']),
  },
  {
    name: 'LTI 1.1 role URN', check: idTokenRolesFullUris, input: claim(CLAIM.roles, ['urn:lti:role:ims/lis/Instructor']),
    verdict: bad('role(s) in a deprecated form: "urn:lti:role:ims/lis/Instructor"', `full role URIs, e.g. ${ROLE.instructor}`, ['urn:lti:role:ims/lis/Instructor']),
  },
  {
    name: 'teaching assistant without Instructor', check: idTokenSubRolePrincipal, input: claim(CLAIM.roles, [ROLE.teachingAssistant]),
    verdict: bad(`sub-role(s) sent without their principal role: ${SUBROLE_PRINCIPAL} missing`, [SUBROLE_PRINCIPAL], [ROLE.teachingAssistant]),
  },
  {
    name: 'role_scope_mentor for a learner', check: idTokenMentorScope, input: claim(CLAIM.roleScopeMentor, ['fad5fb29-a91c-770-3c110-1e687120efd9']),
    verdict: bad('role_scope_mentor lists users but roles does not contain the Mentor role', ROLE.mentor, [ROLE.instructor, ROLE.teachingAssistant, ROLE.institutionFaculty]),
  },
  { name: 'context without id', check: idTokenContextId, input: member(CLAIM.context, 'id', undefined), verdict: bad('context.id is missing', ID255, null), alsoFails: [idTokenSchemaValid] },
  { name: 'context an array', check: idTokenContextId, input: claim(CLAIM.context, ['c1']), verdict: bad('the context claim is not a JSON object', 'an object with id', ['c1']), alsoFails: [idTokenSchemaValid] },
  {
    name: 'context type of no vocabulary', check: idTokenContextType, input: member(CLAIM.context, 'type', ['course']),
    verdict: bad('context.type has no type of the context type vocabulary (App. A.1)', Object.values(CONTEXT_TYPE), ['course']),
  },
  {
    name: 'context type a string', check: idTokenContextType, input: member(CLAIM.context, 'type', CONTEXT_TYPE.courseOffering),
    verdict: bad('context.type is not an array of strings', Object.values(CONTEXT_TYPE), CONTEXT_TYPE.courseOffering), alsoFails: [idTokenSchemaValid],
  },
  { name: 'tool_platform without guid', check: idTokenToolPlatformGuid, input: member(CLAIM.toolPlatform, 'guid', undefined), verdict: bad('tool_platform.guid is missing', ID255, null), alsoFails: [idTokenSchemaValid] },
  {
    name: 'document_target popup', check: idTokenDocumentTarget, input: member(CLAIM.launchPresentation, 'document_target', 'popup'),
    verdict: bad('document_target is "popup"', [...LAUNCH_DOCUMENT_TARGETS], 'popup'), alsoFails: [idTokenSchemaValid],
  },
  {
    name: 'custom values null and a number', check: idTokenCustomStrings, input: claim(CLAIM.custom, { a: null, b: 3, c: 'ok' }),
    verdict: bad('custom value(s) that are not strings: a=null, b=3', 'strings ("" allowed, null not)', { a: null, b: 3 }), alsoFails: [idTokenSchemaValid],
  },
  {
    name: 'AGS lineitems a URL template', check: idTokenAgsClaim, input: member(CLAIM.ags, 'lineitems', 'https://lms.example/api/lti/courses/{context_id}/line_items'),
    verdict: bad('lineitems is a URL template, not a resolved URL: https://lms.example/api/lti/courses/{context_id}/line_items', AGS_WANT,
      { scope: [SCOPE.lineItem, SCOPE.resultReadOnly, SCOPE.score], lineitems: 'https://lms.example/api/lti/courses/{context_id}/line_items', lineitem: `${LINEITEMS}/12` }),
  },
  {
    name: 'AGS scope a string, lineitem relative', check: idTokenAgsClaim, input: claim(CLAIM.ags, { scope: SCOPE.score, lineitem: '/line_items/12' }),
    verdict: bad('scope is not an array of strings; lineitem is not an absolute URL: "/line_items/12"', AGS_WANT, { scope: SCOPE.score, lineitem: '/line_items/12' }), alsoFails: [idTokenSchemaValid],
  },
  {
    name: 'NRPS without memberships URL', check: idTokenNrpsUrl, input: member(CLAIM.nrps, 'context_memberships_url', undefined),
    verdict: bad('context_memberships_url is missing', 'a fully resolved URL', null), alsoFails: [idTokenSchemaValid],
  },
  { name: 'NRPS claim a string', check: idTokenNrpsUrl, input: claim(CLAIM.nrps, MEMBERSHIPS), verdict: bad('the NRPS claim is not a JSON object', 'an object with context_memberships_url', MEMBERSHIPS), alsoFails: [idTokenSchemaValid] },
  {
    name: 'NRPS service_versions ["1.0"]', check: idTokenNrpsVersions, input: member(CLAIM.nrps, 'service_versions', ['1.0']),
    verdict: bad(`service_versions ["1.0"] does not include ${NRPS_SERVICE_VERSION}`, [NRPS_SERVICE_VERSION], ['1.0']),
  },
  {
    name: 'http return URL on a public host', check: idTokenHttpsUrls, input: member(CLAIM.launchPresentation, 'return_url', 'http://lms.example/return'),
    verdict: bad('URL(s) without https: launch_presentation.return_url=http://lms.example/return', 'https URLs', ['launch_presentation.return_url=http://lms.example/return']),
  },
  {
    name: 'padded name and context title', check: idTokenNoWhitespace,
    input: claim(CLAIM.context, { id: 'c1', title: 'CPS 435 ', type: [CONTEXT_TYPE.courseOffering] }),
    verdict: bad('value(s) with leading or trailing whitespace: context.title', 'values without surrounding whitespace', { 'context.title': 'CPS 435 ' }),
  },
  {
    name: 'resource_link missing', check: idTokenResourceLinkId, input: claim(CLAIM.resourceLink, undefined), verdict: bad('the resource_link claim is missing', 'an object with id', null),
    alsoFails: [idTokenSchemaValid],
  },
  { name: 'resource_link id empty', check: idTokenResourceLinkId, input: claim(CLAIM.resourceLink, { id: '' }), verdict: bad('resource_link.id is empty', ID255, ''), alsoFails: [idTokenSchemaValid] },
  {
    name: 'target_link_uri missing', check: idTokenTargetLinkUri, input: claim(CLAIM.targetLinkUri, undefined), verdict: bad('the target_link_uri claim is missing', TARGET, null),
    alsoFails: [idTokenSchemaValid],
  },
  {
    name: 'target_link_uri differs from the initiation', check: idTokenTargetLinkUri, input: claim(CLAIM.targetLinkUri, `${TARGET}?x=1`),
    verdict: bad('the target_link_uri claim differs from the login initiation\'s target_link_uri', TARGET, `${TARGET}?x=1`),
  },
];
