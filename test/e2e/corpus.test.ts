/**
 * Every real public schema in ../shared/corpus, at two seeds and two sizes
 * (some failures only show at larger counts): generate rows per table,
 * load into a fresh database with psql (ON_ERROR_STOP), all constraints in
 * place. A user's clone has no ../shared: then this suite says so and skips;
 * examples.test.ts covers the same paths with the repo's own schemas.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { constraintSummary, cutsExplained, userTableRowCounts } from '../helpers/constraint-checks.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { generateFile } from '../helpers/generate-file.js';

/** Small, and >= 2,000 per table. */
const RUNS = [
  { rows: 300, seed: 1 },
  { rows: 2000, seed: 2 },
] as const;

describeCorpus('corpus schemas load with every constraint in place', (files) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('corpus');
  });
  afterAll(async () => db.close());

  const cases = files.flatMap((name) => RUNS.map((run) => ({ name, ...run })));
  // Concurrent (three at a time): each case waits mostly on psql and the server.
  it.concurrent.for(cases)(
    '$name, $rows rows per table, seed $seed',
    { timeout: 300_000 },
    async ({ name, rows: ROWS, seed }, { expect }) => {
      const { file, result } = await generateFile({
        schema: [join(corpusDir, name)],
        defaultRows: ROWS,
        seed,
      });
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
    },
  );
});
