/**
 * Every real public schema in ../shared/corpus, at two seeds and two sizes
 * (some failures only show at larger counts), loaded into fresh databases
 * with every constraint in place, and checked the same way (95% of the
 * tables hold rows, every cut explained by a warning with its numbers,
 * every table the rows its plan gave it, every constraint valid): 300 rows
 * per table (seed 1) as a plain script run by psql (ON_ERROR_STOP), and
 * 2,000 rows per table (seed 2) as a custom archive (uncompressed) restored with
 * pg_restore -j 2, whose TOC is compared with pg_dump -Fc's of the database
 * the script loaded (toc-differences.ts, which compares entries, sections
 * and dependencies, none of which depends on the row counts;
 * toc-parity.test.ts does the examples). One case per schema, its DDL
 * parsed once for both runs: until session 38 the 300 rows were written and
 * loaded both ways and the 2,000 by psql again, three generations and loads
 * of each schema for what two prove. A user's clone has no ../shared: then
 * this suite says so and skips; examples.test.ts covers the same paths with
 * the repo's own schemas.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, type ExpectStatic, it } from 'vitest';
import type { GenerateResult } from '../../src/index.js';
import { loadSchemaFiles } from '../../src/run/load-schema.js';
import { readToc } from '../helpers/archive-toc.js';
import { constraintSummary, cutsExplained, userTableRowCounts } from '../helpers/constraint-checks.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { generateFile, tempDir } from '../helpers/generate-file.js';
import { tocDifferences } from '../helpers/toc-differences.js';

/** The script (small) and the archive (>= 2,000 per table). */
const SCRIPT = { defaultRows: 300, seed: 1 } as const;
/**
 * Uncompressed (-Z 0): deflating its 16-31 MB was a fifth of the case's generation (camunda: 5.1 CPU s
 * against 4.2); compression does not change the TOC or what is restored (archive.test.ts and the
 * test/archive files restore compressed archives).
 */
const ARCHIVE = { defaultRows: 2000, seed: 2, compression: { method: 'none', level: 0 } } as const;

describeCorpus('corpus schemas load with every constraint in place', (files) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('corpus');
  });
  afterAll(async () => db.close());

  /** `target`, loaded from `result` with `rows` asked per table, holds what the plan gave it, every constraint valid. */
  async function loadedAsPlanned(
    expect: ExpectStatic,
    target: TestDatabase,
    result: GenerateResult,
    rows: number,
  ): Promise<void> {
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
    expect(cutsExplained(result.plan.tables, counts, () => rows, result.warnings)).toEqual([]);
    for (const t of result.plan.tables) {
      if (t.filledThrough || t.table.partitionBy) continue;
      expect(counts.get(`${t.table.schema}.${t.table.name}`), `${t.table.schema}.${t.table.name}`).toBe(
        t.rows,
      );
    }
    expect((await constraintSummary(target)).notValid).toEqual([]);
  }

  // Concurrent (three at a time): each case waits mostly on psql, pg_restore and the server.
  it.concurrent.for(files)('%s', { timeout: 600_000 }, async (name, { expect }) => {
    const { schema } = await loadSchemaFiles([join(corpusDir, name)]);
    const script = await generateFile({ schema, ...SCRIPT });
    const loaded = await db.createSibling();
    await loaded.psqlFileAsync(script.file);
    await loadedAsPlanned(expect, loaded, script.result, SCRIPT.defaultRows);
    const real = join(tempDir(), 'real.dump');
    await loaded.runAsync('pg_dump', ['-Fc', '-f', real, loaded.name]);
    await loaded.close();

    const archive = await generateFile({ schema, ...ARCHIVE, format: 'custom' }, 'out.dump');
    const restored = await db.createSibling();
    await restored.runAsync('pg_restore', ['-j', '2', '--exit-on-error', '-d', restored.name, archive.file]);
    await loadedAsPlanned(expect, restored, archive.result, ARCHIVE.defaultRows);
    await restored.close();
    const [ours, theirs] = await Promise.all([readToc(db, archive.file), readToc(db, real)]);
    expect(tocDifferences(ours, theirs)).toEqual({ missing: [], extra: [], sections: [], dependencies: [] });
  });
});
