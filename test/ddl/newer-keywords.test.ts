/**
 * Words PostgreSQL 16+ made keywords (json, system_user, json_table, …) were
 * identifiers before, and pg_dump 15 writes them unquoted: `CREATE FUNCTION
 * f(json json)`. datagen's parser is PostgreSQL 18's; it quotes such a word
 * where the parse stops at it, so a PG15 database's schema (read live through
 * pg_dump -s, or from its dump) is read, and the output loads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { generateAndLoad } from '../checks/check-fixture.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

// Valid on PostgreSQL 15 (the test server) as written, the way pg_dump 15 writes it.
const SCHEMA = `
CREATE FUNCTION public.json_identity(json json) RETURNS json LANGUAGE sql IMMUTABLE AS $$ select json $$;
CREATE TABLE public.audit (
  id integer PRIMARY KEY,
  system_user text NOT NULL,
  json_table text,
  payload json
);
`;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('newer_keywords');
});
afterAll(async () => db.close());

describe('identifiers that became keywords after PostgreSQL 15', () => {
  it('a DDL file using them generates output that loads', async () => {
    const target = await db.createSibling();
    await generateAndLoad(target, SCHEMA, { rows: 40 });
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({ 'public.audit': 40 });
    await target.close();
  });

  it('a live PostgreSQL 15 database using them is read and filled in place', async () => {
    const target = await db.createSibling();
    await target.query(SCHEMA);
    await generate({ connection: { dbname: target.connectionString }, defaultRows: 25, seed: 3 });
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({ 'public.audit': 25 });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    const [row] = await target.query<{ v: unknown }>(`SELECT public.json_identity('{"a": 1}') AS v`);
    expect(row?.v).toEqual({ a: 1 });
    await target.close();
  });

  it('a syntax error after a word quoted is told where it is in the file as written, not at the word', async () => {
    // Before: the error of the first parse, `f(json json)` on line 1, though quoting it let the parse go on.
    const text = [
      'CREATE FUNCTION public.f(json json) RETURNS json LANGUAGE sql IMMUTABLE AS $$ select json $$;',
      'CREATE TABLE t (id int PRIMARY KEY);',
      'CREATE FUNCTION g(json json, système int,) RETURNS int LANGUAGE sql AS $$ select 1 $$;',
      'CREATE AGGREGATE public.agg() (SFUNC = int4pl, STYPE = int);',
    ].join('\n');
    const error = await parseDdl([{ file: 'shape.sql', text }]).then(
      () => undefined,
      (e: unknown) => e as Error & { code: string; data: { location: { line: number; column: number } } },
    );
    expect(error?.code).toBe('SQL_SYNTAX');
    expect(error?.data.location).toEqual({ file: 'shape.sql', line: 3, column: 42 });
    expect(error?.message.split('\n')).toEqual([
      'shape.sql:3:42: syntax error at or near ")"',
      '  CREATE FUNCTION g(json json, système int,) RETURNS int LANGUAGE sql AS $$ select 1 $$;',
      `  ${' '.repeat(41)}^`,
    ]);
    const later = await parseDdl([
      { file: 'shape.sql', text: text.replace('système int,)', 'système int)') },
    ]).then(
      () => undefined,
      (e: unknown) => e as Error & { data: { location: unknown } },
    );
    expect(later?.data.location).toEqual({ file: 'shape.sql', line: 4, column: 29 });
  });
});
