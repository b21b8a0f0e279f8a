/**
 * DDL as real files write it (pg_dump with and without --clean --if-exists,
 * with data, psql scripts with meta-commands and includes): one minimal shape
 * per construct, generated through the library and loaded into the real
 * server with ON_ERROR_STOP and every constraint in place. The other
 * front-end-*.test.ts files: partitions and views, DDL that changes earlier
 * DDL, code the DDL runs, what it uses but never creates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { frontEndLoads } from '../helpers/front-end-load.js';

describe('DDL front end: what real files write', () => {
  const db = useTestDatabase('frontend');
  const { load, restoresAsArchive } = frontEndLoads(db);

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
});
