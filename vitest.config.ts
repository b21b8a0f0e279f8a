import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: [
      'test/helpers/yield-between-tests.ts',
      'test/helpers/parser-pinned.ts',
      'test/helpers/deflate-pinned-release.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // The young generation a datagen run holds (16 MiB: src/archive/young-generation.ts) from the worker's
    // start: a worker's own work can grow it to V8's 32 MiB between runs, and a generate() then begins with a
    // full collection of the worker's whole heap to shrink it. With this and parser-pinned.ts, six checks/ddl
    // files took 39.9 s of CPU (the vitest process tree) against 48.2 and 50.7 s before, in the same minutes.
    poolOptions: { forks: { execArgv: ['--max-semi-space-size=8'] } },
    // Vitest's default is one worker per core less one: a single worker on a
    // 2-core machine, idle whenever a test waits on the server, psql or a
    // datagen child. Two files at a time use both cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // One module graph per worker, not per file: importing src and its
    // dependencies again for each of ~200 files cost 184 s of collect time in
    // CI (about 90 s of wall time on two workers); without isolation it is
    // about 40 s. No test mocks modules or changes process.env, and every
    // file passed this way (test/semantic: collect 71 -> 14 s).
    isolate: false,
    // Tests marked concurrent (corpus loops that wait on psql, pg_restore and
    // the server) run three at a time in their file: five at once under load
    // 30 took danbooru's TOC comparison past 120 s.
    maxConcurrency: 3,
    sequence: { shuffle: true },
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-results.json' }]],
    env: { TZ: 'America/Sao_Paulo' },
  },
});
