// The tool's key set (client assertions, deep linking responses): fetched with undici, cached, and
// refetched when a kid is unknown (the tool rotated its key), at most once per 5 s per kid.
import { request } from 'undici';
import type { JWK } from 'jose';
import { MEDIA_TYPE } from '../../lti/vocab.js';

const REFETCH_INTERVAL_MS = 5_000;
const FETCH_TIMEOUT_MS = 5_000;

export class ToolJwks {
  #keys: JWK[] | undefined;
  readonly #lastRefetch = new Map<string, number>();

  constructor(
    private readonly url: string,
    private readonly now: () => number,
  ) {}

  /** The key with this kid, or undefined (also when the key set cannot be fetched). */
  async find(kid: string): Promise<JWK | undefined> {
    const cached = this.#keys ?? (await this.fetch());
    const hit = cached?.find((k) => k.kid === kid);
    if (hit !== undefined) return hit;
    const last = this.#lastRefetch.get(kid);
    const now = this.now();
    if (cached !== undefined && last !== undefined && now - last < REFETCH_INTERVAL_MS) return undefined;
    if (this.#lastRefetch.size > 1_000) this.#lastRefetch.clear();
    this.#lastRefetch.set(kid, now);
    return (await this.fetch())?.find((k) => k.kid === kid);
  }

  private async fetch(): Promise<JWK[] | undefined> {
    try {
      const res = await request(this.url, {
        headers: { accept: MEDIA_TYPE.json },
        headersTimeout: FETCH_TIMEOUT_MS,
        bodyTimeout: FETCH_TIMEOUT_MS,
      });
      if (res.statusCode !== 200) {
        await res.body.dump();
        return this.#keys;
      }
      const keys = ((await res.body.json()) as { keys?: unknown } | null)?.keys;
      if (!Array.isArray(keys)) return this.#keys;
      this.#keys = keys.filter((k): k is JWK => typeof k === 'object' && k !== null);
      return this.#keys;
    } catch {
      return this.#keys;
    }
  }
}
