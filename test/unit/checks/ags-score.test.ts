import { describe, expect, it } from 'vitest';
import { scoreContentType, SCORE_POST_CHECKS, scoreSchemaValid, scoreTimestampIncreasing, scoreUrl, scoreUserId, type ScorePostInput } from '../../../src/checks/ags/score.js';
import { compareInstants, parseInstant } from '../../../src/checks/ags/time.js';
import { checkLevel } from '../../../src/core/check.js';
import { MEDIA_TYPE } from '../../../src/lti/vocab.js';
import { bad, checkTable, CTX, type Case } from './check-table.js';
import { call } from './service-fixtures.js';

const LINE_ITEM = 'https://platform.example/ctx/1/lineitems/7/lineitem?x=1';
const SCORES = 'https://platform.example/ctx/1/lineitems/7/lineitem/scores?x=1';
const SUB = 'learner-sub-1';

const score = (over: Record<string, unknown> = {}, drop: string[] = []): string => {
  const s: Record<string, unknown> = {
    userId: SUB, scoreGiven: 83, scoreMaximum: 100, comment: 'Good', timestamp: '2024-04-16T18:54:36.736+00:00',
    activityProgress: 'Completed', gradingProgress: 'FullyGraded', ...over,
  };
  for (const k of drop) delete s[k];
  return JSON.stringify(s);
};

function valid(): ScorePostInput {
  return {
    call: call({ operation: 'scores.post', method: 'POST', url: SCORES, headers: { 'Content-Type': MEDIA_TYPE.score }, body: score() }),
    lineItemUrl: LINE_ITEM,
    launchSub: SUB,
    earlierTimestamps: ['2024-04-16T18:54:36.7355Z', '2024-04-16T18:50:00.000Z'],
  };
}

