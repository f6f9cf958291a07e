import { LINE_ITEM_POST_CHECKS } from '../../checks/ags/line-items.js';
import { SCORE_POST_CHECKS, type ScorePostInput } from '../../checks/ags/score.js';
import { LINE_ITEMS_GET_CHECKS, MEMBERSHIPS_CHECKS, RESULTS_CHECKS, type ResultsInput, type ServiceAnswer } from '../../checks/platform-services/index.js';
import type { ServiceCallRecord } from '../../roles/platform/services/records.js';
import { isObject, jsonKind, judgePlanned, type JsonMessage } from '../kind.js';
import type { Kind } from '../types.js';

// JSON documents of AGS and NRPS: what a tool sends (score, line item) and what a platform answers
// (line item container, result container, membership container).

const HTTP_ONLY = 'judges the HTTP exchange (headers, URL, status), not the message';
const NEEDS_HISTORY = 'needs the launch and the earlier scores; not part of the message';

/** The message as the body of a tool's service call; only `body` is read by the body checks. */
function callOf(m: JsonMessage): ServiceCallRecord {
  return {
    exchangeId: 'validate', at: 0, service: 'ags', operation: 'unknown', method: 'POST', url: '', headers: {}, body: m.text, status: 0,
    token: { present: false, valid: false, expired: false, scopes: [] },
  };
}

/** The message as a platform's 200 answer; the media-type and status checks are not judged. */
const answerOf = (m: JsonMessage): ServiceAnswer => ({ status: 200, headers: {}, json: m.value });

const itemLike = (v: unknown): boolean => isObject(v) && ('scoreMaximum' in v || 'label' in v) && !('userId' in v);
const resultLike = (v: unknown): boolean => isObject(v) && 'userId' in v && ('resultScore' in v || 'scoreOf' in v || 'resultMaximum' in v);

export const scoreKind: Kind = jsonKind({
  id: 'score',
  title: 'AGS score',
  sender: 'tool',
  detect: (m) => isObject(m.value) && 'userId' in m.value && ('activityProgress' in m.value || 'gradingProgress' in m.value || 'scoreGiven' in m.value),
  judge: (m, ctx) => {
    const input: ScorePostInput = { call: callOf(m), lineItemUrl: '', launchSub: '', earlierTimestamps: [] };
    judgePlanned(ctx, SCORE_POST_CHECKS, input, {
      cannot: {
        'ags.score.url-derived': HTTP_ONLY, 'ags.score.content-type': HTTP_ONLY,
        'ags.score.user-id-launch-sub': NEEDS_HISTORY, 'ags.score.timestamp-increasing': NEEDS_HISTORY,
      },
    });
  },
});

export const lineItemKind: Kind = jsonKind({
  id: 'line-item',
  title: 'AGS line item',
  sender: 'tool',
  detect: (m) => itemLike(m.value),
  judge: (m, ctx) => judgePlanned(ctx, LINE_ITEM_POST_CHECKS, { call: callOf(m) }, { cannot: { 'ags.lineitem.content-type': HTTP_ONLY } }),
});

const PLATFORM_HTTP: Record<string, string> = {};
for (const id of ['platform-ags.lineitems.status-ok', 'platform-ags.lineitems.media-type', 'platform-ags.results.status-ok', 'platform-ags.results.media-type', 'platform-nrps.memberships.status-ok', 'platform-nrps.memberships.media-type']) PLATFORM_HTTP[id] = HTTP_ONLY;

export const lineItemContainerKind: Kind = jsonKind({
  id: 'line-item-container',
  title: 'AGS line item container',
  sender: 'platform',
  detect: (m) => Array.isArray(m.value) && m.value.length > 0 && m.value.every(itemLike),
  judge: (m, ctx) => judgePlanned(ctx, LINE_ITEMS_GET_CHECKS, { answer: answerOf(m) }, { cannot: PLATFORM_HTTP }),
});

export const resultContainerKind: Kind = jsonKind({
  id: 'result-container',
  title: 'AGS result container',
  sender: 'platform',
  detect: (m) => Array.isArray(m.value) && m.value.length > 0 && m.value.every(resultLike),
  judge: (m, ctx) => {
    // The line item is not known from the results alone: the first scoreOf stands for it, so every result must agree.
    const first = Array.isArray(m.value) ? m.value.find((r) => isObject(r) && typeof r.scoreOf === 'string') : undefined;
    const lineItemId = isObject(first) ? String(first.scoreOf) : '';
    const input: ResultsInput = { answer: answerOf(m), lineItemId };
    judgePlanned(ctx, RESULTS_CHECKS, input, {
      cannot: { ...PLATFORM_HTTP, 'platform-ags.results.user-filter': 'needs the user_id filter of the request', 'platform-ags.results.include-scored': 'needs the scores sent before' },
      notes: { 'platform-ags.results.body-valid': lineItemId ? `scoreOf compared with the first result's (${lineItemId})` : undefined },
    });
  },
});

export const membershipContainerKind: Kind = jsonKind({
  id: 'membership-container',
  title: 'NRPS membership container',
  sender: 'platform',
  detect: (m) => isObject(m.value) && Array.isArray(m.value.members),
  judge: (m, ctx) => judgePlanned(ctx, MEMBERSHIPS_CHECKS, { answer: answerOf(m) }, { cannot: PLATFORM_HTTP }),
});
