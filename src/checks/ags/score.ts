import { fail, pass, type Check } from '../../core/check.js';
import { MEDIA_TYPE } from '../../lti/vocab.js';
import type { ServiceCallRecord } from '../../roles/platform/services/records.js';
import { validate } from '../../schemas/index.js';
import { rule } from '../../spec/rules.js';
import { derivedUrl, isDerivedUrl } from '../service/http.js';
import { contentTypeIs } from '../service/media.js';
import { mediaTypeRef } from './refs.js';
import { compareInstants, parseInstant } from './time.js';

/** A score POST, with the line item it targets, the learner's launch sub and the earlier score timestamps for that line item and learner. */
export interface ScorePostInput {
  call: ServiceCallRecord;
  lineItemUrl: string;
  launchSub: string;
  earlierTimestamps: string[];
}

type Body = { ok: true; value: unknown } | { ok: false; error: string };

function body(call: ServiceCallRecord): Body {
  try {
    return { ok: true, value: JSON.parse(call.body) as unknown };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

const field = (b: Body, name: string): unknown => (b.ok && b.value !== null && typeof b.value === 'object' ? (b.value as Record<string, unknown>)[name] : undefined);

export const scoreUrl: Check<ScorePostInput> = {
  id: 'ags.score.url-derived',
  title: 'the score is POSTed to the line item URL path + /scores, its query kept',
  refs: [rule('LTI-AGS-022')],
  run: ({ call, lineItemUrl }) =>
    isDerivedUrl(lineItemUrl, 'scores', call.url) ? pass() : fail('the scores URL is not derived from the line item URL', derivedUrl(lineItemUrl, 'scores'), call.url),
};

export const scoreContentType = contentTypeIs<ScorePostInput>('ags.score.content-type', 'score', MEDIA_TYPE.score, [mediaTypeRef('§3.4.3')]);

export const scoreSchemaValid: Check<ScorePostInput> = {
  id: 'ags.score.schema-valid',
  title: 'the score has userId, timestamp, activityProgress and gradingProgress, valid values, and scoreMaximum with scoreGiven',
  refs: [rule('LTI-AGS-026'), rule('LTI-AGS-027'), rule('LTI-AGS-030'), rule('LTI-AGS-032'), rule('LTI-AGS-033')],
  run: ({ call }) => {
    const b = body(call);
    if (!b.ok) return fail(`the body is not JSON: ${b.error}`, 'a score JSON object', call.body.slice(0, 200));
    const v = validate('score', b.value);
    return v.ok ? pass() : fail(`the score is invalid: ${v.errors.join('; ')}`, 'a score per AGS §3.4', v.errors);
  },
};

export const scoreUserId: Check<ScorePostInput> = {
  id: 'ags.score.user-id-launch-sub',
  title: 'userId is the learner\'s LTI user id (the launch sub)',
  refs: [rule('LTI-AGS-026')],
  run: ({ call, launchSub }) => {
    const userId = field(body(call), 'userId');
    return userId === launchSub ? pass() : fail(userId === undefined ? 'userId is missing' : 'userId is not the sub of the learner\'s launch', launchSub, userId ?? null);
  },
};

export const scoreTimestampIncreasing: Check<ScorePostInput> = {
  id: 'ags.score.timestamp-increasing',
  title: 'the timestamp is strictly later than every earlier score for this line item and learner',
  refs: [rule('LTI-AGS-030')],
  run: ({ call, earlierTimestamps }) => {
    const ts = field(body(call), 'timestamp');
    const now = typeof ts === 'string' ? parseInstant(ts) : undefined;
    if (!now) return pass('no usable timestamp (see ags.score.schema-valid)');
    const later = earlierTimestamps.filter((e) => {
      const t = parseInstant(e);
      return t !== undefined && compareInstants(t, now) >= 0;
    });
    if (later.length === 0) return pass();
    return fail(later.some((e) => compareInstants(parseInstant(e)!, now) === 0) ? 'the timestamp repeats an earlier score\'s' : 'the timestamp is earlier than a score already sent', `later than ${later.join(', ')}`, ts);
  },
};

/** Checks on a score POST (with SERVICE_CALL_CHECKS for the token, scope SCOPE.score). */
export const SCORE_POST_CHECKS = [scoreUrl, scoreContentType, scoreSchemaValid, scoreUserId, scoreTimestampIncreasing] as const;