const input = (change: (d: ScorePostInput) => void): ScorePostInput => {
  const d = valid();
  change(d);
  return d;
};
const withBody = (body: string) => input((d) => { d.call.body = body; });
const jsonError = (text: string): string => {
  try {
    JSON.parse(text);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};
const invalid = (errors: string[]) => bad(`the score is invalid: ${errors.join('; ')}`, 'a score per AGS §3.4', errors);

const FAILING: Case<ScorePostInput>[] = [
  { name: 'query dropped (NT-T-48)', check: scoreUrl, input: input((d) => { d.call.url = 'https://platform.example/ctx/1/lineitems/7/lineitem/scores'; }), verdict: bad('the scores URL is not derived from the line item URL', SCORES, 'https://platform.example/ctx/1/lineitems/7/lineitem/scores') },
  { name: '/scores appended after the query', check: scoreUrl, input: input((d) => { d.call.url = `${LINE_ITEM}/scores`; }), verdict: bad('the scores URL is not derived from the line item URL', SCORES, `${LINE_ITEM}/scores`) },
  { name: 'application/json', check: scoreContentType, input: input((d) => { d.call.headers = { 'content-type': MEDIA_TYPE.json }; }), verdict: bad(`Content-Type is "${MEDIA_TYPE.json}"`, MEDIA_TYPE.score, MEDIA_TYPE.json) },
  { name: 'no Content-Type', check: scoreContentType, input: input((d) => { d.call.headers = {}; }), verdict: bad('Content-Type is missing', MEDIA_TYPE.score, null) },
  { name: 'body not JSON', check: scoreSchemaValid, input: withBody('score=83'), verdict: bad(`the body is not JSON: ${jsonError('score=83')}`, 'a score JSON object', 'score=83'), alsoFails: [scoreUserId] },
  { name: 'timestamp without fraction', check: scoreSchemaValid, input: withBody(score({ timestamp: '2024-04-16T18:54:37Z' })), verdict: invalid(['/timestamp must be an ISO 8601 date-time with fractional seconds and a zone designator, e.g. 2017-04-16T18:54:36.736Z [AGS §3.4.9]']) },
  { name: 'timestamp without zone', check: scoreSchemaValid, input: withBody(score({ timestamp: '2024-04-16T18:54:37.100' })), verdict: invalid(['/timestamp must be an ISO 8601 date-time with fractional seconds and a zone designator, e.g. 2017-04-16T18:54:36.736Z [AGS §3.4.9]']) },
  { name: 'scoreGiven without scoreMaximum', check: scoreSchemaValid, input: withBody(score({}, ['scoreMaximum'])), verdict: invalid(['/scoreMaximum is required [AGS §3.4.4]']) },
  { name: 'negative scoreGiven', check: scoreSchemaValid, input: withBody(score({ scoreGiven: -1 })), verdict: invalid(['/scoreGiven must be >= 0 [AGS §3.4.4]']) },
  { name: 'gradingProgress "Graded"', check: scoreSchemaValid, input: withBody(score({ gradingProgress: 'Graded' })), verdict: invalid(['/gradingProgress must be one of FullyGraded, Pending, PendingManual, Failed, NotReady [AGS §3.4.8]']) },
  { name: 'activityProgress missing', check: scoreSchemaValid, input: withBody(score({}, ['activityProgress'])), verdict: invalid(['/activityProgress is required [AGS §3.4.7]']) },
  { name: 'scoringUserId empty', check: scoreSchemaValid, input: withBody(score({ scoringUserId: '' })), verdict: invalid(['/scoringUserId must not be empty [AGS §3.4.6]']) },
  { name: 'submittedAt without fraction', check: scoreSchemaValid, input: withBody(score({ submission: { submittedAt: '2024-04-16T18:00:00Z' } })), verdict: invalid(['/submission/submittedAt must be an ISO 8601 date-time with fractional seconds and a zone designator, e.g. 2017-04-16T18:54:36.736Z [AGS §3.4.10.2]']) },
  {
    name: 'userId missing', check: scoreUserId, input: withBody(score({}, ['userId'])), verdict: bad('userId is missing', SUB, null),
    alsoFails: [scoreSchemaValid],
  },
  { name: 'userId of the instructor', check: scoreUserId, input: withBody(score({ userId: 'instructor-1' })), verdict: bad('userId is not the sub of the learner\'s launch', SUB, 'instructor-1') },
  {
    name: 'same timestamp as an earlier score', check: scoreTimestampIncreasing, input: withBody(score({ timestamp: '2024-04-16T18:54:36.7355+00:00' })),
    verdict: bad('the timestamp repeats an earlier score\'s', 'later than 2024-04-16T18:54:36.7355Z', '2024-04-16T18:54:36.7355+00:00'),
  },
  {
    name: 'timestamp before an earlier score (other zone)', check: scoreTimestampIncreasing, input: withBody(score({ timestamp: '2024-04-16T20:49:59.999+02:00' })),
    verdict: bad('the timestamp is earlier than a score already sent', 'later than 2024-04-16T18:54:36.7355Z, 2024-04-16T18:50:00.000Z', '2024-04-16T20:49:59.999+02:00'),
  },
];

describe('score POST checks', () => {
  checkTable(SCORE_POST_CHECKS, valid, FAILING, /^ags\.score\.[a-z0-9-]+$/);

  it('accepts the scores the spec allows', () => {
    const ok = (c: (typeof SCORE_POST_CHECKS)[number], i: ScorePostInput) => expect(c.run(i, CTX), c.id).toEqual({ ok: true });
    for (const ts of ['2017-04-16T18:54:36.736Z', '2017-04-16T18:54:36.736+00', '2017-04-16T18:54:36.7+0530']) {
      ok(scoreSchemaValid, withBody(score({ timestamp: ts })));
    }
    ok(scoreSchemaValid, withBody(score({ gradingProgress: 'PendingManual' }, ['scoreGiven', 'scoreMaximum'])));
    ok(scoreSchemaValid, withBody(score({ scoreGiven: null, scoreMaximum: null, comment: null })));
    ok(scoreSchemaValid, withBody(score({ scoreGiven: 1.1, scoreMaximum: 1, 'https://tool.example/lti/score': { originality: 94 } })));
    ok(scoreSchemaValid, withBody(score({ gradingProgress: 'Pending', submission: { startedAt: '2024-04-16T18:00:00.000+00:00', submittedAt: '2024-04-16T18:30:00.5Z' } })));
    ok(scoreUrl, input((d) => { d.lineItemUrl = 'https://platform.example/li/7'; d.call.url = 'https://platform.example/li/7/scores'; }));
    ok(scoreContentType, input((d) => { d.call.headers = { 'content-type': `${MEDIA_TYPE.score}; charset=utf-8` }; }));
    ok(scoreTimestampIncreasing, withBody(score({ timestamp: '2024-04-16T18:54:36.7356Z' })));
  });

  it('the ordering check leaves a malformed timestamp to the schema check', () => {
    expect(scoreTimestampIncreasing.run(withBody(score({ timestamp: 'yesterday' })), CTX)).toEqual({ ok: true, note: 'no usable timestamp (see ags.score.schema-valid)' });
  });

  it('the media type warns; the rest fail', () => {
    expect(checkLevel(scoreContentType.refs, 'certification')).toBe('warn');
    for (const c of [scoreUrl, scoreSchemaValid, scoreUserId, scoreTimestampIncreasing]) expect(checkLevel(c.refs, 'spec'), c.id).toBe('fail');
  });
});

describe('ISO 8601 instants beyond milliseconds', () => {
  it('orders sub-millisecond differences and zones', () => {
    const a = parseInstant('2024-04-16T18:54:36.7355Z')!;
    const b = parseInstant('2024-04-16T18:54:36.7356Z')!;
    expect(compareInstants(a, b)).toBe(-1);
    expect(compareInstants(parseInstant('2024-04-16T20:54:36.7355+02:00')!, a)).toBe(0);
    expect(compareInstants(parseInstant('2024-04-16T18:54:36.7355+00')!, a)).toBe(0);
    expect(parseInstant('2024-04-16 18:54:36Z')).toBeUndefined();
  });
});
