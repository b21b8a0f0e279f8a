/**
 * Constructs of issue 8 still open after session 17 (shapes18), each as a
 * minimal shape. The shapes are one schema, generated once and loaded into
 * the real server with every constraint in place (a plain script with psql
 * ON_ERROR_STOP and a custom archive through pg_restore --exit-on-error);
 * each test reads its tables.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { createPlan } from '../../src/plan/create-plan.js';
import { describePlan } from '../../src/run/describe-plan.js';
import { useTestDatabase } from '../helpers/database.js';
import { type LoadedDdl, loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('shapes18');

const EMPTY_ENUM_ARRAY = `
CREATE TYPE nolabel AS ENUM ();
CREATE TABLE e1 (id int PRIMARY KEY, tags nolabel[] NOT NULL);`;

const NULL_EVERYWHERE = `
CREATE TABLE par (id int PRIMARY KEY);
CREATE TABLE n1 (id int PRIMARY KEY, p int REFERENCES par CHECK (p > 1000000));
CREATE TABLE n2 (id int PRIMARY KEY, p int REFERENCES par, CHECK (p * 2 > 1000000));
CREATE TABLE n3 (id int PRIMARY KEY, t text, CHECK (length(t) * 2 > 1000000));`;

const PARTIAL_CONJUNCTION = `
CREATE TABLE pc (id int PRIMARY KEY);
CREATE TABLE pd (id int PRIMARY KEY);
CREATE TABLE l1 (id int PRIMARY KEY, c_id int NOT NULL REFERENCES pc, d_id int NOT NULL REFERENCES pd,
  active boolean NOT NULL, deleted_at timestamptz);
CREATE UNIQUE INDEX l1_live ON l1 (c_id, d_id) WHERE active AND deleted_at IS NULL;
CREATE TABLE l2 (id int PRIMARY KEY, c_id int NOT NULL REFERENCES pc, state text NOT NULL, deleted_at timestamptz);
CREATE UNIQUE INDEX l2_live ON l2 (c_id) WHERE deleted_at IS NULL AND state = 'open';`;

const FUNCTION_BODIES = `
CREATE FUNCTION f_atomic(t text) RETURNS boolean LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT t <> 'x' AND length(t) > 2; END;
CREATE FUNCTION f_return(n int, m int) RETURNS boolean LANGUAGE sql BEGIN ATOMIC RETURN n < m; END;
CREATE FUNCTION f_plpgsql(t text) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RETURN t LIKE 'A%'; END $$;
CREATE TABLE fb (id int PRIMARY KEY, d text NOT NULL CHECK (f_atomic(d)), n int, m int, CHECK (f_return(n, m)),
  c text NOT NULL CHECK (f_plpgsql(c)));`;

const BYTE_LENGTHS = `
CREATE TABLE o1 (id int PRIMARY KEY, s varchar(5) NOT NULL CHECK (octet_length(s) > 5));
CREATE TABLE o2 (id int PRIMARY KEY, s varchar(3) NOT NULL UNIQUE CHECK (octet_length(s) >= 9));
CREATE TABLE o3 (id int PRIMARY KEY, s varchar(3) NOT NULL CHECK (octet_length(s) > 12));`;

let loaded: LoadedDdl;
const count = async (sql: string) => Number((await loaded.target.query<{ n: string }>(sql))[0]?.n);
const warningAt = (where: string) => loaded.result.warnings.find((w) => w.where === where)?.message;

describe('shapes18: open constructs of issue 8', () => {
  beforeAll(async () => {
    loaded = await loadScriptAndArchive(
      db,
      [EMPTY_ENUM_ARRAY, NULL_EVERYWHERE, PARTIAL_CONJUNCTION, FUNCTION_BODIES, BYTE_LENGTHS].join('\n'),
      { defaultRows: 50, seed: 1, tables: { pc: 2, pd: 2 } },
    );
  });

  it("a NOT NULL array of an enum with no labels holds '{}' in every row", async () => {
    // Before: 'public.e1.tags is NOT NULL but its type public.nolabel is an enum with no labels': no rows.
    expect(loaded.counts.get('public.e1')).toBe(50);
    expect(await count(`SELECT count(*) AS n FROM e1 WHERE tags = '{}'`)).toBe(50);
    expect(warningAt('public.e1.tags')).toBeUndefined();
  });

  it('a column NULL in every row is told so: the trial warning, a CHECK no value meets, and the plan', async () => {
    expect(await count('SELECT count(p) AS n FROM n1')).toBe(0);
    expect(await count('SELECT count(p) AS n FROM n2')).toBe(0);
    expect(await count('SELECT count(t) AS n FROM n3')).toBe(0);
    // Before: no warning; plan said 'skewed (a few parent rows get many rows, 20% get none)'.
    expect(warningAt('public.n1.p')).toContain(
      'is written NULL in every row: its CHECKs leave no row of public.par (of 50) to point to',
    );
    // Before: no warning (every row passed on an attempt that drew NULL).
    expect(warningAt('public.n2.p')).toContain('is NULL in every one of the 50 rows tried');
    // Before: 'written NULL in 3 of the 50 rows tried'.
    expect(warningAt('public.n3.t')).toContain('is written NULL in every one of the 50 rows tried');
    const { schema } = await parseDdl([{ file: 'n.sql', text: NULL_EVERYWHERE }]);
    const described = describePlan(createPlan(schema, { defaultRows: 50 }), schema);
    const p = described.tables.find((t) => t.table === 'public.n1')?.columns.find((c) => c.name === 'p');
    expect(p?.source).toContain('NULL in every row (its CHECKs leave no parent row to point to)');
    expect(p?.source).not.toContain('skewed');
  });

  it('a partial unique key over FKs whose WHERE is a conjunction keeps its rows: those past its room leave one conjunct', async () => {
    // Before: cut to the key's room, 4 rows (2 with --rows: 'allows only 2 distinct values').
    expect(loaded.counts.get('public.l1')).toBe(50);
    expect(loaded.counts.get('public.l2')).toBe(50);
    expect(
      await count('SELECT count(*) AS n FROM l1 WHERE active AND deleted_at IS NULL'),
    ).toBeLessThanOrEqual(4);
    expect(
      await count(`SELECT count(*) AS n FROM l2 WHERE deleted_at IS NULL AND state = 'open'`),
    ).toBeLessThanOrEqual(2);
  });

  it('a CHECK function whose SQL-standard body is one statement (BEGIN ATOMIC SELECT/RETURN …; END) is inlined', async () => {
    // Before: 'CHECK fb_d_check (f_atomic(d)) on public.fb cannot be read by datagen (function f_atomic())': no rows.
    expect(loaded.counts.get('public.fb')).toBe(50);
    expect(await count(`SELECT count(*) AS n FROM fb WHERE n IS NOT NULL AND m IS NOT NULL`)).toBeGreaterThan(
      0,
    );
    expect(loaded.result.warnings.filter((w) => w.where?.startsWith('public.fb'))).toEqual([]);
  });

  it('a byte minimum past the characters of a varchar (octet_length(s) > 5 on varchar(5)) is met by multi-byte characters', async () => {
    // Before: 'No value of type varchar(5) satisfies length between 6 and 5': no rows.
    expect(loaded.counts.get('public.o1')).toBe(50);
    expect(loaded.counts.get('public.o2')).toBe(50);
    expect(
      await count('SELECT count(*) AS n FROM o1 WHERE octet_length(s) > 5 AND char_length(s) <= 5'),
    ).toBe(50);
    expect(await count('SELECT count(DISTINCT s) AS n FROM o2 WHERE octet_length(s) >= 9')).toBe(50);
    // 13 bytes do not fit in 3 characters of at most 4 bytes each: no rows, and the warning says why truly.
    expect(loaded.counts.get('public.o3')).toBe(0);
    expect(warningAt('public.o3.s')).toContain('at least 13 bytes in at most 3 characters');
  });
});
