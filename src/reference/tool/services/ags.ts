// Assignment and Grade Services 2.0 calls: scores, line items, results.
import { MEDIA_TYPE, SCOPE } from '../../../lti/vocab.js';
import type { NextPage, ServiceClient } from './client.js';
import { jsonBody, nextLink, PlatformError, type HttpResult } from './http.js';

/** `{line item path}/scores` or `/results`, keeping the line item's query ([AGS] §3.3.1, §3.4.1). */
export function lineItemSubUrl(lineItem: string, suffix: '/scores' | '/results', keepQuery = true): string {
  const u = new URL(lineItem);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}${suffix}`;
  if (!keepQuery) u.search = '';
  u.hash = '';
  return u.href;
}

export interface ScoreInput {
  lineItem: string;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
}

export async function postScore(svc: ServiceClient, s: ScoreInput): Promise<{ url: string; status: number; timestamp: string }> {
  const { flaws } = svc.deps;
  const url = lineItemSubUrl(s.lineItem, '/scores', !flaws.has('score-drops-line-item-query'));
  const iso = new Date(svc.scoreTime(s.lineItem, s.userId)).toISOString();
  const timestamp = flaws.has('score-timestamp-without-zone') ? iso.slice(0, -1) : iso;
  const body = {
    userId: flaws.has('score-wrong-user-id') ? 'someone-else' : s.userId,
    scoreGiven: s.scoreGiven,
    scoreMaximum: s.scoreMaximum,
    timestamp,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
  };
  const res = await svc.call({
    step: 'score', scopes: [SCOPE.score], method: 'POST', url,
    headers: { 'content-type': MEDIA_TYPE.score }, body: JSON.stringify(body),
  });
  return { url, status: res.status, timestamp };
}

function array(step: string, res: HttpResult): unknown[] {
  const body = jsonBody(step, res);
  if (!Array.isArray(body)) throw new PlatformError(step, res.url, res.status, res.body);
  return body;
}

const field = (item: unknown, name: string): unknown =>
  typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[name] : undefined;

/** Reads every page of the line item container; returns the item ids. */
export async function listLineItems(svc: ServiceClient, container: string): Promise<{ ids: string[]; pages: number }> {
  const { flaws } = svc.deps;
  let next: NextPage = (res) => nextLink(res);
  if (flaws.has('lineitems-first-page-only')) next = () => undefined;
  if (flaws.has('lineitems-rebuilds-next-url')) {
    // The defect: the page URL is made up from the container URL instead of the Link header's.
    next = (res, index) => (nextLink(res) === undefined ? undefined : `${container}&page=${index + 1}`);
  }
  const pages = await svc.readAll('line-items', [SCOPE.lineItemReadOnly], container, MEDIA_TYPE.lineItemContainer, next);
  const ids = pages.flatMap((p) => array('line-items', p)).map((i) => field(i, 'id')).filter((id): id is string => typeof id === 'string');
  return { ids, pages: pages.length };
}

export interface NewLineItem {
  label: string;
  scoreMaximum: number;
  resourceId: string;
  tag: string;
}

export async function createLineItem(svc: ServiceClient, container: string, item: NewLineItem): Promise<{ id: string; status: number }> {
  const body = svc.deps.flaws.has('lineitem-blank-label') ? { ...item, label: '' } : item;
  const res = await svc.call({
    step: 'create-line-item', scopes: [SCOPE.lineItem], method: 'POST', url: container,
    headers: { 'content-type': MEDIA_TYPE.lineItem, accept: MEDIA_TYPE.lineItem }, body: JSON.stringify(body),
  });
  const id = field(jsonBody('create-line-item', res), 'id');
  if (typeof id !== 'string') throw new PlatformError('create-line-item', container, res.status, res.body);
  return { id, status: res.status };
}

/** Reads every page of the line item's results; returns the user ids with their scores. */
export async function readResults(
  svc: ServiceClient,
  lineItem: string,
): Promise<{ url: string; results: { userId: unknown; resultScore: unknown }[]; pages: number }> {
  const url = lineItemSubUrl(lineItem, '/results');
  const accept = svc.deps.flaws.has('results-wrong-accept') ? MEDIA_TYPE.json : MEDIA_TYPE.resultContainer;
  const pages = await svc.readAll('results', [SCOPE.resultReadOnly], url, accept, (res) => nextLink(res));
  const results = pages
    .flatMap((p) => array('results', p))
    .map((r) => ({ userId: field(r, 'userId'), resultScore: field(r, 'resultScore') }));
  return { url, results, pages: pages.length };
}
