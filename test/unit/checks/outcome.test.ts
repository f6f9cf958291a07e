import { describe, expect, it } from 'vitest';
import { classify, launchAccepted, launchRefused, type FinalAnswer, type Outcome } from '../../../src/checks/launch/outcome.js';
import { DEFAULT_LAUNCH, outcomeRules } from '../../../src/cli/outcome-rules.js';
import { rule } from '../../../src/spec/rules.js';

const CTX = { profile: 'certification' as const };
const REFS = [rule('LTI-RL-009')] as const;
const URL_ = 'https://tool.example/lti/launch';
const answer = (status: number, body = '<p>page</p>'): FinalAnswer => ({ status, url: URL_, body });

const DEFAULTS = outcomeRules(DEFAULT_LAUNCH);
/** A tool that shows its errors on 200 pages. */
const BODY_RULES = outcomeRules({ acceptWhen: { status: '2xx' }, rejectWhen: { status: '2xx|>=400', bodyMatches: 'Launch (failed|refused)' } });

describe('classify with the default rules (2xx accepted, >=400 refused)', () => {
  it.each<[number, Outcome]>([
    [200, 'accepted'], [204, 'accepted'], [299, 'accepted'],
    [400, 'refused'], [401, 'refused'], [403, 'refused'], [500, 'refused'], [503, 'refused'],
    [100, 'unclear'], [302, 'unclear'], [304, 'unclear'], [399, 'unclear'],
  ])('status %i is %s', (status, outcome) => {
    expect(classify(answer(status), DEFAULTS)).toBe(outcome);
  });

  it('ignores the body', () => {
    expect(classify(answer(200, 'Launch failed'), DEFAULTS)).toBe('accepted');
  });
});

describe('classify with a body regex override', () => {
  it.each<[string, number, string, Outcome]>([
    ['a 200 welcome page', 200, '<h1>Welcome, Ada</h1>', 'accepted'],
    ['a 200 page matching rejectWhen (refusal wins)', 200, '<h1>Launch failed: bad token</h1>', 'refused'],
    ['a 200 page matching the other alternative', 200, 'Launch refused', 'refused'],
    ['a 403 page matching rejectWhen', 403, 'Launch refused', 'refused'],
    ['a 403 page without the refusal text', 403, 'Forbidden', 'unclear'],
    ['a 302 final', 302, '', 'unclear'],
  ])('%s is %s', (_name, status, body, outcome) => {
    expect(classify(answer(status, body), BODY_RULES)).toBe(outcome);
  });
});

describe('launchAccepted', () => {
  const check = launchAccepted(REFS);

  it('has a stable id and the given refs', () => {
    expect(check.id).toBe('launch.outcome.accepted');
    expect(check.refs).toEqual(REFS);
  });

  it('passes on a 200 page', () => {
    expect(check.run({ answer: answer(200), rules: DEFAULTS }, CTX)).toEqual({ ok: true });
  });

  it.each<[string, FinalAnswer, typeof DEFAULTS, string, string, Outcome]>([
    ['a 403', answer(403), DEFAULTS, 'refused', 'status 2xx', 'refused'],
    ['a 302 final (unclear)', answer(302), DEFAULTS, 'gave no clear answer to', 'status 2xx', 'unclear'],
    ['a 200 error page under the body rule', answer(200, 'Launch failed'), BODY_RULES, 'refused', 'status 2xx', 'refused'],
  ])('fails on %s', (_name, given, rules, verb, describe, actual) => {
    expect(check.run({ answer: given, rules }, CTX)).toEqual({
      ok: false,
      message: `the tool ${verb} a valid launch (final answer ${given.status} at ${URL_})`,
      expected: `accepted (${describe})`,
      actual,
    });
  });
});

describe('launchRefused', () => {
  const check = launchRefused(REFS);

  it('has a stable id', () => {
    expect(check.id).toBe('launch.outcome.refused');
  });

  it.each<[string, FinalAnswer, typeof DEFAULTS]>([
    ['a 401', answer(401), DEFAULTS],
    ['a 500', answer(500), DEFAULTS],
    ['a 200 page matching rejectWhen', answer(200, 'Launch refused'), BODY_RULES],
  ])('passes on %s', (_name, given, rules) => {
    expect(check.run({ answer: given, rules }, CTX)).toEqual({ ok: true });
  });

  it('fails when the tool posted a signed response instead of refusing, whatever the final status', () => {
    expect(check.run({ answer: answer(401), rules: DEFAULTS, respondedTo: 'https://tool.example/undefined' }, CTX)).toEqual({
      ok: false, message: 'the tool answered with a signed response posted to https://tool.example/undefined instead of refusing', expected: 'refused', actual: 'responded',
    });
  });

  it.each<[string, FinalAnswer, typeof DEFAULTS, string, string, Outcome]>([
    ['a 200 (accepted)', answer(200), DEFAULTS, 'accepted', 'status >=400', 'accepted'],
    ['a 302 final (unclear)', answer(302), DEFAULTS, 'gave no clear refusal to', 'status >=400', 'unclear'],
    ['a 200 page without the refusal text', answer(200, 'Welcome'), BODY_RULES, 'accepted', 'status 2xx or >=400 and body /Launch (failed|refused)/', 'accepted'],
  ])('fails on %s', (_name, given, rules, verb, describe, actual) => {
    expect(check.run({ answer: given, rules }, CTX)).toEqual({
      ok: false,
      message: `the tool ${verb} a launch it must refuse (final answer ${given.status} at ${URL_})`,
      expected: `refused (${describe})`,
      actual,
    });
  });
});
