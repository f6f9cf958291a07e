// What a target sent one of our servers, by kind, and a way to wait for the next matching entry without
// sleeping: scenarios wait on the target (or a person), whose timing we do not control.

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Only records at this index or later (from marks()). */
  since?: number;
}

interface Waiter {
  kind: PropertyKey;
  since: number;
  match(r: unknown): boolean;
  done(r: unknown): void;
}

function safeMatch<T>(match: (r: T) => boolean, r: T): boolean {
  try {
    return match(r);
  } catch {
    return false;
  }
}

/** `M` maps each kind of record to its type, e.g. { token: TokenRequestRecord; call: ServiceCallRecord }. */
export class RecordLog<M> {
  private readonly lists = new Map<keyof M, unknown[]>();
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly kinds: readonly (keyof M)[]) {
    for (const k of kinds) this.lists.set(k, []);
  }

  list<K extends keyof M>(kind: K): M[K][] {
    return this.lists.get(kind) as M[K][];
  }

  /** Appends a finished record and wakes the waiters it satisfies; returns its index. */
  push<K extends keyof M>(kind: K, record: M[K]): number {
    const index = this.list(kind).push(record) - 1;
    for (const w of [...this.waiters]) if (w.kind === kind && index >= w.since && w.match(record)) w.done(record);
    return index;
  }

  marks(): { [K in keyof M]: number } {
    return Object.fromEntries(this.kinds.map((k) => [k, this.list(k).length])) as { [K in keyof M]: number };
  }

  /** The first matching record at index `since` or later, now or later; undefined on timeout or abort. */
  waitFor<K extends keyof M>(kind: K, match: (r: M[K]) => boolean, opts: WaitOptions): Promise<M[K] | undefined> {
    const since = Math.max(0, opts.since ?? 0);
    const found = this.list(kind).slice(since).find((r) => safeMatch(match, r));
    if (found !== undefined) return Promise.resolve(found);
    if (opts.signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const finish = (r: M[K] | undefined): void => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
        resolve(r);
      };
      const onAbort = (): void => finish(undefined);
      const waiter: Waiter = { kind, since, match: (r) => safeMatch(match, r as M[K]), done: (r) => finish(r as M[K]) };
      const timer = setTimeout(() => finish(undefined), Math.max(0, opts.timeoutMs));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }
}
