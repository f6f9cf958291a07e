// The raw record of what the tool sent our services, and a way to wait for the next matching entry
// without sleeping (scenarios wait on the tool, whose timing we do not control).
import type { DeepLinkReturnRecord, ServiceCallRecord, TokenRequestRecord } from './records.js';

export type RecordKind = 'token' | 'call' | 'deepLinkReturn';
export type RecordOf<K extends RecordKind> = K extends 'token' ? TokenRequestRecord : K extends 'call' ? ServiceCallRecord : DeepLinkReturnRecord;

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Only records at this index or later (from marks()). */
  since?: number;
}

interface Waiter {
  kind: RecordKind;
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

export class ServiceLog {
  readonly token: TokenRequestRecord[] = [];
  readonly call: ServiceCallRecord[] = [];
  readonly deepLinkReturn: DeepLinkReturnRecord[] = [];
  private readonly waiters = new Set<Waiter>();

  private list<K extends RecordKind>(kind: K): RecordOf<K>[] {
    return this[kind] as RecordOf<K>[];
  }

  /** Appends a finished record (status known) and wakes the waiters it satisfies; returns its index. */
  push<K extends RecordKind>(kind: K, record: RecordOf<K>): number {
    const list = this.list(kind);
    const index = list.push(record) - 1;
    for (const w of [...this.waiters]) if (w.kind === kind && index >= w.since && w.match(record)) w.done(record);
    return index;
  }

  marks(): { token: number; call: number; deepLinkReturn: number } {
    return { token: this.token.length, call: this.call.length, deepLinkReturn: this.deepLinkReturn.length };
  }

  waitFor<K extends RecordKind>(kind: K, match: (r: RecordOf<K>) => boolean, opts: WaitOptions): Promise<RecordOf<K> | undefined> {
    const since = Math.max(0, opts.since ?? 0);
    const found = this.list(kind).slice(since).find((r) => safeMatch(match, r));
    if (found !== undefined) return Promise.resolve(found);
    if (opts.signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const finish = (r: RecordOf<K> | undefined): void => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
        resolve(r);
      };
      const onAbort = (): void => finish(undefined);
      const waiter: Waiter = { kind, since, match: (r) => safeMatch(match, r as RecordOf<K>), done: (r) => finish(r as RecordOf<K>) };
      const timer = setTimeout(() => finish(undefined), Math.max(0, opts.timeoutMs));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }
}
