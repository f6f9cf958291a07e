// Trigger routes: the tester asks the tool to act (grade, read line items, roster, ...). JSON in, JSON
// out: 200 with a summary when the platform accepted everything, 502 with its answer otherwise.
import { isHttpUrl } from '../dl-rules.js';
import { jsonReply, type Reply } from '../html.js';
import { createLineItem, listLineItems, postScore, readResults } from './ags.js';
import type { ServiceClient } from './client.js';
import { PlatformError } from './http.js';
import { readRoster } from './nrps.js';

export const TRIGGER_PATHS = {
  grade: '/test/grade',
  lineItems: '/test/line-items',
  createLineItem: '/test/create-line-item',
  results: '/test/results',
  roster: '/test/roster',
} as const;

const MAX_ERROR_BODY = 2_000;

class BadRequest extends Error {}

type Body = Record<string, unknown>;

function url(body: Body, name: string): string {
  const v = body[name];
  if (!isHttpUrl(v)) throw new BadRequest(`${name} must be an absolute http(s) URL`);
  return v;
}

function text(body: Body, name: string, fallback?: string): string {
  const v = body[name] ?? fallback;
  if (typeof v !== 'string' || v.trim() === '') throw new BadRequest(`${name} must be a non-empty string`);
  return v;
}

function number(body: Body, name: string, fallback: number, min: number, inclusive: boolean): number {
  const v = body[name] ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (!inclusive && v === min)) {
    throw new BadRequest(`${name} must be a number ${inclusive ? '>=' : '>'} ${min}`);
  }
  return v;
}

async function run(svc: ServiceClient, path: string, body: Body): Promise<Record<string, unknown>> {
  switch (path) {
    case TRIGGER_PATHS.grade: {
      const r = await postScore(svc, {
        lineItem: url(body, 'lineItem'),
        userId: text(body, 'userId'),
        scoreGiven: number(body, 'scoreGiven', 8, 0, true),
        scoreMaximum: number(body, 'scoreMaximum', 10, 0, false),
      });
      return { summary: `score posted (${r.status})`, ...r };
    }
    case TRIGGER_PATHS.lineItems: {
      const r = await listLineItems(svc, url(body, 'lineItems'));
      return { summary: `${r.ids.length} line items on ${r.pages} pages`, ...r };
    }
    case TRIGGER_PATHS.createLineItem: {
      const r = await createLineItem(svc, url(body, 'lineItems'), {
        label: text(body, 'label', 'Quiz 3'),
        scoreMaximum: number(body, 'scoreMaximum', 10, 0, false),
        resourceId: text(body, 'resourceId', 'quiz-3'),
        tag: text(body, 'tag', 'grade'),
      });
      return { summary: `line item created (${r.status})`, ...r };
    }
    case TRIGGER_PATHS.results: {
      const r = await readResults(svc, url(body, 'lineItem'));
      return { summary: `${r.results.length} results on ${r.pages} pages`, ...r };
    }
    case TRIGGER_PATHS.roster: {
      const r = await readRoster(svc, url(body, 'memberships'));
      return { summary: `${r.members.length} members on ${r.pages} pages`, userIds: r.members.map((m) => m.userId), ...r };
    }
    default:
      throw new BadRequest('no such trigger');
  }
}

export const isTriggerPath = (path: string): boolean => (Object.values(TRIGGER_PATHS) as string[]).includes(path);

export async function handleTrigger(svc: ServiceClient, path: string, body: unknown): Promise<Reply> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return jsonReply(400, { ok: false, error: 'the body must be a JSON object' });
  }
  try {
    return jsonReply(200, { ok: true, ...(await run(svc, path, body as Body)) });
  } catch (e) {
    if (e instanceof BadRequest) return jsonReply(400, { ok: false, error: e.message });
    if (!(e instanceof PlatformError)) throw e;
    return jsonReply(502, {
      ok: false,
      step: e.step,
      url: e.url,
      status: e.status,
      body: e.body.slice(0, MAX_ERROR_BODY),
    });
  }
}
