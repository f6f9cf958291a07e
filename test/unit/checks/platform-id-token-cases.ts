import type { PlatformIdTokenInput } from '../../../src/checks/platform/index.js';
import {
  idTokenAud, idTokenAzp, idTokenAzpPresent, idTokenDeploymentConfigured, idTokenDeploymentInitiation, idTokenDeploymentValid, idTokenExp,
  idTokenExpAfterIat, idTokenIatNotFuture, idTokenIatPresent, idTokenIss, idTokenMessageType, idTokenNonce, idTokenState, idTokenSub, idTokenVersion,
} from '../../../src/checks/platform/id-token-core.js';
import { idTokenAlgRs256, idTokenKidInJwks, idTokenKidPresent, idTokenSignatureValid } from '../../../src/checks/platform/id-token-header.js';
import { idTokenSchemaValid } from '../../../src/checks/platform/id-token-messages.js';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from '../../../src/lti/vocab.js';
import { bad, type Case } from './check-table.js';
import { CLIENT_ID, DEPLOYMENT, ISSUER, NONCE, NOW, STATE, changed, validRl, withClaim } from './platform-fixtures.js';

// Failing inputs for the header and core claim checks, each wrong in one way.

const input = changed(validRl);
const claim = withClaim(validRl);
const NUMERIC = `a NumericDate after ${NOW}`;
const ID255 = 'a non-empty string of at most 255 ASCII characters';
const schema = (...errors: string[]) => bad(`${errors.length} problem(s): ${errors.join('; ')}`, `claims valid per the ${MESSAGE_TYPE.resourceLink} schema`, errors);
const SIG = 'a signature made with the private key of a key in the platform JWKS';

