import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/yield-between-tests.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Vitest's default is one worker per core less one: a single worker on a
    // 2-core machine, idle whenever a test waits on the server, psql or a
    // datagen child. Two files at a time use both cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { shuffle: true },
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-results.json' }]],
    env: { TZ: 'America/Sao_Paulo' },
  },
});
