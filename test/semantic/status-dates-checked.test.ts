/**
 * Generator version 3: status and stage dates agree even where a CHECK
 * reads the date (`shipped_at >= ordered_at`): the row engine keeps the
 * agreement (a cancelled or pending order has no shipped date, a shipped or
 * delivered one has it) and drops it only for rows whose CHECKs it breaks.
 * Loaded into the real server with every constraint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const ORDERS = `CREATE TABLE orders (id serial PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
  ordered_at timestamp NOT NULL,
  shipped_at timestamp CHECK (shipped_at >= ordered_at),
  cancelled_at timestamp);
CREATE TABLE shipments (id serial PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
  created_at timestamp NOT NULL,
  shipped_at timestamp CHECK (shipped_at >= created_at),
  CHECK (status <> 'paid' OR shipped_at IS NOT NULL));`;

describe('status/date agreement under CHECKs on the date', () => {
  beforeAll(async () => {
    db = await createTestDatabase('statusdates');
  });
  afterAll(async () => db.close());

  it('shipped dates set exactly for shipped and delivered orders; rows a CHECK forces keep the CHECK', async () => {
    const { target, counts } = await loadGenerated(db, ORDERS, { defaultRows: 2000, seed: 5 });
    expect(counts.get('public.orders')).toBe(2000);
    const q = (sql: string) => count(target, sql);
    expect(
      await q(
        `SELECT count(*) AS n FROM orders WHERE status IN ('pending', 'paid', 'cancelled') AND shipped_at IS NOT NULL`,
      ),
    ).toBe(0);
    expect(
      await q(
        `SELECT count(*) AS n FROM orders WHERE status IN ('shipped', 'delivered') AND shipped_at IS NULL`,
      ),
    ).toBe(0);
    expect(
      await q(`SELECT count(*) AS n FROM orders WHERE status = 'cancelled' AND cancelled_at IS NULL`),
    ).toBe(0);
    expect(await q(`SELECT count(*) AS n FROM orders WHERE shipped_at < ordered_at`)).toBe(0);
    // The CHECK wants a date on paid shipments: those rows break the agreement, the others keep it.
    expect(await q(`SELECT count(*) AS n FROM shipments WHERE status = 'paid' AND shipped_at IS NULL`)).toBe(
      0,
    );
    expect(await q(`SELECT count(*) AS n FROM shipments WHERE status = 'paid'`)).toBeGreaterThan(150);
    // Where the CHECK's OR branch that wants the date is chosen (a pending row too), the branch wins.
    expect(
      await q(
        `SELECT count(*) AS n FROM shipments WHERE status IN ('shipped', 'delivered') AND shipped_at IS NULL`,
      ),
    ).toBe(0);
  });
});
