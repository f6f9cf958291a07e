import { CONTENT_ITEM_TYPE } from '../lti/vocab.js';
import { bool, int, isoDateTime, positive, str, url, type JsonSchema } from './common.js';

// Deep Linking 2.0 content items, one schema per type ([DL] §3.1-3.5). All are open to extension
// properties (§3.6); a type 1EdTech does not define is not validated here (§3.7, judged by a check).

type ItemType = (typeof CONTENT_ITEM_TYPE)[keyof typeof CONTENT_ITEM_TYPE];

const image = (spec: string): JsonSchema => ({
  type: 'object',
  'x-spec': spec,
  required: ['url'],
  properties: { url: url(spec), width: int(spec), height: int(spec) },
});

const windowTarget = (spec: string): JsonSchema => ({
  type: 'object',
  'x-spec': spec,
  properties: { targetName: str(spec), width: int(spec), height: int(spec), windowFeatures: str(spec) },
});

const period = (spec: string): JsonSchema => ({
  type: 'object',
  'x-spec': spec,
  properties: { startDateTime: isoDateTime(spec), endDateTime: isoDateTime(spec) },
});

const item = (type: ItemType, spec: string, required: string[], properties: Record<string, JsonSchema>): JsonSchema => ({
  $id: `urn:lti-conform:schema:content-item:${type}`,
  type: 'object',
  'x-spec': spec,
  required: ['type', ...required],
  properties: {
    type: { type: 'string', const: type, 'x-spec': spec },
    title: str(spec),
    text: str(spec),
    ...properties,
  },
});

export const linkItemSchema = item(CONTENT_ITEM_TYPE.link, 'DL §3.1', ['url'], {
  url: url('DL §3.1'),
  icon: image('DL §3.1'),
  thumbnail: image('DL §3.1'),
  embed: { type: 'object', 'x-spec': 'DL §3.1', required: ['html'], properties: { html: str('DL §3.1') } },
  window: windowTarget('DL §3.1'),
  iframe: {
    type: 'object',
    'x-spec': 'DL §3.1',
    required: ['src'],
    properties: { src: url('DL §3.1'), width: int('DL §3.1'), height: int('DL §3.1') },
  },
});

export const ltiResourceLinkItemSchema = item(CONTENT_ITEM_TYPE.ltiResourceLink, 'DL §3.2', [], {
  url: url('DL §3.2'),
  icon: image('DL §3.2'),
  thumbnail: image('DL §3.2'),
  window: windowTarget('DL §3.2'),
  iframe: { type: 'object', 'x-spec': 'DL §3.2', properties: { width: int('DL §3.2'), height: int('DL §3.2') } },
  custom: { type: 'object', 'x-spec': 'DL §3.2', additionalProperties: { type: 'string', 'x-spec': 'DL §3.2' } },
  lineItem: {
    type: 'object',
    'x-spec': 'DL §3.2',
    required: ['scoreMaximum'],
    properties: {
      scoreMaximum: positive('DL §3.2'),
      label: str('DL §3.2'),
      resourceId: str('DL §3.2'),
      tag: str('DL §3.2'),
      gradesReleased: bool('DL §3.2'),
    },
  },
  available: period('DL §3.2'),
  submission: period('DL §3.2'),
});

export const fileItemSchema = item(CONTENT_ITEM_TYPE.file, 'DL §3.3', ['url'], {
  url: url('DL §3.3'),
  icon: image('DL §3.3'),
  thumbnail: image('DL §3.3'),
  expiresAt: isoDateTime('DL §3.3'),
  mediaType: str('DL App. B'),
});

export const htmlItemSchema = item(CONTENT_ITEM_TYPE.html, 'DL §3.4', ['html'], {
  html: str('DL §3.4'),
});

export const imageItemSchema = item(CONTENT_ITEM_TYPE.image, 'DL §3.5', ['url'], {
  url: url('DL §3.5'),
  icon: image('DL §3.5'),
  thumbnail: image('DL §3.5'),
  width: int('DL §3.5'),
  height: int('DL §3.5'),
});

/** What every item needs before its type can be known ([DL] §3, §3.7). */
export const anyItemSchema: JsonSchema = {
  $id: 'urn:lti-conform:schema:content-item',
  type: 'object',
  'x-spec': 'DL §3.7',
  required: ['type'],
  properties: { type: { type: 'string', minLength: 1, 'x-spec': 'DL §3.7' } },
};

export const CONTENT_ITEM_SCHEMAS: Record<ItemType, JsonSchema> = {
  [CONTENT_ITEM_TYPE.link]: linkItemSchema,
  [CONTENT_ITEM_TYPE.ltiResourceLink]: ltiResourceLinkItemSchema,
  [CONTENT_ITEM_TYPE.file]: fileItemSchema,
  [CONTENT_ITEM_TYPE.html]: htmlItemSchema,
  [CONTENT_ITEM_TYPE.image]: imageItemSchema,
};

export function isKnownItemType(type: unknown): type is ItemType {
  return typeof type === 'string' && Object.hasOwn(CONTENT_ITEM_SCHEMAS, type);
}
