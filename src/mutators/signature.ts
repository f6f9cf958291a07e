import type { Mutator } from './types.js';

export const removeKid: Mutator = {
  id: 'remove-kid',
  describe: 'JWT header without kid',
  apply: (m) => {
    const { kid: _kid, ...header } = m.header;
    return { ...m, header };
  },
};

export const unknownKid: Mutator = {
  id: 'unknown-kid',
  describe: 'kid that is not in our JWKS (imstester_66067, as the certification suite sends)',
  apply: (m) => ({ ...m, header: { ...m.header, kid: 'imstester_66067' } }),
};

export const foreignKey: Mutator = {
  id: 'foreign-key',
  describe: 'our kid, but signed with a key nobody registered',
  apply: (m) => ({ ...m, signing: 'foreign-key' }),
};

export const algNone: Mutator = {
  id: 'alg-none',
  describe: 'alg none with an empty signature',
  apply: (m) => ({ ...m, signing: 'none' }),
};

export const hs256KeyConfusion: Mutator = {
  id: 'hs256-key-confusion',
  describe: 'alg HS256, keyed with our public key PEM (key confusion)',
  apply: (m) => ({ ...m, signing: 'hs256-public-pem' }),
};
