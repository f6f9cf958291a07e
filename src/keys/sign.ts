import { CompactSign } from 'jose';
import type { KeyStore } from './store.js';

/**
 * How a message is signed. Negative launches need signatures that are wrong in one precise way:
 * unsigned (alg none), HMAC keyed with our public PEM (key confusion), or a stranger's key under our kid.
 */
export type SigningMode = 'rs256' | 'none' | 'hs256-public-pem' | 'foreign-key';

const enc = new TextEncoder();
const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

export async function signJwt(header: Record<string, unknown>, payload: unknown, mode: SigningMode, keys: KeyStore): Promise<string> {
  const body = enc.encode(JSON.stringify(payload));
  switch (mode) {
    case 'none':
      return `${b64({ ...header, alg: 'none' })}.${b64(payload)}.`;
    case 'hs256-public-pem': {
      const pem = await keys.publicPem(keys.current.kid);
      return new CompactSign(body).setProtectedHeader({ ...header, alg: 'HS256' }).sign(enc.encode(pem));
    }
    case 'foreign-key':
      return new CompactSign(body).setProtectedHeader({ ...header, alg: 'RS256' }).sign(await keys.foreignKey());
    case 'rs256':
      return new CompactSign(body).setProtectedHeader({ ...header, alg: 'RS256' }).sign(keys.current.privateKey);
  }
}
