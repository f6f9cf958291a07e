// The platform services the emulator offers the tool under test: token endpoint, AGS, NRPS and the
// deep-linking return URL. They answer as a careful platform would and log everything raw; judging
// what the tool sent is the checks' job.
import { SCOPE } from '../../../lti/vocab.js';
import type { Route } from '../../inbound-server.js';
import { AgsService } from './ags.js';
import { ToolKeys } from './assertion.js';
import type { ServiceDeps } from './calls.js';
import { Contexts } from './contexts.js';
import { deepLinkReturn } from './deep-link.js';
import { NrpsService } from './nrps.js';
import { Pager } from './paging.js';
import { lineItemsUrl, lineItemUrl, membershipsUrl, SERVICE_PATHS } from './paths.js';
import type { DeepLinkReturnRecord, ServiceCallRecord, TokenRequestRecord } from './records.js';
import { ServiceLog, type RecordKind, type RecordOf } from './service-log.js';
import { TokenEndpoint } from './token.js';
import { TokenStore } from './token-store.js';

export type { RecordKind, RecordOf } from './service-log.js';
export { SERVICE_PATHS } from './paths.js';

export interface PlatformServicesOptions {
  /** Emulator base URL, known after listen (e.g. http://127.0.0.1:9400). */
  base(): string;
  tool(): { clientId: string; deploymentId: string; jwksUrl?: string };
  /** ms clock. */
  now?(): number;
  /** Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Defaults 2 and 3: tiny, so paging is exercised. */
  pageSize?: { lineItems?: number; members?: number };
}

/** The line item and results a check may look at, by line item id. */
export interface GradebookView {
  lineItemIds(contextId: string): string[];
  /** Every next-page URL we issued. */
  nextLinks: string[];
  memberIds(contextId: string): string[];
  /** Stored results of a line item (by its id URL), as the results service would list them. */
  results(contextId: string, lineItemId: string): { userId: string; resultScore?: number; resultMaximum: number; comment?: string }[];
}

export class PlatformServices {
  readonly offeredScopes: string[] = [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.nrps];
  readonly data: GradebookView;
  private readonly log = new ServiceLog();
  private readonly tokens: TokenStore;
  private readonly contexts = new Contexts();
  private readonly pager = new Pager();
  private readonly tokenEndpoint: TokenEndpoint;
  private readonly ags: AgsService;
  private readonly nrps: NrpsService;
  private readonly now: () => number;

  constructor(private readonly opts: PlatformServicesOptions) {
    this.now = opts.now ? () => opts.now!() : () => Date.now();
    this.tokens = new TokenStore(this.now);
    const base = (): string => opts.base();
    this.tokenEndpoint = new TokenEndpoint({
      base, tokenUrl: () => `${base()}${SERVICE_PATHS.token}`, tool: () => opts.tool(), now: this.now,
      lifetimeSeconds: opts.tokenLifetimeSeconds ?? 3600, offeredScopes: this.offeredScopes, tokens: this.tokens, keys: new ToolKeys(), log: this.log,
    });
    const deps: ServiceDeps = {
      base, now: this.now, tokens: this.tokens, contexts: this.contexts, pager: this.pager, log: this.log,
      pageSize: { lineItems: opts.pageSize?.lineItems ?? 2, members: opts.pageSize?.members ?? 3 },
    };
    this.ags = new AgsService(deps);
    this.nrps = new NrpsService(deps);
    this.data = this.view();
  }

  get tokenRequests(): TokenRequestRecord[] {
    return this.log.token;
  }

  get calls(): ServiceCallRecord[] {
    return this.log.call;
  }

  get deepLinkReturns(): DeepLinkReturnRecord[] {
    return this.log.deepLinkReturn;
  }

  routes(): Route[] {
    return [
      { method: '*', path: SERVICE_PATHS.token, handle: (r) => this.tokenEndpoint.handle(r) },
      { method: '*', path: SERVICE_PATHS.deepLinkReturn, handle: (r) => deepLinkReturn(r, this.log, this.now()) },
      { method: '*', path: `${SERVICE_PATHS.ags}/*`, handle: (r) => this.ags.handle(r) },
      { method: '*', path: `${SERVICE_PATHS.nrps}/*`, handle: (r) => this.nrps.handle(r) },
    ];
  }

  /** Resolves with the first record (logged at index `since` or later, now or later) that matches; undefined on timeout or abort. */
  waitFor<K extends RecordKind>(kind: K, match: (r: RecordOf<K>) => boolean, opts: { timeoutMs: number; signal?: AbortSignal; since?: number }): Promise<RecordOf<K> | undefined> {
    return this.log.waitFor(kind, match, opts);
  }

  marks(): { token: number; call: number; deepLinkReturn: number } {
    return this.log.marks();
  }

  /** URLs for the launch claims; the context (and the link's line item) exists from now on. */
  urls(contextId: string, resourceLinkId: string): { lineItems: string; lineItem: string; memberships: string; deepLinkReturn: string; token: string } {
    const row = this.contexts.ensure(contextId, resourceLinkId).gradebook.bind(resourceLinkId);
    const base = this.opts.base();
    return {
      lineItems: lineItemsUrl(base, contextId),
      lineItem: lineItemUrl(base, contextId, row.n),
      memberships: membershipsUrl(base, contextId),
      deepLinkReturn: `${base}${SERVICE_PATHS.deepLinkReturn}`,
      token: `${base}${SERVICE_PATHS.token}`,
    };
  }

  /** Makes every issued token expired now (NT-T-46: the tool must fetch a new one). */
  expireTokens(): void {
    this.tokens.expireAll();
  }

  private view(): GradebookView {
    const base = (): string => this.opts.base();
    const contexts = this.contexts;
    return {
      lineItemIds: (c) => contexts.get(c)?.gradebook.list().map((r) => lineItemUrl(base(), c, r.n)) ?? [],
      nextLinks: this.pager.nextLinks,
      memberIds: (c) => contexts.get(c)?.members.map((m) => m.user_id) ?? [],
      results: (c, id) => {
        const row = contexts.get(c)?.gradebook.list().find((r) => lineItemUrl(base(), c, r.n) === id);
        return row ? [...row.results.values()].map(({ timestampMs: _t, scoringUserId: _s, ...r }) => r) : [];
      },
    };
  }
}
