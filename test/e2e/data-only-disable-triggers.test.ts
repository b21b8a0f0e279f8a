/**
 * Issue 10's acceptance: `-a --disable-triggers` plain output (each table's
 * data between DISABLE and ENABLE TRIGGER ALL, as pg_dump writes it) loads,
 * by psql with ON_ERROR_STOP as a superuser, into a database holding the
 * schema of every corpus schema, foreign-key cycles included. With the
 * triggers off the server checks no foreign key while loading: every one is
 * dropped and added back afterwards, so the server checks each reference.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { useTestDatabase } from '../helpers/database.js';
import { generateFile } from '../helpers/generate-file.js';

const db = useTestDatabase('data_only_disable_triggers');
const EXAMPLES_DIR = join(__dirname, '../../examples');
const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.sql'));

/** Every foreign key dropped and added back (the server checks every row), in one statement. */
const RECHECK_FOREIGN_KEYS = `DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT conrelid::regclass AS t, conname, pg_get_constraintdef(oid) AS d
             FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', r.t, r.conname, r.d);
  END LOOP;
END $$`;

/** The schema loaded by psql, then its `-a --disable-triggers` script: every table filled, every reference checked. */
async function loadsDataOnly(file: string): Promise<void> {
  const target = await db.createSibling();
  const ddl = await generateFile({ schema: [file], schemaOnly: true, defaultRows: 30, seed: 4 });
  await target.psqlFileAsync(ddl.file);
  const data = await generateFile({
    schema: [file],
    dataOnly: true,
    disableTriggers: true,
    defaultRows: 30,
    seed: 4,
  });
  await target.psqlFileAsync(data.file);
  const counts = await userTableRowCounts(target);
  const filled = data.result.plan.tables.filter(
    (p) => !p.filledThrough && !p.table.partitionBy && !p.excluded,
  );
  expect(filled.length).toBeGreaterThan(0);
  // Tables a migration tool records its runs in may hold the rows the DDL inserted besides.
  for (const t of filled)
    expect(counts.get(`${t.table.schema}.${t.table.name}`), t.table.name).toBeGreaterThanOrEqual(t.rows);
  // The script switched the foreign keys' triggers back on.
  const [disabled] = await target.query<{ n: string }>(
    "SELECT count(*)::text AS n FROM pg_trigger WHERE tgenabled = 'D' AND tgisinternal",
  );
  expect(disabled?.n).toBe('0');
  await target.query(RECHECK_FOREIGN_KEYS);
  await target.close();
}

// Concurrent, psql run without blocking the worker: a schema's time is mostly psql's and the server's (its
// DDL, COPY, the foreign keys added back), which another schema's generation overlaps.
describe('-a --disable-triggers plain output into the examples (the corpus paths, on a clone without it)', () => {
  it.concurrent.each(EXAMPLES)('%s', async (name) => loadsDataOnly(join(EXAMPLES_DIR, name)));
});

describeCorpus('-a --disable-triggers plain output into every corpus schema', (files) => {
  it.concurrent.each(files)('%s', { timeout: 300_000 }, async (name) => loadsDataOnly(join(corpusDir, name)));
});
