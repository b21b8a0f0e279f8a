/**
 * Shapes found by hunt 27 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F c into pg_restore, -F p
 * into psql ON_ERROR_STOP, -d direct load, 200 rows; -F c at 3000 too):
 * - loaded all three ways, no table empty: HashiCorp Boundary (all 290 OSS
 *   migrations in order, 293 tables; a DEFAULT calling a function by the name
 *   ALTER FUNCTION ... RENAME gave it was warned as undefined: fixed), Icinga DB (schema/pgsql), OpenSIPS (every scripts/postgres
 *   module), Flowable (the all-in-one PostgreSQL create script), Kanboard
 *   (app/Schema/Sql/postgres.sql, a pg_dump), Authelia's migrations, DBT-5
 *   (TPC-E, its shell scripts' heredocs), Apache ShenYu, Apache Ranger (core and
 *   KMS), OHDSI OMOP CDM 5.4 (ddl, keys, constraints, indices), SQL-Ledger,
 *   Cadence (postgres schema and visibility), Conductor's Flyway migrations
 *   (persistence, data, notify, scheduler), Documenso's 163 Prisma migrations,
 *   Ory Keto's popx migrations (with the `networks` table of Ory's shared
 *   migrations, which the refusal named);
 * - Synapse (full schema 72 and every later postgres delta; its
 *   `$%AUTO_INCREMENT_PRIMARY_KEY%$` template written as BIGSERIAL PRIMARY KEY):
 *   loaded all three ways, worker_read_write_locks{,_mode} empty as warned
 *   (their foreign keys read lock_name from each other, hunt 16b);
 * - DSpace's 68 Flyway SQL migrations: refused (two primary keys on eperson, …),
 *   as PostgreSQL refuses them too: its Java migrations between them drop the
 *   old keys;
 * - FreeRADIUS (main, cui, ippool, extras): exit 0, loads failed at 'trigger
 *   "upd_radgroups" for table "radacct" does not exist' (a DROP TRIGGER without
 *   IF EXISTS of a trigger never made): now refused at its line;
 * - pgMemento (INSTALL_PGMEMENTO.sql's \i files; `\set DBNAME`, as the
 *   refusal asked): loaded all three ways; with `SELECT pgmemento.init('public')`
 *   after it, exit 0 and every load fails at 'no unique or exclusion constraint
 *   matching the ON CONFLICT specification': the kept call runs pre-data, before
 *   the unique indexes its body's INSERT ... ON CONFLICT needs: left open;
 * - a pg_dump -s --clean file (probe after that one): exit 0, and both loads
 *   failed at its first DROP POLICY / TRIGGER / RULE / FUNCTION / DOMAIN / TYPE
 *   (only tables, views, indexes, sequences and schemas were left out): fixed.
 */
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { ddlProblems, tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive, writeDdlFiles } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt27shapes');

// pg_dump -s --clean (without --if-exists) of a table with a trigger, a policy, a view with a rule, a function,
// a domain and an enum: the drops come first, in reverse dependency order.
const CLEAN = `DROP POLICY pol ON public.t;
  DROP TRIGGER trg ON public.t;
  DROP RULE r ON public.v;
  ALTER TABLE ONLY public.t DROP CONSTRAINT t_pkey;
  DROP VIEW public.v;
  DROP TABLE public.t;
  DROP FUNCTION public.f();
  DROP DOMAIN public.pos;
  DROP TYPE public.mood;
  CREATE TYPE public.mood AS ENUM ('a', 'b');
  CREATE DOMAIN public.pos AS integer CONSTRAINT pos_check CHECK (VALUE > 0);
  CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$begin return new; end$$;
  CREATE TABLE public.t (id integer NOT NULL, m public.mood, p public.pos);
  CREATE VIEW public.v AS SELECT t.id FROM public.t;
  ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
  CREATE RULE r AS ON UPDATE TO public.v DO INSTEAD NOTHING;
  CREATE TRIGGER trg BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.f();
  ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;
  CREATE POLICY pol ON public.t USING (true);`;

