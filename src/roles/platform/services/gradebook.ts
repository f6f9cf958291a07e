// One context's line items and results, as a platform's gradebook keeps them. Pure data: the HTTP side
// (ags.ts) decides status codes from what these functions report.

export interface StoredResult {
  userId: string;
  resultScore?: number;
  resultMaximum: number;
  comment?: string;
  scoringUserId?: string;
  /** The score's timestamp, for refusing out-of-order scores ([AGS] §3.4.9). */
  timestampMs?: number;
}

export interface LineItemRow {
  n: number;
  /** The line item without its id (the id is a URL built from n). */
  item: Record<string, unknown> & { label: string; scoreMaximum: number };
  results: Map<string, StoredResult>;
}

export type Outcome = { ok: true } | { ok: false; status: number; description: string };

const KNOWN_FIELDS = ['label', 'scoreMaximum', 'resourceLinkId', 'resourceId', 'tag', 'startDateTime', 'endDateTime', 'gradesReleased', 'submissionReview'] as const;
export const LINK_ACTIVITY_LABEL = 'lti-conform activity';

/** The fields a platform keeps from a line item body: the known ones and URL-named extensions ([AGS] §3.1.2). */
export function lineItemFields(body: Record<string, unknown>): { ok: true; item: LineItemRow['item'] } | { ok: false; description: string } {
  if (typeof body.label !== 'string' || body.label.trim() === '') return { ok: false, description: 'label is required and must not be blank' };
  if (typeof body.scoreMaximum !== 'number' || !(body.scoreMaximum > 0) || !Number.isFinite(body.scoreMaximum)) {
    return { ok: false, description: 'scoreMaximum is required and must be a number greater than 0' };
  }
  const item: Record<string, unknown> = {};
  for (const k of KNOWN_FIELDS) if (body[k] !== undefined) item[k] = body[k];
  for (const [k, v] of Object.entries(body)) if (k.includes('://')) item[k] = v;
  return { ok: true, item: item as LineItemRow['item'] };
}

export class Gradebook {
  private readonly items = new Map<number, LineItemRow>();
  private next = 1;
  /** Resource links that exist in this context (a created line item may only bind to these). */
  readonly links = new Set<string>();

  /** Five items, one bound to the launch's resource link, so a container of page size 2 has three pages. */
  constructor(resourceLinkId: string) {
    this.bind(resourceLinkId);
    this.create({ label: 'Quiz 1', scoreMaximum: 20, resourceId: 'quiz-1', tag: 'quiz' });
    this.create({ label: 'Quiz 2', scoreMaximum: 20, resourceId: 'quiz-2', tag: 'quiz' });
    this.create({ label: 'Essay', scoreMaximum: 100, resourceId: 'essay-1', tag: 'essay', startDateTime: '2025-01-06T09:00:00.000Z', endDateTime: '2025-01-31T23:59:59.000Z' });
    this.create({ label: 'Participation', scoreMaximum: 5, tag: 'participation' });
  }

  /** The line item bound to this resource link, created (as a platform does for a graded link) when missing. */
  bind(resourceLinkId: string): LineItemRow {
    this.links.add(resourceLinkId);
    return this.list().find((r) => r.item.resourceLinkId === resourceLinkId)
      ?? this.create({ label: LINK_ACTIVITY_LABEL, scoreMaximum: 10, resourceLinkId });
  }

  list(): LineItemRow[] {
    return [...this.items.values()];
  }

  get(n: number): LineItemRow | undefined {
    return this.items.get(n);
  }

  create(item: LineItemRow['item']): LineItemRow {
    const row: LineItemRow = { n: this.next++, item, results: new Map() };
    this.items.set(row.n, row);
    return row;
  }

  /** PUT: the tool may not change resourceLinkId ([AGS] §3.2.6); we keep ours, as the spec allows. */
  replace(row: LineItemRow, item: LineItemRow['item']): void {
    const { resourceLinkId: _ignored, ...rest } = item;
    row.item = { ...rest, ...(row.item.resourceLinkId !== undefined ? { resourceLinkId: row.item.resourceLinkId } : {}) };
  }

  delete(n: number): void {
    this.items.delete(n);
  }
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Applies a score to the line item's result for that user: scoreGiven/scoreMaximum scaled to the line
 * item's maximum; no scoreGiven clears the score ([AGS] §3.4.4); an older timestamp is refused ([AGS] §3.4.9).
 */
export function applyScore(row: LineItemRow, score: Record<string, unknown>): Outcome {
  const userId = score.userId;
  if (typeof userId !== 'string' || userId === '') return { ok: false, status: 400, description: 'userId is required' };
  const given = score.scoreGiven;
  if (given !== undefined && given !== null) {
    if (!num(given) || given < 0) return { ok: false, status: 400, description: 'scoreGiven must be a number >= 0' };
    if (!num(score.scoreMaximum) || score.scoreMaximum <= 0) return { ok: false, status: 400, description: 'scoreMaximum (a number > 0) is required with scoreGiven' };
  }
  const ts = typeof score.timestamp === 'string' ? Date.parse(score.timestamp) : Number.NaN;
  const prev = row.results.get(userId);
  if (prev?.timestampMs !== undefined && !Number.isNaN(ts) && ts < prev.timestampMs) {
    return { ok: false, status: 409, description: `a later score (timestamp ${new Date(prev.timestampMs).toISOString()}) is already recorded for ${userId}` };
  }
  const max = row.item.scoreMaximum;
  const next: StoredResult = { userId, resultMaximum: max };
  if (num(given) && num(score.scoreMaximum)) next.resultScore = (given / score.scoreMaximum) * max;
  if (typeof score.comment === 'string' && score.comment !== '') next.comment = score.comment;
  if (typeof score.scoringUserId === 'string' && score.scoringUserId !== '') next.scoringUserId = score.scoringUserId;
  const keep = Number.isNaN(ts) ? prev?.timestampMs : ts;
  if (keep !== undefined) next.timestampMs = keep;
  row.results.set(userId, next);
  return { ok: true };
}
