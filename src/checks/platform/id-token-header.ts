import { fail, pass } from '../../core/check.js';
import { rule } from '../../spec/rules.js';
import { isNonEmptyString, shown } from '../client-assertion/jwt.js';
import { tokenCheck } from './input.js';

// The JOSE header and signature of the id_token ([SEC] §5.1.2, §5.1.3, §6.3; [CERT] 4.2).

export const idTokenAlgRs256 = tokenCheck(
  'id-token.alg.rs256',
  'the id_token is signed with RS256',
  [rule('LTI-SEC-005'), rule('LTI-CORE-006')],
  ({ header }) => (header.alg === 'RS256' ? pass() : fail(`alg is ${shown(header.alg)}`, 'RS256', header.alg ?? null)),
);

export const idTokenKidPresent = tokenCheck(
  'id-token.kid.present',
  'the JOSE header names the signing key (kid)',
  [rule('LTI-SEC-012')],
  ({ header }) => (isNonEmptyString(header.kid) ? pass() : fail('the JOSE header has no kid', 'a kid of the platform JWKS', header.kid ?? null)),
);

export const idTokenKidInJwks = tokenCheck(
  'id-token.kid.in-jwks',
  'the header kid names a key of the platform JWKS',
  [rule('PLT-SIGNATURE')],
  ({ header, kidFound }) => {
    if (header.kid === undefined) return pass('the header has no kid (id-token.kid.present judges that)');
    return kidFound ? pass() : fail(`kid ${shown(header.kid)} is not in the platform JWKS`, 'a kid published in the platform JWKS', header.kid);
  },
);

export const idTokenSignatureValid = tokenCheck(
  'id-token.signature.valid',
  'the id_token signature verifies with a key of the platform JWKS',
  [rule('PLT-SIGNATURE')],
  ({ header, signatureValid, kidFound, verifyError }) => {
    if (signatureValid) return pass();
    const why = header.kid !== undefined && !kidFound ? `kid ${shown(header.kid)} is not in the platform JWKS` : (verifyError ?? 'the signature does not verify');
    return fail(`the signature cannot be verified with the platform's keys: ${why}`, 'a signature made with the private key of a key in the platform JWKS', { alg: header.alg ?? null, kid: header.kid ?? null });
  },
);

export const ID_TOKEN_HEADER_CHECKS = [idTokenAlgRs256, idTokenKidPresent, idTokenKidInJwks, idTokenSignatureValid] as const;