describe('shapes of hunt 27 (real schemas)', () => {
  it("a pg_dump --clean file's drops of triggers, policies, rules, functions, domains and types are left out", async () => {
    // Before: exit 0, and the script, the archive and -d all stopped at 'relation "public.t" does not exist'
    // (DROP POLICY, the first statement), then DROP FUNCTION / DOMAIN / TYPE of what the empty target lacks.
    await expectServerRefuses(db, CLEAN, 'relation "public.t" does not exist');
    const { counts, result, target, restored } = await loadScriptAndArchive(db, CLEAN, {
      defaultRows: 30,
      seed: 1,
    });
    expect(counts.get('public.t')).toBe(30);
    expect(result.warnings.map((w) => w.code)).toEqual(['CLEAN_PROLOGUE']);
    expect(result.warnings[0]?.message).toMatch(
      /^9 DROP and ALTER \.\.\. DROP statements of objects not created/,
    );
    for (const t of [target, restored]) {
      // What the drops named is made by the output itself.
      const [row] = await t.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM pg_trigger WHERE tgname = 'trg') + (SELECT count(*) FROM pg_policy)
          + (SELECT count(*) FROM pg_rules WHERE rulename = 'r') AS n`,
      );
      expect(Number(row?.n)).toBe(3);
    }
    const direct = await db.createSibling();
    const file = writeDdlFiles(tempDir(), CLEAN);
    const load = await runCliInProcess(['generate', file, '-r', '30', '-d', direct.connectionString]);
    expect(load.status, load.stderr).toBe(0);
    const [loaded] = await direct.query<{ n: number }>('SELECT count(*)::int AS n FROM public.t');
    expect(loaded?.n).toBe(30);
  });

  it('DROP TRIGGER, POLICY or RULE of one never made on a table the DDL makes is refused at its line', async () => {
    // FreeRADIUS's extras/update_radacct_group.sql: 'DROP TRIGGER upd_radgroups ON radacct;' before its CREATE
    // TRIGGER, on a radacct that has none. Before: written as is, exit 0, and every load stopped there.
    const base = `CREATE TABLE radacct (radacctid bigserial PRIMARY KEY, groupname text);
      CREATE FUNCTION upd() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';`;
    const dropped = `${base}
      DROP TRIGGER upd_radgroups ON radacct;
      CREATE TRIGGER upd_radgroups AFTER INSERT ON radacct FOR EACH ROW EXECUTE PROCEDURE upd();`;
    await expectServerRefuses(db, dropped, 'trigger "upd_radgroups" for table "radacct" does not exist');
    expect(await ddlProblems(dropped)).toEqual([
      's.sql:3:7: DROP TRIGGER: upd_radgroups on radacct is not created earlier in the DDL, so PostgreSQL would reject the statement (add IF EXISTS, or remove it)',
    ]);
    await expectServerRefuses(
      db,
      `${base} DROP POLICY p ON radacct;`,
      'policy "p" for table "radacct" does not exist',
    );
    expect(await ddlProblems(`${base} DROP POLICY p ON radacct;`)).toHaveLength(1);
    expect(await ddlProblems(`${base} DROP RULE r ON radacct;`)).toHaveLength(1);
    // On a table nothing makes, named as any statement on it is.
    expect(await ddlProblems(`${base} DROP TRIGGER x ON radacct_old;`)).toEqual([
      expect.stringMatching(/DROP TRIGGER x on radacct_old: the table is not defined in the DDL/),
    ]);

    // With IF EXISTS, or after its CREATE, or where a kept DO block may make it: taken as PostgreSQL takes it.
    const kept = `${base}
      DROP TRIGGER IF EXISTS upd_radgroups ON radacct;
      CREATE TRIGGER upd_radgroups AFTER INSERT ON radacct FOR EACH ROW EXECUTE PROCEDURE upd();
      DROP TRIGGER upd_radgroups ON radacct;
      CREATE TRIGGER upd_radgroups AFTER INSERT ON radacct FOR EACH ROW EXECUTE PROCEDURE upd();
      DO $$ BEGIN EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON radacct FOR EACH ROW EXECUTE PROCEDURE upd()', 'by_code'); END $$;
      DROP TRIGGER by_code ON radacct;`;
    const { counts, target, restored } = await loadScriptAndArchive(db, kept, { defaultRows: 20, seed: 1 });
    expect(counts.get('public.radacct')).toBe(20);
    for (const t of [target, restored]) {
      const triggers = await t.query<{ tgname: string }>(
        'SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname',
      );
      expect(triggers.map((r) => r.tgname)).toEqual(['upd_radgroups']);
    }
  });

  it('ALTER TABLE DROP CONSTRAINT of one the table never had is refused at its line', async () => {
    // The same shape on constraints: before, written as is, exit 0, and every load stopped there.
    const ddl = `CREATE TABLE acct (id int PRIMARY KEY, n int CHECK (n > 0));
      ALTER TABLE acct DROP CONSTRAINT acct_n_check;
      ALTER TABLE acct DROP CONSTRAINT acct_n_check;`;
    await expectServerRefuses(db, ddl, 'constraint "acct_n_check" of relation "acct" does not exist');
    expect(await ddlProblems(ddl)).toEqual([
      's.sql:3:7: ALTER TABLE public.acct DROP CONSTRAINT: public.acct has no constraint acct_n_check in the DDL, so PostgreSQL refuses the statement (constraint does not exist); fix the name, or add the constraint before it',
    ]);
    const kept = ddl.replace(/DROP CONSTRAINT acct_n_check;$/, 'DROP CONSTRAINT IF EXISTS acct_n_check;');
    const { counts } = await loadScriptAndArchive(db, kept, { defaultRows: 20, seed: 1 });
    expect(counts.get('public.acct')).toBe(20);
  });

  it('a DEFAULT calling a function by the name ALTER FUNCTION ... RENAME gave it is not warned as undefined', async () => {
    // Boundary's migration 16: 'alter function wh_dim_id rename to wh_dim_key', then tables whose key defaults to
    // wh_dim_key(). Before: refused, 'it calls dim_key(), which neither PostgreSQL nor the DDL defines, so
    // PostgreSQL refuses the statement'; with extensions created (Boundary's pgcrypto, citext) a warning saying the
    // load stops there, though every load worked.
    const ddl = `CREATE FUNCTION dim_id() RETURNS text LANGUAGE sql AS $$SELECT md5(random()::text)$$;
      ALTER FUNCTION dim_id RENAME TO dim_key;
      CREATE TABLE dim (key text PRIMARY KEY DEFAULT dim_key(), name text);`;
    const { counts, result, target } = await loadScriptAndArchive(db, ddl, { defaultRows: 20, seed: 1 });
    expect(counts.get('public.dim')).toBe(20);
    expect(result.warnings).toEqual([]);
    const [row] = await target.query<{ made: string }>('SELECT dim_key() AS made');
    expect(row?.made).toMatch(/^[0-9a-f]{32}$/);
  });
});
