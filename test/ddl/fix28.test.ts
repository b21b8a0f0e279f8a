/**
 * Issue 8 (fix 28), each from its minimal shape: what datagen writes loads, as a script and a custom
 * archive (pg_restore, also -j 2), with every constraint. First pgMemento's shape: install scripts that
 * define plpgsql routines, then `SELECT pgmemento.init('public')`, whose EXECUTEd DDL datagen cannot see
 * (an audit id column with a sequence DEFAULT and a UNIQUE key on every table, row triggers writing to a log
 * table, an `INSERT ... ON CONFLICT` needing the log's key).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { generateDdlFile, tempDir } from '../helpers/generate-file.js';
import { restoresAsArchive, writeDdlFiles } from '../helpers/load-generated.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix28');

/** pgMemento in little: a log with a key `ON CONFLICT` names, and an init() that audits a schema's tables. */
const AUDIT_INSTALL = `CREATE SCHEMA audit;
CREATE SEQUENCE audit.audit_id_seq;
CREATE TABLE audit.transaction_log (id serial PRIMARY KEY, txid bigint NOT NULL, txid_time timestamptz NOT NULL);
CREATE UNIQUE INDEX transaction_log_unique_idx ON audit.transaction_log (txid_time, txid);
CREATE TABLE audit.row_log (id bigserial PRIMARY KEY, audit_id bigint NOT NULL, new_data jsonb);
CREATE FUNCTION audit.log_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit.row_log (audit_id, new_data) VALUES (NEW.audit_id, to_jsonb(NEW));
  RETURN NULL;
END $$;
CREATE FUNCTION audit.init(schemaname text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  INSERT INTO audit.transaction_log (txid, txid_time) VALUES (txid_current(), transaction_timestamp())
    ON CONFLICT (txid_time, txid) DO NOTHING;
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = schemaname AND c.relkind = 'r' LOOP
    EXECUTE format('ALTER TABLE %I.%I ADD COLUMN audit_id bigint NOT NULL DEFAULT nextval(''audit.audit_id_seq'') UNIQUE',
      schemaname, t.relname);
    EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %I.%I FOR EACH ROW EXECUTE FUNCTION audit.log_insert()',
      schemaname, t.relname);
  END LOOP;
  RETURN 'audited ' || schemaname;
END $$;
`;

const APP = `CREATE TABLE public.customer (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE);
CREATE TABLE public.orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES public.customer (id),
  total numeric(10,2) CHECK (total >= 0));
`;

