import { CLAIM } from '../lti/vocab.js';
import { without, withPayload, type Mutator } from './types.js';

const setClaim = (id: string, describe: string, claim: string, value: unknown): Mutator => ({
  id, describe, apply: (m) => withPayload(m, { ...m.payload, [claim]: value }),
});

const removeClaims = (id: string, describe: string, ...claims: string[]): Mutator => ({
  id, describe, apply: (m) => withPayload(m, without(m.payload, ...claims)),
});

export const wrongVersion = setClaim('wrong-version', 'version claim 11.3', CLAIM.version, '11.3');
export const missingVersion = removeClaims('missing-version', 'no version claim', CLAIM.version);
export const missingMessageType = removeClaims('missing-message-type', 'no message_type claim', CLAIM.messageType);
export const unknownMessageType = setClaim('unknown-message-type', 'message_type LtiFooRequest', CLAIM.messageType, 'LtiFooRequest');
export const missingCoreClaims = removeClaims('missing-lti-claims', 'no message_type, version or roles', CLAIM.messageType, CLAIM.version, CLAIM.roles);
export const missingRoles = removeClaims('missing-roles', 'no roles claim', CLAIM.roles);
export const missingDeploymentId = removeClaims('missing-deployment-id', 'no deployment_id claim', CLAIM.deploymentId);
export const unknownDeploymentId = setClaim('unknown-deployment-id', 'a deployment_id the tool never registered', CLAIM.deploymentId, 'lti-conform-unregistered-deployment');
export const missingResourceLink = removeClaims('missing-resource-link', 'no resource_link claim', CLAIM.resourceLink);
export const emptyResourceLinkId = setClaim('empty-resource-link-id', 'resource_link.id is ""', CLAIM.resourceLink, { id: '', title: 'lti-conform test activity' });
export const emptySub = setClaim('empty-sub', 'sub is ""', 'sub', '');
export const missingSub = removeClaims('missing-sub', 'no sub claim', 'sub');
export const missingExp = removeClaims('missing-exp', 'no exp claim', 'exp');
export const missingIat = removeClaims('missing-iat', 'no iat claim', 'iat');
export const missingNonce = removeClaims('missing-nonce', 'no nonce claim', 'nonce');
export const otherNonce = setClaim('other-nonce', 'a nonce other than the one the tool sent', 'nonce', 'lti-conform-not-your-nonce');
export const wrongIssuer = setClaim('wrong-issuer', 'iss of another platform', 'iss', 'https://other-platform.example');
export const wrongAudience = setClaim('wrong-audience', 'aud without the tool\'s client_id', 'aud', 'lti-conform-other-client');

export const untrustedAudience: Mutator = {
  id: 'untrusted-audience',
  describe: 'aud = [client_id, an untrusted audience] without azp',
  apply: (m, ctx) => withPayload(m, { ...without(m.payload, 'azp'), aud: [ctx.clientId, 'lti-conform-untrusted-audience'] }),
};

export const wrongAzp: Mutator = {
  id: 'wrong-azp',
  describe: 'azp naming another client',
  apply: (m) => withPayload(m, { ...m.payload, azp: 'lti-conform-other-client' }),
};

export const expired: Mutator = {
  id: 'expired',
  describe: 'exp 10 minutes ago (iat 15 minutes ago)',
  apply: (m, ctx) => withPayload(m, { ...m.payload, iat: ctx.now - 900, exp: ctx.now - 600 }),
};

export const bogusTimestamps: Mutator = {
  id: 'bogus-timestamps',
  describe: 'iat 11111 and exp 22222, as the certification suite sends',
  apply: (m) => withPayload(m, { ...m.payload, iat: 11111, exp: 22222 }),
};

export const futureNbf: Mutator = {
  id: 'future-nbf',
  describe: 'nbf 10 minutes in the future',
  apply: (m, ctx) => withPayload(m, { ...m.payload, nbf: ctx.now + 600 }),
};

export const nonLtiPayload: Mutator = {
  id: 'non-lti-payload',
  describe: 'payload {"name":"badltilaunch"} (not an LTI message)',
  apply: (m) => withPayload(m, { name: 'badltilaunch' }),
};
