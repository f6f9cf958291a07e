import { fail, pass } from '../../core/check.js';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { audiences, expProblem, isNonEmptyString, numericDateProblem, shown } from '../client-assertion/jwt.js';
import { jwtCheck } from './input.js';

// The response JWT: a tool-originating message ([SEC] §5.2.2) of type LtiDeepLinkingResponse ([DL] §4.5).

export const dlSignatureValid = jwtCheck(
  'deep-link-response.signature.valid',
  'the response JWT is signed with a key of the tool\'s registered JWKS',
  [rule('LTI-DLR-002'), rule('LTI-DLR-005')],
  ({ header, signatureValid, kidFound, verifyError }) => {
    if (signatureValid) return pass();
    const why = header.kid !== undefined && !kidFound ? `kid ${shown(header.kid)} is not in the tool's JWKS` : (verifyError ?? 'the signature does not verify');
    return fail(`the signature cannot be verified with the tool's keys: ${why}`, 'a signature made with the private key of a key in the tool JWKS', { alg: header.alg ?? null, kid: header.kid ?? null });
  },
);

export const dlKidPresent = jwtCheck(
  'deep-link-response.kid.present',
  'the JOSE header names the signing key (kid)',
  [rule('LTI-SEC-012')],
  ({ header }) => (isNonEmptyString(header.kid) ? pass() : fail('the JOSE header has no kid', 'a kid of the tool JWKS', header.kid ?? null)),
);

export const dlAlgRs256 = jwtCheck(
  'deep-link-response.alg.rs256',
  'the response JWT is signed with RS256',
  [rule('LTI-DLR-009'), rule('LTI-SEC-005')],
  ({ header }) => (header.alg === 'RS256' ? pass() : fail(`alg is ${shown(header.alg)}`, 'RS256', header.alg ?? null)),
);

export const dlIssClientId = jwtCheck(
  'deep-link-response.iss.client-id',
  'iss is the tool\'s client_id',
  [rule('LTI-DLR-002')],
  ({ payload }, { request }) =>
    payload.iss === request.clientId ? pass() : fail(`iss is ${shown(payload.iss)}, not the client_id we registered`, request.clientId, payload.iss ?? null),
);

export const dlAudPlatform = jwtCheck(
  'deep-link-response.aud.platform-issuer',
  'aud is, or contains, the platform issuer',
  [rule('LTI-DLR-002')],
  ({ payload }, { request }) => {
    const aud = audiences(payload.aud);
    if (!aud) return fail(payload.aud === undefined ? 'aud is missing' : 'aud is neither a string nor an array of strings', request.issuer, payload.aud ?? null);
    return aud.includes(request.issuer) ? pass() : fail('aud does not contain the platform issuer (case-sensitive match)', request.issuer, payload.aud);
  },
);

export const dlAzpPlatform = jwtCheck(
  'deep-link-response.azp.platform-issuer',
  'azp, when present, is the platform issuer',
  [rule('LTI-DLR-008')],
  ({ payload }, { request }) => {
    if (payload.azp === undefined) return pass();
    return payload.azp === request.issuer ? pass() : fail(`azp is ${shown(payload.azp)}, not the platform issuer`, request.issuer, payload.azp);
  },
);

export const dlExpValid = jwtCheck(
  'deep-link-response.exp.not-expired',
  'exp is present and not past',
  [rule('LTI-DLR-002'), rule('LTI-DLR-010')],
  ({ payload }, { now }) => {
    const problem = expProblem(payload.exp, now);
    return problem ? fail(problem, `a NumericDate after ${now}`, payload.exp ?? null) : pass();
  },
);

export const dlIatPresent = jwtCheck(
  'deep-link-response.iat.present',
  'iat is present',
  [rule('LTI-DLR-002')],
  ({ payload }, { now }) => {
    const problem = numericDateProblem('iat', payload.iat);
    return problem ? fail(problem, `a NumericDate (about ${now})`, payload.iat ?? null) : pass();
  },
);

export const dlNoncePresent = jwtCheck(
  'deep-link-response.nonce.present',
  'nonce is present',
  [rule('LTI-DLR-002'), rule('LTI-DLR-011')],
  ({ payload }) => (isNonEmptyString(payload.nonce) ? pass() : fail(`nonce is ${payload.nonce === undefined ? 'missing' : `not a non-empty string (${shown(payload.nonce)})`}`, 'a non-empty string', payload.nonce ?? null)),
);

export const dlMessageType = jwtCheck(
  'deep-link-response.message-type.matches',
  `message_type is ${MESSAGE_TYPE.deepLinkingResponse}`,
  [rule('LTI-DLR-003')],
  ({ payload }) => {
    const v = payload[CLAIM.messageType];
    return v === MESSAGE_TYPE.deepLinkingResponse ? pass() : fail(`message_type is ${shown(v)}`, MESSAGE_TYPE.deepLinkingResponse, v ?? null);
  },
);

export const dlVersion = jwtCheck(
  'deep-link-response.version.matches',
  `version is ${LTI_VERSION}`,
  [rule('LTI-DLR-003')],
  ({ payload }) => {
    const v = payload[CLAIM.version];
    return v === LTI_VERSION ? pass() : fail(`version is ${shown(v)}`, LTI_VERSION, v ?? null);
  },
);

export const dlDeploymentId = jwtCheck(
  'deep-link-response.deployment-id.matches',
  'deployment_id is the one of the deep-linking request',
  [rule('LTI-DLR-003'), rule('LTI-CORE-013')],
  ({ payload }, { request }) => {
    const v = payload[CLAIM.deploymentId];
    return v === request.deploymentId ? pass() : fail(v === undefined ? 'deployment_id is missing' : `deployment_id is ${shown(v)}, not the request's`, request.deploymentId, v ?? null);
  },
);

export const dlDataEchoed = jwtCheck(
  'deep-link-response.data.echoed',
  'the data of the request comes back unchanged',
  [rule('LTI-DLR-004')],
  ({ payload }, { request }) => {
    if (request.data === undefined) return pass('the request carried no data');
    const v = payload[CLAIM.dlData];
    if (v === request.data) return pass();
    return fail(v === undefined ? 'the data claim is missing although the request had data' : 'the data claim differs from the request\'s data', request.data, v ?? null);
  },
);

/** Checks on the response JWT's header and claims (judge them when a JWT was decoded). */
export const DEEP_LINK_MESSAGE_CHECKS = [
  dlSignatureValid, dlKidPresent, dlAlgRs256, dlIssClientId, dlAudPlatform, dlAzpPlatform, dlExpValid, dlIatPresent,
  dlNoncePresent, dlMessageType, dlVersion, dlDeploymentId, dlDataEchoed,
] as const;
