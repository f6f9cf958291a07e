import { fail, pass, type Verdict } from '../../core/check.js';
import { CLAIM, CONTENT_ITEM_TYPE, DOCUMENT_TARGET } from '../../lti/vocab.js';
import { isKnownItemType, validateContentItem } from '../../schemas/index.js';
import { rule } from '../../spec/rules.js';
import { parseUrl, rangeCovers } from '../service/http.js';
import { jwtCheck, type DeepLinkJwt, type DeepLinkResponseInput } from './input.js';

// The content_items claim ([DL] §4.5.6) and its items ([DL] §3), judged against the request settings.

type Item = Record<string, unknown>;

/** The items when the claim is absent (none) or an array; undefined when it is something else. */
function itemsOf(jwt: DeepLinkJwt): unknown[] | undefined {
  const v = jwt.payload[CLAIM.dlContentItems];
  return v === undefined ? [] : Array.isArray(v) ? v : undefined;
}

const objects = (items: unknown[]): [number, Item][] =>
  items.flatMap((it, i): [number, Item][] => (it !== null && typeof it === 'object' && !Array.isArray(it) ? [[i, it as Item]] : []));

/** Runs `judge` on the items; a claim that is not an array is the array check's finding, not this one's. */
const onItems = (judge: (items: unknown[], input: DeepLinkResponseInput) => Verdict) => (jwt: DeepLinkJwt, input: DeepLinkResponseInput): Verdict => {
  const items = itemsOf(jwt);
  return items ? judge(items, input) : pass('content_items is not an array (see deep-link-response.content-items.array)');
};

export const dlItemsArray = jwtCheck(
  'deep-link-response.content-items.array',
  'content_items, when present, is an array',
  [rule('LTI-DLI-001')],
  (jwt) => (itemsOf(jwt) ? pass() : fail('content_items is not a JSON array', 'an array (possibly empty) or no claim', jwt.payload[CLAIM.dlContentItems])),
);

export const dlItemsSchema = jwtCheck(
  'deep-link-response.content-items.schema-valid',
  'every content item has a type and the properties its type requires, correctly typed',
  [rule('LTI-DLI-001'), rule('LTI-DLI-002')],
  onItems((items) => {
    const errors = items.flatMap((it, i) => {
      const v = validateContentItem(it);
      return v.ok ? [] : v.errors.map((e) => `content_items[${i}]${e}`);
    });
    return errors.length === 0 ? pass() : fail(`${errors.length} problem(s): ${errors.join('; ')}`, 'items valid per Deep Linking 2.0 §3', errors);
  }),
);

/** A fully-qualified URL, as a type 1EdTech does not define must be ([DL] §3.7). */
const isUrl = (s: string): boolean => {
  const u = parseUrl(s);
  return u !== undefined && (u.protocol === 'https:' || u.protocol === 'http:');
};

export const dlItemsTypeKnown = jwtCheck(
  'deep-link-response.content-items.type-known',
  'each item type is one 1EdTech defines or a fully-qualified URL',
  [rule('LTI-DLI-005')],
  onItems((items) => {
    const odd = objects(items).filter(([, it]) => typeof it.type === 'string' && !isKnownItemType(it.type) && !isUrl(it.type));
    return odd.length === 0
      ? pass()
      : fail(`item type(s) neither defined by Deep Linking 2.0 nor URL-named: ${odd.map(([i, it]) => `[${i}] ${String(it.type)}`).join(', ')}`, Object.values(CONTENT_ITEM_TYPE), odd.map(([, it]) => it.type));
  }),
);

export const dlItemsAcceptedTypes = jwtCheck(
  'deep-link-response.content-items.accepted-types',
  'every item type is among accept_types',
  [rule('LTI-DLR-013')],
  onItems((items, { request }) => {
    const accepted = request.settings.accept_types;
    const off = objects(items).filter(([, it]) => typeof it.type === 'string' && !accepted.includes(it.type));
    return off.length === 0 ? pass() : fail(`item type(s) the platform did not ask for: ${off.map(([i, it]) => `[${i}] ${String(it.type)}`).join(', ')}`, accepted, off.map(([, it]) => it.type));
  }),
);

export const dlItemsMultiple = jwtCheck(
  'deep-link-response.content-items.multiple-allowed',
  'at most one item unless accept_multiple is true',
  [rule('LTI-DLR-013')],
  onItems((items, { request }) => {
    if (request.settings.accept_multiple === true || items.length <= 1) return pass();
    return fail(`${items.length} items returned although accept_multiple is ${request.settings.accept_multiple === undefined ? 'absent' : 'false'}`, 'at most 1 item', items.length);
  }),
);

const PRESENTATION: readonly string[] = Object.values(DOCUMENT_TARGET);

export const dlItemsTargets = jwtCheck(
  'deep-link-response.content-items.presentation-targets',
  'window, iframe and embed presentations are offered only where accept_presentation_document_targets allows',
  [rule('LTI-DLR-013')],
  onItems((items, { request }) => {
    const accepted = request.settings.accept_presentation_document_targets;
    const off = objects(items).flatMap(([i, it]) => PRESENTATION.filter((t) => it[t] !== undefined && !accepted.includes(t)).map((t) => `[${i}] ${t}`));
    return off.length === 0 ? pass() : fail(`presentation(s) the platform did not accept: ${off.join(', ')}`, accepted, off);
  }),
);

export const dlItemsMediaTypes = jwtCheck(
  'deep-link-response.content-items.media-types',
  'file items have a media type within accept_media_types',
  [rule('LTI-DLR-013')],
  onItems((items, { request }) => {
    const accept = request.settings.accept_media_types;
    if (accept === undefined) return pass('the request set no accept_media_types');
    const ranges = accept.split(',').map((r) => r.split(';')[0]?.trim() ?? '').filter((r) => r.length > 0);
    const off = objects(items)
      .filter(([, it]) => it.type === CONTENT_ITEM_TYPE.file && typeof it.mediaType === 'string')
      .filter(([, it]) => !ranges.some((r) => rangeCovers(r, it.mediaType as string)));
    return off.length === 0 ? pass() : fail(`file item media type(s) outside accept_media_types: ${off.map(([i, it]) => `[${i}] ${String(it.mediaType)}`).join(', ')}`, accept, off.map(([, it]) => it.mediaType));
  }),
);

/** Checks on content_items (judge them when a JWT was decoded). */
export const DEEP_LINK_CONTENT_ITEM_CHECKS = [
  dlItemsArray, dlItemsSchema, dlItemsTypeKnown, dlItemsAcceptedTypes, dlItemsMultiple, dlItemsTargets, dlItemsMediaTypes,
] as const;
