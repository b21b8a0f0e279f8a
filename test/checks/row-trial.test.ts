/**
 * Rows the row engine cannot make cost rows, not the run: a table whose row N
 * still fails an evaluated CHECK keeps its first N rows (children's FKs
 * follow), warned; --strict refuses instead; the output loads with every
 * CHECK in place and is the same bytes for any -j. One minimal shape per
 * case, each found by the property test (test/fuzz/).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { count, generateAndLoad } from './check-fixture.js';

const SHAPES = {
  'UNIQUE (c) with CHECK ((c * 3) % 2 = 0)': {
    ddl: 'CREATE TABLE t1 (id int PRIMARY KEY, c int UNIQUE CHECK ((c * 3) % 2 = 0));',
    cut: 'public.t1',
    followers: [],
  },
  'UNIQUE (a, b) with CHECK (a * b < 30), both BETWEEN 1 AND 10': {
    ddl: `CREATE TABLE u (id int PRIMARY KEY, a int NOT NULL CHECK (a BETWEEN 1 AND 10),
        b int NOT NULL CHECK (b BETWEEN 1 AND 10), UNIQUE (a, b), CHECK (a * b < 30));
      CREATE TABLE uc (id int PRIMARY KEY, u_id int NOT NULL REFERENCES u);`,
    cut: 'public.u',
    followers: [],
  },
} as const;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('row_trial');
});
afterAll(async () => db.close());

function schemaFile(ddl: string): string {
  const file = join(tempDir('datagen-trial-'), 'schema.sql');
  writeFileSync(file, ddl);
  return file;
}

describe('a row the CHECKs cannot be met for cuts its table there, warned; the output loads', () => {
  test.each(Object.entries(SHAPES))('%s', async (_name, shape) => {
    const target = await db.createSibling();
    const result = await generateAndLoad(target, shape.ddl, {
      rows: 30,
    });
    const planned = new Map(result.plan.tables.map((t) => [`${t.table.schema}.${t.table.name}`, t.rows]));
    const cut = result.warnings.filter((w) => w.code === 'ROWS_CUT_BY_CHECK');
    expect(cut.map((w) => w.where)).toEqual([shape.cut]);
    const kept = planned.get(shape.cut) ?? -1;
    expect(kept).toBeLessThan(30);
    expect(cut[0]?.message).toMatch(
      new RegExp(
        `^${shape.cut.replace('.', '\\.')} gets (no rows|\\d+ rows?) instead of 30: row ${kept} still fails CHECK `,
      ),
    );
    expect(cut[0]?.message).toContain(`--rows ${shape.cut}=N`);
    // Every planned row was written and loaded (the server checked each CHECK and FK).
    for (const [table, rows] of planned)
      expect(await count(target, `SELECT count(*) AS n FROM ${table}`), table).toBe(rows);
    for (const follower of shape.followers) {
      expect(planned.get(follower)).toBe(0);
      expect(result.warnings.some((w) => w.code === 'TABLE_EMPTY' && w.where === follower)).toBe(true);
    }
  });

  // Two NOT NULL FKs to one parent that a CHECK needs different, the parent holding one row: known when planned
  // (fix24), so the table is left empty with that reason instead of cut where its first row fails.
  test.each([
    ['<>', 'public.gc'],
    ['<', undefined],
  ])(
    'a %s b between two FKs whose parent has one row: no rows, the reason said, children follow',
    async (op, child) => {
      const target = await db.createSibling();
      const result = await generateAndLoad(
        target,
        `CREATE TABLE p (id int PRIMARY KEY CHECK (id = 1));
      CREATE TABLE ch (id int PRIMARY KEY, a int NOT NULL REFERENCES p, b int NOT NULL REFERENCES p, CHECK (a ${op} b));
      ${child === undefined ? '' : 'CREATE TABLE gc (id int PRIMARY KEY, ch_id int NOT NULL REFERENCES ch);'}`,
        { rows: 30 },
      );
      const empty = result.warnings.filter((w) => w.code === 'TABLE_EMPTY');
      expect(empty.map((w) => w.where)).toEqual(child === undefined ? ['public.ch'] : ['public.ch', child]);
      expect(empty[0]?.message).toBe(
        `public.ch gets no rows instead of 30: CHECK ch_check (a ${op} b) needs two different rows of public.p for public.ch.a and public.ch.b, and public.p gets 1 row. Give public.p 2 rows or more (--rows public.p=N).`,
      );
      expect(result.warnings.some((w) => w.code === 'ROWS_CUT_BY_CHECK')).toBe(false);
      expect(await count(target, 'SELECT count(*) AS n FROM p')).toBe(1);
      expect(await count(target, 'SELECT count(*) AS n FROM ch')).toBe(0);
    },
  );

  test('the cut keeps the rows before the failing one: 1..10 pairs with a * b < 30 keep a loadable prefix, children follow', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(
      target,
      SHAPES['UNIQUE (a, b) with CHECK (a * b < 30), both BETWEEN 1 AND 10'].ddl,
      {
        rows: 30,
      },
    );
    const kept = result.plan.tables.find((t) => t.table.name === 'u')?.rows ?? 0;
    expect(kept).toBeGreaterThan(0);
    expect(await count(target, 'SELECT count(*) AS n FROM uc')).toBe(30);
    expect(await count(target, 'SELECT count(DISTINCT u_id) AS n FROM uc')).toBeLessThanOrEqual(kept);
  });

  test('--strict refuses the cut, writing nothing', async () => {
    const file = schemaFile(SHAPES['UNIQUE (c) with CHECK ((c * 3) % 2 = 0)'].ddl);
    const output = join(tempDir('datagen-trial-'), 'out.sql');
    const run = generate({ schema: [file], output, defaultRows: 30, strict: true });
    await expect(run).rejects.toThrow(DatagenError);
    await expect(run).rejects.toMatchObject({ code: ErrorCodes.UNSATISFIABLE });
    await expect(run).rejects.toThrow(
      /--strict: .*\n {2}public\.t1 gets .* instead of 30: row \d+ still fails CHECK t1_c_check/,
    );
    expect(() => readFileSync(output)).toThrow();
  });

  test('rows asked for by name are not cut: the run stops at the failing row', async () => {
    const file = schemaFile(SHAPES['UNIQUE (c) with CHECK ((c * 3) % 2 = 0)'].ddl);
    const output = join(tempDir('datagen-trial-'), 'out.sql');
    await expect(generate({ schema: [file], output, tables: { t1: 30 } })).rejects.toThrow(
      /^public\.t1: row \d+ still fails CHECK t1_c_check \(\(\(c \* 3\) % 2\) = 0\) after 32 attempts/,
    );
    expect(() => readFileSync(output)).toThrow();
  });

  test('the cut is in the plan: the same bytes with -j 1 and -j 2', async () => {
    const file = schemaFile(SHAPES['UNIQUE (a, b) with CHECK (a * b < 30), both BETWEEN 1 AND 10'].ddl);
    const dir = tempDir('datagen-trial-');
    const outputs = [];
    for (const workers of [1, 2]) {
      const output = join(dir, `out-${workers}.sql`);
      await generate({ schema: [file], output, defaultRows: 3000, blockRows: 500, workers, seed: 9 });
      outputs.push(readFileSync(output));
    }
    expect(outputs[0]?.equals(outputs[1] as Buffer)).toBe(true);
  });
});
