import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { exportPKCS8 } from 'jose';
import { HarnessError } from '../../core/errors.js';
import { generateSigningKey } from '../../keys/store.js';

/** `lti-conform keys generate`: an RS256 key pair as private JWK + PEM (mode 600) and a public JWKS. */
export async function keysGenerate(flags: { out: string; kid?: string; force?: boolean }): Promise<number> {
  const dir = resolve(flags.out);
  const kid = flags.kid ?? `key-${new Date().toISOString().slice(0, 10)}`;
  const { key, privateJwk } = await generateSigningKey(kid);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new HarnessError('ERR_USAGE', `--out ${flags.out}: cannot create the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'Name a folder, not a file.');
  }
  const files: [string, string, number][] = [
    ['private.jwk.json', `${JSON.stringify(privateJwk, null, 2)}\n`, 0o600],
    ['private.pem', await exportPKCS8(key.privateKey), 0o600],
    ['jwks.json', `${JSON.stringify({ keys: [key.publicJwk] }, null, 2)}\n`, 0o644],
  ];
  for (const [name, text, mode] of files) {
    try {
      await writeFile(join(dir, name), text, { mode, flag: flags.force ? 'w' : 'wx' });
      // `mode` only applies when the file is created: an overwritten private key must not stay readable.
      if (mode === 0o600) await chmod(join(dir, name), mode);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new HarnessError('ERR_USAGE', `${join(dir, name)} already exists`, 'Pass --force to overwrite it.');
      throw new HarnessError('ERR_USAGE', `cannot write ${join(dir, name)}: ${(e as Error).message}`);
    }
  }
  process.stdout.write(`kid ${kid}\nwrote ${join(dir, 'private.jwk.json')} and ${join(dir, 'private.pem')} (keep these secret)\nwrote ${join(dir, 'jwks.json')} (publish this)\n`);
  return 0;
}
