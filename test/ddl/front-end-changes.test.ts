/**
 * DDL that changes earlier DDL, as migration-built schemas write it (drops,
 * renames, DO blocks that alter, ALTER DOMAIN): generated through the library
 * and loaded into the real server with ON_ERROR_STOP and every constraint in
 * place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { frontEndLoads } from '../helpers/front-end-load.js';

describe('DDL front end: DDL that changes earlier DDL', () => {
  const db = useTestDatabase('frontend');
  const { load, restoresAsArchive } = frontEndLoads(db);

  it('DDL that drops what earlier DDL made: constraints, indexes, columns and tables', async () => {
    const { target, counts, warnings } = await load(`
      CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE, b int CHECK (b > 0), c int, CHECK (a > c),
        code text, CONSTRAINT code_key UNIQUE (code));
      CREATE INDEX t_b ON t (b);
      CREATE TABLE gone (id int PRIMARY KEY);
      CREATE TABLE r (id int PRIMARY KEY, t_a int REFERENCES t (a), g int REFERENCES gone);
      ALTER TABLE t DROP COLUMN a CASCADE;
      ALTER TABLE t DROP COLUMN b;
      ALTER TABLE t DROP CONSTRAINT code_key;
      ALTER TABLE t DROP CONSTRAINT IF EXISTS never_there;
      DROP TABLE gone CASCADE;`);
    expect(warnings).toEqual([]);
    expect(counts.get('public.t')).toBe(30);
    expect(counts.get('public.r')).toBe(30);
    expect(counts.has('public.gone')).toBe(false);
    const cons = await target.query<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE conrelid IN ('t'::regclass, 'r'::regclass) ORDER BY 1",
    );
    expect(cons.map((c) => c.conname)).toEqual(['r_pkey', 't_pkey']);
  });

  it('migrations that drop or rename triggers, policies and rules; CLUSTER ... USING a key: the output loads', async () => {
    const { target, counts } = await load(`
      CREATE TABLE a (id int NOT NULL, owner text);
      ALTER TABLE a ADD CONSTRAINT a_pkey PRIMARY KEY (id);
      CLUSTER a USING a_pkey;
      ALTER TABLE a ENABLE ROW LEVEL SECURITY;
      CREATE POLICY p1 ON a USING (owner = current_user);
      DROP POLICY p1 ON a;
      CREATE POLICY p2 ON a USING (true);
      ALTER POLICY p2 ON a RENAME TO p3;
      CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER t1 BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION tf();
      ALTER TRIGGER t1 ON a RENAME TO t2;
      CREATE TRIGGER gone AFTER INSERT ON a FOR EACH ROW EXECUTE FUNCTION tf();
      DROP TRIGGER gone ON a;
      CREATE RULE r1 AS ON DELETE TO a DO INSTEAD NOTHING;
      DROP RULE r1 ON a;`);
    expect(counts.get('public.a')).toBe(30);
    const triggers = await target.query<{ tgname: string }>(
      "SELECT tgname FROM pg_trigger WHERE tgrelid = 'a'::regclass AND NOT tgisinternal",
    );
    expect(triggers.map((t) => t.tgname)).toEqual(['t2']);
    const policies = await target.query<{ policyname: string }>('SELECT policyname FROM pg_policies');
    expect(policies.map((p) => p.policyname)).toEqual(['p3']);
    const [clustered] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_index WHERE indisclustered',
    );
    expect(Number(clustered?.n)).toBe(1);
  });

  const RIVER_005 = `
      CREATE TABLE river_migration (id bigserial PRIMARY KEY, version bigint NOT NULL);
      CREATE TABLE kept (id int PRIMARY KEY);
      DO $body$
      BEGIN
        ALTER TABLE river_migration RENAME TO river_migration_old;
        CREATE TABLE river_migration (line text NOT NULL, version bigint NOT NULL, PRIMARY KEY (line, version));
        DROP TABLE river_migration_old;
      END;
      $body$ LANGUAGE plpgsql;`;

  it('a table a DO block alters, renames or drops (river migration 005) gets no rows, and its keys stay before the block (version 24)', async () => {
    const { counts, warnings } = await load(RIVER_005, { generatorVersion: 24 });
    expect(counts.get('public.river_migration')).toBe(0);
    expect(counts.get('public.kept')).toBe(30);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^DO block at .*schema\.sql:4:7: the objects it creates/),
      expect.stringMatching(
        /^public\.river_migration gets no rows instead of 30: .* altered, renamed or dropped by the DO block at .*schema\.sql:4:7/,
      ),
    ]);
  });

  it('from version 25 the block of constant DDL is its statements: the new river_migration gets rows, nothing warned', async () => {
    const { counts, warnings } = await load(RIVER_005);
    expect(counts.get('public.river_migration')).toBe(30);
    expect(counts.get('public.river_migration_old')).toBeUndefined();
    expect(counts.get('public.kept')).toBe(30);
    expect(warnings).toEqual([]);
  });

  it('a guarded DO block adding a key to a table with a foreign key (harbor): read as its ALTER, the table gets rows and the foreign key stays after the key it references', async () => {
    const { counts } = await load(`
      CREATE TABLE artifact (id serial PRIMARY KEY, digest text);
      CREATE TABLE artifact_accessory (id serial PRIMARY KEY, artifact_id int, subject_digest text,
        FOREIGN KEY (artifact_id) REFERENCES artifact(id));
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'unique_artifact_accessory') THEN
          ALTER TABLE artifact_accessory ADD CONSTRAINT unique_artifact_accessory UNIQUE (artifact_id, subject_digest);
        END IF;
      END $$;`);
    expect(counts.get('public.artifact')).toBe(30);
    expect(counts.get('public.artifact_accessory')).toBe(30);
  });

  it('ALTER DOMAIN ... ADD CONSTRAINT applies to the generated values', async () => {
    const { target } = await load(`
      CREATE DOMAIN pct AS int;
      ALTER DOMAIN pct ADD CONSTRAINT pct_range CHECK (VALUE >= 0 AND VALUE <= 100);
      ALTER DOMAIN pct SET NOT NULL;
      CREATE TABLE t (id int PRIMARY KEY, p pct);`);
    const [r] = await target.query<{ lo: number; hi: number; n: string }>(
      'SELECT min(p) AS lo, max(p) AS hi, count(p) AS n FROM t',
    );
    expect(r?.lo).toBeGreaterThanOrEqual(0);
    expect(r?.hi).toBeLessThanOrEqual(100);
    expect(r?.n).toBe('30');
  });

  it('RENAME COLUMN / RENAME TO / RENAME CONSTRAINT / ALTER INDEX RENAME: later keys and FKs use the new names', async () => {
    const { target, counts, warnings, dir } = await load(`
      CREATE TABLE a (id int PRIMARY KEY, nm text UNIQUE CHECK (nm <> ''), n2 int);
      CREATE INDEX a_nm_idx2 ON a (lower(nm)) WHERE n2 > 0;
      ALTER TABLE a RENAME COLUMN nm TO name;
      ALTER TABLE a RENAME TO accounts;
      CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES accounts, a_name text REFERENCES accounts (name));
      ALTER TABLE b RENAME CONSTRAINT b_a_id_fkey TO fk_b_a;
      ALTER INDEX a_nm_idx2 RENAME TO accounts_lower_name;
      ALTER TABLE accounts RENAME COLUMN name TO full_name;
      ALTER TABLE accounts RENAME id TO account_id;`);
    expect(warnings).toEqual([]);
    expect(counts.get('public.accounts')).toBe(30);
    expect(counts.get('public.b')).toBe(30);
    const cons = await target.query<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE conrelid IN ('accounts'::regclass, 'b'::regclass) ORDER BY 1",
    );
    expect(cons.map((c) => c.conname)).toEqual([
      'a_nm_check',
      'a_nm_key',
      'a_pkey',
      'b_a_name_fkey',
      'b_pkey',
      'fk_b_a',
    ]);
    const [i] = await target.query<{ def: string }>(
      "SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'accounts_lower_name'",
    );
    expect(i?.def).toContain('lower(full_name)');
    await restoresAsArchive(dir, counts);
  });
});
