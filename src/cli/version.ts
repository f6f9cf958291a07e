import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Read once from package.json, which sits two folders above both src/cli and dist/src/cli. */
function readVersion(): string {
  for (const p of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(p) as { name?: string; version?: string };
      if (pkg.name === 'lti-conform' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
