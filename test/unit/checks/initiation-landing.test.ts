import { describe, expect, it } from 'vitest';
import { landsOnSignedTarget } from '../../../src/checks/launch/landing.js';
import { loginProceeds, loginRefused, type InitiationAnswer } from '../../../src/checks/login/initiation.js';
import { rule } from '../../../src/spec/rules.js';

const CTX = { profile: 'certification' as const };
const REFS = [rule('LTI-OIDC-006')] as const;

const reached: InitiationAnswer = { reachedAuthorization: true, finalStatus: 200, finalUrl: 'http://127.0.0.1:9400/auth' };
const stopped: InitiationAnswer = { reachedAuthorization: false, finalStatus: 400, finalUrl: 'https://tool.example/lti/login' };
const stoppedOk: InitiationAnswer = { reachedAuthorization: false, finalStatus: 200, finalUrl: 'https://tool.example/lti/login' };

describe('loginProceeds', () => {
  const check = loginProceeds(REFS);

  it('carries the refs it was given and a stable id', () => {
    expect(check.id).toBe('login.answer.redirects-to-authorization');
    expect(check.refs).toEqual(REFS);
  });

  it('passes when the browser reached our authorization endpoint', () => {
    expect(check.run(reached, CTX)).toEqual({ ok: true });
  });

  it.each([
    ['an error page', stopped, '400 https://tool.example/lti/login'],
    ['a 200 page that never redirects', stoppedOk, '200 https://tool.example/lti/login'],
  ])('fails on %s, naming where the login ended', (_name, answer, actual) => {
    expect(check.run(answer, CTX)).toEqual({
      ok: false,
      message: `the login initiation ended at ${answer.finalUrl} with ${answer.finalStatus} instead of reaching our authorization endpoint`,
      expected: 'a redirect (or auto-submitted form) to the authorization endpoint',
      actual,
    });
  });
});

describe('loginRefused', () => {
  const check = loginRefused(REFS);

  it('has a stable id and the given refs', () => {
    expect(check.id).toBe('login.answer.refused');
    expect(check.refs).toEqual(REFS);
  });

  it.each([
    ['an error status', stopped],
    ['a 200 page that stays at the tool', stoppedOk],
  ])('passes when the tool answers with %s', (_name, answer) => {
    expect(check.run(answer, CTX)).toEqual({ ok: true });
  });

  it('fails when the tool started authentication anyway', () => {
    expect(check.run(reached, CTX)).toEqual({
      ok: false,
      message: 'the tool started an authentication request for a login initiation it should refuse',
      expected: 'no redirect to the authorization endpoint',
      actual: 'redirected to the authorization endpoint',
    });
  });
});

describe('landsOnSignedTarget', () => {
  it('cites LTI-OIDC-023', () => {
    expect(landsOnSignedTarget.refs.map((r) => r.rule)).toEqual(['LTI-OIDC-023']);
  });

  it('passes when the decoy URL was never hit', () => {
    expect(landsOnSignedTarget.run({ decoyHits: 0, finalUrl: 'https://tool.example/lti/launch' }, CTX)).toEqual({ ok: true });
  });

  it.each([1, 3])('fails when the decoy was hit %i time(s), showing where the browser ended', (decoyHits) => {
    expect(landsOnSignedTarget.run({ decoyHits, finalUrl: 'http://127.0.0.1:9400/decoy-landing' }, CTX)).toEqual({
      ok: false,
      message: 'the browser was sent to the target_link_uri of the login initiation, which is unsigned',
      expected: 'the target_link_uri claim of the id_token',
      actual: 'http://127.0.0.1:9400/decoy-landing',
    });
  });
});
