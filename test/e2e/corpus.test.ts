/**
 * Every real public schema in ../shared/corpus, at two seeds and two sizes
 * (some failures only show at larger counts): generate rows per table,
 * load into a fresh database with psql (ON_ERROR_STOP), all constraints in
 * place. At the small size, the same options as a custom archive too:
 * restored with pg_restore -j 2 (the same rows, every constraint valid), and
 * its TOC compared with pg_dump -Fc's of the database the script loaded
 * (toc-differences.ts; toc-parity.test.ts does the examples): one
 * generation and load of each schema serves the three checks. A user's
 * clone has no ../shared: then this suite says so and skips;
 * examples.test.ts covers the same paths with the repo's own schemas.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, type ExpectStatic, it } from 'vitest';
import { readToc } from '../helpers/archive-toc.js';
import { constraintSummary, cutsExplained, userTableRowCounts } from '../helpers/constraint-checks.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { generateFile, tempDir } from '../helpers/generate-file.js';
import { tocDifferences } from '../helpers/toc-differences.js';

/** Small (with the archive and its TOC), and >= 2,000 per table. */
const RUNS = [
  { rows: 300, seed: 1, archive: true },
  { rows: 2000, seed: 2, archive: false },
] as const;

describeCorpus('corpus schemas load with every constraint in place', (files) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('corpus');
  });
  afterAll(async () => db.close());

  /**
   * The schema as a custom archive with the options the script was made with: pg_restore -j 2 restores the
   * rows `loaded` holds, every constraint valid; its TOC is pg_dump -Fc's of `loaded`.
   */
  async function archiveMatches(
    expect: ExpectStatic,
    loaded: TestDatabase,
    options: { schema: string[]; defaultRows: number; seed: number },
    counts: Map<string, number>,
  ): Promise<void> {
    const { file: dump } = await generateFile({ ...options, format: 'custom' }, 'out.dump');
    const restored = await db.createSibling();
    await restored.runAsync('pg_restore', ['-j', '2', '--exit-on-error', '-d', restored.name, dump]);
    expect(await userTableRowCounts(restored)).toEqual(counts);
    expect((await constraintSummary(restored)).notValid).toEqual([]);
    await restored.close();
    const real = join(tempDir(), 'real.dump');
    await loaded.runAsync('pg_dump', ['-Fc', '-f', real, loaded.name]);
    const [ours, theirs] = await Promise.all([readToc(db, dump), readToc(db, real)]);
    expect(tocDifferences(ours, theirs)).toEqual({ missing: [], extra: [], sections: [], dependencies: [] });
  }

  const cases = files.flatMap((name) => RUNS.map((run) => ({ name, ...run })));
  // Concurrent (three at a time): each case waits mostly on psql and the server.
  it.concurrent.for(cases)(
    '$name, $rows rows per table, seed $seed',
    { timeout: 600_000 },
    async ({ name, rows: ROWS, seed, archive }, { expect }) => {
      const options = { schema: [join(corpusDir, name)], defaultRows: ROWS, seed };
      const { file, result } = await generateFile(options);
      const target = await db.createSibling();
      await target.psqlFileAsync(file);
      const counts = await userTableRowCounts(target);
      const partitions = new Set(
        result.plan.tables.filter((t) => t.filledThrough).map((t) => `${t.table.schema}.${t.table.name}`),
      );
      const roots = new Set(
        result.plan.tables.filter((t) => t.table.partitionBy).map((t) => `${t.table.schema}.${t.table.name}`),
      );
      // A partitioned root holds no rows itself; count its partitions' rows for it.
      const holding = [...counts.entries()].filter(
        ([table, n]) => n > 0 || (roots.has(table) && [...partitions].some((p) => (counts.get(p) ?? 0) > 0)),
      );
      const share = holding.length / counts.size;
      expect(share, `${holding.length}/${counts.size} tables hold rows`).toBeGreaterThanOrEqual(0.95);
      // Counts against the request: every cut is explained by a warning with its numbers.
      expect(cutsExplained(result.plan.tables, counts, () => ROWS, result.warnings)).toEqual([]);
      for (const t of result.plan.tables) {
        if (t.filledThrough || t.table.partitionBy) continue;
        expect(counts.get(`${t.table.schema}.${t.table.name}`), `${t.table.schema}.${t.table.name}`).toBe(
          t.rows,
        );
      }
      const summary = await constraintSummary(target);
      expect(summary.notValid).toEqual([]);
      if (archive) await archiveMatches(expect, target, options, counts);
      await target.close();
    },
  );
});
