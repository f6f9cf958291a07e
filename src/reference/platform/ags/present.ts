// How line items and results look on the wire: the id is the item's fully-qualified URL ([AGS] §3.2.3).
import { lineItemsPath, platformUrl, type PlatformContext } from '../context.js';
import type { LineItem } from '../store.js';

export function lineItemUrl(ctx: PlatformContext, item: LineItem): string {
  return platformUrl(ctx, `${lineItemsPath(item.contextId)}/${item.n}`);
}

export function presentLineItem(ctx: PlatformContext, item: LineItem): Record<string, unknown> {
  return { id: item.idOverride ?? lineItemUrl(ctx, item), ...item.fields };
}
