/**
 * Shapes hostile17 found (by the schema property test with new seeds, and by
 * hand-written hostile DDL), each reduced to its minimal shape: generated and
 * loaded into the real server with every constraint in place (a plain script
 * with psql ON_ERROR_STOP and a custom archive through pg_restore
 * --exit-on-error), or refused with a located error where PostgreSQL refuses
 * the DDL itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatagenError, ErrorCodes } from '../../src/errors.js';
import { parseDdl } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('hostile17 shapes', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hostile17shapes');
  });
  afterAll(async () => db.close());

  it('a unique upper(c) over a column a CHECK keeps lower case keeps it lower (it wrote FAR-BEND-126)', async () => {
    // Found by the schema property test (seed 17171717): c2 varchar(12) CHECK (c2 = lower(c2)) with
    // CREATE UNIQUE INDEX ON t0 (upper(c2)): the key's fold upper-cased every value; exit 0, and the load failed.
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE l (id int PRIMARY KEY, c varchar(12) CHECK (c = lower(c)));
       CREATE UNIQUE INDEX ON l (upper(c)) WHERE c <> '';
       CREATE TABLE u (id int PRIMARY KEY, c text NOT NULL CHECK (c = upper(c)));
       CREATE UNIQUE INDEX ON u (lower(c));`,
      { defaultRows: 60, seed: 7 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.l': 60, 'public.u': 60 });
    expect(result.warnings).toEqual([]);
    const [row] = await target.query<{ l: string; u: string }>(
      `SELECT (SELECT count(DISTINCT upper(c)) FROM l WHERE c <> '') AS l, (SELECT count(DISTINCT lower(c)) FROM u) AS u`,
    );
    expect(Number(row?.l)).toBeGreaterThan(40);
    expect(row?.u).toBe('60');
  });

  it('an enum without labels: the warning says so and how to give it labels (it blamed datagen for the type)', async () => {
    // Before: "datagen has no value generator for its type public.mood (the enum has no labels) ... tell the
    // datagen maintainers which type you need".
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TYPE mood AS ENUM ();
       CREATE TABLE p (id int PRIMARY KEY, m mood);
       CREATE TABLE q (id int PRIMARY KEY, m mood NOT NULL);`,
      { defaultRows: 5, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.p': 5, 'public.q': 0 });
    expect(result.warnings.map((w) => w.message)).toEqual([
      "public.p.m: its type public.mood is an enum with no labels, so no value is of that type; the column is left NULL in every row. To fill it, give public.mood its labels (ALTER TYPE public.mood ADD VALUE 'label') in a copy of the DDL you generate from.",
      "public.q.m is NOT NULL but its type public.mood is an enum with no labels, so no value is of that type; public.q gets no rows (tables with NOT NULL foreign keys to it too). To fill it, give public.mood its labels (ALTER TYPE public.mood ADD VALUE 'label') in a copy of the DDL you generate from; or make the column nullable (it is then left NULL).",
    ]);
  });

  it('a table past 1,600 columns is refused where it is made, as PostgreSQL refuses it (it was exit 0)', async () => {
    // Before: exit 0, and psql stopped at "tables can have at most 1600 columns".
    const columns = (n: number) => Array.from({ length: n }, (_, i) => `c${i} int`).join(', ');
    const messages = async (text: string) => {
      try {
        await parseDdl([{ file: 'wide.sql', text }]);
        return [];
      } catch (error) {
        expect((error as DatagenError).code).toBe(ErrorCodes.SCHEMA_INVALID);
        return (error as DatagenError).message.split('\n').slice(1);
      }
    };
    expect(await messages(`CREATE TABLE w (id int PRIMARY KEY, ${columns(1600)});`)).toEqual([
      'wide.sql:1:1: CREATE TABLE public.w: the table has 1601 columns, and a PostgreSQL table can have at most 1600; split it into tables of fewer columns (one-to-one, sharing the key)',
    ]);
    expect(
      await messages(
        `CREATE TABLE w (id int PRIMARY KEY, ${columns(1599)});\nALTER TABLE w ADD COLUMN x int, ADD COLUMN y int;`,
      ),
    ).toEqual([
      'wide.sql:2:1: ALTER TABLE ADD COLUMN public.w: the table has 1601 columns, and a PostgreSQL table can have at most 1600; split it into tables of fewer columns (one-to-one, sharing the key)',
    ]);
    expect(await messages(`CREATE TABLE w (id int PRIMARY KEY, ${columns(1599)});`)).toEqual([]);
  });

  it('a CHECK nested 3,000 parentheses deep is a located error, not an internal one (stack overflow)', async () => {
    // Before: 'datagen: internal error (please report it): RangeError: Maximum call stack size exceeded' from 1,000
    // levels (which PostgreSQL takes); the parser itself stops near 10,000 ('memory exhausted').
    const n = 3000;
    const text = `CREATE TABLE d (id int PRIMARY KEY);\nCREATE TABLE e (x int CHECK (${'('.repeat(n)}x${' + 1)'.repeat(n)} > 0));`;
    let error: unknown;
    try {
      await parseDdl([{ file: 'deep.sql', text }]);
    } catch (e) {
      error = e;
    }
    expect((error as DatagenError).code).toBe(ErrorCodes.SCHEMA_INVALID);
    expect((error as DatagenError).message).toBe(
      'deep.sql:2:1: this statement nests its expressions too deeply for datagen to read (it ran out of stack); write the expression flatter in a copy of the DDL you generate from',
    );
  });
});
