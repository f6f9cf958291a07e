// In-memory state on the injected clock: sessions, issued tokens, seen jtis and nonces, deep linking
// launches, resource links, line items and scores.
import { TtlStore } from '../shared/ttl-store.js';
import { COURSES, defaultLinkId } from './data.js';

export { randomToken, TtlStore } from '../shared/ttl-store.js';



export interface Session {
  userId: string;
}

export interface AccessToken {
  clientId: string;
  scopes: ReadonlySet<string>;
}

/** What a deep linking request was sent for; keyed by its opaque `data` value. */
export interface DeepLinkingLaunch {
  sessionId: string;
  contextId: string;
  userId: string;
}

export interface ResourceLink {
  id: string;
  contextId: string;
  title: string;
  /** Launch target (from a deep linking item); absent = the tool's registered target_link_uri. */
  url?: string;
  custom: Record<string, string>;
}

export interface LineItem {
  n: number;
  contextId: string;
  clientId: string;
  /** Everything of the line item but its id. */
  fields: Record<string, unknown>;
  /** Only set by the ags-put-changes-id flaw: the id a PUT claimed. */
  idOverride?: string;
}

export interface StoredScore {
  /** Milliseconds of the score's timestamp, for ordering. */
  at: number;
  score: Record<string, unknown>;
}

const SESSION_TTL_MS = 60 * 60_000;
const DL_LAUNCH_TTL_MS = 60 * 60_000;

export class PlatformStore {
  readonly sessions: TtlStore<Session>;
  readonly accessTokens: TtlStore<AccessToken>;
  /** jti values of accepted client assertions (replay guard). */
  readonly assertionJtis: TtlStore<true>;
  /** nonce values of accepted deep linking responses (replay guard). */
  readonly deepLinkNonces: TtlStore<true>;
  readonly deepLinkLaunches: TtlStore<DeepLinkingLaunch>;
  readonly links = new Map<string, ResourceLink>();
  readonly lineItems = new Map<number, LineItem>();
  /** Line item number -> user id -> latest accepted score. */
  readonly scores = new Map<number, Map<string, StoredScore>>();
  #nextLineItem = 1;
  #nextLink = 1;

  constructor(now: () => number) {
    this.sessions = new TtlStore(now, SESSION_TTL_MS);
    this.accessTokens = new TtlStore(now, 3_600_000);
    this.assertionJtis = new TtlStore(now, 3_600_000, 100_000);
    this.deepLinkNonces = new TtlStore(now, 3_600_000, 100_000);
    this.deepLinkLaunches = new TtlStore(now, DL_LAUNCH_TTL_MS);
    for (const c of COURSES) {
      const id = defaultLinkId(c.id);
      this.links.set(id, { id, contextId: c.id, title: `${c.label} activity`, custom: { unit: 'intro' } });
    }
  }

  addLink(link: Omit<ResourceLink, 'id'>): ResourceLink {
    const stored = { ...link, id: `ref-link-${link.contextId}-dl-${this.#nextLink++}` };
    this.links.set(stored.id, stored);
    return stored;
  }

  /** The most recently created link of a course (the default link when none was created). */
  latestLink(contextId: string): ResourceLink | undefined {
    let latest: ResourceLink | undefined;
    for (const l of this.links.values()) if (l.contextId === contextId) latest = l;
    return latest;
  }

  addLineItem(item: Omit<LineItem, 'n'>): LineItem {
    const stored = { ...item, n: this.#nextLineItem++ };
    this.lineItems.set(stored.n, stored);
    return stored;
  }

  deleteLineItem(n: number): void {
    this.lineItems.delete(n);
    this.scores.delete(n);
  }

  /** Line items of one tool in one course, in creation order. */
  lineItemsOf(clientId: string, contextId: string | undefined): LineItem[] {
    return [...this.lineItems.values()].filter(
      (i) => i.clientId === clientId && (contextId === undefined || i.contextId === contextId),
    );
  }

  scoresOf(n: number): Map<string, StoredScore> {
    let m = this.scores.get(n);
    if (m === undefined) this.scores.set(n, (m = new Map()));
    return m;
  }
}
