/**
 * Shapes hostile16 found by hand-written hostile DDL, each reduced to its
 * minimal shape: generated and loaded into the real server with every
 * constraint in place (a plain script with psql ON_ERROR_STOP and a custom
 * archive through pg_restore --exit-on-error), or refused with a located
 * error where PostgreSQL refuses the DDL itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { ddlProblems } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

/** The located problems parseDdl reports for `text` as names.sql (none: []). */
const problems = (text: string) => ddlProblems(text, 'names.sql');

describe('hostile16 shapes', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hostile16shapes');
  });
  afterAll(async () => db.close());

  it('two length (or cardinality) equalities on one column leave no value: NULL, or no rows when NOT NULL, warned', async () => {
    // Before: the second `=` replaced the first's bounds: 'Feline' (length 6) written under length(t) = 3; exit 0,
    // and the load failed. Also cardinality() = 2 with = 3.
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE a (id int PRIMARY KEY, t text CHECK (length(t) = 3), CHECK (length(t) = 6));
       CREATE TABLE b (id int PRIMARY KEY, t text NOT NULL CHECK (char_length(t) = 3 AND length(t) = 6));
       CREATE TABLE c (id int PRIMARY KEY, t text CHECK (char_length(t) = 3 AND octet_length(t) = 6));
       CREATE TABLE d (id int PRIMARY KEY, t int[] CHECK (cardinality(t) = 2 AND array_length(t, 1) = 3));
       CREATE TABLE e (id int PRIMARY KEY, t text CHECK (length(t) = 4 AND length(t) >= 2));`,
      { defaultRows: 30, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toEqual({
      'public.a': 30,
      'public.b': 0,
      'public.c': 30,
      'public.d': 30,
      'public.e': 30,
    });
    // c's 3 characters in 6 bytes are multi-byte characters (session 19), no longer NULL.
    expect(result.warnings.map((w) => w.where).sort()).toEqual(['public.a.t', 'public.b.t', 'public.d.t']);
    const [row] = await target.query<{ n: string; e: string; c: string }>(
      `SELECT (SELECT count(t) FROM a) + (SELECT count(t) FROM d) AS n,
              (SELECT count(*) FROM e WHERE length(t) <> 4) AS e, (SELECT count(t) > 20 FROM c)::text AS c`,
    );
    expect(row).toEqual({ n: '0', e: '0', c: 'true' });
  });

  it("octet_length() counts bytes: a locale's multibyte names are checked per row, not taken as their character count", async () => {
    // Before: octet_length(x) <= 5 was read as length(x) <= 5 and trusted: 'Adèle' (6 bytes) and 'Gießen' written; exit 0,
    // and the load failed.
    for (const locale of ['fr', 'de', 'ja']) {
      const { counts } = await loadScriptAndArchive(
        db,
        `CREATE TABLE p (id int PRIMARY KEY, first_name text NOT NULL CHECK (octet_length(first_name) <= 5),
           city varchar(6) CHECK (octet_length(city) < 7));`,
        { defaultRows: 300, seed: 1, locale },
      );
      expect(counts.get('public.p'), locale).toBeGreaterThan(0);
    }
  });

  it('GREATEST(a, b) < n and LEAST(a, b) > n bound each argument (they were retried at random, then NULL or no rows)', async () => {
    // Before: GREATEST(a, b) < 100 left a and b NULL in about 30% of rows, and with COALESCE(a, b, 0) > 3 and
    // NULLIF(a, 7) IS NOT NULL beside it the table got no rows ("row 0 still fails ... after every attempt").
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE g (id int PRIMARY KEY, a int, b int,
         CHECK (GREATEST(a, b) < 100), CHECK (LEAST(a, b) > 0), CHECK (COALESCE(a, b, 0) > 3),
         CHECK (NULLIF(a, 7) IS NOT NULL));
       CREATE TABLE h (id int PRIMARY KEY, a int, b int, CHECK (100 >= GREATEST(a, b, 5)));
       CREATE TABLE never (id int PRIMARY KEY, a int, CHECK (GREATEST(a, 200) < 100));`,
      { defaultRows: 300, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.g': 300, 'public.h': 300, 'public.never': 0 });
    expect(result.warnings.map((w) => w.where)).toEqual(['public.never']);
    const [row] = await target.query<{ g: string; h: string }>(
      `SELECT (SELECT count(*) FROM g WHERE a IS NOT NULL) AS g,
              (SELECT count(*) FROM h WHERE a IS NOT NULL AND b IS NOT NULL) AS h`,
    );
    expect(row?.g).toBe('300');
    expect(Number(row?.h)).toBeGreaterThan(200);
  });

  it('x IS DISTINCT FROM 3 on a unique column is x <> 3 (the third key was 3: the table stopped at 2 rows)', async () => {
    // Found by the schema property test (seed 16101): c1 int2 NOT NULL UNIQUE CHECK (c1 IS DISTINCT FROM 3).
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE d (id int PRIMARY KEY, c1 int2 NOT NULL UNIQUE CHECK (c1 IS DISTINCT FROM 3),
         c2 text CHECK (c2 IS DISTINCT FROM 'x'), c3 int CHECK (NOT (c3 IS DISTINCT FROM 7)),
         c4 int CHECK (c4 IS NOT DISTINCT FROM 5));`,
      { defaultRows: 400, seed: 7 },
    );
    expect(counts.get('public.d')).toBe(400);
    expect(result.warnings).toEqual([]);
    const [row] = await target.query<{ n: string }>(
      'SELECT count(*) FILTER (WHERE c3 = 7 AND c4 = 5) AS n FROM d',
    );
    expect(row?.n).toBe('400');
  });

  it('a unique (c % m) on a column bounded below zero takes the m values ending at the bound (it was refused)', async () => {
    // Found by the extended schema property test (CI seed 20261201): exit 2, "No value of type int4 satisfies
    // bounds [0, -11]" (the modulo key's window started at 0 whatever the column's upper bound).
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE m (id int PRIMARY KEY, c1 int4 NOT NULL CHECK (c1 < -10));
       CREATE UNIQUE INDEX ON m ((c1 % 1000));
       CREATE TABLE p (id int PRIMARY KEY, c1 int4 UNIQUE CHECK (c1 NOT BETWEEN SYMMETRIC 10 AND -10));
       CREATE UNIQUE INDEX ON p ((c1 % 1000)) WHERE c1 > 0;`,
      { defaultRows: 400, seed: 7 },
    );
    expect(counts.get('public.m')).toBe(400);
    expect(counts.get('public.p')).toBe(400);
    expect(result.warnings).toEqual([]);
    const [row] = await target.query<{ lo: number; hi: number }>(
      'SELECT min(c1) AS lo, max(c1) AS hi FROM m',
    );
    expect(row?.hi).toBeLessThanOrEqual(-11);
    expect(row?.lo).toBeGreaterThanOrEqual(-1010);
  });

  it("a unique upper(c) over c IN ('draft', 'sent', 'paid') keeps the values as written (it wrote 'DRAFT')", async () => {
    // Found by the extended schema property test (CI seed 20261201): exit 0, and the load failed on the CHECK.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE u (id serial PRIMARY KEY, c text CHECK (c IN ('draft', 'sent', 'paid')));
       CREATE UNIQUE INDEX ON u (upper(c));
       CREATE TABLE l (id serial PRIMARY KEY, c text CHECK (c IN ('a', 'A', 'b')));
       CREATE UNIQUE INDEX ON l (lower(c));`,
      { defaultRows: 7, seed: 1 },
    );
    // Since version 20 the nullable c is NULL past its values (the tables were cut to 3 and 2 rows).
    expect(Object.fromEntries(counts)).toEqual({ 'public.u': 7, 'public.l': 7 });
    const [row] = await target.query<{ n: string; u: string }>(
      'SELECT (SELECT count(DISTINCT lower(c)) FROM l) AS n, (SELECT count(c) FROM u) AS u',
    );
    expect(row).toEqual({ n: '2', u: '3' });
  });

  it('a type named like a table or view of its schema (either order) is a located error: PostgreSQL rejects it', async () => {
    // Before: exit 0, and the load stopped at the second CREATE ("type already exists").
    expect(
      await problems('CREATE TABLE thing (id int);\nCREATE DOMAIN thing AS int CHECK (VALUE > 5);'),
    ).toEqual([
      'names.sql:2:1: CREATE DOMAIN public.thing: a table or view of that name is defined earlier in the DDL and has a row type of the same name, so PostgreSQL rejects the type ("type already exists"); rename one',
    ]);
    expect(await problems("CREATE TYPE x AS ENUM ('a');\nCREATE TABLE x (a int);")).toEqual([
      'names.sql:2:1: CREATE TABLE public.x: a type of that name is defined earlier in the DDL, and the table\'s row type needs the name, so PostgreSQL rejects it ("type already exists"); rename one',
    ]);
    expect(await problems('CREATE DOMAIN d AS int;\nCREATE VIEW d AS SELECT 1 AS a;')).toHaveLength(1);
    expect(await problems('CREATE VIEW v AS SELECT 1 AS a;\nCREATE TYPE v AS (a int);')).toHaveLength(1);
    // Another schema, or the other object dropped first, or a sequence before the type: PostgreSQL accepts them.
    expect(
      await problems(
        `CREATE SCHEMA s; CREATE TABLE s.x (a int); CREATE TYPE x AS ENUM ('a');
         CREATE TABLE y (a int); DROP TABLE y; CREATE TYPE y AS ENUM ('a');
         CREATE TYPE z AS ENUM ('a'); DROP TYPE z; CREATE TABLE z (a int);
         CREATE SEQUENCE q; CREATE TYPE q AS ENUM ('a');
         CREATE VIEW w AS SELECT 1 AS a; CREATE OR REPLACE VIEW w AS SELECT 2 AS a;`,
      ),
    ).toEqual([]);
  });
});
