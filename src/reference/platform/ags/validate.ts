// Shape checks of line items ([AGS] §3.2.7–3.2.13) and scores ([AGS] §3.4): a reason, or the value.
import { ACTIVITY_PROGRESS, GRADING_PROGRESS } from '../../../lti/vocab.js';

const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** ISO 8601 date-time with a zone designator; returns its milliseconds, or undefined. */
export function zonedTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || !ZONED_DATE_TIME.test(v)) return undefined;
  // Date.parse reads at most milliseconds; longer fractions are cut to three digits first.
  const ms = Date.parse(v.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}

const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The fields of a line item body (id dropped, nulls of optional members dropped). */
export function checkLineItem(body: Record<string, unknown>, allowBlankLabel: boolean): Checked<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k !== 'id' && v !== null) fields[k] = v;
  const { label, scoreMaximum, startDateTime, endDateTime, gradesReleased } = fields;
  if (!allowBlankLabel && (typeof label !== 'string' || label.trim() === '')) return { ok: false, reason: 'label must be a non-blank string' };
  if (label !== undefined && typeof label !== 'string') return { ok: false, reason: 'label must be a string' };
  if (!isPositive(scoreMaximum)) return { ok: false, reason: 'scoreMaximum must be a number greater than 0' };
  for (const k of ['resourceLinkId', 'resourceId', 'tag']) {
    if (fields[k] !== undefined && typeof fields[k] !== 'string') return { ok: false, reason: `${k} must be a string` };
  }
  for (const [k, v] of [['startDateTime', startDateTime], ['endDateTime', endDateTime]] as const) {
    if (v !== undefined && zonedTime(v) === undefined) return { ok: false, reason: `${k} must be ISO 8601 with a time zone` };
  }
  if (gradesReleased !== undefined && typeof gradesReleased !== 'boolean') return { ok: false, reason: 'gradesReleased must be a boolean' };
  return { ok: true, value: fields };
}

export interface CheckedScore {
  /** Absent only when a flaw let a score without userId through. */
  userId?: string;
  at: number;
  score: Record<string, unknown>;
}

export function checkScore(body: Record<string, unknown>, allowMissingUserId: boolean): Checked<CheckedScore> {
  const score: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (v !== null) score[k] = v;
  const { userId, timestamp, activityProgress, gradingProgress, scoreGiven, scoreMaximum, comment, scoringUserId } = score;
  if (userId === undefined || userId === '') {
    if (!allowMissingUserId) return { ok: false, reason: 'userId is required' };
  } else if (typeof userId !== 'string') return { ok: false, reason: 'userId must be a string' };
  const at = zonedTime(timestamp);
  if (at === undefined) return { ok: false, reason: 'timestamp must be ISO 8601 with a time zone' };
  if (!(ACTIVITY_PROGRESS as readonly unknown[]).includes(activityProgress)) return { ok: false, reason: 'activityProgress is not a known value' };
  if (!(GRADING_PROGRESS as readonly unknown[]).includes(gradingProgress)) return { ok: false, reason: 'gradingProgress is not a known value' };
  if (scoreGiven !== undefined) {
    if (typeof scoreGiven !== 'number' || !Number.isFinite(scoreGiven) || scoreGiven < 0) return { ok: false, reason: 'scoreGiven must be a number >= 0' };
    if (!isPositive(scoreMaximum)) return { ok: false, reason: 'scoreGiven requires scoreMaximum greater than 0' };
  } else if (scoreMaximum !== undefined && !isPositive(scoreMaximum)) return { ok: false, reason: 'scoreMaximum must be greater than 0' };
  if (comment !== undefined && typeof comment !== 'string') return { ok: false, reason: 'comment must be a string' };
  if (scoringUserId !== undefined && (typeof scoringUserId !== 'string' || scoringUserId === '')) {
    return { ok: false, reason: 'scoringUserId must be a non-empty string' };
  }
  return { ok: true, value: { userId: typeof userId === 'string' && userId !== '' ? userId : undefined, at, score } };
}
