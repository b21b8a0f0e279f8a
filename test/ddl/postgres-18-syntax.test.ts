/**
 * PostgreSQL 16, 17 and 18 syntax in the DDL front end (libpg-query 18): each
 * construct parses, is written back, and shapes the rows (VIRTUAL columns get
 * no values, named NOT NULLs are never NULL, temporal keys hold disjoint
 * non-empty ranges). The output of 18's syntax loads only into PostgreSQL 18:
 * test/e2e/postgres-18.test.ts loads it there; here it is checked as text,
 * and what PostgreSQL 15 loads is loaded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateOptions, generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

async function output(ddl: string, options: Omit<GenerateOptions, 'schema' | 'output'> = {}) {
  const dir = tempDir();
  writeFileSync(join(dir, 'schema.sql'), ddl);
  const file = join(dir, options.format === 'custom' ? 'out.dump' : 'out.sql');
  const result = await generate({
    schema: [join(dir, 'schema.sql')],
    output: file,
    defaultRows: 40,
    seed: 5,
    ...options,
  });
  return { result, file, text: options.format === 'custom' ? '' : readFileSync(file, 'utf8') };
}

/** The column list of a table's COPY statement. */
function copyColumns(text: string, table: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(`COPY public.${table} (`));
  return line?.slice(line.indexOf('(') + 1, line.indexOf(')')).split(', ') ?? [];
}

/** A table's COPY rows as fields, by column name. */
function copyRows(text: string, table: string): Record<string, string>[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`COPY public.${table} (`));
  const columns = copyColumns(text, table);
  const rows: Record<string, string>[] = [];
  for (let i = start + 1; i < lines.length && lines[i] !== '\\.'; i++) {
    const fields = (lines[i] as string).split('\t');
    rows.push(Object.fromEntries(columns.map((c, k) => [c, fields[k] as string])));
  }
  return rows;
}

/** `[a,b)` of a daterange or int4range as numbers (dates as day numbers); -∞/∞ for an open side. */
function bounds(range: string): [number, number] {
  expect(range).toMatch(/^\[[^,]*,[^,]*\)$|^\(,[^,]*\)$/);
  const [lo, hi] = range.slice(1, -1).split(',') as [string, string];
  const value = (v: string, open: number) =>
    v === '' ? open : /^\d{4}-/.test(v) ? Date.parse(`${v}T00:00:00Z`) / 86_400_000 : Number(v);
  return [value(lo, Number.NEGATIVE_INFINITY), value(hi, Number.POSITIVE_INFINITY)];
}

/** Rows grouped by the key's other columns hold pairwise disjoint ranges. */
function expectDisjointPerKey(rows: Record<string, string>[], others: string[], period: string): void {
  const groups = new Map<string, [number, number][]>();
  for (const row of rows) {
    const key = others.map((c) => row[c]).join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), bounds(row[period] as string)]);
  }
  for (const ranges of groups.values()) {
    ranges.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < ranges.length; i++)
      expect((ranges[i] as number[])[0]).toBeGreaterThanOrEqual((ranges[i - 1] as number[])[1] as number);
  }
}

