/**
 * A database holding a DDL file's schema and no rows, as datagen's schema-only script (`-s`) loaded by psql
 * (ON_ERROR_STOP) leaves it: made once per run and DDL text, and copied for each test that asks (CREATE
 * DATABASE ... TEMPLATE, a file copy). Four corpus files (live-model, database-load-corpus, data-only-order,
 * pg-dump-options) each made every corpus schema's database again: generating the script and psql running
 * hundreds of CREATE INDEX were most of a case's time; a copy costs what an empty database does.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';
import { generateFile } from './generate-file.js';

/** This worker's templates by name (another worker may have made one first: then it is only looked up). */
const made = new Map<string, Promise<string>>();

/**
 * A fresh sibling of `db` holding the schema of the DDL `file` (read as datagen reads it, no rows): a copy of
 * the run's database made for that DDL text. The schema-only script it was made from writes no rows (checked
 * when it is made). Seed and row counts do not change a schema-only script but for its header comment.
 */
export async function schemaOnlyDatabase(db: TestDatabase, file: string): Promise<TestDatabase> {
  const name = `schema_${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 20)}`;
  let template = made.get(name);
  if (template === undefined) {
    template = makeTemplate(db, file, name);
    made.set(name, template);
  }
  return db.createSibling(await template);
}

async function exists(db: TestDatabase, name: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
}

/**
 * The template `name` for `file`, unless a worker made it already: loaded under a name of its own, then
 * renamed, so no test copies a database half loaded. When two workers make it at once, the first rename wins
 * (the other's copy stays, unused).
 */
async function makeTemplate(db: TestDatabase, file: string, name: string): Promise<string> {
  if (await exists(db, name)) return name;
  const script = await generateFile({ schema: [file], schemaOnly: true });
  expect(readFileSync(script.file, 'utf8'), `${file}: a schema-only script`).not.toMatch(/^COPY /m);
  const building = await createTestDatabase('schema_building');
  try {
    await building.psqlFileAsync(script.file);
  } finally {
    await building.close({ keep: true });
  }
  try {
    await db.query(`ALTER DATABASE ${building.name} RENAME TO ${name}`);
  } catch (error) {
    if (!(await exists(db, name))) throw error;
  }
  return name;
}
