/**
 * A partitioned table loaded over -j connections, table by table
 * (format/ordered-load.ts): the tree after its parent committed, the rows of
 * -j 1; a partition refusing rows after the parent committed empties the
 * parent again; --append adds the rows -j 1 does and a later failure deletes
 * only the rows it added.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('parallel_load');

/** A partitioned child of a plain parent: the partition tree is one unit of the ordered load (a COPY into its root). */
const PARTITIONED = `
CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id int NOT NULL, customer_id int NOT NULL REFERENCES customer, placed date NOT NULL,
  PRIMARY KEY (id, placed)) PARTITION BY RANGE (placed);
CREATE TABLE orders_old PARTITION OF orders FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
CREATE TABLE orders_new PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);
`;

describe('a partitioned table over -j connections, table by table', () => {
  /** A load of the PARTITIONED DDL file (not what `before` adds to the database) into `t`; its error, if any. */
  function fill(t: TestDatabase, workers: number, append = false): Promise<unknown> {
    const file = join(tempDir(), 'partitioned.sql');
    writeFileSync(file, PARTITIONED);
    return generate({
      schema: [file],
      connection: { dbname: t.connectionString },
      tables: { customer: 300, orders: 3000 },
      workers,
      append,
    }).then(
      () => null,
      (e: unknown) => e,
    );
  }
  async function partitioned(workers: number, before = ''): Promise<{ t: TestDatabase; error: unknown }> {
    const t = await db.createSibling();
    await t.query(PARTITIONED + before);
    return { t, error: await fill(t, workers) };
  }
  const digest = (t: TestDatabase) =>
    t.query(
      `SELECT (SELECT md5(string_agg(to_jsonb(c)::text, ',' ORDER BY id)) FROM customer c) AS customer,
              (SELECT md5(string_agg(to_jsonb(o)::text, ',' ORDER BY id, placed)) FROM orders o) AS orders,
              (SELECT count(*)::text FROM orders_old) AS old, (SELECT count(*)::text FROM orders_new) AS new,
              (SELECT count(DISTINCT xmin::text)::text FROM (SELECT xmin FROM customer UNION ALL SELECT xmin FROM orders) x)
                AS transactions`,
    );

  it('-j 2 loads the tree after its parent committed (a transaction each), the rows of -j 1', async () => {
    const [one, two] = [(await partitioned(1)).t, (await partitioned(2)).t];
    const [[a], [b]] = [await digest(one), await digest(two)];
    expect(a).toMatchObject({ transactions: '1' });
    expect(b).toEqual({ ...a, transactions: '2' });
    expect(Number(a?.old) > 0 && Number(a?.new) > 0).toBe(true);
  });

  it('a partition refusing rows after the parent committed: the parent emptied again, the keys as they were', async () => {
    const constraints =
      "SELECT conname, contype FROM pg_constraint WHERE contype IN ('f', 'c', 'p') ORDER BY 1";
    const { t, error } = await partitioned(2, 'ALTER TABLE orders_new ADD CONSTRAINT late CHECK (id < 0);');
    expect(error).toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /cannot copy rows into public\.orders of .*violates check constraint "late"/,
      ),
    });
    for (const table of ['customer', 'orders']) {
      const [row] = await t.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
      expect(row?.n, table).toBe('0');
    }
    const fresh = await db.createSibling();
    await fresh.query(`${PARTITIONED}ALTER TABLE orders_new ADD CONSTRAINT late CHECK (id < 0);`);
    expect(await t.query(constraints)).toEqual(await fresh.query(constraints));
  });
  it('--append over -j 2: the rows -j 1 appends, a transaction per table; a later failure deletes only the rows it added', async () => {
    const [one, two] = [(await partitioned(1)).t, (await partitioned(1)).t];
    expect(await fill(one, 1, true)).toBeNull();
    expect(await fill(two, 2, true)).toBeNull();
    const [[a], [b]] = [await digest(one), await digest(two)];
    expect(b).toEqual({ ...a, transactions: '3' });
    expect(a).toMatchObject({ transactions: '2' });
    const [count] = await two.query<{ n: string }>('SELECT count(*)::text AS n FROM orders');
    expect(count?.n).toBe('6000');
    // The rows there before meet it; the appended orders (ids past theirs) do not, after customer's committed.
    await two.query('ALTER TABLE orders_new ADD CONSTRAINT late CHECK (id <= 6000) NOT VALID');
    const constraints =
      "SELECT conname, contype FROM pg_constraint WHERE contype IN ('f', 'c', 'p') ORDER BY 1";
    const before = [await digest(two), await two.query(constraints)];
    expect(await fill(two, 2, true)).toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /cannot copy rows into public\.orders of .*violates check constraint "late"/,
      ),
    });
    expect([await digest(two), await two.query(constraints)]).toEqual(before);
  });
});
