import type { ToolTestEnv } from '../../../src/actions/platform/env.js';
import { LINE_ITEM_POST_CHECKS, LINE_ITEMS_GET_CHECKS, LINE_ITEMS_PAGING_CHECKS, RESULTS_GET_CHECKS, SCORE_POST_CHECKS } from '../../../src/checks/ags/index.js';
import { TOKEN_REQUEST_ALL_CHECKS } from '../../../src/checks/client-assertion/index.js';
import { MEMBERSHIPS_GET_CHECKS, MEMBERSHIPS_PAGING_CHECKS } from '../../../src/checks/nrps/index.js';
import { SERVICE_CALL_CHECKS } from '../../../src/checks/service/index.js';
import type { ScenarioContext } from '../../../src/core/scenario.js';
import { SCOPE } from '../../../src/lti/vocab.js';
import { PATHS } from '../../../src/roles/platform/emulator.js';
import type { ServiceCallRecord, ServiceOperation, TokenRequestRecord } from '../../../src/roles/platform/services/records.js';

type Ctx = ScenarioContext<ToolTestEnv>;

/** Where the service logs stood when a scenario step began; everything after it is judged. */
export interface TrafficMark {
  token: number;
  call: number;
  nextLinks: number;
}

export function markTraffic(env: ToolTestEnv): TrafficMark {
  const m = env.emulator.services.marks();
  return { token: m.token, call: m.call, nextLinks: env.emulator.services.data.nextLinks.length };
}

const REQUIRED_SCOPE: Partial<Record<ServiceOperation, string>> = {
  'lineitems.get': SCOPE.lineItemReadOnly, 'lineitem.get': SCOPE.lineItemReadOnly, 'lineitems.post': SCOPE.lineItem,
  'lineitem.put': SCOPE.lineItem, 'lineitem.delete': SCOPE.lineItem, 'scores.post': SCOPE.score, 'results.get': SCOPE.resultReadOnly,
  'memberships.get': SCOPE.nrps,
};

/** jti values of the tool's earlier assertions still unexpired when this one was made. */
function earlierJtis(all: readonly TokenRequestRecord[], index: number): string[] {
  const iat = Number(all[index]?.assertion?.payload.iat ?? 0);
  return all.slice(0, index).flatMap((r) => {
    const p = r.assertion?.payload;
    return p && typeof p.jti === 'string' && Number(p.exp ?? 0) >= iat ? [p.jti] : [];
  });
}

function scoreTimestampsBefore(all: readonly ServiceCallRecord[], call: ServiceCallRecord): string[] {
  const userOf = (c: ServiceCallRecord): unknown => { try { return (JSON.parse(c.body) as { userId?: unknown }).userId; } catch { return undefined; } };
  const tsOf = (c: ServiceCallRecord): unknown => { try { return (JSON.parse(c.body) as { timestamp?: unknown }).timestamp; } catch { return undefined; } };
  return all
    .filter((c) => c !== call && c.at <= call.at && all.indexOf(c) < all.indexOf(call) && c.operation === 'scores.post' && c.lineItemId === call.lineItemId && c.status < 300 && userOf(c) === userOf(call))
    .map(tsOf).filter((t): t is string => typeof t === 'string');
}

export interface LaunchFacts {
  sub: string;
  lineItem: string;
}

/**
 * Judges every token request and every AGS/NRPS call the tool made since `mark`, each by the checks of
 * its kind: service scenarios call it after their trigger, launches after the launch (calls a tool makes
 * on its own are judged too).
 */
export function judgeTraffic(ctx: Ctx, mark: TrafficMark, launch: LaunchFacts): void {
  const s = ctx.env.emulator.services;
  const now = ctx.env.now();
  const tokens = s.tokenRequests;
  for (let i = mark.token; i < tokens.length; i++) {
    const record = tokens[i]!;
    const input = { record, clientId: ctx.env.tool.clientId, tokenUrl: ctx.env.emulator.url(PATHS.token), issuer: ctx.env.emulator.issuer, offeredScopes: s.offeredScopes, now, earlierJtis: earlierJtis(tokens, i) };
    for (const check of TOKEN_REQUEST_ALL_CHECKS) ctx.judge(check, input, { evidence: [record.exchangeId] });
  }
  const calls = s.calls.slice(mark.call);
  for (const call of calls) {
    const ev = { evidence: [call.exchangeId] };
    const requiredScope = REQUIRED_SCOPE[call.operation];
    if (requiredScope) for (const check of SERVICE_CALL_CHECKS) ctx.judge(check, { call, requiredScope }, ev);
    if (call.operation === 'scores.post') for (const check of SCORE_POST_CHECKS) ctx.judge(check, { call, lineItemUrl: launch.lineItem, launchSub: launch.sub, earlierTimestamps: scoreTimestampsBefore(s.calls, call) }, ev);
    if (call.operation === 'lineitems.post') for (const check of LINE_ITEM_POST_CHECKS) ctx.judge(check, { call }, ev);
    if (call.operation === 'lineitems.get') for (const check of LINE_ITEMS_GET_CHECKS) ctx.judge(check, { call }, ev);
    if (call.operation === 'results.get') for (const check of RESULTS_GET_CHECKS) ctx.judge(check, { call, lineItemUrl: launch.lineItem }, ev);
    if (call.operation === 'memberships.get') for (const check of MEMBERSHIPS_GET_CHECKS) ctx.judge(check, { call }, ev);
  }
  const links = s.data.nextLinks.slice(mark.nextLinks);
  const paged = (op: ServiceOperation, path: string) => ({ calls: calls.filter((c) => c.operation === op), issuedNextLinks: links.filter((l) => new URL(l).pathname.startsWith(path)) });
  const lineItemReads = paged('lineitems.get', '/ags/');
  if (lineItemReads.calls.length > 0) for (const check of LINE_ITEMS_PAGING_CHECKS) ctx.judge(check, lineItemReads, { evidence: lineItemReads.calls.map((c) => c.exchangeId) });
  const rosterReads = paged('memberships.get', '/nrps/');
  if (rosterReads.calls.length > 0) for (const check of MEMBERSHIPS_PAGING_CHECKS) ctx.judge(check, rosterReads, { evidence: rosterReads.calls.map((c) => c.exchangeId) });
}

export const describeCall = (c: ServiceCallRecord): string => `${c.method} ${new URL(c.url).pathname} -> ${c.status}`;
