// The content items our emulated tool returns in a deep-linking response ([DL] §3), and the small
// files behind the file and image items, so a platform that fetches them gets something real ([DL] §3.3).
import { CONTENT_ITEM_TYPE as T, MEDIA_TYPE } from '../../lti/vocab.js';

export type ContentItem = Record<string, unknown>;

/** The part of deep_linking_settings that decides what we return ([DL] §4.4.1). */
export interface DeepLinkSettings {
  deep_link_return_url: string;
  accept_types: string[];
  accept_media_types?: string;
  accept_multiple?: boolean;
}

export interface ContentUrls {
  /** Our resource-link launch URL (link and ltiResourceLink items). */
  targetLink: string;
  /** Base URL of the files we serve for file and image items (DEEP_LINK_CONTENT_PATH). */
  content: string;
}

/** The url of the ltiResourceLink item we return: our launch URL, told apart by its query. */
export function createdLinkUrl(targetLink: string): string {
  const u = new URL(targetLink);
  u.searchParams.set('lti-conform-item', 'created');
  return u.toString();
}

/** Where the emulator serves the files behind file and image items. */
export const DEEP_LINK_CONTENT_PATH = '/content';

interface ServedFile {
  name: string;
  type: string;
  body: string;
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1" fill="#fff"/></svg>\n';
const IMAGE: ServedFile = { name: 'image.svg', type: 'image/svg+xml', body: SVG };
/** What a file item may be, in order of preference; accept_media_types picks the first it covers. */
const FILES: readonly ServedFile[] = [
  { name: 'file.txt', type: 'text/plain', body: 'lti-conform file\n' },
  { name: 'file.html', type: MEDIA_TYPE.html, body: '<!doctype html><title>lti-conform</title><p>lti-conform file</p>\n' },
  IMAGE,
];

/** Whether a comma-separated list of media ranges (`image/*,text/html`) covers a media type. */
export function mediaTypeAccepted(ranges: string, type: string): boolean {
  const [major] = type.split('/');
  return ranges.split(',').some((raw) => {
    const range = (raw.split(';')[0] ?? '').trim().toLowerCase();
    return range === '*/*' || range === '*' || range === type || range === `${major}/*`;
  });
}

/** The file a file item points at: any when accept_media_types is absent, else the first it covers. */
export function fileFor(acceptMediaTypes: string | undefined): ServedFile | undefined {
  if (acceptMediaTypes === undefined || acceptMediaTypes.trim() === '') return FILES[0];
  return FILES.find((f) => mediaTypeAccepted(acceptMediaTypes, f.type));
}

function build(type: string, s: DeepLinkSettings, urls: ContentUrls): ContentItem | undefined {
  switch (type) {
    case T.ltiResourceLink:
      // Its own URL, so a later launch of the created link shows whether the platform used it (NT-P-43).
      return { type, url: createdLinkUrl(urls.targetLink), title: 'lti-conform activity', custom: { chapter: '1' } };
    case T.link:
      return { type, url: urls.targetLink, title: 'lti-conform link' };
    case T.html:
      return { type, html: '<p>lti-conform</p>' };
    case T.file: {
      const f = fileFor(s.accept_media_types);
      return f === undefined ? undefined : { type, url: `${urls.content}/${f.name}`, title: 'lti-conform file', mediaType: f.type };
    }
    case T.image:
      return { type, url: `${urls.content}/${IMAGE.name}`, title: 'lti-conform image' };
    default:
      return undefined;
  }
}

/** An LTI link first: with accept_multiple absent or false it is the one item the platform gets. */
const ORDER: readonly string[] = [T.ltiResourceLink, T.link, T.html, T.file, T.image];

/** One item per accepted type we know (a file only when a media type fits); one item unless accept_multiple is true. */
export function contentItemsFor(s: DeepLinkSettings, urls: ContentUrls): ContentItem[] {
  const items = ORDER.filter((t) => s.accept_types.includes(t))
    .map((t) => build(t, s, urls))
    .filter((i): i is ContentItem => i !== undefined);
  return s.accept_multiple === true ? items : items.slice(0, 1);
}

/** The body behind a content URL path (relative to DEEP_LINK_CONTENT_PATH), or undefined. */
export function servedContent(name: string): { type: string; body: string } | undefined {
  const f = FILES.find((x) => x.name === name);
  return f === undefined ? undefined : { type: f.type, body: f.body };
}
