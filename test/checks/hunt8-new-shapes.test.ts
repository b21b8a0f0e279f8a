/**
 * Shapes found by the eighth hunt on real schemas never seen before
 * (rudder-server's warehouse migrations, ChirpStack's, …): each reduced to a
 * minimal shape, generated, loaded into the real server with every
 * constraint in place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('shapes of the eighth hunt', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt8shapes');
  });
  afterAll(async () => db.close());

  it('a key added in a DO block under WHEN others THEN null, dropped and added again wider, loads (rudder-server)', async () => {
    const ddl = `CREATE TABLE wh_schemas (id bigserial PRIMARY KEY, source_id text NOT NULL,
  destination_id text NOT NULL, namespace text NOT NULL);
DO $$
    BEGIN
        ALTER TABLE wh_schemas ADD CONSTRAINT unique_wh_identifier UNIQUE("source_id","destination_id","namespace");
    EXCEPTION
        when others then null;
    END $$;
DO $$ BEGIN
  ALTER TABLE wh_schemas ADD CONSTRAINT unique_wh_identifier UNIQUE(source_id, destination_id);
EXCEPTION WHEN others THEN null; END $$;
ALTER TABLE wh_schemas DROP CONSTRAINT IF EXISTS unique_wh_identifier;
ALTER TABLE wh_schemas ADD COLUMN IF NOT EXISTS table_name TEXT DEFAULT '';
ALTER TABLE wh_schemas ADD CONSTRAINT unique_wh_identifier UNIQUE("source_id","destination_id","namespace", "table_name");`;
    const { target, counts, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 120, seed: 2 });
    expect(counts.get('public.wh_schemas')).toBe(120);
    // Both blocks are read as their DDL: no DO block is kept, none warned.
    expect(result.warnings.map((w) => w.code)).not.toContain('DO_BLOCK');
    const [key] = await target.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'unique_wh_identifier'`,
    );
    expect(key?.def).toBe('UNIQUE (source_id, destination_id, namespace, table_name)');
  });

  it('an index on an extension operator class the DDL never installs names the extension (ChirpStack gin_trgm_ops)', async () => {
    const ddl = `CREATE TABLE tenant (id uuid PRIMARY KEY, name varchar(100) NOT NULL);
create index idx_tenant_name_trgm on tenant using gin (name gin_trgm_ops);
create index idx_tenant_id_trgm on tenant using gist ((id::text) gist_trgm_ops);`;
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, ddl);
    const output = join(dir, 'out.sql');
    const result = await generate({ schema: [schema], output, defaultRows: 50, seed: 1 });
    const external = result.warnings.find((w) => w.code === 'EXTERNAL_OBJECTS');
    expect(external?.message).toMatch(/schema\.sql:2:1\): extensions pg_trgm\. The database/);
    // Where the user provides the extension, as the warning says, the output loads.
    const target = await db.createSibling();
    await target.query('CREATE EXTENSION pg_trgm');
    target.psqlFile(output);
    const [row] = await target.query<{ n: string }>('SELECT count(*) AS n FROM tenant');
    expect(Number(row?.n)).toBe(50);
  });
});
