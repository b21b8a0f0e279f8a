import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { readToc } from '../helpers/archive-toc.js';
import { useTestDatabase } from '../helpers/database.js';
import { customArchive, generateFile, tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

const db = useTestDatabase('hunt10shapes');

describe('shapes of hunt 10', () => {
  it('a generated numeric(5,2) column computed from a realistic duration and price holds its value: rows whose product does not fit are made again (pagila dump with revenue_projection)', async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE film (
         film_id serial PRIMARY KEY,
         rental_duration smallint DEFAULT 3 NOT NULL,
         rental_rate numeric(4,2) DEFAULT 4.99 NOT NULL,
         revenue_projection numeric(5,2) GENERATED ALWAYS AS ((rental_duration)::numeric * rental_rate) STORED,
         small_total smallint GENERATED ALWAYS AS (rental_duration * 1000) STORED,
         code varchar(4) GENERATED ALWAYS AS (upper(left(md5(film_id::text), 2)) || rental_duration::text) STORED
       );`,
      { defaultRows: 400, seed: 1 },
    );
    expect(counts.get('public.film')).toBe(400);
    for (const t of [target, restored]) {
      expect(await count(t, 'SELECT count(*) AS n FROM film WHERE revenue_projection < 1000')).toBe(400);
      // Not every row at the default: the realistic values stay, only those that overflow are made again.
      expect(await count(t, 'SELECT count(DISTINCT rental_duration) AS n FROM film')).toBeGreaterThan(5);
    }
  });

  it('a unique citext username under length 2..24 and a pattern whose words are joined by _ or nothing: every pair of words fits the length (graphile starter users, CrisisSolver)', async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
       CREATE SCHEMA app_public;
       CREATE TABLE app_public.users (
         id uuid DEFAULT gen_random_uuid() NOT NULL,
         username public.citext NOT NULL,
         CONSTRAINT users_username_check CHECK (((length((username)::text) >= 2) AND (length((username)::text) <= 24)
           AND (username OPERATOR(public.~) '^[a-zA-Z]([_]?[a-zA-Z0-9])+$'::public.citext)))
       );
       ALTER TABLE ONLY app_public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
       ALTER TABLE ONLY app_public.users ADD CONSTRAINT users_username_key UNIQUE (username);
       CREATE TABLE app_public.handles (
         id serial PRIMARY KEY,
         handle varchar(12) NOT NULL UNIQUE CHECK (handle ~ '^[a-z]+$')
       );`,
      { defaultRows: 3000, seed: 2 },
    );
    expect(counts.get('app_public.users')).toBe(3000);
    expect(counts.get('app_public.handles')).toBe(3000);
    for (const t of [target, restored]) {
      // Readable words, not the pattern's own strings.
      expect(
        await count(
          t,
          `SELECT count(*) AS n FROM app_public.users WHERE username::text ~ '^[a-z]+_?[a-z]+$'`,
        ),
      ).toBe(3000);
      expect(await count(t, 'SELECT max(length(handle)) AS n FROM app_public.handles')).toBeLessThanOrEqual(
        12,
      );
    }
  });

  it('a table whose id DEFAULT is a sequence with MAXVALUE 66 gets 66 rows, warned, not a setval PostgreSQL refuses; asked for by name, an error (Yota game dump)', async () => {
    const ddl = `CREATE SEQUENCE cardstypes_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE MAXVALUE 66 CACHE 1;
       CREATE TABLE cards_types (
         id integer DEFAULT nextval('cardstypes_id_seq'::regclass) NOT NULL PRIMARY KEY,
         color text CHECK (color = ANY (ARRAY['Blue', 'Red']))
       );
       CREATE TABLE cards (id serial PRIMARY KEY, type_id integer NOT NULL REFERENCES cards_types (id));`;
    const { target, counts, restored, result } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 200,
      seed: 1,
    });
    expect(counts.get('public.cards_types')).toBe(66);
    expect(counts.get('public.cards')).toBe(200);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(
      /public\.cards_types gets 66 rows instead of 200: .*cardstypes_id_seq.*MAXVALUE/,
    );
    for (const t of [target, restored])
      expect(await count(t, `SELECT last_value AS n FROM cardstypes_id_seq`)).toBe(66);
    const schema = join(tempDir(), 'schema.sql');
    writeFileSync(schema, ddl);
    await expect(generateFile({ schema: [schema], tables: { cards_types: 100 } })).rejects.toThrow(
      /100 rows were requested but public\.cards_types\.id takes the values of sequence/,
    );
  });

  it('CREATE RULE "_RETURN" ON SELECT DO INSTEAD makes a table a view: no rows for it, and under pg_restore -j the rule waits for the key its GROUP BY relies on (pg_dump 9 of cofree)', async () => {
    const ddl = `CREATE TABLE prof_node (id serial, parent integer, name text NOT NULL);
       CREATE TABLE prof_closure (id integer, parent integer, name text, students integer[]);
       ALTER TABLE ONLY prof_node ADD CONSTRAINT prof_pkey PRIMARY KEY (id);
       CREATE RULE "_RETURN" AS ON SELECT TO prof_closure DO INSTEAD SELECT p.id, p.parent, p.name,
         array_agg(c.id) AS students FROM (prof_node p LEFT JOIN prof_node c ON ((c.parent = p.id))) GROUP BY p.id;
       ALTER TABLE ONLY prof_node ADD CONSTRAINT prof_parent_fkey FOREIGN KEY (parent) REFERENCES prof_node(id);`;
    const { target, counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 30, seed: 1 });
    expect(counts.get('public.prof_node')).toBe(30);
    expect(counts.has('public.prof_closure')).toBe(false);
    expect(await count(target, `SELECT count(*) AS n FROM prof_closure`)).toBe(30);
    const dump = await customArchive(ddl, 30);
    const toc = await readToc(db, dump);
    const rule = toc.find((e) => e.desc === 'RULE');
    const key = toc.find((e) => e.desc === 'CONSTRAINT' && e.tag === 'prof_node prof_pkey');
    expect(rule?.deps).toContain(key?.id);
    expect(toc.some((e) => e.desc === 'TABLE DATA' && e.tag === 'prof_closure')).toBe(false);
    const parallel = await db.createSibling();
    parallel.run('pg_restore', ['-j', '2', '--exit-on-error', '-d', parallel.name, dump]);
    expect(await count(parallel, `SELECT count(*) AS n FROM prof_closure`)).toBe(30);
    await parallel.close();
  });

  it('ALTER TABLE ONLY on a partitioned table with no partitions yet adds a key its later partitions inherit: written without ONLY after the data, so the foreign key to it holds (pgschema issue 409)', async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE public.session (id bigint NOT NULL, started_at timestamp with time zone NOT NULL)
         PARTITION BY RANGE (started_at);
       ALTER TABLE ONLY public.session ADD CONSTRAINT session_pkey PRIMARY KEY (id, started_at);
       CREATE TABLE public.event (session_id bigint NOT NULL, session_started_at timestamp with time zone NOT NULL);
       ALTER TABLE ONLY public.event ADD CONSTRAINT event_session_fkey FOREIGN KEY (session_id, session_started_at)
         REFERENCES public.session(id, started_at);
       CREATE TABLE public.session_2026_01 PARTITION OF public.session FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
       CREATE TABLE public.session_2026_02 PARTITION OF public.session FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
       CREATE TABLE public.account (id bigint NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
       CREATE TABLE public.account_eu PARTITION OF public.account FOR VALUES IN ('eu');
       CREATE TABLE public.account_us PARTITION OF public.account FOR VALUES IN ('us');
       ALTER TABLE ONLY public.account ADD CONSTRAINT account_pkey PRIMARY KEY (id, region);
       ALTER TABLE ONLY public.account_eu ADD CONSTRAINT account_eu_pkey PRIMARY KEY (id, region);
       ALTER TABLE ONLY public.account_us ADD CONSTRAINT account_us_pkey PRIMARY KEY (id, region);
       ALTER INDEX public.account_pkey ATTACH PARTITION public.account_eu_pkey;
       ALTER INDEX public.account_pkey ATTACH PARTITION public.account_us_pkey;`,
      { defaultRows: 60, seed: 1 },
    );
    expect(counts.get('public.event')).toBe(60);
    for (const t of [target, restored]) {
      // Counted through the roots: the rows live in the partitions.
      expect(await count(t, 'SELECT count(*) AS n FROM public.session')).toBe(60);
      expect(await count(t, 'SELECT count(*) AS n FROM public.account')).toBe(60);
      const keys = `SELECT count(*) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
         WHERE i.indisprimary AND i.indisvalid AND c.relname IN ('session', 'session_2026_01', 'session_2026_02',
         'account', 'account_eu', 'account_us')`;
      expect(await count(t, keys)).toBe(6);
    }
  });

  it('a foreign key from a key to itself (each row its own parent) asks nothing: the table and the tables under it get their rows (bookbrainz entity)', async () => {
    const { counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TYPE entity_type AS ENUM ('Author', 'Work');
       CREATE TABLE entity (bbid uuid PRIMARY KEY, type entity_type NOT NULL);
       ALTER TABLE entity ADD FOREIGN KEY (bbid) REFERENCES entity (bbid);
       CREATE TABLE entity_redirect (source_bbid uuid, target_bbid uuid, PRIMARY KEY (source_bbid, target_bbid));
       ALTER TABLE entity_redirect ADD FOREIGN KEY (source_bbid) REFERENCES entity (bbid);
       ALTER TABLE entity_redirect ADD FOREIGN KEY (target_bbid) REFERENCES entity (bbid);`,
      { defaultRows: 80, seed: 1 },
    );
    expect(counts.get('public.entity')).toBe(80);
    expect(counts.get('public.entity_redirect')).toBe(80);
    const selfKeys = `SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND conrelid = 'entity'::regclass AND confrelid = 'entity'::regclass`;
    expect(await count(restored, selfKeys)).toBe(1);
  });

  it('filling a live database whose schema holds functions but no table reads it and writes nothing, instead of making the schema again there (the CLI passes no DDL file: pgschema function dumps)', async () => {
    const target = await db.createSibling();
    await target.query(`CREATE FUNCTION public.with_defaults(arr integer[] DEFAULT ARRAY[1, 2, 3]) RETURNS integer
      LANGUAGE sql AS $$ SELECT cardinality(arr) $$`);
    const result = await generate({
      schema: [],
      connection: { dbname: target.connectionString },
      defaultRows: 20,
    });
    expect(result.tables).toEqual([]);
    expect(await count(target, `SELECT count(*) AS n FROM pg_proc WHERE proname = 'with_defaults'`)).toBe(1);
    await target.close();
  });
});
