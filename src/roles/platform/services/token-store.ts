// Access tokens we issued and client-assertion ids we have seen.
import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  value: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  /** Index of the token request that issued it. */
  issuedBy: number;
  /** Ended early by us (expireTokens), before the expires_in the tool was told. */
  revoked?: boolean;
}

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  /** jti -> when it may be forgotten (the assertion's own expiry plus leeway). */
  private readonly jtis = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** base64url of 32 random bytes: 43 characters, all within the framework's 0x20-0x7A range (LTI-TOK-011). */
  issue(scopes: string[], lifetimeSeconds: number, issuedBy: number): IssuedToken {
    const issuedAt = this.now();
    const t: IssuedToken = { value: randomBytes(32).toString('base64url'), scopes, issuedAt, expiresAt: issuedAt + lifetimeSeconds * 1000, issuedBy };
    this.tokens.set(t.value, t);
    return t;
  }

  find(value: string): IssuedToken | undefined {
    return this.tokens.get(value);
  }

  isExpired(t: IssuedToken): boolean {
    return this.now() >= t.expiresAt;
  }

  expireAll(): void {
    const now = this.now();
    for (const t of this.tokens.values()) {
      if (t.expiresAt > now) t.revoked = true;
      t.expiresAt = Math.min(t.expiresAt, now);
    }
  }

  jtiSeen(key: string): boolean {
    const until = this.jtis.get(key);
    return until !== undefined && until > this.now();
  }

  /** Remembers a jti until its assertion could no longer be accepted anyway. */
  rememberJti(key: string, until: number): void {
    const now = this.now();
    if (this.jtis.size > 10_000) for (const [k, u] of this.jtis) if (u <= now) this.jtis.delete(k);
    this.jtis.set(key, until);
  }
}
