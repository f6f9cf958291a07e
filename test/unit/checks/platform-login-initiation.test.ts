import { describe, expect, it } from 'vitest';
import {
  LOGIN_INITIATION_CHECKS, loginClientId, loginDeploymentId, loginHintPresent, loginIss, loginTargetPresent, loginTargetRegistered,
  type LoginInitiationInput,
} from '../../../src/checks/platform/login-initiation.js';
import { checkLevel } from '../../../src/core/check.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';

const ISSUER = 'https://lms.example';
const TARGETS = ['https://tool.example/lti/launch', 'https://tool.example/lti/deep-link'];

function valid(): LoginInitiationInput {
  return {
    params: {
      iss: ISSUER,
      login_hint: '535fa084-8d1d-4c3b',
      target_link_uri: TARGETS[0] as string,
      lti_message_hint: 'eyJrIjoiMSJ9',
      client_id: 'tool-123',
      lti_deployment_id: 'deploy-1',
    },
    expected: { issuer: ISSUER, clientId: 'tool-123', deploymentId: 'deploy-1', targetLinkUris: TARGETS },
  };
}

const params = (change: Record<string, string | undefined>): LoginInitiationInput => {
  const i = valid();
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) delete i.params[k];
    else i.params[k] = v;
  }
  return i;
};

const FAILING: Case<LoginInitiationInput>[] = [
  { name: 'iss missing', check: loginIss, input: params({ iss: undefined }), verdict: bad('iss is missing or empty', ISSUER, null) },
  { name: 'iss with a trailing slash', check: loginIss, input: params({ iss: `${ISSUER}/` }), verdict: bad(`iss is "${ISSUER}/", not the configured issuer (case-sensitive match)`, ISSUER, `${ISSUER}/`) },
  { name: 'login_hint missing', check: loginHintPresent, input: params({ login_hint: undefined }), verdict: bad('login_hint is missing or empty', 'a non-empty opaque value', null) },
  { name: 'login_hint empty', check: loginHintPresent, input: params({ login_hint: '' }), verdict: bad('login_hint is missing or empty', 'a non-empty opaque value', '') },
  { name: 'target_link_uri missing', check: loginTargetPresent, input: params({ target_link_uri: undefined }), verdict: bad('target_link_uri is missing or empty', TARGETS, null) },
  {
    name: 'target_link_uri not ours', check: loginTargetRegistered, input: params({ target_link_uri: 'https://other.example/launch' }),
    verdict: bad('target_link_uri "https://other.example/launch" is none of our launch URLs (exact string match)', TARGETS, 'https://other.example/launch'),
  },
  { name: 'client_id of another registration', check: loginClientId, input: params({ client_id: 'tool-999' }), verdict: bad('client_id is "tool-999", not the client id of our registration', 'tool-123', 'tool-999') },
  {
    name: 'lti_deployment_id of another deployment', check: loginDeploymentId, input: params({ lti_deployment_id: 'deploy-2' }),
    verdict: bad('lti_deployment_id is "deploy-2", not the configured deployment', 'deploy-1', 'deploy-2'),
  },
];

describe('platform login initiation checks', () => {
  checkTable(LOGIN_INITIATION_CHECKS, valid, FAILING, /^login-initiation\.[a-z-]+\.[a-z0-9-]+$/);

  it('optional parameters may be absent', () => {
    const minimal = params({ client_id: undefined, lti_deployment_id: undefined, lti_message_hint: undefined });
    for (const c of LOGIN_INITIATION_CHECKS) expect(c.run(minimal, CTX).ok, c.id).toBe(true);
    expect(loginClientId.run(minimal, CTX)).toEqual({ ok: true, note: 'no client_id sent (it is optional)' });
    expect(loginDeploymentId.run(minimal, CTX)).toEqual({ ok: true, note: 'no lti_deployment_id sent (it is optional)' });
    expect(loginTargetRegistered.run(params({ target_link_uri: TARGETS[1] }), CTX)).toEqual({ ok: true });
  });

  it('a foreign target_link_uri and another deployment only warn; the rest fail', () => {
    for (const c of LOGIN_INITIATION_CHECKS) {
      expect(checkLevel(c.refs, 'certification'), c.id).toBe(c === loginTargetRegistered || c === loginDeploymentId ? 'warn' : 'fail');
    }
  });
});
