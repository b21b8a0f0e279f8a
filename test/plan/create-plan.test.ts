/**
 * createPlan's decisions without generating: row counts against the request
 * with every cut warned, keys over keys, expression uniques, deep FK chains
 * in every declaration order, CHECKs on unique and FK columns, generated
 * unique columns. (The e2e twins in test/e2e/constraint-meetings.test.ts load
 * the output into the real server.)
 */
import { describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { createPlan, type PlanOptions } from '../../src/plan/create-plan.js';
import { settleRows } from '../../src/plan/cut-propagation.js';
import { keyExpression } from '../../src/plan/key-expressions.js';
import type { GenerationPlan } from '../../src/plan/plan-model.js';

const REFERENCE = new Date('2026-01-01T00:00:00Z');

async function plan(sql: string, options: PlanOptions = {}): Promise<GenerationPlan> {
  const { schema } = await parseDdl([{ file: 'test.sql', text: sql }]);
  return createPlan(schema, { defaultRows: 100, referenceTime: REFERENCE, ...options });
}

const rowsOf = (p: GenerationPlan) => Object.fromEntries(p.tables.map((t) => [t.table.name, t.rows]));
const codes = (p: GenerationPlan) => p.warnings.map((w) => `${w.code} ${w.where}`);

/** Every order of a list (for declaration orders). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

describe('createPlan', () => {
  describe('key capacities', () => {
    it('overlapping keys: PRIMARY KEY (user_id, group_id) + UNIQUE (group_id, user_id) keep the request', async () => {
      const p = await plan(
        `CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE groups (id int PRIMARY KEY);
         CREATE TABLE m (user_id int NOT NULL REFERENCES users, group_id int NOT NULL REFERENCES groups,
                         PRIMARY KEY (user_id, group_id), UNIQUE (group_id, user_id));`,
      );
      expect(rowsOf(p)).toEqual({ users: 100, groups: 100, m: 100 });
      expect(p.warnings).toEqual([]);
    });

    it('a superset key is unique already: PRIMARY KEY (a, b) + UNIQUE (a, b, flag)', async () => {
      const p = await plan(
        'CREATE TABLE ab (a int, b int, flag boolean, PRIMARY KEY (a, b), UNIQUE (a, b, flag));',
      );
      expect(rowsOf(p)).toEqual({ ab: 100 });
      expect(p.warnings).toEqual([]);
      expect(p.tables[0]?.drivers).toHaveLength(1);
    });

    it('generated unique columns: injective in a key column, or cut with the reason', async () => {
      const p = await plan(
        `CREATE TABLE g (id int PRIMARY KEY, g int GENERATED ALWAYS AS (id * 2) STORED UNIQUE);
         CREATE TABLE h (id int PRIMARY KEY, bucket int GENERATED ALWAYS AS (id / 10) STORED UNIQUE);`,
      );
      expect(rowsOf(p)).toEqual({ g: 100, h: 1 });
      expect(codes(p)).toEqual(['ROWS_REDUCED public.h']);
      expect(p.warnings[0]?.message).toContain('bucket (generated as');
    });

    it('expression uniques: % bounds the column to a window, substr/left its length, || needs fixed-length heads', async () => {
      const p = await plan(
        `CREATE TABLE e1 (n int NOT NULL); CREATE UNIQUE INDEX ON e1 ((n % 50));
         CREATE TABLE e2 (code text NOT NULL); CREATE UNIQUE INDEX ON e2 ((left(code, 1)));
         CREATE TABLE e3 (a char(1) NOT NULL, b char(1) NOT NULL); CREATE UNIQUE INDEX ON e3 ((a || b));
         CREATE TABLE e4 (a text NOT NULL, b text NOT NULL); CREATE UNIQUE INDEX ON e4 ((a || b));
         CREATE TABLE e5 (id int PRIMARY KEY, ts timestamp NOT NULL); CREATE UNIQUE INDEX ON e5 (id, (date_trunc('day', ts)));`,
      );
      const rows = rowsOf(p);
      expect(rows.e1).toBe(50);
      expect(rows.e2).toBeLessThan(100);
      expect(rows.e3).toBe(100);
      expect(rows.e4).toBe(1); // a || b over free-length text: not constructed, no other column
      expect(rows.e5).toBe(100); // the opaque element sits beside a unique column
      const e1 = p.tables.find((t) => t.table.name === 'e1');
      expect(e1?.columns[0]?.hints).toMatchObject({ min: 0, max: 49 });
      expect(codes(p).sort()).toEqual([
        'ROWS_REDUCED public.e1',
        'ROWS_REDUCED public.e2',
        'ROWS_REDUCED public.e4',
      ]);
    });

    it('an expression over a column another source decides (an FK) is not constructed: one row, with the reason', async () => {
      const p = await plan(
        `CREATE TABLE parent (id int PRIMARY KEY);
         CREATE TABLE child (parent_id int NOT NULL REFERENCES parent); CREATE UNIQUE INDEX ON child ((parent_id % 10));`,
      );
      expect(rowsOf(p)).toEqual({ parent: 100, child: 1 });
      expect(p.warnings.map((w) => w.message)).toEqual([
        'public.child: UNIQUE INDEX child_expr_idx (parent_id % 10) allows only 1 distinct value (datagen cannot make parent_id % 10 unique by construction and no other column of the key is free to vary; for more rows, generate from a copy of the DDL without this key), so it gets 1 row instead of 100.',
      ]);
    });

    it('reads key expressions', () => {
      const col = (name: string) => ({ ColumnRef: { fields: [{ String: { sval: name } }] } });
      const op = (o: string, l: unknown, r: unknown) => ({
        A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: o } }], lexpr: l, rexpr: r },
      });
      const int = (n: number) => ({ A_Const: { ival: { ival: n } } });
      expect(keyExpression(col('a'), 'a')).toEqual({ kind: 'columns', columns: ['a'] });
      expect(keyExpression(op('+', col('a'), int(1)), 'a + 1')).toEqual({ kind: 'columns', columns: ['a'] });
      expect(keyExpression(op('%', col('n'), int(7)), 'n % 7')).toEqual({
        kind: 'modulo',
        column: 'n',
        modulus: 7,
      });
      expect(keyExpression(op('||', col('a'), col('b')), 'a || b')).toEqual({
        kind: 'concat',
        columns: ['a', 'b'],
      });
      expect(keyExpression(op('/', col('a'), int(2)), 'a / 2')).toEqual({ kind: 'opaque', text: 'a / 2' });
    });
  });

  describe('cut propagation', () => {
    const chain = [
      'CREATE TABLE c (id int PRIMARY KEY, b_id int NOT NULL UNIQUE REFERENCES b);',
      'CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL UNIQUE REFERENCES a);',
      'CREATE TABLE a (id int PRIMARY KEY, z_id int NOT NULL UNIQUE REFERENCES z);',
      'CREATE TABLE z (id int PRIMARY KEY, flag boolean NOT NULL UNIQUE);',
    ];
    it.each(permutations(chain).map((order) => [order.map((s) => s.slice(13, 14)).join(''), order]))(
      'a chain of unique FKs declared in the order %s: every table gets 2 rows',
      async (_, order) => {
        const p = await plan((order as string[]).join('\n'));
        expect(rowsOf(p)).toEqual({ a: 2, b: 2, c: 2, z: 2 });
        expect(codes(p).sort()).toEqual([
          'ROWS_REDUCED public.a',
          'ROWS_REDUCED public.b',
          'ROWS_REDUCED public.c',
          'ROWS_REDUCED public.z',
        ]);
      },
    );

    it('settles to a fixed point and refuses to loop forever', () => {
      let n = 0;
      const settled = settleRows(3, () => {
        n++;
        return { plans: [{ rows: Math.max(1, 10 - n) }], warnings: [] };
      });
      expect(settled.plans[0]?.rows).toBe(1);
      expect(() => settleRows(1, () => ({ plans: [{ rows: n++ }], warnings: [] }))).toThrow(/did not settle/);
    });

    it('a NOT NULL FK to a table left empty follows it, with a warning; rows of it asked by name are an error', async () => {
      const ddl = `CREATE TABLE s (id int PRIMARY KEY, status text NOT NULL CHECK (status IN ('a') AND status <> 'a'));
                   CREATE TABLE t (id int PRIMARY KEY, s_id int NOT NULL REFERENCES s);`;
      const p = await plan(ddl);
      expect(rowsOf(p)).toEqual({ s: 0, t: 0 });
      expect(codes(p)).toEqual(['TABLE_EMPTY public.s', 'TABLE_EMPTY public.t']);
      const zero = await plan(
        'CREATE TABLE s (id int PRIMARY KEY); CREATE TABLE t (s_id int NOT NULL REFERENCES s);',
        {
          tables: { s: 0 },
        },
      );
      expect(rowsOf(zero)).toEqual({ s: 0, t: 0 });
      expect(codes(zero)).toEqual(['TABLE_EMPTY public.t']);
      await expect(
        plan('CREATE TABLE s (id int PRIMARY KEY); CREATE TABLE t (s_id int NOT NULL REFERENCES s);', {
          tables: { s: 0, t: 5 },
        }),
      ).rejects.toThrow(/gets 0 rows/);
    });
  });

  describe('CHECKs on unique and FK columns', () => {
    it('a unique column counts its capacity under the CHECK', async () => {
      const p = await plan(
        `CREATE TABLE u1 (code varchar(1) PRIMARY KEY CHECK (code <> 'a'));
         CREATE TABLE u2 (code text PRIMARY KEY CHECK (code ~ '^[A-C][0-9]$'));
         CREATE TABLE u3 (n int PRIMARY KEY CHECK (n BETWEEN 1 AND 10 AND n <> 5));`,
      );
      // A space of at most 256 values is listed whole less the excluded ones (see unique-under-checks.ts): 36 − 1, 10 − 1.
      expect(rowsOf(p)).toEqual({ u1: 35, u2: 30, u3: 9 });
      expect(codes(p).sort()).toEqual([
        'ROWS_REDUCED public.u1',
        'ROWS_REDUCED public.u2',
        'ROWS_REDUCED public.u3',
      ]);
    });

    it('an FK column under a CHECK: a window of parent rows when the key counts up, else evaluated per row', async () => {
      const p = await plan(
        `CREATE TABLE parent (id serial PRIMARY KEY, code text UNIQUE NOT NULL);
         CREATE TABLE child (id serial PRIMARY KEY,
           parent_id int NOT NULL REFERENCES parent CHECK (parent_id > 50),
           code text REFERENCES parent (code) CHECK (code > 'm'));`,
      );
      const child = p.tables.find((t) => t.table.name === 'child');
      expect(child?.foreignKeys[0]?.window).toEqual({ from: 50, to: 100 });
      expect(child?.foreignKeys[1]?.window).toBeUndefined();
      expect(child?.checks.verify.map((v) => v.check)).toEqual(['child_code_check']);
      expect(p.warnings).toEqual([]);
    });

    it('a unique FK under a CHECK: capacity is the window', async () => {
      const p = await plan(
        `CREATE TABLE parent (id int PRIMARY KEY);
         CREATE TABLE child (parent_id int PRIMARY KEY REFERENCES parent CHECK (parent_id <= 20));`,
      );
      expect(rowsOf(p)).toEqual({ parent: 100, child: 20 });
      expect(codes(p)).toEqual(['ROWS_REDUCED public.child']);
    });
  });
});
