// The line item container and line items ([AGS] §3.2): list with filters and paging, create, read,
// update, delete. Items are isolated per course and per tool.
import { MEDIA_TYPE } from '../../../lti/vocab.js';
import type { Caller } from '../bearer.js';
import type { PlatformContext } from '../context.js';
import { jsonError, jsonReply, noContent, type Reply } from '../html.js';
import { readJsonObject, type ServiceRequest } from '../http.js';
import { paginate } from '../paging.js';
import type { LineItem } from '../store.js';
import { lineItemUrl, presentLineItem } from './present.js';
import { checkLineItem } from './validate.js';

const BODY_TYPES = [MEDIA_TYPE.lineItem, MEDIA_TYPE.json];

function itemReply(ctx: PlatformContext, status: number, item: LineItem, extra: Reply['headers'] = {}): Reply {
  return jsonReply(status, presentLineItem(ctx, item), MEDIA_TYPE.lineItem, extra);
}

export function listLineItems(ctx: PlatformContext, caller: Caller, contextId: string, url: URL): Reply {
  const { flaws } = ctx;
  const q = url.searchParams;
  const byLink = flaws.has('ags-ignores-resource-link-filter') ? null : q.get('resource_link_id');
  const byResource = q.get('resource_id');
  const byTag = q.get('tag');
  const items = ctx.store
    .lineItemsOf(caller.clientId, flaws.has('ags-context-leak') ? undefined : contextId)
    .filter(
      (i) =>
        (byLink === null || i.fields.resourceLinkId === byLink) &&
        (byResource === null || i.fields.resourceId === byResource) &&
        (byTag === null || i.fields.tag === byTag),
    );
  const paged = paginate(items, url, flaws.has('ags-container-no-next-link'));
  if (!paged.ok) return jsonError(400, 'invalid_request', paged.reason);
  const body = paged.items.map((i) => presentLineItem(ctx, i));
  const type = ctx.flaws.has('ags-container-wrong-media-type') ? MEDIA_TYPE.json : MEDIA_TYPE.lineItemContainer;
  return jsonReply(200, body, type, paged.link === undefined ? {} : { link: paged.link });
}

export async function createLineItem(ctx: PlatformContext, caller: Caller, contextId: string, req: ServiceRequest): Promise<Reply> {
  const { flaws } = ctx;
  const body = await readJsonObject(req, BODY_TYPES);
  if (!body.ok) return body.reply;
  const checked = checkLineItem(body.value, flaws.has('ags-accepts-blank-label'));
  if (!checked.ok) return jsonError(400, 'invalid_request', checked.reason);
  const fields = checked.value;
  // resourceLinkId must name a link of this course ([AGS] §3.2.9): anything else is "not found".
  const rlid = fields.resourceLinkId;
  if (typeof rlid === 'string' && ctx.store.links.get(rlid)?.contextId !== contextId && !flaws.has('ags-accepts-foreign-resource-link')) {
    return jsonError(404, 'not_found', 'resourceLinkId does not name a resource link of this context');
  }
  if (flaws.has('ags-create-alters-tag') && typeof fields.tag === 'string') fields.tag = `${fields.tag}-1`;
  const item = ctx.store.addLineItem({ contextId, clientId: caller.clientId, fields });
  const status = flaws.has('ags-create-returns-200') ? 200 : 201;
  return itemReply(ctx, status, item, { location: lineItemUrl(ctx, item) });
}

export function getLineItem(ctx: PlatformContext, item: LineItem): Reply {
  return itemReply(ctx, 200, item);
}

/** PUT replaces the item, but never its id or resourceLinkId ([AGS] §3.2.6); answers what was applied. */
export async function putLineItem(ctx: PlatformContext, item: LineItem, req: ServiceRequest): Promise<Reply> {
  const body = await readJsonObject(req, BODY_TYPES);
  if (!body.ok) return body.reply;
  const checked = checkLineItem(body.value, ctx.flaws.has('ags-accepts-blank-label'));
  if (!checked.ok) return jsonError(400, 'invalid_request', checked.reason);
  const fields = checked.value;
  if (ctx.flaws.has('ags-put-changes-id')) {
    if (typeof body.value.id === 'string') item.idOverride = body.value.id;
  } else {
    delete fields.resourceLinkId;
    if (item.fields.resourceLinkId !== undefined) fields.resourceLinkId = item.fields.resourceLinkId;
  }
  item.fields = fields;
  return itemReply(ctx, 200, item);
}

export function deleteLineItem(ctx: PlatformContext, item: LineItem): Reply {
  if (!ctx.flaws.has('ags-delete-keeps-item')) ctx.store.deleteLineItem(item.n);
  return noContent();
}
