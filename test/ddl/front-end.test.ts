/**
 * DDL as real files write it (pg_dump with and without --clean --if-exists,
 * psql scripts, migration-built schemas): one minimal shape per construct,
 * generated through the library and loaded into the real server with
 * ON_ERROR_STOP and every constraint in place. Bad DDL gets a located error.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateOptions, generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

let db: TestDatabase;

/** Write the files (the first is the schema), generate 30 rows per table, load into a fresh database. */
async function load(
  files: Record<string, string> | string,
  options: Omit<GenerateOptions, 'schema' | 'output'> = {},
  /** SQL run on the target first: what it must provide. */
  prepare?: string,
) {
  const dir = tempDir();
  const named = typeof files === 'string' ? { 'schema.sql': files } : files;
  for (const [name, text] of Object.entries(named)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const schema = join(dir, Object.keys(named)[0] ?? '');
  const output = join(dir, 'data.sql');
  const result = await generate({ schema: [schema], output, defaultRows: 30, seed: 3, ...options });
  const target = await db.createSibling();
  if (prepare !== undefined) await target.query(prepare);
  target.psqlFile(output);
  const counts = await userTableRowCounts(target);
  expect((await constraintSummary(target)).notValid).toEqual([]);
  return { target, counts, warnings: result.warnings, dir };
}

/** The same schema as a custom archive, restored with pg_restore -j 2: the same rows as the script. */
async function restoresAsArchive(dir: string, counts: Map<string, number>): Promise<void> {
  const dump = join(dir, 'data.dump');
  await generate({
    schema: [join(dir, 'schema.sql')],
    output: dump,
    format: 'custom',
    defaultRows: 30,
    seed: 3,
  });
  const target = await db.createSibling();
  target.run('pg_restore', ['-j', '2', '--exit-on-error', '-d', target.name, dump]);
  expect(await userTableRowCounts(target)).toEqual(counts);
  expect((await constraintSummary(target)).notValid).toEqual([]);
}

/** The located error generating from this DDL gives. */
async function failure(ddl: string): Promise<{ code: string; message: string; exitCode: number }> {
  const dir = tempDir();
  const schema = join(dir, 'bad.sql');
  writeFileSync(schema, ddl);
  try {
    await generate({ schema: [schema], output: join(dir, 'o.sql'), defaultRows: 5 });
  } catch (error) {
    const e = error as { code: string; message: string; exitCode: number };
    return { code: e.code, message: e.message.replaceAll(dir, '<dir>'), exitCode: e.exitCode };
  }
  throw new Error('generate succeeded');
}

describe('DDL front end: what real files write', () => {
  beforeAll(async () => {
    db = await createTestDatabase('frontend');
  });
  afterAll(async () => db.close());

  it('CREATE SCHEMA with elements: tables, views and indexes inside it are modelled', async () => {
    const { target, counts, warnings, dir } = await load(`
      CREATE SCHEMA s
        CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL)
        CREATE VIEW v AS SELECT id, name FROM t
        CREATE INDEX t_name ON t (name);
      CREATE TABLE u (id int PRIMARY KEY, t_id int NOT NULL REFERENCES s.t);
      CREATE TABLE later (id int PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS later (other text);
      ALTER TABLE later ADD COLUMN IF NOT EXISTS id int;`);
    expect(warnings).toEqual([]);
    expect(counts.get('s.t')).toBe(30);
    expect(counts.get('public.u')).toBe(30);
    expect(counts.get('public.later')).toBe(30);
    const [v] = await target.query<{ n: string }>('SELECT count(*) AS n FROM s.v');
    expect(v?.n).toBe('30');
    const [i] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 's' AND indexname = 't_name'",
    );
    expect(i?.n).toBe('1');
    await restoresAsArchive(dir, counts);
  });

  it('pg_dump --clean --if-exists: drops before the objects exist are accepted and left out', async () => {
    const { counts, warnings } = await load(`
      SET statement_timeout = 0;
      ALTER TABLE IF EXISTS ONLY public.child DROP CONSTRAINT IF EXISTS child_parent_id_fkey;
      ALTER TABLE IF EXISTS ONLY public.parent DROP CONSTRAINT IF EXISTS parent_pkey;
      DROP INDEX IF EXISTS public.child_idx;
      DROP TABLE IF EXISTS public.child;
      DROP SEQUENCE IF EXISTS public.parent_id_seq;
      DROP TABLE IF EXISTS public.parent;
      DROP TYPE IF EXISTS public.mood;
      DROP FUNCTION IF EXISTS public.f();
      DROP SCHEMA IF EXISTS other;
      DROP EXTENSION IF EXISTS citext;
      CREATE TYPE public.mood AS ENUM ('a', 'b');
      CREATE TABLE public.parent (id integer NOT NULL, m public.mood);
      CREATE SEQUENCE public.parent_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
      ALTER SEQUENCE public.parent_id_seq OWNED BY public.parent.id;
      CREATE TABLE public.child (id integer NOT NULL, parent_id integer);
      ALTER TABLE ONLY public.parent ALTER COLUMN id SET DEFAULT nextval('public.parent_id_seq'::regclass);
      ALTER TABLE ONLY public.parent ADD CONSTRAINT parent_pkey PRIMARY KEY (id);
      CREATE INDEX child_idx ON public.child USING btree (parent_id);
      ALTER TABLE ONLY public.child ADD CONSTRAINT child_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.parent(id);`);
    expect(warnings).toEqual([]);
    expect(counts.get('public.parent')).toBe(30);
    expect(counts.get('public.child')).toBe(30);
  });

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

  it('ALTER TABLE ONLY p ATTACH PARTITION (pg_dump style): rows are routed to the partitions', async () => {
    const { counts } = await load(`
      CREATE TABLE public.m (id integer NOT NULL, at date NOT NULL, v text) PARTITION BY RANGE (at);
      CREATE TABLE public.m_2024 (id integer NOT NULL, at date NOT NULL, v text);
      CREATE TABLE public.m_2025 (id integer NOT NULL, at date NOT NULL, v text);
      ALTER TABLE ONLY public.m ATTACH PARTITION public.m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      ALTER TABLE ONLY public.m ATTACH PARTITION public.m_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      ALTER TABLE ONLY public.m ADD CONSTRAINT m_pkey PRIMARY KEY (id, at);
      ALTER TABLE ONLY public.m_2024 ADD CONSTRAINT m_2024_pkey PRIMARY KEY (id, at);
      ALTER TABLE ONLY public.m_2025 ADD CONSTRAINT m_2025_pkey PRIMARY KEY (id, at);
      ALTER INDEX public.m_pkey ATTACH PARTITION public.m_2024_pkey;
      ALTER INDEX public.m_pkey ATTACH PARTITION public.m_2025_pkey;`);
    expect((counts.get('public.m_2024') ?? 0) + (counts.get('public.m_2025') ?? 0)).toBe(30);
    expect(counts.get('public.m_2024')).toBeGreaterThan(0);
    expect(counts.get('public.m_2025')).toBeGreaterThan(0);
  });

  it('column DEFAULTs that are not bare expressions keep their parentheses (sqlboiler: DEFAULT (now() AT TIME ZONE ...))', async () => {
    const { counts, dir } = await load(`
      CREATE TABLE t (id int PRIMARY KEY, created timestamp DEFAULT (now() AT TIME ZONE 'utc'),
        b bool DEFAULT (NOT false), c bool DEFAULT ('a' LIKE 'a%'), d bool DEFAULT (1 IS NOT NULL),
        e bool DEFAULT (1 IN (1, 2)), f bool DEFAULT (true AND false), g bool DEFAULT (1 BETWEEN 0 AND 2));
      CREATE TABLE u (id int);
      ALTER TABLE u ALTER COLUMN id SET DEFAULT (CASE WHEN true THEN 1 ELSE 2 END);`);
    expect(counts.get('public.t')).toBe(30);
    expect(readFileSync(join(dir, 'data.sql'), 'utf8')).toContain(
      "created timestamp DEFAULT (now() AT TIME ZONE 'utc')",
    );
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

  it('a pg_dump with data: COPY ... FROM stdin rows (quotes, backslashes, semicolons) up to \\. are left out', async () => {
    const { counts, warnings } = await load(
      [
        'CREATE TABLE m (id int PRIMARY KEY, s text);',
        'COPY m (id, s) FROM stdin;',
        '1\tit\'s a \\\\ ; "q',
        '2\t\\N',
        '\\.',
        'CREATE TABLE n (id int REFERENCES m);',
        'COPY n FROM stdin;',
        '\\.',
      ].join('\n'),
    );
    expect(counts.get('public.m')).toBe(30);
    expect(counts.get('public.n')).toBe(30);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^2 Copy statements \(the first at .*schema\.sql:2:1\) are not DDL and left out/),
    ]);
  });

  it('a table a DO block alters, renames or drops (river migration 005) gets no rows, and its keys stay before the block', async () => {
    const { counts, warnings } = await load(`
      CREATE TABLE river_migration (id bigserial PRIMARY KEY, version bigint NOT NULL);
      CREATE TABLE kept (id int PRIMARY KEY);
      DO $body$
      BEGIN
        ALTER TABLE river_migration RENAME TO river_migration_old;
        CREATE TABLE river_migration (line text NOT NULL, version bigint NOT NULL, PRIMARY KEY (line, version));
        DROP TABLE river_migration_old;
      END;
      $body$ LANGUAGE plpgsql;`);
    expect(counts.get('public.river_migration')).toBe(0);
    expect(counts.get('public.kept')).toBe(30);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^DO block at .*schema\.sql:4:7: the objects it creates/),
      expect.stringMatching(
        /^public\.river_migration gets no rows instead of 30: .* altered, renamed or dropped by the DO block at .*schema\.sql:4:7/,
      ),
    ]);
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

  it('LIST partitions of a boolean (MusicBrainz artist_release: IN (FALSE) / IN (TRUE)) both get rows', async () => {
    const { counts, warnings } = await load(`
      CREATE TABLE ar (is_track boolean NOT NULL, artist int NOT NULL) PARTITION BY LIST (is_track);
      CREATE TABLE ar_no PARTITION OF ar FOR VALUES IN (FALSE);
      CREATE TABLE ar_yes PARTITION OF ar FOR VALUES IN (TRUE);`);
    expect(warnings).toEqual([]);
    expect((counts.get('public.ar_no') ?? 0) + (counts.get('public.ar_yes') ?? 0)).toBe(30);
    expect(counts.get('public.ar_no')).toBeGreaterThan(0);
    expect(counts.get('public.ar_yes')).toBeGreaterThan(0);
  });

  it('multi-column and expression partition keys, sub-partitions: rows route, or the table gets none with a warning', async () => {
    const { counts, warnings } = await load(`
      CREATE TABLE m (a int NOT NULL, b int NOT NULL, v text) PARTITION BY RANGE (a, b);
      CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0, 0) TO (10, 100);
      CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (10, 100) TO (1000, 0);
      CREATE TABLE d (at date NOT NULL, n int NOT NULL) PARTITION BY RANGE (at, n);
      CREATE TABLE d1 PARTITION OF d FOR VALUES FROM ('2024-01-01', 5) TO ('2024-03-01', 0);
      CREATE TABLE e (t text NOT NULL, v int) PARTITION BY LIST (lower(t));
      CREATE TABLE e1 PARTITION OF e FOR VALUES IN ('x', 'y');
      CREATE TABLE e2 PARTITION OF e DEFAULT;
      CREATE TABLE x (t text NOT NULL) PARTITION BY LIST (upper(t));
      CREATE TABLE x1 PARTITION OF x FOR VALUES IN ('A');
      CREATE TABLE s (k int NOT NULL, d date NOT NULL) PARTITION BY LIST (k);
      CREATE TABLE s1 PARTITION OF s FOR VALUES IN (1, 2) PARTITION BY RANGE (d);
      CREATE TABLE s1a PARTITION OF s1 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
      CREATE TABLE s2 PARTITION OF s FOR VALUES IN (3) PARTITION BY RANGE (d);
      CREATE TABLE s2a PARTITION OF s2 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
      CREATE TABLE s2z PARTITION OF s2 DEFAULT;`);
    expect((counts.get('public.m1') ?? 0) + (counts.get('public.m2') ?? 0)).toBe(30);
    expect(counts.get('public.m1')).toBeGreaterThan(0);
    expect(counts.get('public.d1')).toBe(30);
    expect((counts.get('public.e1') ?? 0) + (counts.get('public.e2') ?? 0)).toBe(30);
    expect(counts.get('public.x1')).toBe(0);
    // s1 is partitioned again with no DEFAULT: its rows are routed into s1a (plan/partition-routes.ts).
    expect(counts.get('public.s1a')).toBeGreaterThan(0);
    expect(
      (counts.get('public.s1a') ?? 0) + (counts.get('public.s2a') ?? 0) + (counts.get('public.s2z') ?? 0),
    ).toBe(30);
    expect(warnings.map((w) => w.message)).toEqual([
      'public.x: its partition key is an expression, and it has no DEFAULT partition, so datagen cannot place its rows in a partition; it gets no rows. Add a DEFAULT partition (CREATE TABLE ... PARTITION OF public.x DEFAULT) to give it rows.',
    ]);
  });

  it("pg_dump's dummy view: the real definition runs after the primary key its GROUP BY needs", async () => {
    const { target, counts, dir } = await load(`
      CREATE TABLE public.orders (id integer NOT NULL, customer text NOT NULL, total numeric NOT NULL);
      CREATE VIEW public.order_totals AS
       SELECT NULL::integer AS id, NULL::text AS customer, NULL::numeric AS total;
      ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
      CREATE OR REPLACE VIEW public.order_totals AS
       SELECT orders.id, orders.customer, sum(orders.total) AS total
         FROM public.orders
        GROUP BY orders.id;`);
    const [v] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM order_totals WHERE customer IS NOT NULL',
    );
    expect(v?.n).toBe('30');
    await restoresAsArchive(dir, counts);
  });

  it('a hand-written view whose GROUP BY relies on a primary key: the key stays before the view', async () => {
    const { target, counts, dir } = await load(`
      CREATE TABLE public.a (id integer PRIMARY KEY, x integer);
      CREATE VIEW public.v AS SELECT a.id, a.x FROM public.a GROUP BY a.id;`);
    const [v] = await target.query<{ n: string }>('SELECT count(*) AS n FROM v');
    expect(v?.n).toBe('30');
    await restoresAsArchive(dir, counts);
  });

  it('psql meta-commands: \\restrict, \\set, \\connect skipped (one warning per kind), \\ir included', async () => {
    const { counts, warnings } = await load({
      'main.sql': [
        '\\restrict Zx9kQ',
        '\\set ON_ERROR_STOP on',
        '\\unset ECHO',
        '\\connect - postgres',
        '\\connect app',
        '\\ir parts/a.sql',
        'CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a);',
        '\\unrestrict Zx9kQ',
      ].join('\n'),
      'parts/a.sql': '\\ir b.sql\nCREATE TABLE a (id int PRIMARY KEY, c_id int REFERENCES c);',
      'parts/b.sql': 'CREATE TABLE c (id int PRIMARY KEY);',
    });
    expect(counts.get('public.a')).toBe(30);
    expect(counts.get('public.b')).toBe(30);
    expect(counts.get('public.c')).toBe(30);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^psql \\connect at .*main\.sql:4:1 \(2 times, first here\): datagen puts every object/,
      ),
    ]);
  });

  it("pg_dump 17's session settings (SET transaction_timeout) are not copied: the script loads on older servers", async () => {
    const { counts, dir } = await load(
      [
        'SET statement_timeout = 0;',
        'SET transaction_timeout = 0;',
        "SET client_encoding = 'UTF8';",
        "SET default_tablespace = '';",
        'CREATE TABLE t (id int PRIMARY KEY);',
      ].join('\n'),
    );
    expect(counts.get('public.t')).toBe(30);
    const script = readFileSync(join(dir, 'data.sql'), 'utf8');
    expect(script).not.toContain('transaction_timeout');
    expect(script.match(/^SET statement_timeout = 0;$/gm)).toHaveLength(1);
    expect(script).toContain("SET default_tablespace = '';");
  });

  it('objects made inside DO blocks or by a function the DDL calls: one warning naming the place', async () => {
    const { counts, warnings } = await load(`
      CREATE TABLE t (id int PRIMARY KEY);
      DO $$ BEGIN EXECUTE 'CREATE TABLE hidden (id int)'; END $$;
      CREATE FUNCTION make_tables() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE made (id int); END $$;
      SELECT make_tables();`);
    expect(counts.get('public.t')).toBe(30);
    expect(counts.get('public.hidden')).toBe(0);
    expect(warnings).toEqual([
      {
        code: 'DO_BLOCK',
        message: expect.stringMatching(/^DO block at .*schema\.sql:3:7: the objects it creates/),
        where: expect.stringMatching(/schema\.sql:3:7$/),
      },
      {
        code: 'FUNCTION_CALL',
        message: expect.stringMatching(
          /^SELECT at .*schema\.sql:5:7 runs public\.make_tables\(\), defined in the DDL: objects it creates/,
        ),
        where: expect.stringMatching(/schema\.sql:5:7$/),
      },
    ]);
    expect(counts.get('public.made')).toBe(0);
  });

  it('BEGIN ATOMIC bodies are read by statement kind: an INSERT writes rows, a string saying so does not', async () => {
    const { counts, warnings, dir } = await load(`
      CREATE TABLE log (id serial PRIMARY KEY, note text);
      CREATE FUNCTION add_note(n text) RETURNS void LANGUAGE sql BEGIN ATOMIC INSERT INTO log (note) VALUES (n); END;
      CREATE FUNCTION says() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'insert into log; delete from log'; END;
      SELECT add_note('x');
      SELECT says();`);
    expect(counts.get('public.log')).toBe(30);
    const script = readFileSync(join(dir, 'data.sql'), 'utf8');
    expect(script).not.toContain("add_note('x')");
    expect(script).toContain('says()');
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^SELECT at .*schema\.sql:5:7 runs public\.add_note\(\), defined in the DDL, which writes rows/,
      ),
      expect.stringMatching(
        /^SELECT at .*schema\.sql:6:7 runs public\.says\(\), defined in the DDL: objects it creates/,
      ),
    ]);
  });

  it('a function the DDL calls that only writes rows (icinga2 updatedbversion) is left out: its rows would collide', async () => {
    const { counts, warnings, dir } = await load(`
      CREATE TABLE dbversion (id bigserial PRIMARY KEY, name text UNIQUE, version text);
      CREATE FUNCTION updatedbversion(v text) RETURNS void AS $$
      BEGIN
        IF EXISTS (SELECT * FROM dbversion WHERE name = 'ido') THEN
          UPDATE dbversion SET version = v WHERE name = 'ido';
        ELSE
          INSERT INTO dbversion (id, name, version) VALUES ('1', 'ido', v);
        END IF;
      END $$ LANGUAGE plpgsql;
      SELECT updatedbversion('1.14.3');`);
    expect(counts.get('public.dbversion')).toBe(30);
    expect(readFileSync(join(dir, 'data.sql'), 'utf8')).not.toContain("updatedbversion('1.14.3')");
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^SELECT at .*schema\.sql:11:7 runs public\.updatedbversion\(\), defined in the DDL, which writes rows: it is left out/,
      ),
    ]);
  });

  it('CHECKs calling DDL functions whose body is one expression (MusicBrainz) are planned with the body inlined', async () => {
    const { target, counts, warnings } = await load(
      `
      CREATE FUNCTION padded_by_whitespace(TEXT) RETURNS boolean AS $$ SELECT btrim($1) <> $1; $$ LANGUAGE SQL IMMUTABLE STRICT;
      CREATE FUNCTION controlled_for_whitespace(TEXT) RETURNS boolean AS $$
        SELECT NOT padded_by_whitespace($1);
      $$ LANGUAGE SQL IMMUTABLE SET search_path = public;
      CREATE FUNCTION is_code(c text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN c ~ '^[A-Z]{3}$'; END $$;
      CREATE FUNCTION in_range(n int, lo int, hi int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN n BETWEEN lo AND hi;
      CREATE DOMAIN short_code AS text CHECK (is_code(VALUE));
      CREATE TABLE area (id serial PRIMARY KEY, name varchar NOT NULL CHECK (controlled_for_whitespace(name)),
        code text NOT NULL UNIQUE CHECK (is_code(code)), n int NOT NULL CHECK (in_range(n, 5, 9)), alt short_code);`,
      { defaultRows: 300 },
    );
    expect(counts.get('public.area')).toBe(300);
    expect(warnings).toEqual([]);
    const [bad] = await target.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM area WHERE code !~ '^[A-Z]{3}$' OR n NOT BETWEEN 5 AND 9 OR alt !~ '^[A-Z]{3}$'",
    );
    expect(bad?.n).toBe(0);
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

  it('CREATE TABLE (LIKE base INCLUDING ALL) copies columns, defaults, identity, CHECKs and keys', async () => {
    const { target, counts, warnings, dir } = await load(`
      CREATE TABLE base (id serial PRIMARY KEY, name text NOT NULL CHECK (length(name) > 2),
        code varchar(5) UNIQUE, g int GENERATED ALWAYS AS (id * 2) STORED, n int GENERATED ALWAYS AS IDENTITY);
      CREATE UNIQUE INDEX base_lower ON base (lower(name)) WHERE code IS NOT NULL;
      CREATE TABLE copy (LIKE base INCLUDING ALL);
      CREATE TABLE bare (LIKE base, extra int NOT NULL);
      CREATE TABLE r (id int PRIMARY KEY, copy_id int NOT NULL REFERENCES copy);`);
    expect(warnings).toEqual([]);
    expect(counts.get('public.copy')).toBe(30);
    expect(counts.get('public.bare')).toBe(30);
    const cons = await target.query<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE conrelid = 'copy'::regclass ORDER BY 1",
    );
    expect(cons.map((c) => c.conname)).toEqual(['base_name_check', 'copy_code_key', 'copy_pkey']);
    const [g] = await target.query<{ bad: string }>('SELECT count(*) AS bad FROM copy WHERE g <> id * 2');
    expect(g?.bad).toBe('0');
    await restoresAsArchive(dir, counts);
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

  it('objects the DDL uses but never creates: one warning listing them; a nullable FK to them stays NULL', async () => {
    const { target, counts, warnings } = await load(
      `CREATE TABLE public.profiles (id uuid PRIMARY KEY, user_id uuid REFERENCES auth.users (id), name text);
      ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own ON public.profiles FOR SELECT USING (auth.uid() = user_id);`,
      {},
      `CREATE SCHEMA auth; CREATE TABLE auth.users (id uuid PRIMARY KEY);
       CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql AS 'SELECT NULL::uuid';`,
    );
    expect(counts.get('public.profiles')).toBe(30);
    const [nulls] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM profiles WHERE user_id IS NULL',
    );
    expect(nulls?.n).toBe('30');
    expect(warnings.map((w) => [w.code, w.where])).toEqual([
      ['FOREIGN_KEY_TARGET_MISSING', 'public.profiles.user_id'],
      ['EXTERNAL_OBJECTS', expect.stringMatching(/schema\.sql:1:1$/)],
    ]);
    expect(warnings[1]?.message).toContain(
      'schemas auth; tables auth.users; functions auth.uid(). The database the output is loaded into must provide them',
    );
  });

  it('a NOT NULL FK to a table the DDL never defines (Supabase apps: auth.users) leaves its table and dependants empty, warned, and the output loads', async () => {
    const { counts, warnings } = await load(
      `CREATE TABLE public.accounts (id uuid PRIMARY KEY, owner uuid NOT NULL REFERENCES auth.users (id), name text);
      CREATE TABLE public.members (account_id uuid NOT NULL REFERENCES public.accounts, role text);
      CREATE TABLE public.plans (id int PRIMARY KEY, name text NOT NULL);`,
      {},
      'CREATE SCHEMA auth; CREATE TABLE auth.users (id uuid PRIMARY KEY);',
    );
    expect(counts.get('public.accounts')).toBe(0);
    expect(counts.get('public.members')).toBe(0);
    expect(counts.get('public.plans')).toBe(30);
    expect(warnings.map((w) => [w.code, w.where])).toEqual([
      ['EXTERNAL_OBJECTS', expect.stringMatching(/schema\.sql:1:1$/)],
      ['TABLE_EMPTY', 'public.accounts'],
      ['TABLE_EMPTY', 'public.members'],
    ]);
    expect(warnings[1]?.message).toContain(
      'foreign key accounts_owner_fkey is NOT NULL and references auth.users, which the DDL does not define (the database loaded into must provide it)',
    );
    // --strict turns the fallback into a refusal, nothing written.
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.sql'),
      'CREATE TABLE p (id int PRIMARY KEY, u uuid NOT NULL REFERENCES auth.users);',
    );
    const strict = await generate({
      schema: [join(dir, 'bad.sql')],
      output: join(dir, 'o.sql'),
      defaultRows: 5,
      strict: true,
    }).catch((e: unknown) => e as { exitCode: number; message: string });
    expect(strict).toMatchObject({ exitCode: 2 });
    expect((strict as { message: string }).message).toContain('public.p gets no rows');
    expect(existsSync(join(dir, 'o.sql'))).toBe(false);
  });

  it('a type of an extension the DDL never creates (citext) is listed for the target database', async () => {
    const { counts, warnings } = await load(
      'CREATE TABLE t (id int PRIMARY KEY, tag citext NOT NULL UNIQUE);',
      {},
      'CREATE EXTENSION citext;',
    );
    expect(counts.get('public.t')).toBe(30);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^the DDL uses objects it does not create \(first at .*schema\.sql:1:1\): extensions citext\./,
      ),
    ]);
  });

  it('roles granted to but never created are listed for the target database', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 's.sql'),
      'CREATE ROLE app_owner;\nCREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE t OWNER TO app_owner;\nGRANT SELECT ON t TO anon, postgres;\n',
    );
    const result = await generate({
      schema: [join(dir, 's.sql')],
      output: join(dir, 'o.sql'),
      defaultRows: 1,
    });
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('(first at '.concat(join(dir, 's.sql'), ':4:1): roles anon.')),
    ]);
  });

  it('DDL the server would reject: a located error, exit 2', async () => {
    expect(
      await failure('CREATE TABLE t (id int);\nALTER TABLE t ALTER COLUMN missing TYPE bigint;'),
    ).toEqual({
      code: 'SCHEMA_INVALID',
      exitCode: 2,
      message: expect.stringContaining(
        '<dir>/bad.sql:2:1: ALTER TABLE public.t: column public.t.missing does not exist',
      ),
    });
    expect((await failure('CREATE TABLE t (id int);\nCREATE TABLE t (id int);')).message).toContain(
      '<dir>/bad.sql:2:1: CREATE TABLE public.t: the table is already defined at <dir>/bad.sql:1:1',
    );
    expect((await failure('CREATE TABLE t (id int,\n  a text, a int);')).message).toContain(
      '<dir>/bad.sql:2:11: CREATE TABLE public.t: column a is declared more than once',
    );
    expect(
      (await failure('CREATE TABLE p (m money PRIMARY KEY);\nCREATE TABLE c (p smallint REFERENCES p (m));'))
        .message,
    ).toContain(
      '<dir>/bad.sql:2:28: foreign key c_p_fkey of public.c: column public.c.p cannot reference public.p.m (int2 and money',
    );
    expect((await failure('CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN id int;')).message).toContain(
      '<dir>/bad.sql:2:1: ALTER TABLE public.t ADD COLUMN: column id already exists',
    );
    expect((await failure('CREATE TABLE t (id int);\nDROP TABLE nope;')).message).toContain(
      '<dir>/bad.sql:2:1: DROP TABLE: nope is not created earlier in the DDL',
    );
  });
});
