import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('shapes of eval 12 (exit 0 with output that failed to load)', () => {
  beforeAll(async () => {
    db = await createTestDatabase('eval12shapes');
  });
  afterAll(async () => db.close());

  it('integer arithmetic in an index or a generated column is computed in its PostgreSQL type (smallint * smallint is a smallint): rows that overflow are made again', async () => {
    // Before: exit 0, and the load stopped at 'smallint out of range' (CREATE INDEX on (a * b), (a + b) and
    // ((x * 2)::smallint), the COPY of h's generated column): the evaluator computed integers as int4 whatever their type.
    const { counts, result, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE t (id int PRIMARY KEY, a smallint NOT NULL, b smallint NOT NULL);
       CREATE INDEX t_product ON t ((a * b));
       CREATE INDEX t_sum ON t ((a + b));
       CREATE TABLE h (id int PRIMARY KEY, x smallint NOT NULL, y smallint NOT NULL,
         c int GENERATED ALWAYS AS (x * y) STORED);
       CREATE TABLE g (id int PRIMARY KEY, x int NOT NULL CHECK (x BETWEEN 0 AND 100000),
         y int NOT NULL CHECK (y BETWEEN 0 AND 100000), c int GENERATED ALWAYS AS (x * y) STORED);
       CREATE TABLE q (id int PRIMARY KEY, x int NOT NULL);
       CREATE INDEX q_narrow ON q (((x * 2)::smallint));`,
      { defaultRows: 2000, seed: 12 },
    );
    for (const table of ['t', 'h', 'g', 'q']) expect(counts.get(`public.${table}`)).toBe(2000);
    expect(result.warnings.map((w) => w.message)).toEqual([]);
    for (const loaded of [target, restored]) {
      const [row] = await loaded.query<{ a: string; x: string; gx: string }>(
        `SELECT (SELECT count(DISTINCT a) FROM t) AS a, (SELECT count(DISTINCT x) FROM h) AS x,
           (SELECT count(DISTINCT x) FROM g) AS gx`,
      );
      // The columns still vary: the rows were made again, not pinned to one value.
      expect(Number(row?.a)).toBeGreaterThan(100);
      expect(Number(row?.x)).toBeGreaterThan(100);
      expect(Number(row?.gx)).toBeGreaterThan(100);
    }
  });

  it('integer arithmetic that overflows on every row its CHECKs allow leaves the table empty with a warning, not a script that fails', async () => {
    // Before: exit 0, and CREATE INDEX stopped at 'smallint out of range' (every a * b is at least 1,000,000).
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE t (id int PRIMARY KEY, a smallint NOT NULL CHECK (a >= 1000), b smallint NOT NULL CHECK (b >= 1000));
       CREATE INDEX t_product ON t ((a * b));
       CREATE TABLE w (id int PRIMARY KEY, x int NOT NULL CHECK (x > 100000), y int NOT NULL CHECK (y > 100000),
         c int GENERATED ALWAYS AS (x * y) STORED);
       CREATE TABLE z (id bigint PRIMARY KEY, x bigint NOT NULL CHECK (x > 100000), y bigint NOT NULL CHECK (y > 100000),
         c bigint GENERATED ALWAYS AS (x * y) STORED);`,
      { defaultRows: 300, seed: 4 },
    );
    expect(counts.get('public.t')).toBe(0);
    expect(counts.get('public.w')).toBe(0);
    // bigint arithmetic is bigint: these products fit, so z keeps its rows.
    expect(counts.get('public.z')).toBe(300);
    const messages = result.warnings.map((w) => w.message);
    expect(
      messages.some((m) => m.startsWith('public.t gets no rows') && m.includes('smallint out of range')),
    ).toBe(true);
    expect(
      messages.some((m) => m.startsWith('public.w gets no rows') && m.includes('integer out of range')),
    ).toBe(true);
    // The remedy names what the DDL has (the expression), not a CHECK it does not have.
    for (const m of messages) expect(m).toContain('so that PostgreSQL can compute it on every row');
  });

  it("a self-referencing foreign key over a NOT NULL domain: the tree's first row points at itself, never NULL", async () => {
    // Before: exit 0, and the COPY stopped at 'domain ref_id does not allow null values': the first row of a tree
    // (treeRootMayBeNull) and the root's root_id read through another FK (compile-column.ts) looked only at the
    // column's own NOT NULL, not its domain's.
    const { counts, result, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN ref_id AS integer NOT NULL;
       CREATE TABLE node (id integer PRIMARY KEY, parent_id ref_id REFERENCES node (id), name text);
       CREATE TABLE cat (id int PRIMARY KEY, root_id ref_id, parent_id int, UNIQUE (id, root_id),
         FOREIGN KEY (root_id) REFERENCES cat (id), FOREIGN KEY (parent_id, root_id) REFERENCES cat (id, root_id));`,
      { defaultRows: 120, seed: 5 },
    );
    expect(counts.get('public.node')).toBe(120);
    expect(counts.get('public.cat')).toBe(120);
    expect(result.warnings.map((w) => w.message)).toEqual([]);
    for (const loaded of [target, restored]) {
      const [row] = await loaded.query<{ roots: string; parents: string }>(
        `SELECT (SELECT count(*) FROM node WHERE parent_id = id) AS roots,
           (SELECT count(DISTINCT parent_id) FROM node) AS parents`,
      );
      expect(Number(row?.roots)).toBe(1);
      expect(Number(row?.parents)).toBeGreaterThan(10);
    }
  });
});
