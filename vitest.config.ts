import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test time is spent waiting on loopback servers and child processes, not on the CPU: two
    // workers per core finish in about 60% of the time of vitest's default (one fewer than the cores).
    maxWorkers: Math.max(2, availableParallelism() * 2),
  },
});
