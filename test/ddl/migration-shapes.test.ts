/**
 * DDL shapes of real applications' migration histories (Ory Hydra and
 * Kratos, Supabase Auth), each reduced to a minimal file: generated through
 * the library, loaded as a script with ON_ERROR_STOP and restored from a
 * custom archive with pg_restore --exit-on-error, every constraint in place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

let db: TestDatabase;

/** Generates 40 rows per table as a script and as a custom archive; loads both; the row counts of each. */
async function loadBoth(ddl: string) {
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const options = { schema: [schema], defaultRows: 40, seed: 9 };
  const result = await generate({ ...options, output: join(dir, 'data.sql') });
  await generate({ ...options, output: join(dir, 'data.dump'), format: 'custom' });
  const script = await db.createSibling();
  script.psqlFile(join(dir, 'data.sql'));
  const archive = await db.createSibling();
  archive.run('pg_restore', ['--exit-on-error', '-d', archive.name, join(dir, 'data.dump')]);
  const counts = await userTableRowCounts(script);
  expect(await userTableRowCounts(archive)).toEqual(counts);
  expect((await constraintSummary(archive)).notValid).toEqual([]);
  return { counts, warnings: result.warnings.map((w) => w.message), script };
}

describe('DDL shapes of application migration histories', () => {
  beforeAll(async () => {
    db = await createTestDatabase('migrations');
  });
  afterAll(async () => db.close());

  it('a dropped primary key frees its name: the next unnamed ADD PRIMARY KEY is t_pkey again (Ory Hydra)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE hc (id varchar(255) NOT NULL PRIMARY KEY, x int);
      ALTER TABLE hc DROP CONSTRAINT hc_pkey;
      ALTER TABLE hc ADD pk SERIAL;
      ALTER TABLE hc ADD PRIMARY KEY (pk);
      ALTER TABLE hc RENAME pk TO pk_deprecated;
      ALTER TABLE hc ADD COLUMN pk uuid;
      ALTER TABLE hc DROP CONSTRAINT hc_pkey;
      ALTER TABLE hc ADD PRIMARY KEY (pk);
      CREATE UNIQUE INDEX hc_u ON hc (id);
      DROP INDEX hc_u;
      CREATE UNIQUE INDEX ON hc (id);`);
    expect(counts.get('public.hc')).toBe(40);
    const keys = await script.query<{ conname: string; def: string }>(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'hc'::regclass`,
    );
    expect(keys).toEqual([{ conname: 'hc_pkey', def: 'PRIMARY KEY (pk)' }]);
  });

  it('CREATE INDEX CONCURRENTLY is written as a plain CREATE INDEX, which pg_restore can run (Ory Kratos)', async () => {
    const { counts } = await loadBoth(`
      CREATE TABLE m (id int PRIMARY KEY, nid uuid, created_at timestamp);
      CREATE INDEX CONCURRENTLY IF NOT EXISTS m_idx ON m (nid ASC, created_at DESC, id ASC);
      CREATE UNIQUE INDEX CONCURRENTLY m_u ON public.m (created_at, id) WHERE nid IS NOT NULL;`);
    expect(counts.get('public.m')).toBe(40);
  });

  it('a column a DO block renames, then indexed: the table gets no rows with a warning, and the rest loads (Supabase Auth)', async () => {
    const { counts, warnings } = await loadBoth(`
      CREATE TABLE users (id uuid PRIMARY KEY, email_change_token varchar(255), name text);
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT * FROM information_schema.columns
          WHERE table_name = 'users' AND column_name = 'email_change_token_new')
        THEN ALTER TABLE users RENAME COLUMN email_change_token TO email_change_token_new;
        END IF;
      END $$;
      CREATE UNIQUE INDEX email_change_token_new_idx ON users (email_change_token_new)
        WHERE email_change_token_new !~ '^[0-9 ]*$';
      ALTER TABLE users ALTER COLUMN email_change_token_new SET DEFAULT '';
      ALTER TABLE users ADD CONSTRAINT users_token_key UNIQUE (email_change_token_new, name);
      CREATE TABLE audit (id serial PRIMARY KEY, note text);`);
    expect(counts.get('public.users')).toBe(0);
    expect(counts.get('public.audit')).toBe(40);
    expect(warnings.join('\n')).toMatch(/public\.users gets no rows .*DO block at .*schema\.sql:3:7/);
  });
  it('a DO block that only inserts rows is left out, as INSERTs are: a later SET NOT NULL after a left-out UPDATE loads (Documenso)', async () => {
    const { counts, warnings } = await loadBoth(`
      CREATE TABLE "User" (id serial PRIMARY KEY, email text NOT NULL UNIQUE);
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM "User" WHERE email = 'deleted@example.com') THEN
          INSERT INTO "User" (email) VALUES ('deleted@example.com');
        END IF;
      END $$;
      ALTER TABLE "User" ADD COLUMN url text;
      UPDATE "User" SET url = 'u' || id WHERE url IS NULL;
      ALTER TABLE "User" ALTER COLUMN url SET NOT NULL;`);
    expect(counts.get('public.User')).toBe(40);
    expect(warnings.join('\n')).toMatch(/DO block at .*schema\.sql:3:7 writes rows: it is left out/);
  });
});
