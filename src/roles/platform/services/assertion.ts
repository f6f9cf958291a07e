// Decoding and verifying the tool's client assertion against the tool's published JWKS. Decoding never
// throws: a malformed assertion is a finding for the judge, not a crash.
import { compactVerify, importJWK, type JWK } from 'jose';
import { request } from 'undici';
import type { DecodedAssertion } from './records.js';

const FETCH_TIMEOUT_MS = 5_000;

function part(segment: string | undefined): Record<string, unknown> | undefined {
  if (!segment) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Header and payload of a compact JWS; undefined when it is not one (never throws). */
export function decodeJws(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const parts = jwt.split('.');
  const header = part(parts[0]);
  const payload = part(parts[1]);
  return parts.length === 3 && header && payload ? { header, payload } : undefined;
}

class JwksUnavailable extends Error {}

/** The tool's keys, cached per JWKS URL; an unknown kid refetches once (the tool may have rotated). */
export class ToolKeys {
  private readonly cache = new Map<string, JWK[]>();

  /** Undefined when the assertion does not decode as a JWT (the record then keeps only the raw text). */
  async verify(jwt: string, jwksUrl: string | undefined): Promise<DecodedAssertion | undefined> {
    const decoded = decodeJws(jwt);
    if (!decoded) return undefined;
    const { header, payload } = decoded;
    const base = { header, payload, signatureValid: false, kidFound: false };
    if (!jwksUrl) return { ...base, verifyError: 'the tool has no jwksUrl registered (target.jwksUrl): signature not verified' };
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    let found: { jwk: JWK | undefined; kidFound: boolean };
    try {
      found = await this.find(jwksUrl, kid);
    } catch (e) {
      return { ...base, verifyError: (e as Error).message };
    }
    if (!found.jwk) {
      return { ...base, verifyError: kid === undefined ? 'no kid in the header and the tool JWKS has more than one key' : `kid "${kid}" is not in the tool JWKS` };
    }
    try {
      const key = await importJWK(found.jwk, 'RS256');
      await compactVerify(jwt, key, { algorithms: ['RS256'] });
      return { ...base, kidFound: found.kidFound, signatureValid: true };
    } catch (e) {
      return { ...base, kidFound: found.kidFound, verifyError: `signature not verified: ${(e as Error).message}` };
    }
  }

  private async find(url: string, kid: string | undefined): Promise<{ jwk: JWK | undefined; kidFound: boolean }> {
    const pick = (keys: JWK[]): JWK | undefined => (kid === undefined ? (keys.length === 1 ? keys[0] : undefined) : keys.find((k) => k.kid === kid));
    const cached = this.cache.get(url);
    const hit = cached && pick(cached);
    if (hit) return { jwk: hit, kidFound: kid !== undefined };
    const keys = await this.fetch(url);
    const jwk = pick(keys);
    return { jwk, kidFound: jwk !== undefined && kid !== undefined };
  }

  private async fetch(url: string): Promise<JWK[]> {
    let body: unknown;
    try {
      const res = await request(url, { headers: { accept: 'application/json' }, headersTimeout: FETCH_TIMEOUT_MS, bodyTimeout: FETCH_TIMEOUT_MS });
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new JwksUnavailable(`tool JWKS ${url} answered ${res.statusCode}`);
      }
      body = await res.body.json();
    } catch (e) {
      if (e instanceof JwksUnavailable) throw e;
      throw new JwksUnavailable(`tool JWKS ${url} could not be fetched (${(e as Error).message})`);
    }
    const keys = (body as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) throw new JwksUnavailable(`tool JWKS ${url} has no "keys" array`);
    const list = keys.filter((k): k is JWK => typeof k === 'object' && k !== null);
    this.cache.set(url, list);
    return list;
  }
}
