// Scores posted and results read ([AGS] §3.3-3.4, OpenAPI).
import { fail, pass, type Check } from '../../core/check.js';
import { MEDIA_TYPE } from '../../lti/vocab.js';
import { rule } from '../../spec/rules.js';
import { sameUrl } from '../service/http.js';
import { is2xx, isObject, isNonBlank, listProblems, mediaTypeIs, notJudged, show, statusIs, type ServiceAnswer } from './input.js';
import { agsMediaRef, oasRef } from './refs.js';

/** The status the platform answered a score POST with. */
export interface ScoreAnswerInput {
  status: number;
}

/** The OpenAPI's success codes for a score POST. */
const SCORE_ACCEPTED = [200, 201, 202, 204];

export const scoreAccepted: Check<ScoreAnswerInput> = {
  id: 'platform-ags.score.accepted',
  title: 'a valid score is accepted (200, 201, 202 or 204)',
  refs: [rule('LTI-AGS-036')],
  run: ({ status }) => (SCORE_ACCEPTED.includes(status) ? pass() : fail(`the score POST was answered ${status}`, SCORE_ACCEPTED, status)),
};

export const scoreOverMaximumAccepted: Check<ScoreAnswerInput> = {
  id: 'platform-ags.score.over-maximum-accepted',
  title: 'a score with scoreGiven greater than scoreMaximum is accepted (extra credit)',
  refs: [rule('LTI-AGS-028')],
  run: ({ status }) => (SCORE_ACCEPTED.includes(status) ? pass() : fail(`the score with scoreGiven > scoreMaximum was answered ${status}`, SCORE_ACCEPTED, status)),
};

/** The answer to a score that is malformed in one way, and what is wrong with it. */
export interface MalformedScoreInput {
  status: number;
  /** e.g. "no timestamp", "activityProgress Done". */
  defect: string;
}

/**
 * The score MUSTs bind the tool, and a platform may ignore values it does not support: accepting a
 * malformed score only warns (catalog NT-P-29); 400 is the OpenAPI's answer to a malformed request.
 */
export const malformedScoreRefused: Check<MalformedScoreInput> = {
  id: 'platform-ags.score.malformed-refused',
  title: 'a malformed score is refused with 400',
  refs: [oasRef('POST scores -> 400', 'SHOULD')],
  run: ({ status, defect }) => {
    if (status === 400) return pass();
    return fail(is2xx(status) ? `the platform accepted a score with ${defect} (${status})` : `the score with ${defect} was answered ${status}`, 400, status);
  },
};

/** The answer to a results GET, the line item's id, the user_id filter used (if any) and users we scored. */
export interface ResultsInput {
  answer: ServiceAnswer;
  lineItemId: string;
  userId?: string;
  /** Users given a score with a scoreGiven on this line item, who therefore have a result. */
  scoredUserIds?: string[];
}

export const resultsStatusOk = statusIs<ResultsInput>('platform-ags.results.status-ok', 'the results URL answers GET with 200', [200], [rule('LTI-AGS-023')]);

export const resultsMediaType = mediaTypeIs<ResultsInput>('platform-ags.results.media-type', 'result container', MEDIA_TYPE.resultContainer, [agsMediaRef('§3.3.4')]);

function resultProblems(r: unknown, lineItemId: string): string[] {
  if (!isObject(r)) return ['not a JSON object'];
  const p: string[] = [];
  if (!isNonBlank(r.userId)) p.push(`userId is ${show(r.userId)}`);
  // scoreOf is judged when present: the OpenAPI requires only id, and Moodle omits scoreOf for empty grades.
  if (r.scoreOf !== undefined && (typeof r.scoreOf !== 'string' || !sameUrl(r.scoreOf, lineItemId))) p.push(`scoreOf is ${show(r.scoreOf)}, not the line item id`);
  if (r.resultMaximum !== undefined && r.resultMaximum !== null && !(typeof r.resultMaximum === 'number' && r.resultMaximum > 0)) p.push(`resultMaximum is ${show(r.resultMaximum)}`);
  return p;
}

export const resultsBody: Check<ResultsInput> = {
  id: 'platform-ags.results.body-valid',
  title: 'results are a JSON array; each has userId, scoreOf = the line item id, resultMaximum > 0 when present',
  refs: [rule('LTI-AGS-025'), rule('LTI-AGS-023')],
  run: ({ answer, lineItemId }) => {
    if (answer.status !== 200) return notJudged(`the platform answered ${answer.status}`);
    if (!Array.isArray(answer.json)) return fail('the body is not a JSON array', 'an array of results', answer.json ?? null);
    const problems = listProblems(answer.json, (r) => resultProblems(r, lineItemId));
    return problems.length === 0 ? pass() : fail(`invalid results: ${problems.join('; ')}`, `results of ${lineItemId}`, problems);
  },
};

const results = (answer: ServiceAnswer): unknown[] | undefined => (answer.status === 200 && Array.isArray(answer.json) ? answer.json : undefined);

export const resultsUserFilter: Check<ResultsInput> = {
  id: 'platform-ags.results.user-filter',
  title: 'with user_id, at most one result, and only that user\'s',
  refs: [rule('LTI-AGS-024')],
  run: ({ answer, userId }) => {
    if (userId === undefined) return pass('no user_id filter');
    const list = results(answer);
    if (!list) return notJudged('no results array');
    const others = list.filter((r) => !isObject(r) || r.userId !== userId);
    if (list.length <= 1 && others.length === 0) return pass();
    return fail(`user_id=${userId} returned ${list.length} result(s)${others.length ? `, ${others.length} of other users` : ''}`, `at most one result, for ${userId}`, list.map((r) => (isObject(r) ? r.userId : r)));
  },
};

export const resultsIncludeScored: Check<ResultsInput> = {
  id: 'platform-ags.results.include-scored',
  title: 'every user given a score has a result',
  refs: [rule('LTI-AGS-023')],
  run: ({ answer, scoredUserIds = [] }) => {
    const list = results(answer);
    if (!list) return notJudged('no results array');
    const have = new Set(list.flatMap((r) => (isObject(r) && typeof r.userId === 'string' ? [r.userId] : [])));
    const left = scoredUserIds.filter((u) => !have.has(u));
    return left.length === 0 ? pass() : fail(`no result for scored user(s) ${left.join(', ')}`, scoredUserIds, [...have]);
  },
};

/** Checks on a valid score POST (NT-P-24 sequence). */
export const SCORE_CHECKS = [scoreAccepted] as const;
/** Check on a score with scoreGiven > scoreMaximum (NT-P-31). */
export const SCORE_OVER_MAXIMUM_CHECKS = [scoreOverMaximumAccepted] as const;
/** Check on a score malformed in one way (NT-P-29). */
export const MALFORMED_SCORE_CHECKS = [malformedScoreRefused] as const;
/** Checks on a results GET (NT-P-33). */
export const RESULTS_CHECKS = [resultsStatusOk, resultsMediaType, resultsBody, resultsUserFilter, resultsIncludeScored] as const;