describe('fix 28: a top-level call of a routine running DDL datagen cannot see', () => {
  it('pgMemento: init() last in the DDL is written after the data; its columns get their DEFAULTs, its triggers do not fire on the load', async () => {
    // Before: exit 0, and the script stopped at the call: "there is no unique or exclusion constraint matching
    // the ON CONFLICT specification" (the call ran in the pre-data, before the log's keys); had it run, its
    // triggers would have written log rows on the load that collide with the generated ones.
    const ddl = `${AUDIT_INSTALL}${APP}SELECT audit.init('public');\nGRANT SELECT ON public.orders TO PUBLIC;\n`;
    const { counts, warnings, scriptText, script, archive } = await loadScriptAndArchive(db, ddl, {
      rows: 30,
      seed: 1,
    });
    expect(counts.get('public.customer')).toBe(30);
    expect(counts.get('public.orders')).toBe(30);
    // The generated rows are all there; the triggers wrote nothing on the load.
    expect(counts.get('audit.row_log')).toBe(30);
    const call = warnings.find((w) => w.includes('runs audit.init()'));
    expect(call).toMatch(/schema\.sql:\d+:1 runs audit\.init\(\), defined in the DDL, which runs DDL/);
    expect(call).toContain('written after the data, as the last of the post-data');
    expect(scriptText.indexOf("SELECT audit.init('public')")).toBeGreaterThan(
      scriptText.indexOf('ADD CONSTRAINT orders_customer_id_fkey'),
    );
    for (const target of [script, archive]) {
      const [ids] = await target.query<{ n: number; distinct: number }>(
        'SELECT count(audit_id)::int AS n, count(DISTINCT audit_id)::int AS distinct FROM public.orders',
      );
      expect(ids).toEqual({ n: 30, distinct: 30 });
      const [triggers] = await target.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'audit_insert'",
      );
      expect(triggers?.n).toBe(2);
    }
    // The audit now works on the loaded database: a new order is logged.
    await script.query(
      'INSERT INTO public.orders (customer_id, total) SELECT min(id), 1 FROM public.customer',
    );
    const [logged] = await script.query<{ n: number }>('SELECT count(*)::int AS n FROM audit.row_log');
    expect(logged?.n).toBe(31);
  });

  it('the call after the data waits for all of it under pg_restore -j 2', async () => {
    const ddl = `${AUDIT_INSTALL}${APP}SELECT audit.init('public');\n`;
    const schema = writeDdlFiles(tempDir(), ddl);
    const counts = new Map([
      ['audit.row_log', 40],
      ['audit.transaction_log', 41],
      ['public.customer', 40],
      ['public.orders', 40],
    ]);
    const restored = await restoresAsArchive(db, schema, { defaultRows: 40, seed: 2 }, counts, { jobs: 2 });
    const [ids] = await restored.query<{ n: number }>(
      'SELECT count(DISTINCT audit_id)::int AS n FROM public.customer',
    );
    expect(ids?.n).toBe(40);
  });

  it('a call is written after the data when later DDL does not name what it makes; one whose table later DDL indexes stays in place', async () => {
    const daily = `CREATE FUNCTION audit.make_daily() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'CREATE TABLE audit.daily (d date PRIMARY KEY, n int)';
END $$;
SELECT audit.make_daily();
CREATE INDEX daily_n_idx ON audit.daily (n);
`;
    const ddl = `${AUDIT_INSTALL}${APP}${daily}SELECT audit.init('public');\nCREATE TABLE public.note (id int PRIMARY KEY, body text);\n`;
    // Version 22's reading (from 23 a call whose DDL can be read is that DDL: test/ddl/fix30.test.ts).
    const { counts, warnings, scriptText, script } = await loadScriptAndArchive(db, ddl, {
      rows: 5,
      seed: 1,
      generatorVersion: 22,
    });
    expect(counts.get('public.note')).toBe(5);
    expect(counts.get('audit.daily')).toBe(0);
    expect(warnings.find((w) => w.includes('runs audit.init()'))).toContain('written after the data');
    expect(warnings.find((w) => w.includes('runs audit.make_daily()'))).toContain('it is kept as written');
    const copy = scriptText.indexOf('COPY public.customer');
    expect(scriptText.indexOf("SELECT audit.init('public')")).toBeGreaterThan(copy);
    expect(scriptText.indexOf('SELECT audit.make_daily()')).toBeLessThan(copy);
    // init() ran after CREATE TABLE note too: note's rows have their audit ids.
    const [ids] = await script.query<{ n: number }>(
      'SELECT count(DISTINCT audit_id)::int AS n FROM public.note',
    );
    expect(ids?.n).toBe(5);
  });

  it('a call stays in place when later DDL drops the routine it runs, or its code drops a table (graph-node)', async () => {
    // Found merging fix28 with hunt28, on graph-node: the moved calls ran after `DROP FUNCTION` of their own
    // routine, and `DROP FUNCTION log_event()` ran before the call that drops the tables whose triggers use it.
    const ddl = `CREATE TABLE public.item (id int PRIMARY KEY, name text);
CREATE TABLE public.legacy (id int PRIMARY KEY, v text);
CREATE FUNCTION public.log_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER legacy_log AFTER INSERT ON public.legacy FOR EACH ROW EXECUTE FUNCTION public.log_event();
CREATE FUNCTION public.make_stats() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'CREATE TABLE IF NOT EXISTS public.stats (k text PRIMARY KEY, n int)';
END $$;
SELECT public.make_stats();
DROP FUNCTION public.make_stats();
CREATE FUNCTION public.retire() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CREATE TABLE IF NOT EXISTS public.retired (id int);
  DROP TABLE IF EXISTS public.legacy;
END $$;
SELECT public.retire();
DROP FUNCTION public.log_event();
`;
    const { counts, warnings, scriptText } = await loadScriptAndArchive(db, ddl, {
      rows: 5,
      seed: 1,
      generatorVersion: 22,
    });
    expect(counts.get('public.item')).toBe(5);
    expect(warnings.find((w) => w.includes('runs public.make_stats()'))).toContain('it is kept as written');
    expect(warnings.find((w) => w.includes('runs public.retire()'))).toContain('it is kept as written');
    const copy = scriptText.indexOf('COPY public.item');
    expect(scriptText.indexOf('SELECT public.make_stats()')).toBeLessThan(copy);
    expect(scriptText.indexOf('SELECT public.retire()')).toBeLessThan(copy);
  });
});

