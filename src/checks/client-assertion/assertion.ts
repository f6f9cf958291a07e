import { fail, pass } from '../../core/check.js';
import { CLAIM } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { audiences, expProblem, isNonEmptyString, numericDateProblem, shown } from './jwt.js';
import { assertionCheck } from './input.js';

// The client assertion JWT ([SEC] §4.1.1, [CORE] §6.2).

/** Longest assertion lifetime we take without a warning: the framework says "typically five minutes". */
export const MAX_ASSERTION_LIFETIME_S = 3600;

export const assertionAlgRs256 = assertionCheck(
  'client-assertion.alg.rs256',
  'the client assertion is signed with RS256',
  [rule('LTI-SEC-004', 'SHOULD'), rule('LTI-SEC-005')],
  ({ header }) => (header.alg === 'RS256' ? pass() : fail(`alg is ${shown(header.alg)}`, 'RS256', header.alg ?? null)),
);

export const assertionKidPresent = assertionCheck(
  'client-assertion.kid.present',
  'the JOSE header names the signing key (kid)',
  [rule('LTI-SEC-012')],
  ({ header }) => (isNonEmptyString(header.kid) ? pass() : fail('the JOSE header has no kid', 'a kid of the tool JWKS', header.kid ?? null)),
);

export const assertionKidKnown = assertionCheck(
  'client-assertion.kid.known',
  'the kid names a key of the tool\'s JWKS',
  [rule('LTI-TOK-001'), rule('LTI-TOK-007')],
  ({ header, kidFound }) => {
    if (header.kid === undefined) return pass('no kid (see client-assertion.kid.present)');
    return kidFound ? pass() : fail(`kid ${shown(header.kid)} is not in the tool's JWKS`, 'a kid published at the tool jwksUrl', header.kid);
  },
);

export const assertionSignatureValid = assertionCheck(
  'client-assertion.signature.valid',
  'the client assertion verifies with the tool\'s key',
  [rule('LTI-TOK-001'), rule('LTI-TOK-007')],
  ({ header, signatureValid, kidFound, verifyError }) => {
    if (signatureValid) return pass();
    // An unknown kid is client-assertion.kid.known's finding: one defect, one failure.
    if (header.kid !== undefined && !kidFound) return pass('not verifiable: unknown kid (see client-assertion.kid.known)');
    return fail(`the signature cannot be verified with the tool's keys: ${verifyError ?? 'bad signature'}`, 'a signature made with the private key of a key in the tool JWKS', { alg: header.alg ?? null, kid: header.kid ?? null });
  },
);

const equalsClientId = (claim: 'iss' | 'sub') =>
  assertionCheck(`client-assertion.${claim}.client-id`, `${claim} is the tool's client_id`, [rule('LTI-TOK-002')], ({ payload }, { clientId }) =>
    payload[claim] === clientId ? pass() : fail(`${claim} is ${shown(payload[claim])}, not the client_id`, clientId, payload[claim] ?? null),
  );

export const assertionIss = equalsClientId('iss');
export const assertionSub = equalsClientId('sub');

export const assertionAud = assertionCheck(
  'client-assertion.aud.token-endpoint',
  'aud names our authorization server (the token endpoint URL, or our issuer)',
  [rule('LTI-TOK-004')],
  ({ payload }, { tokenUrl, issuer }) => {
    const aud = audiences(payload.aud);
    if (!aud) return fail(payload.aud === undefined ? 'aud is missing' : 'aud is neither a string nor an array of strings', tokenUrl, payload.aud ?? null);
    return aud.includes(tokenUrl) || aud.includes(issuer) ? pass() : fail('aud does not name our authorization server', [tokenUrl, issuer], payload.aud);
  },
);

export const assertionIat = assertionCheck(
  'client-assertion.iat.present',
  'iat is present',
  [rule('LTI-TOK-003')],
  ({ payload }, { now }) => {
    const problem = numericDateProblem('iat', payload.iat);
    return problem ? fail(problem, `a NumericDate (about ${now})`, payload.iat ?? null) : pass();
  },
);

export const assertionExp = assertionCheck(
  'client-assertion.exp.not-expired',
  'exp is present and not past',
  [rule('LTI-TOK-003')],
  ({ payload }, { now }) => {
    const problem = expProblem(payload.exp, now);
    return problem ? fail(problem, `a NumericDate after ${now}`, payload.exp ?? null) : pass();
  },
);

export const assertionShortLived = assertionCheck(
  'client-assertion.exp.short-lived',
  `the assertion lives at most ${MAX_ASSERTION_LIFETIME_S} s (exp - iat)`,
  [rule('LTI-TOK-003', 'SHOULD')],
  ({ payload }) => {
    const { exp, iat } = payload;
    if (typeof exp !== 'number' || typeof iat !== 'number') return pass('exp or iat unusable (see their own checks)');
    const life = exp - iat;
    return life <= MAX_ASSERTION_LIFETIME_S ? pass() : fail(`the assertion is valid for ${life} s; the framework expects minutes (typically 300 s)`, `exp - iat <= ${MAX_ASSERTION_LIFETIME_S}`, life);
  },
);

export const assertionJti = assertionCheck(
  'client-assertion.jti.present',
  'jti is present',
  [rule('LTI-TOK-003')],
  ({ payload }) => (isNonEmptyString(payload.jti) ? pass() : fail(`jti is ${payload.jti === undefined ? 'missing' : `not a non-empty string (${shown(payload.jti)})`}`, 'a unique non-empty string', payload.jti ?? null)),
);

export const assertionJtiUnique = assertionCheck(
  'client-assertion.jti.unique',
  'jti differs from those of the tool\'s earlier, still valid assertions',
  [rule('LTI-TOK-003'), rule('LTI-TOK-007')],
  ({ payload }, { earlierJtis }) => {
    if (!isNonEmptyString(payload.jti)) return pass('no jti (see client-assertion.jti.present)');
    return earlierJtis.includes(payload.jti) ? fail('jti was already used by an earlier assertion that had not expired (replay)', 'a fresh jti', payload.jti) : pass();
  },
);

export const assertionDeploymentId = assertionCheck(
  'client-assertion.deployment-id.present',
  'the assertion carries the deployment_id claim',
  [rule('LTI-TOK-005')],
  ({ payload }) => {
    const v = payload[CLAIM.deploymentId];
    return isNonEmptyString(v) ? pass() : fail('the deployment_id claim is missing', 'the deployment id of the launch', v ?? null);
  },
);

/** Checks on the client assertion (judge them when one was decoded). */
export const CLIENT_ASSERTION_CHECKS = [
  assertionAlgRs256, assertionKidPresent, assertionKidKnown, assertionSignatureValid, assertionIss, assertionSub, assertionAud,
  assertionIat, assertionExp, assertionShortLived, assertionJti, assertionJtiUnique, assertionDeploymentId,
] as const;
