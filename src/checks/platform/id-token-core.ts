import { fail, pass } from '../../core/check.js';
import { CLAIM, LTI_VERSION } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { audiences, EXP_LEEWAY_S, expProblem, isNonEmptyString, numericDateProblem, shown } from '../client-assertion/jwt.js';
import { asciiIdProblem, tokenCheck } from './input.js';

// The claims every platform-originating message carries ([SEC] §5.1.1.2-5.1.2; [CORE] §3.1.3, §4.1.2, §5.3.1-5.3.3, §5.3.6).

export const idTokenIss = tokenCheck(
  'id-token.iss.matches',
  'iss is the configured platform issuer',
  [rule('LTI-CORE-011'), rule('PLT-ISS')],
  ({ payload }, { expected }) =>
    payload.iss === expected.issuer ? pass() : fail(payload.iss === undefined ? 'iss is missing' : `iss is ${shown(payload.iss)}, not the configured issuer (case-sensitive match)`, expected.issuer, payload.iss ?? null),
);

export const idTokenAud = tokenCheck(
  'id-token.aud.contains-client-id',
  'aud is, or contains, our client_id',
  [rule('LTI-CORE-011'), rule('PLT-AUD')],
  ({ payload }, { expected }) => {
    const aud = audiences(payload.aud);
    if (!aud) return fail(payload.aud === undefined ? 'aud is missing' : 'aud is neither a string nor an array of strings', expected.clientId, payload.aud ?? null);
    return aud.includes(expected.clientId) ? pass() : fail('aud does not contain our client_id (case-sensitive match)', expected.clientId, payload.aud);
  },
);

export const idTokenAzpPresent = tokenCheck(
  'id-token.azp.present-with-several-audiences',
  'with several audiences, azp is present',
  [rule('PLT-AZP-MULTI')],
  ({ payload }, { expected }) => {
    const aud = audiences(payload.aud);
    if (!aud || aud.length < 2) return pass();
    return payload.azp !== undefined ? pass() : fail(`aud names ${aud.length} audiences but azp is missing`, expected.clientId, null);
  },
);

export const idTokenAzp = tokenCheck(
  'id-token.azp.client-id',
  'azp, when present, is our client_id',
  [rule('PLT-AZP')],
  ({ payload }, { expected }) => {
    if (payload.azp === undefined) return pass();
    return payload.azp === expected.clientId ? pass() : fail(`azp is ${shown(payload.azp)}, not our client_id`, expected.clientId, payload.azp);
  },
);

export const idTokenExp = tokenCheck(
  'id-token.exp.not-expired',
  'exp is present and not past',
  [rule('LTI-CORE-011'), rule('PLT-EXP')],
  ({ payload }, { now }) => {
    const problem = expProblem(payload.exp, now);
    return problem ? fail(problem, `a NumericDate after ${now}`, payload.exp ?? null) : pass();
  },
);

export const idTokenIatPresent = tokenCheck(
  'id-token.iat.present',
  'iat is present',
  [rule('LTI-CORE-011')],
  ({ payload }, { now }) => {
    const problem = numericDateProblem('iat', payload.iat);
    return problem ? fail(problem, `a NumericDate (about ${now})`, payload.iat ?? null) : pass();
  },
);

export const idTokenIatNotFuture = tokenCheck(
  'id-token.iat.not-future',
  'iat is not in the future',
  [rule('CERT-PAYLOAD-TIMESTAMPS')],
  ({ payload }, { now }) => {
    if (typeof payload.iat !== 'number') return pass('iat is not a number (id-token.iat.present judges that)');
    const ahead = payload.iat - now;
    return ahead > EXP_LEEWAY_S ? fail(`iat is ${ahead}s in the future (leeway ${EXP_LEEWAY_S}s)`, `a NumericDate at most ${now + EXP_LEEWAY_S}`, payload.iat) : pass();
  },
);

export const idTokenExpAfterIat = tokenCheck(
  'id-token.exp.after-iat',
  'exp comes after iat',
  [rule('CERT-PAYLOAD-TIMESTAMPS')],
  ({ payload }) => {
    const { exp, iat } = payload;
    if (typeof exp !== 'number' || typeof iat !== 'number') return pass('exp or iat is not a number (judged by their own checks)');
    return exp > iat ? pass() : fail(`exp (${exp}) is not after iat (${iat})`, `exp > ${iat}`, exp);
  },
);