describe('fix 28: the plpgsql DECLARE type check under extensions whose types are known', () => {
  it('with hstore, ltree, intarray, isn, lo, pg_trgm, btree_gist, uuid-ossp and pgcrypto created, a DECLARE of a type nothing makes still leaves its table without rows; their own types are fine', async () => {
    // Before: any CREATE EXTENSION but plpgsql turned the check off: exit 0, and the load stopped at the first
    // row of t (type "nowhere_type" does not exist).
    const extensions = [
      'hstore',
      'ltree',
      'intarray',
      'isn',
      'lo',
      'pg_trgm',
      'btree_gist',
      'uuid-ossp',
      'pgcrypto',
    ]
      .map((e) => `CREATE EXTENSION IF NOT EXISTS "${e}";`)
      .join('\n');
    const { counts, warnings } = await loadScriptAndArchive(
      db,
      `${extensions}
       CREATE FUNCTION broken(x int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
       DECLARE z nowhere_type;
       BEGIN RETURN x > 0; END $$;
       CREATE FUNCTION fine(x int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
       DECLARE h hstore; l ltree; q query_int; i isbn13; o lo; b ltxtquery;
       BEGIN RETURN x > 0; END $$;
       CREATE TABLE t (id int PRIMARY KEY, x int CHECK (broken(x)));
       CREATE TABLE u (id int PRIMARY KEY, x int CHECK (fine(x)));`,
      { rows: 4, seed: 1 },
    );
    expect(counts.get('public.t')).toBe(0);
    expect(counts.get('public.u')).toBe(4);
    expect(warnings.find((w) => w.startsWith('public.t gets no rows'))).toContain(
      'calls broken() in a CHECK, generated column or index, and its plpgsql body declares a variable of type nowhere_type',
    );
    expect(warnings.find((w) => w.startsWith('public.u gets no rows'))).toBeUndefined();
  });

  it('CREATE EXTENSION ... CASCADE counts what it requires (earthdistance: cube); an extension whose types are not known keeps the check off', async () => {
    const ddl = (extension: string) =>
      `CREATE EXTENSION IF NOT EXISTS ${extension} CASCADE;
       CREATE FUNCTION f(x int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
       DECLARE e earth; c cube; z nowhere_type;
       BEGIN RETURN x > 0; END $$;
       CREATE TABLE t (id int PRIMARY KEY, x int CHECK (f(x)));`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl('earthdistance'), { rows: 3, seed: 1 });
    expect(counts.get('public.t')).toBe(0);
    expect(warnings.find((w) => w.startsWith('public.t gets no rows'))).toContain('type nowhere_type');
    // TimescaleDB's types are not listed: it may make nowhere_type, so the table keeps its rows (not loaded here:
    // the test server has no TimescaleDB).
    const unknown = await generateDdlFile(ddl('timescaledb'), { defaultRows: 3 });
    expect(unknown.warnings.find((w) => w.message.startsWith('public.t gets no rows'))).toBeUndefined();
    expect(unknown.tables.find((t) => t.name === 't')?.rows).toBe(3);
  });
});

/** Two overloads of norm and of stamp; an index and a trigger use the ones the ALTERs do not name. */
const OVERLOADS = `CREATE SCHEMA s;
CREATE FUNCTION norm(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x';
CREATE FUNCTION norm(x text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower(x)';
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.b := coalesce(NEW.b, 'x'); RETURN NEW; END $$;
CREATE FUNCTION stamp(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x';
CREATE TABLE t (id int PRIMARY KEY, a int, b text);
CREATE INDEX t_b ON t (norm(b));
CREATE INDEX t_a ON t (norm(a));
CREATE TRIGGER t_stamp BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION stamp();
`;

describe('fix 28: ALTER FUNCTION of one overload', () => {
  it('SET SCHEMA moves only the overload named: calls that run the other stay; RENAME of f(int) leaves the trigger on f()', async () => {
    // Before: exit 0, and the load stopped at CREATE INDEX t_b ON public.t ((s.norm(b))): function s.norm(text)
    // does not exist (every overload was moved, with every call); the RENAME made the trigger run stamp2().
    const ddl = `${OVERLOADS}ALTER FUNCTION norm(int) SET SCHEMA s;
ALTER FUNCTION stamp(integer) RENAME TO stamp2;
CREATE TABLE u (id int PRIMARY KEY, b text DEFAULT norm('X'::text), n int DEFAULT s.norm(1), m int DEFAULT stamp2(1));`;
    const { counts, scriptText, script, archive } = await loadScriptAndArchive(db, ddl, { rows: 6, seed: 1 });
    expect(counts.get('public.t')).toBe(6);
    expect(counts.get('public.u')).toBe(6);
    expect(scriptText).toContain('CREATE INDEX t_b ON public.t ((norm(b)));');
    expect(scriptText).toContain('CREATE INDEX t_a ON public.t ((s.norm(a)));');
    expect(scriptText).toMatch(/CREATE TRIGGER t_stamp[^;]*EXECUTE PROCEDURE stamp\(\);/);
    for (const target of [script, archive]) {
      const functions = await target.query<{ f: string }>(
        "SELECT p.oid::regprocedure::text AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ('public', 's') ORDER BY 1",
      );
      expect(functions.map((r) => r.f)).toEqual([
        'norm(text)',
        's.norm(integer)',
        'stamp()',
        'stamp2(integer)',
      ]);
    }
  });
});
