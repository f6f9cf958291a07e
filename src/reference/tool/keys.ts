// The tool's own RS256 key: signs deep linking responses and client assertions, published at
// /.well-known/jwks.json. One key for both, so whatever it signs verifies against what it publishes.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface ToolSigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function makeKey(): Promise<ToolSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

export class ToolKey {
  // Made on first use: plain launches never need it, and RSA key generation is slow.
  #key: Promise<ToolSigningKey> | undefined;

  get(): Promise<ToolSigningKey> {
    return (this.#key ??= makeKey());
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.get()).publicJwk] };
  }
}
