// The platform's RS256 signing key, made at start and published with a kid and only public members.
// The header and key-set flaws live here: they change how a message is signed or how keys are published.
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { FlawSet } from './flaws.js';

interface KeyPair {
  privateKey: CryptoKey;
  publicJwk: JWK;
  privateJwk: JWK;
}

async function makeKeyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, publicJwk: await exportJWK(publicKey), privateJwk: await exportJWK(privateKey) };
}

export class PlatformKeys {
  private constructor(
    readonly kid: string,
    private readonly main: KeyPair,
    /** A second key, only made for the flaws that need one (wrong signature, duplicate kid). */
    private readonly other: KeyPair | undefined,
    private readonly flaws: FlawSet,
  ) {}

  static async create(flaws: FlawSet): Promise<PlatformKeys> {
    const main = await makeKeyPair();
    const kid = await calculateJwkThumbprint(main.publicJwk);
    const needsOther = flaws.has('token-wrong-signature') || flaws.has('jwks-duplicate-kid');
    return new PlatformKeys(kid, main, needsOther ? await makeKeyPair() : undefined, flaws);
  }

  /** The published key set: one key, kid, kty, n, e, alg, use; never a private member. */
  jwks(): { keys: JWK[] } {
    const source = this.flaws.has('jwks-private-members') ? this.main.privateJwk : this.main.publicJwk;
    const keys: JWK[] = [{ ...source, kid: this.kid, alg: 'RS256', use: 'sig' }];
    if (this.flaws.has('jwks-duplicate-kid') && this.other !== undefined) {
      // Same kid, another public key: listed second, so a verifier taking the first match still works.
      keys.push({ ...this.other.publicJwk, kid: this.kid, alg: 'RS256', use: 'sig' });
    }
    return { keys };
  }

  /** Signs a platform-originating message (id_token). */
  async sign(payload: JWTPayload): Promise<string> {
    const header: { alg: 'RS256'; typ: 'JWT'; kid?: string } = { alg: 'RS256', typ: 'JWT' };
    if (!this.flaws.has('token-omits-kid')) {
      header.kid = this.flaws.has('token-unknown-kid') ? `${this.kid}-retired` : this.kid;
    }
    const key = this.flaws.has('token-wrong-signature') && this.other ? this.other.privateKey : this.main.privateKey;
    return new SignJWT(payload).setProtectedHeader(header).sign(key);
  }
}
