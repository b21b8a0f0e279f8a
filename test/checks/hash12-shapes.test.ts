/**
 * hash12: rows routed through HASH partitions partitioned again, by
 * PostgreSQL's hash computed offline (plan/hash-routes.ts,
 * values/pg-hash.ts): every leaf gets about its modulus' share, and the
 * output loads with every constraint in place (plain script with psql
 * ON_ERROR_STOP, custom archive through pg_restore --exit-on-error).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

/** Rows per leaf partition of `root` (by the row's tableoid). */
async function leafRows(t: TestDatabase, root: string): Promise<Record<string, number>> {
  const rows = await t.query<{ leaf: string; n: string }>(
    `SELECT tableoid::regclass::text AS leaf, count(*) AS n FROM ${root} GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.leaf, Number(r.n)]));
}

/** The routing warnings of a run. */
const routingWarnings = (warnings: readonly { code: string }[]) =>
  warnings.filter((w) => w.code === 'PARTITION_ROUTING' || w.code === 'NO_PARTITION');

describe('hash12: exact HASH partition routing', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hash12shapes');
  });
  afterAll(async () => db.close());

  it('a HASH root (modulus 3, and a two-column key at modulus 4) whose partitions are LIST partitioned', async () => {
    // Before: ev.kind took only the values every nested partition lists ('a', 'b', 'c' here: by luck all),
    // warned; a key with no common value left the table empty.
    const { target, restored, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE ev (id int NOT NULL, kind text NOT NULL, PRIMARY KEY (id, kind)) PARTITION BY HASH (id);
       CREATE TABLE ev_0 PARTITION OF ev FOR VALUES WITH (MODULUS 3, REMAINDER 0) PARTITION BY LIST (kind);
       CREATE TABLE ev_0_a PARTITION OF ev_0 FOR VALUES IN ('a');
       CREATE TABLE ev_0_b PARTITION OF ev_0 FOR VALUES IN ('b');
       CREATE TABLE ev_1 PARTITION OF ev FOR VALUES WITH (MODULUS 3, REMAINDER 1) PARTITION BY LIST (kind);
       CREATE TABLE ev_1_c PARTITION OF ev_1 FOR VALUES IN ('c', 'd');
       CREATE TABLE ev_2 PARTITION OF ev FOR VALUES WITH (MODULUS 3, REMAINDER 2);
       CREATE TABLE m (big bigint NOT NULL CHECK (big > 5000000000), code text NOT NULL,
         day date NOT NULL) PARTITION BY HASH (big, code);
       CREATE TABLE m_0 PARTITION OF m FOR VALUES WITH (MODULUS 4, REMAINDER 0) PARTITION BY RANGE (day);
       CREATE TABLE m_0_a PARTITION OF m_0 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
       CREATE TABLE m_1 PARTITION OF m FOR VALUES WITH (MODULUS 4, REMAINDER 1) PARTITION BY RANGE (day);
       CREATE TABLE m_1_a PARTITION OF m_1 FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
       CREATE TABLE m_2 PARTITION OF m FOR VALUES WITH (MODULUS 4, REMAINDER 2);
       CREATE TABLE m_3 PARTITION OF m FOR VALUES WITH (MODULUS 4, REMAINDER 3);`,
      { defaultRows: 600, seed: 12 },
    );
    expect(routingWarnings(result.warnings)).toEqual([]);
    for (const t of [target, restored]) {
      const ev = await leafRows(t, 'ev');
      expect(Object.values(ev).reduce((a, b) => a + b, 0)).toBe(600);
      expect((ev.ev_0_a ?? 0) + (ev.ev_0_b ?? 0)).toBeGreaterThan(150);
      for (const leaf of ['ev_0_a', 'ev_0_b', 'ev_1_c', 'ev_2']) expect(ev[leaf], leaf).toBeGreaterThan(60);
      const m = await leafRows(t, 'm');
      expect(Object.values(m).reduce((a, b) => a + b, 0)).toBe(600);
      for (const leaf of ['m_0_a', 'm_1_a', 'm_2', 'm_3']) expect(m[leaf], leaf).toBeGreaterThan(100);
    }
  });

  it('a HASH level under LIST and under RANGE, partitioned again: every leaf gets rows (modulus 7 and 2)', async () => {
    // Before: sales_ap and r_lo got no rows ('itself partitioned with no DEFAULT partition, and datagen
    // cannot route rows through its partitions' keys').
    const hashLeaves = Array.from(
      { length: 7 },
      (_, r) =>
        `CREATE TABLE sales_ap_${r} PARTITION OF sales_ap FOR VALUES WITH (MODULUS 7, REMAINDER ${r}) PARTITION BY LIST (quarter);
         CREATE TABLE sales_ap_${r}_q PARTITION OF sales_ap_${r} FOR VALUES IN ('Q${(r % 4) + 1}');`,
    ).join('\n');
    const { target, restored, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE sales (id int NOT NULL, region text NOT NULL, quarter text NOT NULL, n int NOT NULL CHECK (n BETWEEN -1000000 AND -1))
         PARTITION BY LIST (region);
       CREATE TABLE sales_us PARTITION OF sales FOR VALUES IN ('US');
       CREATE TABLE sales_ap PARTITION OF sales FOR VALUES IN ('AP') PARTITION BY HASH (n);
       ${hashLeaves}
       CREATE TABLE r (day int NOT NULL, code char(6) NOT NULL, label text NOT NULL) PARTITION BY RANGE (day);
       CREATE TABLE r_lo PARTITION OF r FOR VALUES FROM (0) TO (100) PARTITION BY HASH (code);
       CREATE TABLE r_lo_0 PARTITION OF r_lo FOR VALUES WITH (MODULUS 2, REMAINDER 0) PARTITION BY LIST (label);
       CREATE TABLE r_lo_0_x PARTITION OF r_lo_0 FOR VALUES IN ('x', 'é');
       CREATE TABLE r_lo_1 PARTITION OF r_lo FOR VALUES WITH (MODULUS 2, REMAINDER 1) PARTITION BY LIST (label);
       CREATE TABLE r_lo_1_y PARTITION OF r_lo_1 FOR VALUES IN ('日本');
       CREATE TABLE r_hi PARTITION OF r FOR VALUES FROM (100) TO (200);`,
      { defaultRows: 700, seed: 4 },
    );
    expect(routingWarnings(result.warnings)).toEqual([]);
    for (const t of [target, restored]) {
      const sales = await leafRows(t, 'sales');
      expect(sales.sales_us).toBeGreaterThan(200);
      for (let r = 0; r < 7; r++) expect(sales[`sales_ap_${r}_q`], `sales_ap_${r}_q`).toBeGreaterThan(15);
      const r = await leafRows(t, 'r');
      for (const leaf of ['r_lo_0_x', 'r_lo_1_y', 'r_hi']) expect(r[leaf], leaf).toBeGreaterThan(100);
    }
  });

  it('NULL in a hash key (hashed as left out); an inet key falls back, warned at schema.table.column', async () => {
    const { target, restored, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE nk (a bigint, b text, kind text NOT NULL) PARTITION BY HASH (a, b);
       CREATE TABLE nk_0 PARTITION OF nk FOR VALUES WITH (MODULUS 2, REMAINDER 0) PARTITION BY LIST (kind);
       CREATE TABLE nk_0_a PARTITION OF nk_0 FOR VALUES IN ('a');
       CREATE TABLE nk_1 PARTITION OF nk FOR VALUES WITH (MODULUS 2, REMAINDER 1) PARTITION BY LIST (kind);
       CREATE TABLE nk_1_b PARTITION OF nk_1 FOR VALUES IN ('b');
       CREATE TABLE f (amount inet NOT NULL, kind text NOT NULL) PARTITION BY HASH (amount);
       CREATE TABLE f_0 PARTITION OF f FOR VALUES WITH (MODULUS 2, REMAINDER 0) PARTITION BY LIST (kind);
       CREATE TABLE f_0_ab PARTITION OF f_0 FOR VALUES IN ('a', 'b');
       CREATE TABLE f_1 PARTITION OF f FOR VALUES WITH (MODULUS 2, REMAINDER 1) PARTITION BY LIST (kind);
       CREATE TABLE f_1_a PARTITION OF f_1 FOR VALUES IN ('a');`,
      { defaultRows: 400, seed: 9 },
    );
    const warned = routingWarnings(result.warnings);
    expect(warned).toEqual([
      expect.objectContaining({
        where: 'public.f.kind',
        message: expect.stringContaining(
          "PostgreSQL's hash of amount's type inet is not computed by datagen",
        ),
      }),
    ]);
    for (const t of [target, restored]) {
      const nk = await leafRows(t, 'nk');
      expect(nk.nk_0_a).toBeGreaterThan(100);
      expect(nk.nk_1_b).toBeGreaterThan(100);
      const [nulls] = await t.query<{ n: string }>(
        'SELECT count(*) AS n FROM nk WHERE a IS NULL OR b IS NULL',
      );
      expect(Number(nulls?.n)).toBeGreaterThan(0);
      expect(Object.values(await leafRows(t, 'f')).reduce((x, y) => x + y, 0)).toBe(400);
    }
  });

  it('a custom archive holds one TABLE DATA entry per HASH partition, each COPY into the partition itself', async () => {
    // Before: one entry for the root (rows loaded through it); pg_dump writes one per partition, and
    // `pg_restore -t customer_3` restores that partition's rows. COPY into a partition checks its hash.
    const dir = tempDir();
    const ddl = join(dir, 'schema.sql');
    writeFileSync(
      ddl,
      `CREATE TABLE customer (id uuid PRIMARY KEY, email text NOT NULL) PARTITION BY HASH (id);
       ${Array.from({ length: 7 }, (_, r) => `CREATE TABLE customer_${r} PARTITION OF customer FOR VALUES WITH (MODULUS 7, REMAINDER ${r});`).join('\n')}
       CREATE TABLE visit (at timestamp NOT NULL, who text NOT NULL, n int) PARTITION BY HASH (at, who);
       CREATE TABLE visit_0 PARTITION OF visit FOR VALUES WITH (MODULUS 2, REMAINDER 0);
       CREATE TABLE visit_1 PARTITION OF visit FOR VALUES WITH (MODULUS 4, REMAINDER 1);
       CREATE TABLE visit_3 PARTITION OF visit FOR VALUES WITH (MODULUS 4, REMAINDER 3);`,
    );
    const dump = join(dir, 'data.dump');
    await generate({ schema: [ddl], output: dump, format: 'custom', defaultRows: 700, seed: 12 });
    const listing = db.run('pg_restore', ['-l', dump]);
    for (let r = 0; r < 7; r++) expect(listing).toMatch(new RegExp(`TABLE DATA public customer_${r} `));
    for (const leaf of ['visit_0', 'visit_1', 'visit_3'])
      expect(listing).toContain(`TABLE DATA public ${leaf} `);
    expect(listing).not.toMatch(/TABLE DATA public (customer|visit) /);
    const restored = await db.createSibling();
    restored.run('pg_restore', ['--exit-on-error', '-j', '2', '-d', restored.name, dump]);
    const customers = await leafRows(restored, 'customer');
    for (let r = 0; r < 7; r++) expect(customers[`customer_${r}`], `customer_${r}`).toBeGreaterThan(60);
    const visits = await leafRows(restored, 'visit');
    expect(visits.visit_0).toBeGreaterThan(250);
    expect(visits.visit_1).toBeGreaterThan(120);
    expect(visits.visit_3).toBeGreaterThan(120);
    const one = await db.createSibling();
    one.run('pg_restore', ['--exit-on-error', '-s', '-d', one.name, dump]);
    one.run('pg_restore', ['--exit-on-error', '-a', '-t', 'customer_3', '-d', one.name, dump]);
    expect(await leafRows(one, 'customer')).toEqual({ customer_3: customers.customer_3 });
  });
});
