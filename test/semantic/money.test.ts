/**
 * Generator version 3: money has cents. Amounts and totals are log-normal
 * with any cents inside the typmod (not shelf prices ending in .99 or
 * .00), and a `total` beside its parts is their sum (Solidus' spree_orders:
 * total = item_total + shipment_total + adjustment_total). Loaded into the
 * real server with every constraint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const MONEY = `CREATE TABLE spree_orders (id serial PRIMARY KEY,
  item_total numeric(10,2) DEFAULT 0.0 NOT NULL, total numeric(10,2) DEFAULT 0.0 NOT NULL,
  adjustment_total numeric(10,2) DEFAULT 0.0 NOT NULL, shipment_total numeric(10,2) DEFAULT 0.0 NOT NULL,
  payment_total numeric(10,2) DEFAULT 0.0);
CREATE TABLE invoices (id serial PRIMARY KEY, subtotal numeric(8,2) NOT NULL, tax_amount numeric(6,2) NOT NULL,
  total numeric(8,2) NOT NULL, amount numeric(5,2) NOT NULL CHECK (amount > 0));
CREATE TABLE products (id serial PRIMARY KEY, price numeric(10,2) NOT NULL CHECK (price > 0));`;

describe('money has cents and totals add up', () => {
  beforeAll(async () => {
    db = await createTestDatabase('moneycents');
  });
  afterAll(async () => db.close());

  it('amounts log-normal with any cents, totals the sum of their parts', async () => {
    const { target } = await loadGenerated(db, MONEY, { defaultRows: 2000, seed: 9 });
    const q = (sql: string) => count(target, sql);
    expect(
      await q(
        'SELECT count(*) AS n FROM spree_orders WHERE total <> item_total + shipment_total + adjustment_total',
      ),
    ).toBe(0);
    expect(await q('SELECT count(*) AS n FROM spree_orders WHERE total < item_total')).toBe(0);
    expect(await q('SELECT count(*) AS n FROM invoices WHERE total <> subtotal + tax_amount')).toBe(0);
    // Any cents: about 1 in 100 rows ends in .00, not a third; many distinct endings.
    for (const [table, column] of [
      ['spree_orders', 'item_total'],
      ['invoices', 'subtotal'],
      ['invoices', 'amount'],
    ]) {
      const round = await q(`SELECT count(*) AS n FROM ${table} WHERE ${column} = trunc(${column})`);
      expect(round, column).toBeLessThan(100);
      expect(
        await q(`SELECT count(DISTINCT (${column} * 100)::int % 100) AS n FROM ${table}`),
      ).toBeGreaterThan(90);
    }
    // Log-normal: most amounts between 5 and 1,000, some beyond; a side charge (tax) smaller than the goods.
    expect(
      await q('SELECT count(*) AS n FROM spree_orders WHERE item_total BETWEEN 5 AND 1000'),
    ).toBeGreaterThan(1600);
    expect(await q('SELECT count(*) AS n FROM spree_orders WHERE item_total > 1000')).toBeGreaterThan(5);
    expect(await q('SELECT count(*) AS n FROM invoices WHERE tax_amount < subtotal')).toBeGreaterThan(1500);
    // Shelf prices keep their endings (.99 most).
    expect(await q('SELECT count(*) AS n FROM products WHERE price - trunc(price) = 0.99')).toBeGreaterThan(
      500,
    );
  });
});
