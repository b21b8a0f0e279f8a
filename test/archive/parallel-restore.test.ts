/**
 * `pg_restore -j 8` of a large danbooru archive, custom and directory
 * format: every restore succeeds with every constraint valid, because every
 * entry waits for what pg_dump's would wait for, not because of timing. The
 * custom archive holds 50,000 rows in each of danbooru's big tables (the
 * long data entries that give a missing dependency the time to show); the
 * directory archive 10,000 (its entries and their dependencies are the
 * custom archive's, build-archive-entries.ts for both formats: what it adds
 * is -j 8 reading a data file per entry; 50,000 there too generated the
 * same rows a second time, 40% of the file's time until session 38).
 * `npm test` restores each archive once; `npm run test:compat`
 * (DATAGEN_RESTORE_ROUNDS=5) five times in a row. Both are generated on
 * this thread (-j 1): the archive's bytes do not depend on -j
 * (parallel-output.test.ts), and the custom archive's 250,000 big rows
 * started a generation worker, which in Vitest loads the TypeScript source
 * through tsx (a 250,000-row table: 2.2-2.4 CPU s at -j 2, 1.0-1.5 at -j 1).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const BIG = ['posts', 'post_versions', 'comments', 'tags', 'users'];
/** Rows in each big table, by format. */
const BIG_ROWS = { custom: 50_000, directory: 10_000 } as const;
const rounds = Number(process.env.DATAGEN_RESTORE_ROUNDS ?? '1');

describeCorpus(
  'pg_restore -j 8 of a danbooru archive of 50,000 (custom) and 10,000 (directory) rows per big table',
  (corpus) => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase('pjr');
    });
    afterAll(async () => db.close());
    const danbooru = corpus.find((f) => f === 'danbooru.sql');

    describe.skipIf(danbooru === undefined)('danbooru', () => {
      // Concurrent, pg_restore run without blocking the worker: one format's generation (this worker's CPU)
      // overlaps the other's restore (the server's).
      it.concurrent.each(['custom', 'directory'] as const)(
        '%s format: every restore succeeds, rows and constraints complete',
        async (format) => {
          expect(Number.isInteger(rounds) && rounds >= 1).toBe(true);
          const path = join(tempDir(), format === 'custom' ? 'danbooru.dump' : 'danbooru.dir');
          const { tables } = await generate({
            schema: [join(corpusDir, 'danbooru.sql')],
            defaultRows: 200,
            tables: Object.fromEntries(BIG.map((t) => [`public.${t}`, BIG_ROWS[format]])),
            seed: 11,
            workers: 1,
            format,
            output: path,
            compression: { method: 'gzip', level: 1 },
            createdAt: new Date('2026-01-02T03:04:05Z'),
          });
          for (const t of BIG) expect(tables.find((x) => x.name === t)?.rows, t).toBe(BIG_ROWS[format]);
          for (let round = 0; round < rounds; round++) {
            const target = await db.createSibling();
            await target.runAsync('pg_restore', ['-j', '8', '--exit-on-error', '-d', target.name, path]);
            const counts = await userTableRowCounts(target);
            for (const t of BIG)
              expect(counts.get(`public.${t}`), `round ${round}: ${t}`).toBe(BIG_ROWS[format]);
            expect((await constraintSummary(target)).notValid, `round ${round}`).toEqual([]);
          }
        },
        600_000,
      );
    });
  },
);
