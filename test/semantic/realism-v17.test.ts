/**
 * Generator version 17 (issue 11), measured on minimal schemas loaded into
 * the real server: TPC-H's order status as its lines say. Version 16,
 * pinned, keeps what it made.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realismv17');
}, 300_000);
afterAll(async () => db.close());

/** A column's `datagen plan` words. */
async function planSource(ddl: string, tables: Record<string, number>, table: string, column: string) {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, ddl);
  const { plan, schema } = await planGeneration({ schema: [file], tables });
  return describePlan(plan, schema)
    .tables.find((t) => t.table === `public.${table}`)
    ?.columns.find((c) => c.name === column)?.source;
}

/** The TPC-H template as shipped (lines keyed by (l_orderkey, l_linenumber), CHECK-listed flags). */
const TPCH = readFileSync(new URL('../../templates/tpch.sql', import.meta.url), 'utf8');
const TPCH_ROWS = { orders: 1500, lineitem: 6000, customer: 150, part: 200, partsupp: 800, supplier: 10 };
/** Orders whose status is not what their lines' statuses say (F all shipped, O none, else P), of those with lines. */
const STATUS_OFF = `SELECT count(*) FILTER (WHERE o_orderstatus <> CASE WHEN all_f THEN 'F' WHEN all_o THEN 'O' ELSE 'P' END) AS off,
    count(*) FILTER (WHERE o_orderstatus = 'P') AS p, count(*) AS n
  FROM (SELECT o_orderstatus, bool_and(l_linestatus = 'F') AS all_f, bool_and(l_linestatus = 'O') AS all_o
    FROM orders JOIN lineitem ON l_orderkey = o_orderkey GROUP BY o_orderkey, o_orderstatus) x`;

describe("generator version 17: TPC-H's order status as its lines say", () => {
  it('no P order has all its lines shipped or none; F and O orders agree with every line', async () => {
    const { target } = await loadGenerated(db, TPCH, { tables: TPCH_ROWS, seed: 17 });
    const row = (await target.query<{ off: string; p: string; n: string }>(STATUS_OFF))[0];
    expect(Number(row?.n)).toBeGreaterThan(1400);
    expect(Number(row?.off)).toBe(0);
    expect(Number(row?.p)).toBeGreaterThan(10);
    // Version 16 judged by the order's date alone: P orders whose lines all shipped, or none.
    const old = await loadGenerated(db, TPCH, { tables: TPCH_ROWS, seed: 17, generatorVersion: 16 });
    const before = (await old.target.query<{ off: string }>(STATUS_OFF))[0];
    expect(Number(before?.off)).toBeGreaterThan(5);
  });

  it('datagen plan says the status follows the lines and is one of the CHECK values', async () => {
    const source = await planSource(TPCH, TPCH_ROWS, 'orders', 'o_orderstatus');
    expect(source).toContain("F when all its lines' l_linestatus are F, O when all are O, else P");
    expect(source).toContain("one of the CHECK's values");
  });
});