describe('PostgreSQL 18 syntax: parsed, written back, and shaping the rows', () => {
  it('VIRTUAL generated columns (and 18’s unmarked ones) get no values: absent from COPY and INSERT column lists', async () => {
    const ddl = `CREATE TABLE public.t (
      id integer PRIMARY KEY,
      a integer NOT NULL,
      v integer GENERATED ALWAYS AS (a * 2) VIRTUAL,
      u integer GENERATED ALWAYS AS (a + 1),
      s integer GENERATED ALWAYS AS (a * 3) STORED
    );`;
    const { text, result } = await output(ddl);
    expect(copyColumns(text, 't')).toEqual(['id', 'a']);
    expect(text).toContain('-- Dumped from database version 18.0\n');
    // Printed again (the key moved to post-data): 18's default written out.
    expect(text).toContain('v int GENERATED ALWAYS AS (a * 2) VIRTUAL,');
    expect(text).toContain('u int GENERATED ALWAYS AS (a + 1) VIRTUAL,');
    expect(text).toContain('s int GENERATED ALWAYS AS (a * 3) STORED');
    expect(result.tables).toEqual([{ schema: 'public', name: 't', rows: 40 }]);
    const inserts = await output(ddl, { inserts: true });
    expect(inserts.text).toMatch(/INSERT INTO public\.t \(id, a\) VALUES \(\d+, -?\d+\);/);
    expect(inserts.text).not.toMatch(/INSERT INTO public\.t \([^)]*\bv\b/);
  });

  it('named NOT NULL constraints as pg_dump 18 writes them: the columns are never NULL, the constraints kept', async () => {
    const { text } = await output(
      `CREATE TABLE public.n (a integer, b integer, c text, d integer, CONSTRAINT n_c_not_null NOT NULL c);
       ALTER TABLE public.n ADD CONSTRAINT n_a_not_null NOT NULL a;
       ALTER TABLE ONLY public.n ADD CONSTRAINT n_b_not_null NOT NULL b NO INHERIT;`,
      { defaultRows: 300 },
    );
    expect(text).toContain('CONSTRAINT n_c_not_null NOT NULL c');
    expect(text).toContain('ALTER TABLE public.n ADD CONSTRAINT n_a_not_null NOT NULL a;');
    expect(text).toContain('ALTER TABLE ONLY public.n ADD CONSTRAINT n_b_not_null NOT NULL b NO INHERIT;');
    const rows = copyRows(text, 'n');
    expect(rows).toHaveLength(300);
    for (const column of ['a', 'b', 'c']) expect(rows.filter((r) => r[column] === '\\N')).toEqual([]);
    // The column without a constraint still gets NULLs: the check above is not vacuous.
    expect(rows.some((r) => r.d === '\\N')).toBe(true);
  });

  it('NOT ENFORCED CHECKs and foreign keys, on columns and tables, are written back NOT ENFORCED', async () => {
    const { text, result } = await output(
      `CREATE TABLE public.p (id integer PRIMARY KEY);
       CREATE TABLE public.c (
         id integer PRIMARY KEY,
         x integer CHECK (x > 0) NOT ENFORCED,
         p_id integer REFERENCES public.p NOT ENFORCED,
         q_id integer,
         CONSTRAINT c_small CHECK (x < 1000) NOT ENFORCED,
         CONSTRAINT c_q FOREIGN KEY (q_id) REFERENCES public.p (id) NOT ENFORCED
       );`,
    );
    expect(text).toContain('x int CHECK (x > 0) NOT ENFORCED');
    expect(text).toContain('CHECK (x < 1000) NOT ENFORCED');
    expect(text).toMatch(
      /ADD CONSTRAINT c_p_id_fkey\s+FOREIGN KEY\(p_id\)\s+REFERENCES public\.p\s+NOT ENFORCED;/,
    );
    expect(text).toMatch(
      /ADD CONSTRAINT c_q\s+FOREIGN KEY\(q_id\)\s+REFERENCES public\.p \(id\)\s+NOT ENFORCED;/,
    );
    expect(result.plan.tables.map((t) => t.rows)).toEqual([40, 40]);
  });

  it('the planner ignores what NOT ENFORCED asks (the server never checks it): no table emptied by one, enforced CHECKs still met', async () => {
    const { text, result } = await output(
      `CREATE TABLE public.c (
         id integer PRIMARY KEY,
         n integer NOT NULL CHECK (n > 0) CONSTRAINT never CHECK (n < 0) NOT ENFORCED,
         s text CHECK (false) NOT ENFORCED,
         p_id integer NOT NULL REFERENCES public.missing NOT ENFORCED,
         CONSTRAINT c_false CHECK (id < 0) NOT ENFORCED
       );`,
    );
    // Each of these, enforced, would leave public.c without rows (a CHECK no row meets, a NOT NULL key to a table
    // the DDL lacks); NOT ENFORCED, the table gets its rows, and they are written back as they were.
    expect(result.plan.tables.map((t) => t.rows)).toEqual([40]);
    const rows = copyRows(text, 'c');
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => Number(r.n) > 0 && r.p_id !== '\\N')).toBe(true);
    expect(rows.some((r) => Number(r.id) > 0 && r.s !== '\\N')).toBe(true);
    expect(text).toContain('CONSTRAINT never CHECK (n < 0) NOT ENFORCED');
    expect(text).toMatch(/REFERENCES public\.missing\s+NOT ENFORCED;/);
    expect(result.warnings.map((w) => w.code)).not.toContain('CHECK_NEVER_HOLDS');
    expect(result.warnings.filter((w) => /gets no rows|left NULL/.test(w.message))).toEqual([]);
  });

  it.each([1, 2])(
    'temporal keys (seed %i): rows equal on the other columns hold disjoint, non-empty ranges; a PERIOD FK copies its parent row’s range',
    async (seed) => {
      const { text } = await output(
        `CREATE TABLE public.room (id integer PRIMARY KEY, name text);
         CREATE TABLE public.room_rate (
           room_id integer NOT NULL REFERENCES public.room (id),
           valid_at daterange NOT NULL,
           price numeric(8,2),
           CONSTRAINT room_rate_pk PRIMARY KEY (room_id, valid_at WITHOUT OVERLAPS)
         );
         CREATE TABLE public.booking (
           id integer PRIMARY KEY,
           room_id integer NOT NULL,
           stay daterange NOT NULL,
           FOREIGN KEY (room_id, PERIOD stay) REFERENCES public.room_rate (room_id, PERIOD valid_at)
         );
         CREATE TABLE public.slot (id integer PRIMARY KEY, during int4range, UNIQUE (id, during WITHOUT OVERLAPS));
         CREATE TABLE public.shift (who integer, during int4range, UNIQUE (who, during WITHOUT OVERLAPS));`,
        { seed, defaultRows: 400, tables: { room: 15 } },
      );
      const rates = copyRows(text, 'room_rate');
      expect(rates).toHaveLength(400);
      // Rooms get several rates each: the ranges, not the room, keep the key.
      expect(new Set(rates.map((r) => r.room_id)).size).toBeLessThanOrEqual(15);
      expectDisjointPerKey(rates, ['room_id'], 'valid_at');
      expectDisjointPerKey(copyRows(text, 'shift'), ['who'], 'during');
      // The key over an already-unique id: its range is random, but never empty.
      const slots = copyRows(text, 'slot');
      expect(slots.filter((r) => r.during === 'empty')).toEqual([]);
      const parents = new Set(rates.map((r) => `${r.room_id}/${r.valid_at}`));
      for (const b of copyRows(text, 'booking')) expect(parents.has(`${b.room_id}/${b.stay}`)).toBe(true);
      expect(text).toContain('PRIMARY KEY (room_id, valid_at WITHOUT OVERLAPS)');
      expect(text).toMatch(
        /FOREIGN KEY\(room_id, PERIOD stay\)\s+REFERENCES public\.room_rate \(room_id, PERIOD valid_at\)/,
      );
    },
  );

  it('ALTER CONSTRAINT fk [NOT] ENFORCED (18) goes into the foreign key written post-data, as DEFERRABLE does', async () => {
    const { text } = await output(
      `CREATE TABLE public.p (id integer PRIMARY KEY);
       CREATE TABLE public.c (id integer PRIMARY KEY, p_id integer REFERENCES public.p, q_id integer REFERENCES public.p);
       ALTER TABLE public.c ALTER CONSTRAINT c_p_id_fkey NOT ENFORCED;
       ALTER TABLE public.c ALTER CONSTRAINT c_p_id_fkey DEFERRABLE;
       ALTER TABLE public.c ALTER CONSTRAINT c_q_id_fkey NOT ENFORCED;
       ALTER TABLE public.c ALTER CONSTRAINT c_q_id_fkey ENFORCED;`,
    );
    expect(text).not.toContain('ALTER CONSTRAINT');
    expect(text).toMatch(
      /ADD CONSTRAINT c_p_id_fkey\s+FOREIGN KEY\(p_id\)\s+REFERENCES public\.p\s+NOT ENFORCED\s+DEFERRABLE;/,
    );
    expect(text).toMatch(/ADD CONSTRAINT c_q_id_fkey\s+FOREIGN KEY\(q_id\)\s+REFERENCES public\.p;/);
  });

  it('CREATE TABLE (LIKE t INCLUDING ALL) copies a temporal key WITHOUT OVERLAPS', async () => {
    const { text } = await output(
      `CREATE TABLE public.a (id integer, during daterange, CONSTRAINT a_pk PRIMARY KEY (id, during WITHOUT OVERLAPS));
       CREATE TABLE public.b (LIKE public.a INCLUDING ALL);`,
    );
    expect(text).toMatch(/ADD CONSTRAINT b_pkey PRIMARY KEY \(id, during WITHOUT OVERLAPS\);/);
    expect(copyRows(text, 'b').filter((r) => r.during === 'empty')).toEqual([]);
  });
});

