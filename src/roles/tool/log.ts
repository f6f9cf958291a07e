// What the platform sent our tool, and a way to wait for the next matching entry without sleeping
// (a person or the platform decides when a launch happens).
import type { AuthResponseRecord, LoginInitiationRecord } from './records.js';

export type ToolRecordKind = 'initiation' | 'response';
export type ToolRecordOf<K extends ToolRecordKind> = K extends 'initiation' ? LoginInitiationRecord : AuthResponseRecord;

export interface ToolWaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Only records at this index or later (from marks()). */
  since?: number;
}

export interface ToolMarks {
  initiation: number;
  response: number;
}

interface Waiter {
  kind: ToolRecordKind;
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

export class ToolLog {
  readonly initiation: LoginInitiationRecord[] = [];
  readonly response: AuthResponseRecord[] = [];
  private readonly waiters = new Set<Waiter>();

  private list<K extends ToolRecordKind>(kind: K): ToolRecordOf<K>[] {
    return this[kind] as ToolRecordOf<K>[];
  }

  push<K extends ToolRecordKind>(kind: K, record: ToolRecordOf<K>): number {
    const index = this.list(kind).push(record) - 1;
    for (const w of [...this.waiters]) if (w.kind === kind && index >= w.since && w.match(record)) w.done(record);
    return index;
  }

  marks(): ToolMarks {
    return { initiation: this.initiation.length, response: this.response.length };
  }

  /** The first matching record at index `since` or later, now or later; undefined on timeout or abort. */
  waitFor<K extends ToolRecordKind>(kind: K, match: (r: ToolRecordOf<K>) => boolean, opts: ToolWaitOptions): Promise<ToolRecordOf<K> | undefined> {
    const since = Math.max(0, opts.since ?? 0);
    const found = this.list(kind).slice(since).find((r) => safeMatch(match, r));
    if (found !== undefined) return Promise.resolve(found);
    if (opts.signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const finish = (r: ToolRecordOf<K> | undefined): void => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
        resolve(r);
      };
      const onAbort = (): void => finish(undefined);
      const waiter: Waiter = { kind, since, match: (r) => safeMatch(match, r as ToolRecordOf<K>), done: (r) => finish(r as ToolRecordOf<K>) };
      const timer = setTimeout(() => finish(undefined), Math.max(0, opts.timeoutMs));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }
}
