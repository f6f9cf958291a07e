import { readFile, stat } from 'node:fs/promises';
import { compactVerify, importJWK, type JWK } from 'jose';
import { HarnessError } from '../core/errors.js';
import type { SignatureCheck } from './types.js';

// --jwks: the key set a JWT is verified with (a URL or a file), and the verification itself, key chosen by kid.

const MAX_JWKS_BYTES = 256 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

const bad = (message: string, hint?: string): HarnessError => new HarnessError('ERR_USAGE', message, hint);

async function fetchText(url: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' }, redirect: 'follow' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw bad(`cannot fetch the JWKS at ${url}: ${cause ?? ((e as Error).name === 'TimeoutError' ? `no answer within ${FETCH_TIMEOUT_MS / 1000}s` : (e as Error).message)}`);
  }
  if (!res.ok) throw bad(`the JWKS URL ${url} answered HTTP ${res.status}`);
  const body = await res.text();
  if (body.length > MAX_JWKS_BYTES) throw bad(`the JWKS at ${url} is larger than ${MAX_JWKS_BYTES / 1024} KB`);
  return body;
}

async function fileText(path: string): Promise<string> {
  const s = await stat(path).catch(() => undefined);
  if (!s || !s.isFile()) throw bad(`--jwks ${path}: no such file (give a JWKS file or an https URL)`);
  if (s.size > MAX_JWKS_BYTES) throw bad(`--jwks ${path} is larger than ${MAX_JWKS_BYTES / 1024} KB`);
  return readFile(path, 'utf8');
}

/** The keys of a JWK Set (a single JWK is taken as a set of one). */
export async function loadJwks(where: string): Promise<JWK[]> {
  const text = /^https?:\/\//i.test(where) ? await fetchText(where) : await fileText(where);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad(`--jwks ${where} is not JSON`);
  }
  const o = doc as { keys?: unknown; kty?: unknown } | null;
  if (o && typeof o === 'object' && typeof o.kty === 'string') return [o as JWK];
  if (!o || typeof o !== 'object' || !Array.isArray(o.keys)) throw bad(`--jwks ${where} is not a JWK Set (no "keys" array)`);
  return o.keys.filter((k): k is JWK => k !== null && typeof k === 'object' && typeof (k as JWK).kty === 'string');
}

/** The public members only: a private JWK given by mistake still verifies, as its public key. */
function publicPart(jwk: JWK, alg: string): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, oth: _oth, ...pub } = jwk as JWK & { oth?: unknown };
  return { ...(jwk.kty === 'oct' ? jwk : pub), alg: jwk.alg ?? alg };
}

/** Verifies a compact JWS with the key its kid names (every key when there is no kid); never throws. */
export async function verifySignature(token: string, header: Record<string, unknown>, keys: JWK[]): Promise<SignatureCheck> {
  const kid = header.kid;
  const kidFound = typeof kid === 'string' && keys.some((k) => k.kid === kid);
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  if (!alg || alg === 'none') return { signatureValid: false, kidFound, verifyError: `alg is ${alg ?? 'missing'}: nothing to verify` };
  const candidates = kid === undefined ? keys : keys.filter((k) => k.kid === kid);
  if (candidates.length === 0) return { signatureValid: false, kidFound, verifyError: kid === undefined ? 'the key set is empty' : `no key with kid ${JSON.stringify(kid)}` };
  let lastError = 'the signature does not verify';
  for (const jwk of candidates) {
    try {
      const key = await importJWK(publicPart(jwk, alg), alg);
      await compactVerify(token, key, { algorithms: [alg] });
      return { signatureValid: true, kidFound };
    } catch (e) {
      lastError = (e as { code?: string }).code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'the signature does not verify' : (e as Error).message;
    }
  }
  return { signatureValid: false, kidFound, verifyError: lastError };
}