describe('PostgreSQL 17 SQL/JSON functions in CHECKs', () => {
  it('a JSON_EXISTS CHECK is evaluated: rows that would violate it are never written (the table is cut, warned)', async () => {
    const { text, result } = await output(
      `CREATE TABLE public.doc (
         id integer PRIMARY KEY,
         body jsonb NOT NULL CHECK (JSON_EXISTS(body, '$.title')),
         kind jsonb CHECK (JSON_VALUE(kind, '$.k') IS NULL OR JSON_VALUE(kind, '$.k') IN ('a', 'b'))
       );
       CREATE TABLE public.note (id integer PRIMARY KEY, meta jsonb CHECK (NOT JSON_EXISTS(meta, '$.secret')));`,
    );
    expect(copyRows(text, 'doc')).toEqual([]);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(
      /public\.doc gets no rows instead of 40: row 0 still fails CHECK doc_body_check/,
    );
    // A CHECK random JSON meets keeps its rows.
    expect(copyRows(text, 'note')).toHaveLength(40);
  });
});

describe('PostgreSQL 16 and 17 syntax', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('pg17syntax');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('ALTER COLUMN SET EXPRESSION / DROP EXPRESSION change the model: a column whose expression was dropped gets values, and loads', async () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(
      schema,
      `CREATE TABLE public.t (a integer NOT NULL, b integer GENERATED ALWAYS AS (a * 2) STORED NOT NULL,
         c integer GENERATED ALWAYS AS (a * 3) STORED);
       ALTER TABLE public.t ALTER COLUMN b DROP EXPRESSION;`,
    );
    const file = join(dir, 'out.sql');
    const result = await generate({ schema: [schema], output: file, defaultRows: 40, seed: 5 });
    expect(result.warnings.map((w) => w.message).join('\n')).not.toMatch(/not reflected in the model/);
    const text = readFileSync(file, 'utf8');
    expect(copyColumns(text, 't')).toEqual(['a', 'b']);
    const target = await db.createSibling();
    target.psqlFile(file);
    expect(await target.query('SELECT count(*)::int AS n, count(b)::int AS b FROM t')).toEqual([
      { n: 40, b: 40 },
    ]);
    // PostgreSQL 17's SET EXPRESSION: still generated, still without values; the output says it needs 17.
    const set = await output(
      `CREATE TABLE public.t (a integer, b integer GENERATED ALWAYS AS (a * 2) STORED);
       ALTER TABLE public.t ALTER COLUMN b SET EXPRESSION AS (a * 5);`,
    );
    expect(set.result.warnings.map((w) => w.message).join('\n')).not.toMatch(/not reflected in the model/);
    expect(copyColumns(set.text, 't')).toEqual(['a']);
    expect(set.text).toContain('ALTER TABLE public.t ALTER COLUMN b SET EXPRESSION AS (a * 5);');
  });

  it('SYSTEM_USER, STORAGE, USING heap, JSON_EXISTS/JSON_VALUE/JSON_QUERY, MERGE ... RETURNING, COPY ... ON_ERROR: parsed and written back', async () => {
    const ddl = `CREATE TABLE public.doc (
        id integer PRIMARY KEY,
        body jsonb NOT NULL,
        owner text DEFAULT SYSTEM_USER,
        note text STORAGE EXTERNAL,
        title text GENERATED ALWAYS AS (JSON_VALUE(body, '$.title' RETURNING text DEFAULT 'none' ON EMPTY)) STORED,
        tags jsonb GENERATED ALWAYS AS (JSON_QUERY(body, '$.tags' WITH CONDITIONAL WRAPPER)) STORED,
        CONSTRAINT doc_has_title CHECK (JSON_EXISTS(body, '$.title') OR true)
      ) USING heap;
      CREATE FUNCTION public.touch(p integer) RETURNS SETOF public.doc LANGUAGE sql AS $$
        MERGE INTO public.doc d USING (SELECT p AS id) s ON d.id = s.id
        WHEN MATCHED THEN UPDATE SET note = 'x' RETURNING d.*;
      $$;
      COPY public.doc (id, body) FROM stdin WITH (ON_ERROR ignore);
      1	{"title": "a"}
      \\.
      `;
    const { text } = await output(ddl.replace(/^ {6}/gm, ''));
    for (const written of [
      'owner text DEFAULT (SYSTEM_USER)',
      'note text STORAGE EXTERNAL',
      ') USING heap;',
      "JSON_VALUE(body, '$.title' RETURNING text DEFAULT 'none' ON EMPTY)",
      "JSON_QUERY(body, '$.tags' WITH CONDITIONAL WRAPPER)",
      "JSON_EXISTS(body, '$.title')",
      "WHEN MATCHED THEN UPDATE SET note = 'x' RETURNING d.*;",
    ])
      expect(text).toContain(written);
    expect(copyColumns(text, 'doc')).toEqual(['id', 'body', 'owner', 'note']);
    // The dump's own COPY rows are left out: only datagen's 40 rows.
    expect(copyRows(text, 'doc')).toHaveLength(40);
    const archive = await output(ddl.replace(/^ {6}/gm, ''), { format: 'custom' });
    expect(archive.result.listing).toContain('Dumped from database version: 17.0');
  });
});
