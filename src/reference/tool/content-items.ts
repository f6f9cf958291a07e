// The content items a deep linking response returns ([DL] §3): one per accepted type, shaped by the
// request's settings (presentation targets, media types, accept_multiple).
import { CONTENT_ITEM_TYPE as T, DOCUMENT_TARGET } from '../../lti/vocab.js';
import type { ToolContext } from './context.js';
import type { Settings } from './dl-rules.js';

export type ContentItem = Record<string, unknown>;

export const CONTENT_PATHS = {
  link: '/content/link',
  file: '/content/file',
  image: '/content/image.png',
} as const;

const FRAME = { width: 800, height: 600 };
// A concrete subtype we can serve for each wildcard range (`image/*` -> a PNG).
const FOR_WILDCARD: Record<string, string> = {
  image: 'image/png',
  text: 'text/plain',
  application: 'application/pdf',
  audio: 'audio/mpeg',
  video: 'video/mp4',
};
const TOKEN = /^[a-z0-9!#$&^_.+-]+$/;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A media type inside accept_media_types (comma-separated ranges), or undefined when none fits. */
export function fileMediaType(accept: unknown): string | undefined {
  if (typeof accept !== 'string' || accept.trim() === '') return 'application/pdf';
  for (const raw of accept.split(',')) {
    const range = (raw.split(';')[0] ?? '').trim().toLowerCase();
    if (range === '*/*' || range === '*') return 'application/pdf';
    const [type = '', sub = ''] = range.split('/');
    if (!TOKEN.test(type)) continue;
    if (sub === '*') {
      const concrete = FOR_WILDCARD[type];
      if (concrete !== undefined) return concrete;
    } else if (TOKEN.test(sub)) {
      return range;
    }
  }
  return undefined;
}

function build(ctx: ToolContext, type: string, s: Settings): ContentItem | undefined {
  const targets = strings(s.accept_presentation_document_targets);
  const iframe = targets.includes(DOCUMENT_TARGET.iframe);
  const window = targets.includes(DOCUMENT_TARGET.window);
  const url = (path: string): string => `${ctx.origin}${path}`;
  switch (type) {
    case T.link: {
      const href = url(CONTENT_PATHS.link);
      return {
        type, url: href, title: 'lti-conform reference link',
        ...(iframe ? { iframe: { src: href, ...FRAME } } : {}),
        ...(window ? { window: { targetName: '_blank' } } : {}),
      };
    }
    case T.ltiResourceLink:
      return {
        type, url: ctx.targetLinkUri, title: 'Quiz 3',
        custom: { chapter: '3' },
        lineItem: { scoreMaximum: 10, label: 'Quiz 3' },
        ...(iframe ? { iframe: { ...FRAME } } : {}),
        ...(window ? { window: { targetName: '_blank' } } : {}),
      };
    case T.file: {
      const mediaType = fileMediaType(s.accept_media_types);
      if (mediaType === undefined) return undefined;
      const href = `${url(CONTENT_PATHS.file)}?${new URLSearchParams({ type: mediaType }).toString()}`;
      return { type, url: href, title: 'lti-conform reference file', mediaType };
    }
    case T.html:
      return { type, html: '<p>hi</p>', title: 'lti-conform reference html' };
    case T.image:
      return { type, url: url(CONTENT_PATHS.image), title: 'lti-conform reference image', width: 1, height: 1 };
    default:
      return undefined;
  }
}

function buildAll(ctx: ToolContext, types: string[], s: Settings): ContentItem[] {
  return types.map((t) => build(ctx, t, s)).filter((i): i is ContentItem => i !== undefined);
}

export function contentItems(ctx: ToolContext, s: Settings): ContentItem[] {
  if (ctx.flaws.has('dl-ignores-accept-types')) return buildAll(ctx, [T.link, T.html], s);
  // Types we cannot satisfy (unknown ones, a file no media type fits) are skipped before choosing one.
  const items = buildAll(ctx, [...new Set(strings(s.accept_types))], s);
  const multiple = s.accept_multiple === true || ctx.flaws.has('dl-ignores-accept-multiple');
  return multiple ? items : items.slice(0, 1);
}

// 1x1 transparent PNG: what the image and image/* file items point at.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The bodies behind the items' URLs, so a platform that fetches them gets something real. */
export function contentBody(path: string, query: URLSearchParams): { type: string; body: string | Buffer } | undefined {
  if (path === CONTENT_PATHS.image) return { type: 'image/png', body: PNG };
  if (path === CONTENT_PATHS.link) return { type: 'text/html; charset=utf-8', body: '<!doctype html><title>lti-conform</title><p>Linked content.</p>\n' };
  if (path !== CONTENT_PATHS.file) return undefined;
  const type = fileMediaType(query.get('type') ?? '') ?? 'application/octet-stream';
  return { type, body: type.startsWith('image/') ? PNG : 'lti-conform reference file\n' };
}