export const CORE_CASES: Case<PlatformIdTokenInput>[] = [
  { name: 'alg RS512', check: idTokenAlgRs256, input: input((d) => { d.token.header.alg = 'RS512'; }), verdict: bad('alg is "RS512"', 'RS256', 'RS512') },
  { name: 'no kid', check: idTokenKidPresent, input: input((d) => { delete d.token.header.kid; }), verdict: bad('the JOSE header has no kid', 'a kid of the platform JWKS', null) },
  {
    name: 'kid not in the JWKS', check: idTokenKidInJwks, input: input((d) => { d.token.header.kid = 'rotated-away'; d.token.kidFound = false; d.token.signatureValid = false; }),
    verdict: bad('kid "rotated-away" is not in the platform JWKS', 'a kid published in the platform JWKS', 'rotated-away'), alsoFails: [idTokenSignatureValid],
  },
  {
    name: 'signature does not verify', check: idTokenSignatureValid, input: input((d) => { d.token.signatureValid = false; d.token.verifyError = 'signature verification failed'; }),
    verdict: bad('the signature cannot be verified with the platform\'s keys: signature verification failed', SIG, { alg: 'RS256', kid: 'platform-key-1' }),
  },
  {
    name: 'alg none, unsigned', check: idTokenSignatureValid, input: input((d) => { d.token.header = { alg: 'none' }; d.token.signatureValid = false; d.token.kidFound = false; }),
    verdict: bad('the signature cannot be verified with the platform\'s keys: the signature does not verify', SIG, { alg: 'none', kid: null }), alsoFails: [idTokenAlgRs256, idTokenKidPresent],
  },
  { name: 'iss of another platform', check: idTokenIss, input: claim('iss', 'https://lms.example/'), verdict: bad('iss is "https://lms.example/", not the configured issuer (case-sensitive match)', ISSUER, 'https://lms.example/') },
  { name: 'iss missing', check: idTokenIss, input: claim('iss', undefined), verdict: bad('iss is missing', ISSUER, null), alsoFails: [idTokenSchemaValid] },
  { name: 'aud without our client id', check: idTokenAud, input: claim('aud', 'other-tool'), verdict: bad('aud does not contain our client_id (case-sensitive match)', CLIENT_ID, 'other-tool') },
  {
    name: 'aud a number', check: idTokenAud, input: claim('aud', 42), verdict: bad('aud is neither a string nor an array of strings', CLIENT_ID, 42),
    alsoFails: [idTokenSchemaValid],
  },
  { name: 'two audiences, no azp', check: idTokenAzpPresent, input: claim('azp', undefined), verdict: bad('aud names 2 audiences but azp is missing', CLIENT_ID, null) },
  { name: 'azp of another party', check: idTokenAzp, input: claim('azp', 'https://lms.example/analytics'), verdict: bad('azp is "https://lms.example/analytics", not our client_id', CLIENT_ID, 'https://lms.example/analytics') },
  { name: 'exp two minutes past', check: idTokenExp, input: claim('exp', NOW - 120), verdict: bad('exp is 120s in the past (leeway 60s)', NUMERIC, NOW - 120), alsoFails: [idTokenExpAfterIat] },
  { name: 'exp missing', check: idTokenExp, input: claim('exp', undefined), verdict: bad('exp is missing', NUMERIC, null), alsoFails: [idTokenSchemaValid] },
  { name: 'iat missing', check: idTokenIatPresent, input: claim('iat', undefined), verdict: bad('iat is missing', `a NumericDate (about ${NOW})`, null), alsoFails: [idTokenSchemaValid] },
  {
    name: 'iat a string', check: idTokenIatPresent, input: claim('iat', String(NOW)), verdict: bad(`iat is not a JSON number ("${NOW}")`, `a NumericDate (about ${NOW})`, String(NOW)),
    alsoFails: [idTokenSchemaValid],
  },
  { name: 'iat five minutes ahead', check: idTokenIatNotFuture, input: claim('iat', NOW + 300), verdict: bad('iat is 300s in the future (leeway 60s)', `a NumericDate at most ${NOW + 60}`, NOW + 300), alsoFails: [idTokenExpAfterIat] },
  {
    name: 'exp before iat (both within the leeway)', check: idTokenExpAfterIat, input: input((d) => { d.token.payload.iat = NOW + 50; d.token.payload.exp = NOW + 40; }),
    verdict: bad(`exp (${NOW + 40}) is not after iat (${NOW + 50})`, `exp > ${NOW + 50}`, NOW + 40),
  },
  { name: 'nonce altered', check: idTokenNonce, input: claim('nonce', NONCE.toLowerCase()), verdict: bad('nonce is not the one we sent (case-sensitive match)', NONCE, NONCE.toLowerCase()) },
  { name: 'nonce missing', check: idTokenNonce, input: claim('nonce', undefined), verdict: bad('nonce is missing', NONCE, null), alsoFails: [idTokenSchemaValid] },
  {
    name: 'no nonce to compare with, none sent', check: idTokenNonce, input: input((d) => { delete d.expected.nonce; delete d.token.payload.nonce; }),
    verdict: bad('nonce is missing', 'a non-empty string', null), alsoFails: [idTokenSchemaValid],
  },
  { name: 'state dropped', check: idTokenState, input: input((d) => { delete d.expected.stateReturned; }), verdict: bad('state is missing from the authentication response', STATE, null) },
  { name: 'state altered', check: idTokenState, input: input((d) => { d.expected.stateReturned = 'x'; }), verdict: bad('state is not the one we sent', STATE, 'x') },
  { name: 'sub empty', check: idTokenSub, input: claim('sub', ''), verdict: bad('sub is empty', ID255, ''), alsoFails: [idTokenSchemaValid] },
  {
    name: 'sub of 256 characters', check: idTokenSub, input: claim('sub', 'u'.repeat(256)), verdict: bad('sub has 256 characters (at most 255)', ID255, 'u'.repeat(256)),
    alsoFails: [idTokenSchemaValid],
  },
  { name: 'sub not ASCII', check: idTokenSub, input: claim('sub', 'jürgen'), verdict: bad('sub has non-ASCII characters', ID255, 'jürgen') },
  { name: 'sub a number', check: idTokenSub, input: claim('sub', 24400320), verdict: bad('sub is not a string (24400320)', ID255, 24400320), alsoFails: [idTokenSchemaValid] },
  { name: 'version 1.3', check: idTokenVersion, input: claim(CLAIM.version, '1.3'), verdict: bad('version is "1.3"', LTI_VERSION, '1.3') },
  {
    name: 'message_type of another message', check: idTokenMessageType, input: claim(CLAIM.messageType, MESSAGE_TYPE.deepLinkingRequest),
    verdict: bad(`message_type is "${MESSAGE_TYPE.deepLinkingRequest}"`, MESSAGE_TYPE.resourceLink, MESSAGE_TYPE.deepLinkingRequest),
  },
  {
    name: 'deployment_id missing', check: idTokenDeploymentValid, input: claim(CLAIM.deploymentId, undefined), verdict: bad('deployment_id is missing', ID255, null),
    alsoFails: [idTokenDeploymentConfigured, idTokenDeploymentInitiation, idTokenSchemaValid],
  },
  {
    name: 'deployment_id too long', check: idTokenDeploymentValid, input: input((d) => { const long = 'd'.repeat(300); d.token.payload[CLAIM.deploymentId] = long; d.expected.deploymentId = long; delete d.expected.initiation?.lti_deployment_id; }),
    verdict: bad('deployment_id has 300 characters (at most 255)', ID255, 'd'.repeat(300)), alsoFails: [idTokenSchemaValid],
  },
  {
    name: 'deployment_id of another deployment (initiation said so too)', check: idTokenDeploymentConfigured,
    input: input((d) => { d.token.payload[CLAIM.deploymentId] = 'deploy-2'; if (d.expected.initiation) d.expected.initiation.lti_deployment_id = 'deploy-2'; }),
    verdict: bad('deployment_id is "deploy-2", not the configured deployment', DEPLOYMENT, 'deploy-2'),
  },
  {
    name: 'deployment_id differs from the initiation\'s lti_deployment_id', check: idTokenDeploymentInitiation,
    input: input((d) => { if (d.expected.initiation) d.expected.initiation.lti_deployment_id = 'deploy-2'; }),
    verdict: bad(`deployment_id is "${DEPLOYMENT}", but the login initiation announced "deploy-2"`, 'deploy-2', DEPLOYMENT),
  },
  {
    name: 'resource_link title a number', check: idTokenSchemaValid, input: claim(CLAIM.resourceLink, { id: 'rl-1', title: 7 }),
    verdict: schema('/resource_link/title must be string or null [CORE §5.3.5]'),
  },
  {
    name: 'lis and launch_presentation mistyped', check: idTokenSchemaValid,
    input: input((d) => { d.token.payload[CLAIM.lis] = { person_sourcedid: 1 }; d.token.payload[CLAIM.launchPresentation] = { height: true }; }),
    verdict: schema('/launch_presentation/height must be number or string or null [CORE §5.4.4]', '/lis/person_sourcedid must be string [CORE §5.4.5]'),
  },
];
