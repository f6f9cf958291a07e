// A tiny tool for driving the reference platform by hand: its key set on a loopback server, and
// signing of client assertions and deep linking responses (valid, or wrong in one chosen way).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE } from '../../../src/lti/vocab.js';
import type { RunningReferencePlatform, ToolRegistration } from '../../../src/reference/platform/index.js';

interface KeyPair {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function makeKey(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** How a JWT is signed: right, with an unpublished key under a published kid, unsigned, or HS256. */
export type SignMode = 'rs256' | 'foreign-key' | 'none' | 'hs256';
type Claims = Record<string, unknown>;

function b64(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export class FakeTool {
  readonly clientId = 'tool-client-1';
  readonly deploymentId = 'deploy-1';
  origin = '';
  jwksRequests = 0;
  private key!: KeyPair;
  private retired: KeyPair[] = [];
  private foreign!: KeyPair;
  private server!: Server;

  static async start(): Promise<FakeTool> {
    const t = new FakeTool();
    t.key = await makeKey('tool-key-1');
    t.foreign = await makeKey('tool-key-1');
    t.server = createServer((req, res) => {
      t.jwksRequests++;
      if (req.url !== '/jwks') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [...t.retired, t.key].map((k) => k.jwk) }));
    });
    await new Promise<void>((r) => t.server.listen(0, '127.0.0.1', r));
    t.origin = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    return t;
  }

  get registration(): ToolRegistration {
    return {
      clientId: this.clientId,
      deploymentId: this.deploymentId,
      loginInitiationUrl: `${this.origin}/login?tenant=7`,
      redirectUris: [`${this.origin}/launch`, `${this.origin}/launch-2`],
      targetLinkUri: `${this.origin}/resource`,
      deepLinkingUrl: `${this.origin}/deep-link`,
      jwksUrl: `${this.origin}/jwks`,
    };
  }

  /** Publishes a new key under a new kid and signs with it from now on. */
  async rotate(): Promise<void> {
    this.retired.push(this.key);
    this.key = await makeKey(`tool-key-${this.retired.length + 1}`);
  }

  async sign(claims: Claims, mode: SignMode = 'rs256', header: Claims = {}): Promise<string> {
    if (mode === 'none') return `${b64({ alg: 'none', typ: 'JWT', ...header })}.${b64(claims)}.`;
    if (mode === 'hs256') {
      const secret = new TextEncoder().encode(JSON.stringify(this.key.jwk));
      return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.key.kid, ...header }).sign(secret);
    }
    const key = mode === 'foreign-key' ? this.foreign : this.key;
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header }).sign(key.privateKey);
  }

  /** Claims of a valid client assertion for `platform`'s token endpoint. */
  assertionClaims(platform: RunningReferencePlatform): Claims {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: this.clientId,
      sub: this.clientId,
      aud: platform.tokenUrl,
      iat: now,
      exp: now + 300,
      jti: randomUUID(),
      [CLAIM.deploymentId]: this.deploymentId,
    };
  }

  /** Claims of a valid deep linking response echoing `data`. */
  dlClaims(platform: RunningReferencePlatform, data: unknown, items: unknown[] = []): Claims {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: this.clientId,
      aud: platform.issuer,
      iat: now,
      exp: now + 300,
      nonce: randomUUID(),
      [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
      [CLAIM.version]: LTI_VERSION,
      [CLAIM.deploymentId]: this.deploymentId,
      [CLAIM.dlData]: data,
      [CLAIM.dlContentItems]: items,
    };
  }

  close(): Promise<void> {
    return new Promise((r) => {
      this.server.closeAllConnections();
      this.server.close(() => r());
    });
  }
}

/** Deletes the claims whose value is undefined (a change that removes a claim). */
export function withChange(claims: Claims, change: Claims): Claims {
  const out: Claims = { ...claims, ...change };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