export const idTokenNonce = tokenCheck(
  'id-token.nonce.matches',
  'nonce is the one of our authentication request, unmodified',
  [rule('LTI-CORE-011'), rule('LTI-OIDC-014')],
  ({ payload }, { expected }) => {
    if (expected.nonce === undefined) {
      return isNonEmptyString(payload.nonce) ? pass('no nonce to compare with; one is present') : fail(`nonce is ${shown(payload.nonce)}`, 'a non-empty string', payload.nonce ?? null);
    }
    if (payload.nonce === expected.nonce) return pass();
    return fail(payload.nonce === undefined ? 'nonce is missing' : 'nonce is not the one we sent (case-sensitive match)', expected.nonce, payload.nonce ?? null);
  },
);

export const idTokenState = tokenCheck(
  'auth-response.state.echoed',
  'the authentication response returns the state we sent, unmodified',
  [rule('LTI-OIDC-020')],
  (_token, { expected }) => {
    if (expected.stateSent === undefined) return pass('we sent no state');
    if (expected.stateReturned === expected.stateSent) return pass();
    return fail(expected.stateReturned === undefined ? 'state is missing from the authentication response' : 'state is not the one we sent', expected.stateSent, expected.stateReturned ?? null);
  },
);

export const idTokenSub = tokenCheck(
  'id-token.sub.valid',
  'sub, when present, is a non-empty string of at most 255 ASCII characters',
  [rule('LTI-CORE-012')],
  ({ payload }) => {
    if (payload.sub === undefined) return pass('no sub: an anonymous launch');
    const problem = asciiIdProblem('sub', payload.sub);
    return problem ? fail(problem, 'a non-empty string of at most 255 ASCII characters', payload.sub) : pass();
  },
);

export const idTokenVersion = tokenCheck(
  'id-token.version.matches',
  `version is ${LTI_VERSION}`,
  [rule('LTI-CORE-017')],
  ({ payload }) => {
    const v = payload[CLAIM.version];
    return v === LTI_VERSION ? pass() : fail(`version is ${shown(v)}`, LTI_VERSION, v ?? null);
  },
);

export const idTokenMessageType = tokenCheck(
  'id-token.message-type.matches',
  'message_type is the one of the launch we asked for',
  [rule('LTI-RL-001'), rule('LTI-DL-001')],
  ({ payload }, { expected }) => {
    const v = payload[CLAIM.messageType];
    return v === expected.messageType ? pass() : fail(`message_type is ${shown(v)}`, expected.messageType, v ?? null);
  },
);

export const idTokenDeploymentValid = tokenCheck(
  'id-token.deployment-id.valid',
  'deployment_id is present: a non-empty string of at most 255 ASCII characters',
  [rule('LTI-CORE-013'), rule('LTI-CORE-014'), rule('LTI-DL-001')],
  ({ payload }) => {
    const v = payload[CLAIM.deploymentId];
    const problem = asciiIdProblem('deployment_id', v);
    return problem ? fail(problem, 'a non-empty string of at most 255 ASCII characters', v ?? null) : pass();
  },
);

export const idTokenDeploymentConfigured = tokenCheck(
  'id-token.deployment-id.configured',
  'deployment_id is the configured deployment',
  [rule('PLT-DEPLOYMENT')],
  ({ payload }, { expected }) => {
    const v = payload[CLAIM.deploymentId];
    return v === expected.deploymentId ? pass() : fail(v === undefined ? 'deployment_id is missing' : `deployment_id is ${shown(v)}, not the configured deployment`, expected.deploymentId, v ?? null);
  },
);

export const idTokenDeploymentInitiation = tokenCheck(
  'id-token.deployment-id.matches-initiation',
  'deployment_id is the lti_deployment_id of the login initiation',
  [rule('LTI-OIDC-003')],
  ({ payload }, { expected }) => {
    const sent = expected.initiation?.lti_deployment_id;
    if (sent === undefined) return pass('the login initiation carried no lti_deployment_id');
    const v = payload[CLAIM.deploymentId];
    return v === sent ? pass() : fail(v === undefined ? 'deployment_id is missing' : `deployment_id is ${shown(v)}, but the login initiation announced ${shown(sent)}`, sent, v ?? null);
  },
);

export const ID_TOKEN_CORE_CHECKS = [
  idTokenIss, idTokenAud, idTokenAzpPresent, idTokenAzp, idTokenExp, idTokenIatPresent, idTokenIatNotFuture, idTokenExpAfterIat,
  idTokenNonce, idTokenState, idTokenSub, idTokenVersion, idTokenMessageType, idTokenDeploymentValid, idTokenDeploymentConfigured,
  idTokenDeploymentInitiation,
] as const;
