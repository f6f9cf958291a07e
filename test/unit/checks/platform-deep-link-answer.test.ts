import { describe, expect, it } from 'vitest';
import {
  deepLinkAnswerAccepted, deepLinkAnswerPrecondition, deepLinkAnswerRefused, type DeepLinkAnswerInput,
} from '../../../src/checks/platform/deep-link-answer.js';
import { checkLevel } from '../../../src/core/check.js';
import { rule } from '../../../src/spec/rules.js';
import { bad, checkTable, CTX } from './check-table.js';

const URL = 'https://lms.example/dl/return';
const answer = (answerStatus: number | undefined): DeepLinkAnswerInput => ({ answerStatus, answerUrl: URL, posted: true });
const refused = deepLinkAnswerRefused([rule('LTI-DLR-005')]);

describe('platform deep-linking answer checks', () => {
  describe('a valid response is accepted', () => {
    checkTable([deepLinkAnswerAccepted], () => answer(200), [
      { name: 'refused with 400', check: deepLinkAnswerAccepted, input: answer(400), verdict: bad(`the platform answered the valid deep-linking response with HTTP 400 at ${URL}`, '2xx', 400) },
      { name: 'a server error', check: deepLinkAnswerAccepted, input: answer(500), verdict: bad(`the platform answered the valid deep-linking response with HTTP 500 at ${URL}`, '2xx', 500) },
      { name: 'no answer seen', check: deepLinkAnswerAccepted, input: { answerStatus: undefined, posted: true }, verdict: bad('no HTTP answer to the deep-linking response was seen', '2xx', null) },
    ], /^platform\.deep-link-answer\.accepted$/);

    it('any 2xx is acceptance', () => {
      expect(deepLinkAnswerAccepted.run(answer(204), CTX)).toEqual({ ok: true, note: 'HTTP 204' });
    });

    it('cites the certification proof (CERT): DL 2.2 lets a platform not create what a tool returns', () => {
      expect(deepLinkAnswerAccepted.refs.map((r) => r.rule)).toEqual(['LTI-DLR-014']);
      expect(checkLevel(deepLinkAnswerAccepted.refs, 'spec')).toBe('warn');
      expect(checkLevel(deepLinkAnswerAccepted.refs, 'certification')).toBe('fail');
    });
  });

  describe('a response wrong in one way is refused', () => {
    checkTable([refused], () => answer(400), [
      { name: 'absorbed (200)', check: refused, input: answer(200), verdict: bad(`the platform took in a deep-linking response it must refuse (HTTP 200 at ${URL})`, '>= 400', 200) },
      { name: 'a redirect nowhere (302)', check: refused, input: answer(302), verdict: bad(`the platform did not refuse a deep-linking response it must refuse (HTTP 302 at ${URL})`, '>= 400', 302) },
      { name: 'no answer seen', check: refused, input: { answerStatus: undefined, posted: true }, verdict: bad('no HTTP answer to the deep-linking response was seen', '>= 400', null) },
    ], /^platform\.deep-link-answer\.refused$/);

    it('any error status is a refusal', () => {
      expect(refused.run(answer(401), CTX)).toEqual({ ok: true, note: 'refused with HTTP 401' });
      expect(refused.run(answer(500), CTX)).toEqual({ ok: true, note: 'refused with HTTP 500' });
    });

    it('takes its references, and so its level, from the scenario', () => {
      expect(refused.refs).toEqual([rule('LTI-DLR-005')]);
      expect(checkLevel(refused.refs, 'spec')).toBe('fail');
      expect(checkLevel(deepLinkAnswerRefused([rule('LTI-DLR-011', 'SHOULD')]).refs, 'spec')).toBe('warn');
    });
  });

  describe('harness precondition', () => {
    it('nothing posted: the scenario errors with a reason, no check is judged', () => {
      expect(deepLinkAnswerPrecondition({ answerStatus: undefined, posted: false })).toMatch(/no deep-linking response was posted/);
    });

    it('a posted response can be judged', () => {
      expect(deepLinkAnswerPrecondition(answer(200))).toBeUndefined();
      expect(deepLinkAnswerPrecondition(answer(400))).toBeUndefined();
    });
  });
});
