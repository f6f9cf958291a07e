import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import { HarnessError } from '../core/errors.js';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

const PUBLIC_MEMBERS = ['kty', 'n', 'e', 'kid', 'alg', 'use'] as const;

function publicOnly(jwk: JWK): JWK {
  const out: JWK = {};
  for (const k of PUBLIC_MEMBERS) if (jwk[k] !== undefined) (out as Record<string, unknown>)[k] = jwk[k];
  return out;
}

export async function generateSigningKey(kid: string): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  return { key: { kid, privateKey, publicKey, publicJwk: publicOnly(privateJwk) }, privateJwk };
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  if (!jwk.kid || jwk.kty !== 'RSA' || !jwk.d) throw new Error('not an RSA private JWK with a kid');
  const privateKey = (await importJWK(jwk, 'RS256')) as CryptoKey;
  const pub = publicOnly(jwk);
  const publicKey = (await importJWK(pub, 'RS256')) as CryptoKey;
  return { kid: jwk.kid, privateKey, publicKey, publicJwk: pub };
}

function newKid(): string {
  return `lti-conform-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Our signing keys. The newest key signs; older ones stay published so rotation overlaps (LTI-SEC-010). */
export class KeyStore {
  /** A key nobody registered, for negative launches (NT-T-03); never published. */
  private foreign: Promise<CryptoKey> | undefined;
  /** The next key for a rotation test, made ahead of time. */
  private spare: ReturnType<typeof generateSigningKey> | undefined;

  /** Starts generating the keys some scenarios need later, off the main thread, while others run. */
  prewarm(): void {
    void this.foreignKey().catch(() => undefined);
    this.spare ??= generateSigningKey(newKid());
    this.spare.catch(() => undefined);
  }

  private constructor(
    private keys: SigningKey[],
    private privateJwks: JWK[],
    private readonly file: string | undefined,
    private foreignJwk?: JWK,
  ) {}

  static async inMemory(): Promise<KeyStore> {
    const { key, privateJwk } = await generateSigningKey(newKid());
    return new KeyStore([key], [privateJwk], undefined);
  }

  /**
   * The foreign key: loaded from the key file, or generated in the background right away (RSA key
   * generation takes a few hundred ms; the scenario that needs it should not wait for it).
   */
  foreignKey(): Promise<CryptoKey> {
    this.foreign ??= this.foreignJwk
      ? (importJWK(this.foreignJwk, 'RS256') as Promise<CryptoKey>)
      : generateSigningKey('foreign').then(async ({ key, privateJwk }) => {
          this.foreignJwk = privateJwk;
          await this.save().catch(() => undefined);
          return key.privateKey;
        });
    return this.foreign;
  }

  /** Loads the key file, or creates it on first run, so a target's registration of us stays valid. */
  static async persistent(file: string): Promise<KeyStore> {
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new HarnessError('ERR_CONFIG_INVALID', `emulator.keyFile: cannot read ${file} (${(e as Error).message})`);
    }
    if (text === undefined) {
      const store = await KeyStore.inMemory();
      const persisted = new KeyStore(store.keys, store.privateJwks, file);
      await persisted.save();
      return persisted;
    }
    try {
      const parsed = JSON.parse(text) as { keys?: JWK[]; foreign?: JWK };
      if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error('no "keys" array');
      const keys = await Promise.all(parsed.keys.map(fromPrivateJwk));
      return new KeyStore(keys, parsed.keys, file, parsed.foreign);
    } catch (e) {
      throw new HarnessError('ERR_CONFIG_INVALID', `emulator.keyFile: ${file} is not a key file written by lti-conform (${(e as Error).message})`, 'Delete it to make a new one (targets must then re-register our JWKS URL, which they fetch anyway).');
    }
  }

  private async save(): Promise<void> {
    if (!this.file) return;
    await mkdir(dirname(this.file), { recursive: true });
    const content = { keys: this.privateJwks, ...(this.foreignJwk ? { foreign: this.foreignJwk } : {}) };
    // Write then rename, so concurrent runs never read a half-written file.
    const tmp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, this.file);
  }

  get current(): SigningKey {
    return this.keys[this.keys.length - 1]!;
  }

  byKid(kid: string): SigningKey | undefined {
    return this.keys.find((k) => k.kid === kid);
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => k.publicJwk) };
  }

  /** Adds a new key under a new kid; it signs from now on. Keeps at most two keys published. */
  async rotate(): Promise<SigningKey> {
    const { key, privateJwk } = await generateSigningKey(newKid());
    this.keys = [...this.keys, key].slice(-2);
    this.privateJwks = [...this.privateJwks, privateJwk].slice(-2);
    await this.save();
    return key;
  }

  /**
   * Rotation for a test: a new key under a new kid signs until `restore()`, and is never written to the
   * key file, so a tool that registered our key itself (not our JWKS URL) keeps working next run.
   */
  async rotateTemporarily(): Promise<{ key: SigningKey; restore(): void }> {
    const spare = this.spare ?? generateSigningKey(newKid());
    this.spare = undefined;
    const { key } = await spare;
    this.keys = [...this.keys, key];
    return { key, restore: () => { this.keys = this.keys.filter((k) => k !== key); } };
  }

  async publicPem(kid: string): Promise<string | undefined> {
    const k = this.byKid(kid);
    return k ? exportSPKI(k.publicKey) : undefined;
  }
}
