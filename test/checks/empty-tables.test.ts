/**
 * What datagen cannot give values costs that construct, not the run:
 * unsatisfiable CHECKs and NOT NULL columns of types without a generator
 * leave their table (and tables with NOT NULL foreign keys to it) empty, a
 * nullable such column is left NULL; each is warned, naming what and how to
 * fix, and the output loads with every constraint in place.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import { createPlan, generate, parseDdl } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { count, generateAndLoad } from './check-fixture.js';

const DDL = `
CREATE TABLE never_const (id int PRIMARY KEY, CONSTRAINT nothing CHECK (1 = 0));
CREATE TABLE never_now (id int PRIMARY KEY, CONSTRAINT too_old CHECK (now() < '2000-01-01'::timestamptz));
CREATE TABLE never_bounds (id int PRIMARY KEY, x int NOT NULL, CONSTRAINT crossed CHECK (x > 5 AND x < 3));
CREATE TABLE null_bounds (id int PRIMARY KEY, x int CHECK (x > 5 AND x < 3), y text CHECK (y IN ('a') AND y IN ('b')));
CREATE TABLE never_child (id int PRIMARY KEY, p int NOT NULL REFERENCES never_const);
CREATE TABLE never_grandchild (id int PRIMARY KEY, c int NOT NULL REFERENCES never_child, o int REFERENCES never_bounds);
CREATE TABLE odd_types (id int PRIMARY KEY, tree pg_node_tree, thing ext.mystery, n int NOT NULL);
CREATE TABLE odd_strict (id int PRIMARY KEY, thing ext.mystery NOT NULL);
`;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('empty');
  // What the target database provides itself (a type in a schema the DDL does not create; a type in public
  // the DDL never makes is a located error, as PostgreSQL refuses the column there).
  await db.query('CREATE SCHEMA ext; CREATE DOMAIN ext.mystery AS text');
});
afterAll(async () => db.close());

describe('tables datagen cannot fill are left empty, with a warning; the output loads', () => {
  test('unsatisfiable CHECKs, contradictory bounds and unknown types', async () => {
    const result = await generateAndLoad(db, DDL, { rows: 200 });
    const rows = async (table: string) => count(db, `SELECT count(*) AS n FROM ${table}`);
    for (const table of [
      'never_const',
      'never_now',
      'never_bounds',
      'never_child',
      'never_grandchild',
      'odd_strict',
    ])
      expect(await rows(table), table).toBe(0);
    expect(await rows('null_bounds')).toBe(200);
    expect(await rows('odd_types')).toBe(200);
    expect(
      await count(db, 'SELECT count(*) AS n FROM null_bounds WHERE x IS NOT NULL OR y IS NOT NULL'),
    ).toBe(0);
    expect(
      await count(db, 'SELECT count(*) AS n FROM odd_types WHERE tree IS NOT NULL OR thing IS NOT NULL'),
    ).toBe(0);

    const message = (code: string, where: string) =>
      result.warnings.find((w) => w.code === code && w.where === where)?.message ?? '';
    expect(message('CHECK_UNSATISFIABLE', 'public.never_const')).toContain('CHECK nothing (1 = 0)');
    expect(message('CHECK_UNSATISFIABLE', 'public.never_const')).toContain('gets no rows');
    expect(message('CHECK_UNSATISFIABLE', 'public.never_now')).toContain('too_old');
    expect(message('TABLE_LEFT_EMPTY', 'public.never_bounds.x')).toMatch(
      /bounds \[5, 3\].*gets no rows.*fix its CHECKs/,
    );
    expect(message('TABLE_EMPTY', 'public.never_child')).toContain('public.never_const gets no rows');
    expect(message('TABLE_EMPTY', 'public.never_grandchild')).toContain('public.never_child gets no rows');
    expect(message('COLUMN_LEFT_NULL', 'public.null_bounds.y')).toContain('left NULL');
    expect(message('COLUMN_LEFT_NULL', 'public.odd_types.tree')).toContain('pg_node_tree');
    expect(message('COLUMN_LEFT_NULL', 'public.odd_types.thing')).toContain('ext.mystery');
    expect(message('TABLE_LEFT_EMPTY', 'public.odd_strict.thing')).toMatch(/NOT NULL.*ext\.mystery.*no rows/);
  });

  test('--strict: every degradation is an error, listing them, and nothing is written', async () => {
    const dir = tempDir('strict-');
    writeFileSync(join(dir, 's.sql'), DDL);
    const output = join(dir, 'out.sql');
    const error = await generate({
      schema: [join(dir, 's.sql')],
      output,
      defaultRows: 10,
      strict: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatagenError);
    expect((error as DatagenError).exitCode).toBe(2);
    expect((error as DatagenError).message).toMatch(
      /^--strict: \d+ constructs would be handled by a fallback/,
    );
    expect((error as DatagenError).message).toContain('public.never_const');
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir)).toEqual(['s.sql']);
  });

  test('rows asked for by name of such a table: an error naming it, before anything is written', async () => {
    const { schema } = await parseDdl([{ file: 'empty.sql', text: DDL }]);
    for (const table of ['never_const', 'odd_strict', 'never_child']) {
      try {
        createPlan(schema, { defaultRows: 10, tables: { [table]: 5 } });
        expect.unreachable(table);
      } catch (error) {
        expect(error).toBeInstanceOf(DatagenError);
        expect((error as DatagenError).code).toBe(ErrorCodes.UNSATISFIABLE);
        expect((error as DatagenError).message).toContain(`public.${table}`);
      }
    }
    // Asking for 0 rows of it is fine.
    expect(createPlan(schema, { defaultRows: 10, tables: { never_const: 0 } }).tables[0]?.rows).toBe(0);
  });
});
