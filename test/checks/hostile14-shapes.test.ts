/**
 * hostile13's open shapes (hostile14), each reduced to its minimal shape,
 * generated and loaded into the real server with every constraint in place
 * (a plain script with psql ON_ERROR_STOP and a custom archive through
 * pg_restore --exit-on-error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('hostile14: hostile13 open shapes', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hostile14shapes');
  });
  afterAll(async () => db.close());

  it('EXCLUDE (c WITH &&) on a domain over circle is planned as a key of disjoint circles (the domain is looked through)', async () => {
    // Before: exit 0, and the load stopped at 'could not create exclusion constraint "circles_c_excl"'.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE EXTENSION IF NOT EXISTS btree_gist;
       CREATE DOMAIN dc AS circle;
       CREATE DOMAIN dr AS int4range;
       CREATE TABLE circles (c dc, EXCLUDE USING gist (c WITH &&));
       CREATE TABLE spans (r dr NOT NULL, EXCLUDE USING gist (r WITH &&));`,
      { defaultRows: 40, seed: 1 },
    );
    // Before excl24: circles cut to 1 row (EXCLUSION_NOT_PLANNED); its unique circles are now disjoint.
    expect(Object.fromEntries(counts)).toEqual({ 'public.circles': 40, 'public.spans': 40 });
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual([]);
  });

  it('numeric, numeric(p, s) and double precision RANGE partitions FROM (x) TO (MAXVALUE) / FROM (MINVALUE) get rows, also under a primary key', async () => {
    // Before: 'partition m_hi has an unbounded (MINVALUE/MAXVALUE) range, so it gets no rows', and a numeric
    // primary key over finite RANGE partitions 'allows only 1 distinct value'.
    const { target, counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE m (k numeric NOT NULL, v text) PARTITION BY RANGE (k);
       CREATE TABLE m_lo PARTITION OF m FOR VALUES FROM (MINVALUE) TO (10);
       CREATE TABLE m_hi PARTITION OF m FOR VALUES FROM (10) TO (MAXVALUE);
       CREATE TABLE n (k numeric(5,2) PRIMARY KEY) PARTITION BY RANGE (k);
       CREATE TABLE n_lo PARTITION OF n FOR VALUES FROM (MINVALUE) TO (-5.5);
       CREATE TABLE n_hi PARTITION OF n FOR VALUES FROM (-5.5) TO (MAXVALUE);
       CREATE TABLE f (k double precision NOT NULL) PARTITION BY RANGE (k);
       CREATE TABLE f_lo PARTITION OF f FOR VALUES FROM (MINVALUE) TO (1e300);
       CREATE TABLE f_hi PARTITION OF f FOR VALUES FROM (1e300) TO (MAXVALUE);`,
      { defaultRows: 120, seed: 2 },
    );
    for (const p of ['m_lo', 'm_hi', 'n_lo', 'n_hi', 'f_lo', 'f_hi'])
      expect(counts.get(`public.${p}`)).toBeGreaterThan(10);
    const [row] = await target.query<{ m: string; n: string; f: string }>(
      'SELECT (SELECT count(*) FROM m) AS m, (SELECT count(DISTINCT k) FROM n) AS n, (SELECT count(*) FROM f) AS f',
    );
    expect(row).toEqual({ m: '120', n: '120', f: '120' });
  });

  it('a UNIQUE enum array (mood[]) or bool[] takes arrays of labels, not only the 3 labels alone; a cardinality CHECK on it still bounds it', async () => {
    // Before: 'UNIQUE t_ms_key (ms) allows only 3 distinct values, so it gets 3 rows instead of 300', and
    // t2 (cardinality(ms) <= 1, evaluated per row as an enum ordering) 'still fails CHECK t2_ms_check'.
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TYPE mood AS ENUM ('one', 'two', 'three');
       CREATE TABLE t (id int PRIMARY KEY, ms mood[] UNIQUE NOT NULL, bs bool[] UNIQUE);
       CREATE TABLE t2 (ms mood[] PRIMARY KEY, CHECK (cardinality(ms) <= 1));`,
      { defaultRows: 300, seed: 3 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 300, 'public.t2': 3 });
    expect(result.warnings.map((w) => w.message)).toEqual([
      'public.t2: PRIMARY KEY t2_pkey (ms) allows only 3 distinct values, so it gets 3 rows instead of 300.',
    ]);
    const [row] = await target.query<{ ms: string; bs: string }>(
      'SELECT count(DISTINCT ms) AS ms, count(DISTINCT bs) AS bs FROM t',
    );
    expect(row).toEqual({ ms: '300', bs: '300' });
  });

  it("a child's CHECK (a <> 'two') on an FK to a unique enum key leaves the parent every other label, not 1 row", async () => {
    // Before: 'PRIMARY KEY p_pkey (m) allows only 1 distinct values, so it gets 1 rows instead of 50':
    // the excluded label took 2 spare indexes of the 3-label space.
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TYPE mood AS ENUM ('one', 'two', 'three');
       CREATE TABLE p (m mood PRIMARY KEY);
       CREATE TABLE c (id int PRIMARY KEY, a mood NOT NULL REFERENCES p (m), CHECK (a <> 'two'));`,
      { defaultRows: 50, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.p': 2, 'public.c': 50 });
    expect(result.warnings.map((w) => w.message)).toEqual([
      'public.p: PRIMARY KEY p_pkey (m) allows only 2 distinct values, so it gets 2 rows instead of 50.',
    ]);
    const [row] = await target.query<{ labels: string }>(
      `SELECT string_agg(m::text, ',' ORDER BY m) AS labels FROM p`,
    );
    expect(row?.labels).toBe('one,three');
  });

  it("a NOT NULL varchar(2) FK to a text key: the parent's values are kept to 2 characters; a parent pattern no such value meets still leaves the child empty with the fix", async () => {
    // Before: 'public.c2 gets no rows instead of 40: row 0 still fails CHECK type varchar(2) of pcode'.
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE NOT NULL);
       CREATE TABLE c2 (id int PRIMARY KEY, pcode varchar(2) NOT NULL REFERENCES p (code));
       CREATE TABLE q (code text PRIMARY KEY CHECK (code ~ '^[a-z]{5}$'));
       CREATE TABLE c3 (id int PRIMARY KEY, qcode varchar(2) NOT NULL REFERENCES q (code));`,
      { defaultRows: 40, seed: 4 },
    );
    expect(Object.fromEntries(counts)).toEqual({
      'public.p': 40,
      'public.c2': 40,
      'public.q': 40,
      'public.c3': 0,
    });
    const [row] = await target.query<{ long: string }>(
      'SELECT count(*) AS long FROM p WHERE length(code) > 2',
    );
    expect(row?.long).toBe('0');
    expect(result.warnings.map((w) => w.where)).toEqual(['public.c3']);
    expect(result.warnings[0]?.message).toContain(
      "give the foreign key column its parent column's type in a copy of the DDL",
    );
  });

  it('descending identity columns and sequences (INCREMENT BY -1, -3 with CYCLE, a MAXVALUE below 0) are not set past the keys outside their bounds', async () => {
    // Before: exit 0, and the load stopped at 'setval: value 40 is out of bounds for sequence "g2_id_seq" (-2147483648..-1)'.
    const { target, counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE g (id int GENERATED BY DEFAULT AS IDENTITY
         (START WITH 100 INCREMENT BY -3 MINVALUE -1000000 MAXVALUE 100 CYCLE) PRIMARY KEY, a int);
       CREATE TABLE g2 (id int GENERATED BY DEFAULT AS IDENTITY (INCREMENT BY -1) PRIMARY KEY, a int);
       CREATE SEQUENCE sq INCREMENT BY -2 START WITH -10 MAXVALUE -10;
       CREATE TABLE g3 (id int DEFAULT nextval('sq') PRIMARY KEY, a int);`,
      { defaultRows: 40, seed: 5 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.g': 40, 'public.g2': 40, 'public.g3': 40 });
    // The next key of each goes on below the written ones.
    const [row] = await target.query<{ g: number; g2: number; g3: number }>(
      `SELECT nextval('g_id_seq')::int AS g, nextval('g2_id_seq')::int AS g2, nextval('sq')::int AS g3`,
    );
    expect(row).toEqual({ g: -3, g2: -1, g3: -10 });
  });

  it("CHECKs with bit literals (B'0000', X'F'), lower_inf()/upper_inf()/upper_inc() and isempty() on ranges, and xml_is_well_formed_document() are read: the tables get rows", async () => {
    // Before: 'cannot be read by datagen (constant)' / '(functions upper_inf(), lower_inf())' /
    // '(function xml_is_well_formed_document())': each table got no rows.
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE bits (id int PRIMARY KEY, f bit(4) NOT NULL CHECK (f <> B'0000' AND f <> X'F'), g varbit(8) CHECK (g <> B'1'));
       CREATE TABLE rr (id int PRIMARY KEY, r int4range NOT NULL CHECK (NOT upper_inf(r) AND NOT lower_inf(r)),
         s tstzrange CHECK (NOT isempty(s)), t numrange CHECK (NOT upper_inc(t)));
       CREATE TABLE x (id int PRIMARY KEY, d xml NOT NULL CHECK (xml_is_well_formed_document(d::text)));`,
      { defaultRows: 60, seed: 6 },
    );
    expect(result.warnings).toEqual([]);
    expect(Object.fromEntries(counts)).toEqual({ 'public.bits': 60, 'public.rr': 60, 'public.x': 60 });
    const [row] = await target.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM rr WHERE upper_inf(r) OR lower_inf(r)) + (SELECT count(*) FROM bits WHERE f = B'0000') AS n`,
    );
    expect(row?.n).toBe('0');
  });

  it("a DO block guarded by IF (SELECT to_regclass('t') IS NOT NULL) THEN (River's migration rebuild) is read as the DDL of the branch it takes", async () => {
    // Before: 'DO block at ...: the objects it creates (or changes) cannot be seen by datagen', and
    // 'public.river_migration gets no rows ... altered, renamed or dropped by the DO block'.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE river_migration (id bigserial PRIMARY KEY, version bigint NOT NULL UNIQUE);
       DO $body$
       BEGIN
         IF (SELECT to_regclass('river_migration') IS NOT NULL) THEN
           ALTER TABLE river_migration RENAME TO river_migration_old;
           CREATE TABLE river_migration (line text NOT NULL, version bigint NOT NULL CHECK (version >= 1),
             PRIMARY KEY (line, version));
           INSERT INTO river_migration (line, version) SELECT 'main', version FROM river_migration_old;
           DROP TABLE river_migration_old;
         END IF;
         IF to_regclass('public.nowhere') IS NULL THEN
           CREATE TABLE made_here (id int PRIMARY KEY);
         END IF;
       END;
       $body$ LANGUAGE plpgsql;`,
      { defaultRows: 30, seed: 7 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.river_migration': 30, 'public.made_here': 30 });
    expect(result.warnings.map((w) => w.code)).toEqual(['STATEMENT_SKIPPED']);
  });

  it('isn types (isbn, isbn13, issn, issn13, ismn, ismn13, ean13, upc) get valid values with their check digits, also UNIQUE', async () => {
    // Before: 'public.b.i is NOT NULL but datagen has no value generator for its type public.isbn; public.b gets no rows'.
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE EXTENSION IF NOT EXISTS isn;
       CREATE TABLE b (id int PRIMARY KEY, i isbn NOT NULL, i13 isbn13, s issn NOT NULL, s13 issn13,
         m ismn, m13 ismn13, e ean13 UNIQUE NOT NULL, u upc UNIQUE);`,
      { defaultRows: 80, seed: 8 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.b')).toBe(80);
    const [row] = await target.query<{ n: string; valid: boolean }>(
      `SELECT count(DISTINCT e) AS n, bool_and(is_valid(i) AND is_valid(s) AND is_valid(e) AND is_valid(u) AND is_valid(m13)) AS valid FROM b`,
    );
    expect(row).toEqual({ n: '80', valid: true });
  });
});
