// Scores in ([AGS] §3.4) and results out ([AGS] §3.3) of one line item.
import { MEDIA_TYPE } from '../../../lti/vocab.js';
import type { PlatformContext } from '../context.js';
import { findCourse, findMember } from '../data.js';
import { jsonError, jsonReply, noContent, type Reply } from '../html.js';
import { readJsonObject, type ServiceRequest } from '../http.js';
import { paginate } from '../paging.js';
import type { LineItem } from '../store.js';
import { lineItemUrl } from './present.js';
import { checkScore } from './validate.js';

export async function postScore(ctx: PlatformContext, item: LineItem, req: ServiceRequest): Promise<Reply> {
  const body = await readJsonObject(req, [MEDIA_TYPE.score, MEDIA_TYPE.json]);
  if (!body.ok) return body.reply;
  const checked = checkScore(body.value, ctx.flaws.has('ags-accepts-score-without-user-id'));
  if (!checked.ok) return jsonError(400, 'invalid_request', checked.reason);
  const { userId, at, score } = checked.value;
  // Only the flawed platform gets here without a user: it says yes and has nowhere to keep the score.
  if (userId === undefined) return noContent();
  const course = findCourse(item.contextId);
  if (course === undefined || findMember(course, userId) === undefined) {
    return jsonError(400, 'invalid_request', 'userId is not a member of this context');
  }
  const scores = ctx.store.scoresOf(item.n);
  const stored = scores.get(userId);
  // A score older than the one kept never replaces it ([AGS] §3.4.9).
  if (stored !== undefined && at < stored.at) return jsonError(409, 'conflict', 'a score with a later timestamp is already recorded');
  // Each score replaces the tool's previous one whole: no scoreGiven clears the score, no comment the comment.
  scores.set(userId, { at, score });
  return noContent();
}

export function listResults(ctx: PlatformContext, item: LineItem, url: URL): Reply {
  const itemUrl = lineItemUrl(ctx, item);
  const userFilter = url.searchParams.get('user_id');
  const itemMax = typeof item.fields.scoreMaximum === 'number' ? item.fields.scoreMaximum : 1;
  const results = [...ctx.store.scoresOf(item.n)]
    .filter(([userId]) => userFilter === null || userId === userFilter)
    .map(([userId, { score }]) => {
      const given = typeof score.scoreGiven === 'number';
      const result: Record<string, unknown> = {
        id: `${itemUrl}/results/${encodeURIComponent(userId)}`,
        scoreOf: itemUrl,
        userId,
        resultMaximum: given ? score.scoreMaximum : itemMax,
      };
      if (given) result.resultScore = score.scoreGiven;
      if (typeof score.comment === 'string') result.comment = score.comment;
      if (typeof score.scoringUserId === 'string') result.scoringUserId = score.scoringUserId;
      return result;
    });
  const paged = paginate(results, url, false);
  if (!paged.ok) return jsonError(400, 'invalid_request', paged.reason);
  const type = ctx.flaws.has('ags-results-wrong-media-type') ? MEDIA_TYPE.json : MEDIA_TYPE.resultContainer;
  return jsonReply(200, paged.items, type, paged.link === undefined ? {} : { link: paged.link });
}
