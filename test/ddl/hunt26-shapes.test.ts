/**
 * Shapes found by hunt 26 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F c into pg_restore, -F p
 * into psql ON_ERROR_STOP, -d direct load, 200 rows):
 * - loaded all three ways, no table empty: Kill Bill (util/ddl-postgresql.sql's
 *   domains and event trigger, then every module's ddl.sql), iNaturalist (Rails
 *   structure.sql, PostGIS), Lago (Rails structure.sql of pg_dump --clean
 *   --if-exists, without its pg_partman extension), Request Tracker
 *   (etc/schema.Pg), BenchBase's chbenchmark, epinions, hyadapt,
 *   resourcestresser, sibench, smallbank, tatp, voter and ycsb kits; pgwatch's
 *   sinks schema (its `CHECK (false)` template table and `UNIQUE ((1))`
 *   singleton warned as empty and one row, as they must be);
 * - Lago with pg_partman, Hatchet's sql/schema (22 partitioned tables whose
 *   partitions its code makes when it runs): warned as what to install or add;
 * - TEKSI Wastewater's pum changelogs (PostGIS, 335 tables): exit 0, loads failed
 *   at 'schema "tww_cfg" does not exist' (tables moved by SET SCHEMA, then the
 *   schema dropped), fixed;
 * - Langfuse's 434 Prisma migrations: pg_restore and psql loaded all 71 tables,
 *   -d stopped at 'SET TRANSACTION ISOLATION LEVEL must be called before any
 *   query' (exit 1, nothing created), fixed;
 * - Umami's Prisma migrations, Hasura Auth's goose migrations: loaded all three
 *   ways; Hasura Auth's pg_dump 17 schema dump: warned roles and citext but not
 *   the pgcrypto its `public.gen_random_uuid()` defaults call, so a load
 *   following the warning still failed, fixed (10/10 tables with them made);
 * - Hatchet's goose migrations: exit 0, loads fail at 'relation
 *   "v1_runs_olap_new" does not exist' (made by a Go migration, locked and
 *   renamed by SQL ones). A LOCK of a table nothing makes is now refused, as
 *   psql fails there; Hatchet's stay kept, as tables its partition-making
 *   functions may create when they run (warned): left open.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt26shapes');

/** The DDL refused by generate(), with the message it gives. */
async function refusal(ddl: string): Promise<string> {
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  try {
    await generate({ schema: [schema], output: join(dir, 'out.sql'), defaultRows: 5, seed: 1 });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('generate() took the DDL');
}

// TEKSI Wastewater: 06_swmm.sql makes tww_cfg.reach_coefficient_of_friction, 70_remove_tww_cfg.sql moves it to
// tww_od and drops tww_cfg.
const MOVED = `CREATE SCHEMA cfg;
  CREATE SCHEMA od;
  CREATE TABLE cfg.friction (fk_material integer, coefficient smallint, id serial UNIQUE);
  ALTER TABLE cfg.friction ADD CONSTRAINT pkey_friction PRIMARY KEY (fk_material);
  CREATE INDEX friction_coeff ON cfg.friction (coefficient);
  CREATE TABLE od.reach (id serial PRIMARY KEY, fk_material integer REFERENCES cfg.friction (fk_material));
  ALTER TABLE cfg.friction SET SCHEMA od;
  ALTER TABLE IF EXISTS cfg.updater SET SCHEMA od;
  DROP SCHEMA cfg CASCADE;
  CREATE TABLE od.updater (username varchar(200) PRIMARY KEY);
  CREATE TABLE od.later (id int PRIMARY KEY REFERENCES od.friction (fk_material));`;

describe('shapes of hunt 26 (real schemas)', () => {
  it('a table moved by ALTER TABLE SET SCHEMA is generated in its new schema, its old schema dropped after', async () => {
    // Before: 'AlterObjectSchema statement is not reflected in the model', exit 0, and both outputs stopped at
    // 'schema "cfg" does not exist' (the COPY, the primary key and the index named the table in cfg).
    const { counts, target, restored, result } = await loadScriptAndArchive(db, MOVED, {
      defaultRows: 40,
      seed: 2,
    });
    expect(counts.get('od.friction')).toBe(40);
    expect(counts.get('od.reach')).toBe(40);
    expect(counts.get('od.later')).toBe(40);
    expect([...counts.keys()].filter((t) => t.startsWith('cfg.'))).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual([]);
    for (const t of [target, restored]) {
      // The serial's sequence moved with its table, and was set past the generated keys.
      const [row] = await t.query<{ next: string; max: number; indexes: string }>(
        `SELECT nextval('od.friction_id_seq') AS next, (SELECT max(id) FROM od.friction) AS max,
          (SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'friction') AS indexes`,
      );
      expect(Number(row?.next)).toBeGreaterThan(Number(row?.max));
      expect(row?.indexes).toBe('friction_coeff,friction_id_key,pkey_friction');
    }
    const direct = await db.createSibling();
    const dir = tempDir();
    writeFileSync(join(dir, 'moved.sql'), MOVED);
    const load = await runCliInProcess([
      'generate',
      join(dir, 'moved.sql'),
      '-r',
      '40',
      '-d',
      direct.connectionString,
    ]);
    expect(load.status, load.stderr).toBe(0);
    const [loaded] = await direct.query<{ n: number }>('SELECT count(*)::int AS n FROM od.friction');
    expect(loaded?.n).toBe(40);
  });

  it('DROP SCHEMA ... CASCADE takes the tables, types and grants in it along; without CASCADE it is refused', async () => {
    // Before: exit 0, and both outputs stopped at 'schema "gone" does not exist' (the COPY into gone.p, its index,
    // the foreign key to it, the GRANTs an archive runs last).
    const ddl = `CREATE SCHEMA gone;
      CREATE TYPE gone.mood AS ENUM ('a', 'b');
      CREATE TABLE gone.p (id int PRIMARY KEY, m gone.mood);
      CREATE TABLE public.c (id int PRIMARY KEY, p_id int REFERENCES gone.p (id), note text);
      CREATE INDEX p_m ON gone.p (m);
      CREATE FUNCTION gone.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
      GRANT USAGE ON SCHEMA gone TO PUBLIC;
      GRANT SELECT ON gone.p TO PUBLIC;
      GRANT EXECUTE ON FUNCTION gone.f() TO PUBLIC;
      DROP SCHEMA gone CASCADE;`;
    const { counts, target, output } = await loadScriptAndArchive(db, ddl, { defaultRows: 30, seed: 1 });
    expect([...counts.entries()]).toEqual([['public.c', 30]]);
    const [row] = await target.query<{ fks: number; set: number }>(
      `SELECT (SELECT count(*)::int FROM pg_constraint WHERE contype = 'f') AS fks,
        (SELECT count(p_id)::int FROM c) AS set`,
    );
    // The foreign key went with the schema; the column keeps values.
    expect(row?.fks).toBe(0);
    expect(row?.set).toBeGreaterThan(0);
    expect(readFileSync(output, 'utf8')).not.toMatch(/GRANT[^;]*gone/);

    const kept = 'CREATE SCHEMA s; CREATE TABLE s.t (id int); DROP SCHEMA s;';
    await expectServerRefuses(db, kept, 'cannot drop schema s because other objects depend on it');
    expect(await refusal(kept)).toMatch(
      /DROP SCHEMA s: it still holds s\.t, so PostgreSQL refuses to drop it \(add CASCADE/,
    );
  });

  it('LOCK TABLE of a relation the DDL never makes is refused where the input would fail', async () => {
    // Before: the LOCK left out silently, exit 0, and the loads stopped at the DO block that renames the table:
    // 'relation "runs_new" does not exist' (Hatchet's goose migrations, where a Go migration makes it).
    const ddl = `CREATE TABLE runs (id int PRIMARY KEY);
      LOCK TABLE runs IN ACCESS EXCLUSIVE MODE;
      LOCK TABLE runs_new IN ACCESS EXCLUSIVE MODE;
      DO $$ BEGIN EXECUTE format('ALTER TABLE %I RENAME TO %I', 'runs_new', 'runs_final'); END $$;`;
    await expectServerRefuses(
      db,
      'LOCK TABLE runs_new IN ACCESS EXCLUSIVE MODE',
      'relation "runs_new" does not exist',
    );
    expect(await refusal(ddl)).toMatch(
      /schema\.sql:3:\d+: LOCK TABLE public\.runs_new: the table is not defined in the DDL, so PostgreSQL refuses/,
    );
    // A lock of a table the DDL makes is left out as before, and the rest loads.
    const { counts } = await loadScriptAndArchive(
      db,
      'CREATE TABLE runs (id int PRIMARY KEY); LOCK TABLE runs;',
      {
        defaultRows: 10,
        seed: 1,
      },
    );
    expect(counts.get('public.runs')).toBe(10);
  });

  it("SET TRANSACTION in a migration's own transaction is left out with it, so a direct load runs (Langfuse)", async () => {
    // Before: written in place; psql and pg_restore warned and went on, and -d stopped, exit 1, at 'SET
    // TRANSACTION ISOLATION LEVEL must be called before any query' (its one transaction had made tables already).
    const ddl = `CREATE TABLE projects (id text PRIMARY KEY);
      BEGIN;
      SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
      CREATE TABLE evaluators (id text PRIMARY KEY, project_id text NOT NULL REFERENCES projects (id));
      COMMIT;`;
    const { counts, output, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 20, seed: 1 });
    expect(counts.get('public.evaluators')).toBe(20);
    expect(readFileSync(output, 'utf8')).not.toContain('SET TRANSACTION');
    const skipped = result.warnings.find((w) => w.code === 'STATEMENT_SKIPPED');
    expect(skipped?.message).toMatch(
      /^3 Transaction statements \(the first at .*schema\.sql:2:\d+\) are not DDL/,
    );
    const direct = await db.createSibling();
    const dir = tempDir();
    writeFileSync(join(dir, 'migration.sql'), ddl);
    const load = await runCliInProcess([
      'generate',
      join(dir, 'migration.sql'),
      '-r',
      '20',
      '-d',
      direct.connectionString,
    ]);
    expect(load.status, load.stderr).toBe(0);
    const [row] = await direct.query<{ n: number }>('SELECT count(*)::int AS n FROM evaluators');
    expect(row?.n).toBe(20);
  });

  it("public.gen_random_uuid(), which pg_dump writes where pgcrypto was in public, names pgcrypto (Hasura Auth's dump)", async () => {
    // Before: the warning named citext only; a database given it still stopped at 'function
    // public.gen_random_uuid() does not exist' (PostgreSQL builds gen_random_uuid in, in pg_catalog).
    const ddl = `CREATE TABLE t (id uuid DEFAULT public.gen_random_uuid() NOT NULL PRIMARY KEY, n int);
      CREATE TABLE u (id uuid DEFAULT gen_random_uuid() PRIMARY KEY, b uuid DEFAULT pg_catalog.gen_random_uuid());`;
    const dir = tempDir();
    writeFileSync(join(dir, 'schema.sql'), ddl);
    const output = join(dir, 'out.sql');
    const result = await generate({ schema: [join(dir, 'schema.sql')], output, defaultRows: 20, seed: 1 });
    const external = result.warnings.find((w) => w.code === 'EXTERNAL_OBJECTS');
    expect(external?.message).toMatch(/schema\.sql:1:\d+\): extensions pgcrypto\. The database/);
    const target = await db.createSibling();
    await target.query('CREATE EXTENSION pgcrypto');
    target.psqlFile(output);
    const [row] = await target.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM t) + (SELECT count(*) FROM u) AS n',
    );
    expect(Number(row?.n)).toBe(40);
    // The built-in one alone (unqualified or pg_catalog's) needs nothing.
    const builtIn = await loadScriptAndArchive(db, ddl.slice(ddl.indexOf('CREATE TABLE u')), {
      defaultRows: 20,
      seed: 1,
    });
    expect(builtIn.result.warnings.map((w) => w.code)).toEqual([]);
    expect(builtIn.counts.get('public.u')).toBe(20);
  });
});
