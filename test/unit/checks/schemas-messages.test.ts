import { describe, expect, it } from 'vitest';
import { DATE_TIME_ISO, DATE_TIME_SUBSECOND_ZONE, DATE_TIME_ZONE } from '../../../src/schemas/common.js';
import { SCHEMAS, validate, validateContentItem } from '../../../src/schemas/index.js';
import { CONTENT_ITEM_TYPE } from '../../../src/lti/vocab.js';

describe('message schemas', () => {
  it('every schema compiles and carries an $id and x-spec', () => {
    for (const [id, schema] of Object.entries(SCHEMAS)) {
      expect(schema.$id, id).toMatch(/^urn:lti-conform:schema:/);
      expect(schema['x-spec'], id).toBeTypeOf('string');
      expect(() => validate(id as keyof typeof SCHEMAS, {}), id).not.toThrow();
    }
  });

  it('date-time patterns follow the spec examples', () => {
    const sub = new RegExp(DATE_TIME_SUBSECOND_ZONE);
    expect(['2017-04-16T18:54:36.736+00:00', '2017-04-16T18:54:36.736Z', '2017-04-16T18:54:36.736+00'].every((t) => sub.test(t))).toBe(true);
    expect(['2017-04-16T18:54:36Z', '2017-04-16T18:54:36.736', '2017-13-16T18:54:36.736Z', '2017-04-16 18:54:36.736Z'].some((t) => sub.test(t))).toBe(false);
    expect(new RegExp(DATE_TIME_ZONE).test('2018-03-06T20:05:02Z')).toBe(true);
    expect(new RegExp(DATE_TIME_ZONE).test('2018-03-06T20:05:02')).toBe(false);
    expect(new RegExp(DATE_TIME_ISO).test('2018-03-06T20:05:02')).toBe(true);
  });

  it('content items: each type by its schema, unknown URL-named types unvalidated, extensions allowed', () => {
    expect(validateContentItem({ type: CONTENT_ITEM_TYPE.html, html: '<p>x</p>', 'https://x.example/k': 1 })).toEqual({ ok: true });
    expect(validateContentItem({ type: 'https://x.example/new-type' })).toEqual({ ok: true });
    expect(validateContentItem({ type: CONTENT_ITEM_TYPE.html })).toEqual({ ok: false, errors: ['/html is required [DL §3.4]'] });
    expect(validateContentItem({ type: CONTENT_ITEM_TYPE.link, url: 'not a url' })).toEqual({ ok: false, errors: ['/url must be a fully qualified URL [DL §3.1]'] });
    expect(validateContentItem({ type: CONTENT_ITEM_TYPE.link, url: 'https://x.example', embed: {}, iframe: { width: 1 } })).toEqual({
      ok: false, errors: ['/embed/html is required [DL §3.1]', '/iframe/src is required [DL §3.1]'],
    });
    expect(validateContentItem({ type: CONTENT_ITEM_TYPE.ltiResourceLink, lineItem: { scoreMaximum: 0 }, available: { startDateTime: 'soon' } })).toEqual({
      ok: false, errors: ['/lineItem/scoreMaximum must be > 0 [DL §3.2]', '/available/startDateTime must be an ISO 8601 date-time, e.g. 2018-03-06T20:05:02Z [DL §3.2]'],
    });
    expect(validateContentItem({ type: CONTENT_ITEM_TYPE.file, url: 'https://x.example/f', expiresAt: '2018-03-06T20:05:02Z' })).toEqual({ ok: true });
    expect(validateContentItem({ type: CONTENT_ITEM_TYPE.image, url: 'https://x.example/i.png', width: '10' })).toEqual({ ok: false, errors: ['/width must be integer [DL §3.5]'] });
    expect(validateContentItem('link')).toEqual({ ok: false, errors: ['/ must be object [DL §3.7]'] });
  });

  it('never coerces: a numeric string is not a number', () => {
    const score = { userId: 'u', timestamp: '2017-04-16T18:54:36.736Z', activityProgress: 'Completed', gradingProgress: 'FullyGraded', scoreGiven: '8', scoreMaximum: 10 };
    expect(validate('score', score)).toEqual({ ok: false, errors: ['/scoreGiven must be number or null [AGS §3.4.4]'] });
  });
});
