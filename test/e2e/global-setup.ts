import { ensureBuilt } from './support/build.js';

/** Builds the CLI once before any e2e file spawns it (each file's beforeAll then finds dist fresh). */
export default async function setup(): Promise<void> {
  await ensureBuilt();
}
