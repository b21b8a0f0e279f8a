import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/yield-between-tests.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    sequence: { shuffle: true },
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-results.json' }]],
    env: { TZ: 'America/Sao_Paulo' },
  },
});
