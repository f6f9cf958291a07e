import { createHmac, timingSafeEqual } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signJwt, type SigningMode } from '../../../src/keys/sign.js';
import { KeyStore } from '../../../src/keys/store.js';

let store: KeyStore;
const PAYLOAD = { iss: 'https://lms.example', aud: 'tool-123', nonce: 'n-1' };

beforeAll(async () => {
  store = await KeyStore.inMemory();
});

const header = () => ({ kid: store.current.kid, typ: 'JWT' });
const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const publicKey = async () => importJWK(store.jwks().keys[0]!, 'RS256');

async function verifiesWithOurKey(jwt: string): Promise<boolean> {
  return compactVerify(jwt, await publicKey()).then(() => true, () => false);
}

describe('signJwt', () => {
  it.each<SigningMode>(['rs256', 'none', 'hs256-public-pem', 'foreign-key'])('%s keeps the payload and the other header members', async (mode) => {
    const jwt = await signJwt(header(), PAYLOAD, mode, store);
    const [h, p] = jwt.split('.');
    expect(decode(p!)).toEqual(PAYLOAD);
    expect(decode(h!)).toMatchObject({ kid: store.current.kid, typ: 'JWT' });
    expect(jwt.split('.')).toHaveLength(3);
  });

  it('rs256 verifies with jose against the public key we publish', async () => {
    const jwt = await signJwt(header(), PAYLOAD, 'rs256', store);
    const { payload, protectedHeader } = await compactVerify(jwt, await publicKey());
    expect(protectedHeader).toEqual({ kid: store.current.kid, typ: 'JWT', alg: 'RS256' });
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(PAYLOAD);
  });

  it('rs256 overrides an alg given in the header', async () => {
    const jwt = await signJwt({ ...header(), alg: 'HS256' }, PAYLOAD, 'rs256', store);
    expect(decodeProtectedHeader(jwt).alg).toBe('RS256');
    expect(await verifiesWithOurKey(jwt)).toBe(true);
  });

  it('none has alg none and an empty signature', async () => {
    const jwt = await signJwt(header(), PAYLOAD, 'none', store);
    const [h, , sig] = jwt.split('.');
    expect(decode(h!)).toEqual({ kid: store.current.kid, typ: 'JWT', alg: 'none' });
    expect(sig).toBe('');
    expect(await verifiesWithOurKey(jwt)).toBe(false);
  });

  it('hs256-public-pem is an HMAC-SHA256 keyed by the exact string of our public PEM', async () => {
    const jwt = await signJwt(header(), PAYLOAD, 'hs256-public-pem', store);
    const [h, p, sig] = jwt.split('.');
    expect(decode(h!)).toEqual({ kid: store.current.kid, typ: 'JWT', alg: 'HS256' });
    const pem = await store.publicPem(store.current.kid);
    const expected = createHmac('sha256', pem!).update(`${h}.${p}`).digest();
    expect(timingSafeEqual(Buffer.from(sig!, 'base64url'), expected)).toBe(true);
    const withNewline = createHmac('sha256', `${pem!}\n`).update(`${h}.${p}`).digest();
    expect(Buffer.from(sig!, 'base64url').equals(withNewline)).toBe(false);
  });

  it('foreign-key does not verify with our key but carries our kid and RS256', async () => {
    const jwt = await signJwt(header(), PAYLOAD, 'foreign-key', store);
    expect(decodeProtectedHeader(jwt)).toEqual({ kid: store.current.kid, typ: 'JWT', alg: 'RS256' });
    expect(await verifiesWithOurKey(jwt)).toBe(false);
    expect(jwt.split('.')[2]).not.toBe('');
  });

  it('foreign-key uses the same stranger key for the whole process', async () => {
    const a = await signJwt(header(), PAYLOAD, 'foreign-key', store);
    const b = await signJwt(header(), PAYLOAD, 'foreign-key', store);
    expect(a).toBe(b); // RSASSA-PKCS1-v1_5 is deterministic: same key, same input, same signature
  });

  it('signs with the current key after rotation', async () => {
    const s = await KeyStore.inMemory();
    const next = await s.rotate();
    const jwt = await signJwt({ kid: next.kid }, PAYLOAD, 'rs256', s);
    await expect(compactVerify(jwt, next.publicKey)).resolves.toBeDefined();
  });
});
