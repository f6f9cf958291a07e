import type { RunResult, ScenarioResult } from '../../../src/core/result.js';
import { CLAIM, MESSAGE_TYPE } from '../../../src/lti/vocab.js';

// Canned results for the reporter tests. The evidence deliberately carries secrets the recorder should
// have removed (a JWT signature, a private JWK member) to prove the reporters scrub on their own.

export const SIGNATURE = 'SIGNATUREsecretSIGNATURE123';
export const PRIVATE_D = 'PRIVATEdValueShouldNeverAppear123';
const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
export const RAW_JWT = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ iss: 'https://lms.example' })}.${SIGNATURE}`;
const PRIVATE_JWK = { kty: 'RSA', kid: 'k1', n: 'AQAB0n', e: 'AQAB', d: PRIVATE_D, p: `${PRIVATE_D}p`, q: `${PRIVATE_D}q` };

export const NASTY = 'ansi \u001b[31mred\u001b[0m ctrl\u0001\u0008 cdata ]]> quotes "double" \'single\' & <tag> \ud800 end';

const launchRef = { spec: 'SEC', section: '§5.1.3 (7)', keyword: 'MUST', rule: 'LTI-CORE-007', anchor: 'id-token-validation' } as const;
const azpRef = { spec: 'SEC', section: '§5.1.3 (5)', keyword: 'SHOULD', rule: 'LTI-CORE-005' } as const;

export const passedWithWarning: ScenarioResult = {
  id: 'tool.launch.accepts-valid',
  title: 'Tool accepts a valid resource link launch',
  suite: 'tool.launch',
  role: 'platform',
  status: 'passed',
  durationMs: 42,
  checks: [
    { id: 'launch.accepted', title: 'The tool accepts the launch', status: 'passed', level: 'fail', refs: [launchRef] },
    { id: 'id-token.azp.matches', title: 'azp equals the client id', status: 'warned', level: 'warn', message: 'azp differs', expected: 'tool-123', actual: 'other', refs: [azpRef] },
  ],
  evidence: { exchanges: [{ id: 'x1', direction: 'outbound', method: 'POST', url: 'https://tool.example/lti/launch', status: 200, durationMs: 12 }], jwts: [] },
};

export const failed: ScenarioResult = {
  id: 'tool.launch.rejects-expired-token',
  title: 'Tool rejects an expired id_token',
  suite: 'tool.launch',
  role: 'platform',
  certification: 'Expired id_token is rejected',
  status: 'failed',
  durationMs: 1234,
  checks: [
    {
      id: 'launch.rejected',
      title: 'The tool refuses the launch',
      status: 'failed',
      level: 'fail',
      message: `The tool accepted a launch whose id_token expired an hour ago. ${NASTY}`,
      expected: { status: '>=400' },
      actual: { status: 200, body: 'Welcome!', token: RAW_JWT },
      refs: [launchRef],
      evidence: ['x1', 'x2'],
    },
  ],
  evidence: {
    exchanges: [
      { id: 'x1', direction: 'outbound', method: 'POST', url: 'https://tool.example/lti/launch', status: 200, requestBody: `id_token=${RAW_JWT}`, responseBody: 'Welcome!', durationMs: 30 },
      { id: 'x2', direction: 'inbound', method: 'GET', url: 'http://127.0.0.1:9400/.well-known/jwks.json', status: 200, responseBody: JSON.stringify({ keys: [PRIVATE_JWK] }) },
      { id: 'x3', direction: 'outbound', method: 'GET', url: 'https://tool.example/after', error: 'socket hang up' },
    ],
    jwts: [
      {
        label: 'id_token (expired)',
        header: { alg: 'RS256', kid: 'k1', typ: 'JWT', jwk: PRIVATE_JWK },
        payload: { iss: 'https://lms.example', exp: 1700000000, [CLAIM.messageType]: MESSAGE_TYPE.resourceLink, note: NASTY },
      },
    ],
  },
};

export const errored: ScenarioResult = {
  id: 'tool.login.accepts-post',
  title: 'Tool accepts login initiation by POST',
  suite: 'tool.login',
  role: 'platform',
  status: 'error',
  durationMs: 5000,
  checks: [],
  evidence: { exchanges: [{ id: 'x1', direction: 'outbound', method: 'POST', url: 'https://tool.example/lti/login', error: 'timeout' }], jwts: [] },
  error: { code: 'ERR_TIMEOUT', message: `No answer within 5000ms ${NASTY}`, hint: 'Is the tool running? Raise --timeout.' },
};

export const skipped: ScenarioResult = {
  id: 'tool.deep-linking.returns-items',
  title: 'Tool returns deep linking content items',
  suite: 'lti1.3.dl',
  role: 'platform',
  status: 'skipped',
  durationMs: 0,
  checks: [],
  evidence: { exchanges: [], jwts: [] },
  skipReason: 'target.deepLinkingUrl is not configured',
};

export function sampleRun(over: Partial<RunResult> = {}): RunResult {
  return {
    tool: { name: 'lti-conform', version: '0.1.0' },
    command: 'test tool',
    role: 'platform',
    profile: 'certification',
    target: 'https://tool.example',
    startedAt: '2025-01-02T03:04:05.678Z',
    durationMs: 6276,
    interrupted: false,
    strict: false,
    scenarios: [passedWithWarning, failed, errored, skipped],
    ...over,
  };
}

export function emptyRun(over: Partial<RunResult> = {}): RunResult {
  return sampleRun({ scenarios: [], durationMs: 0, ...over });
}
