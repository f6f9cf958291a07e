// Small in-memory stores with expiry on the injected clock, shared by the reference tool and platform
// (they are targets: they share nothing with the judge, but may share plumbing with each other).
import { randomBytes } from 'node:crypto';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export class TtlStore<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** Stores `value`; `expiresAt` overrides the default lifetime (ms on the injected clock). */
  set(key: string, value: V, expiresAt = this.now() + this.ttlMs): void {
    this.sweep();
    this.#entries.set(key, { value, expiresAt });
  }

  get(key: string): V | undefined {
    const e = this.#entries.get(key);
    if (e === undefined) return undefined;
    if (e.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  // Expired entries go first; if a flood still fills the store, the oldest go, so memory stays bounded.
  private sweep(): void {
    const now = this.now();
    for (const [k, e] of this.#entries) if (e.expiresAt <= now) this.#entries.delete(k);
    while (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }
}
