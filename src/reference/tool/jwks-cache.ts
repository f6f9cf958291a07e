// The platform's key set, fetched once and refetched when a kid is unknown (key rotation).
import { request } from 'undici';
import type { JWK } from 'jose';

const REFETCH_INTERVAL_MS = 5_000;
const FETCH_TIMEOUT_MS = 5_000;

export class JwksUnavailableError extends Error {}

export class JwksCache {
  #keys: JWK[] | undefined;
  // Throttle per kid: a probe with a bogus kid must not delay the refetch a genuinely rotated key needs.
  readonly #lastRefetch = new Map<string, number>();

  constructor(
    private readonly url: string,
    private readonly now: () => number,
    /** False only for the jwks-cached-forever flaw: a rotated key is then never learnt. */
    private readonly refetchOnMiss = true,
  ) {}

  /** The key with this kid; on a miss, refetches at most once per 5 s for that kid. */
  async find(kid: string): Promise<JWK | undefined> {
    const keys = this.#keys ?? (await this.fetch());
    const hit = keys.find((k) => k.kid === kid);
    if (hit !== undefined || !this.refetchOnMiss) return hit;
    const last = this.#lastRefetch.get(kid);
    const now = this.now();
    if (last !== undefined && now - last < REFETCH_INTERVAL_MS) return undefined;
    if (this.#lastRefetch.size > 1_000) this.#lastRefetch.clear();
    this.#lastRefetch.set(kid, now);
    return (await this.fetch()).find((k) => k.kid === kid);
  }

  /** The first key of the set (what a tool that does not select keys by kid would use). */
  async first(): Promise<JWK | undefined> {
    const keys = this.#keys ?? (await this.fetch());
    return keys[0];
  }

  private async fetch(): Promise<JWK[]> {
    let body: unknown;
    try {
      const res = await request(this.url, {
        headers: { accept: 'application/json' },
        headersTimeout: FETCH_TIMEOUT_MS,
        bodyTimeout: FETCH_TIMEOUT_MS,
      });
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new JwksUnavailableError(`platform JWKS answered ${res.statusCode}`);
      }
      body = await res.body.json();
    } catch (e) {
      if (e instanceof JwksUnavailableError) throw e;
      throw new JwksUnavailableError('platform JWKS could not be fetched');
    }
    const keys = (body as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) throw new JwksUnavailableError('platform JWKS has no keys array');
    this.#keys = keys.filter((k): k is JWK => typeof k === 'object' && k !== null);
    return this.#keys;
  }
}
