/**
 * Partitions and views as pg_dump and hand-written DDL make them (ATTACH
 * PARTITION, boolean LIST partitions, multi-column and expression keys,
 * sub-partitions, a view whose GROUP BY needs a primary key): rows routed, the
 * script loaded with ON_ERROR_STOP and the archive restored with pg_restore -j 2,
 * every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { frontEndLoads } from '../helpers/front-end-load.js';

describe('DDL front end: partitions and views', () => {
  const db = useTestDatabase('frontend');
  const { load, restoresAsArchive } = frontEndLoads(db);

  it('ALTER TABLE ONLY p ATTACH PARTITION (pg_dump style): rows are routed to the partitions', async () => {
    const { counts } = await load(`
      CREATE TABLE public.m (id integer NOT NULL, at date NOT NULL, v text) PARTITION BY RANGE (at);
      CREATE TABLE public.m_2024 (id integer NOT NULL, at date NOT NULL, v text);
      CREATE TABLE public.m_2025 (id integer NOT NULL, at date NOT NULL, v text);
      ALTER TABLE ONLY public.m ATTACH PARTITION public.m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      ALTER TABLE ONLY public.m ATTACH PARTITION public.m_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      ALTER TABLE ONLY public.m ADD CONSTRAINT m_pkey PRIMARY KEY (id, at);
      ALTER TABLE ONLY public.m_2024 ADD CONSTRAINT m_2024_pkey PRIMARY KEY (id, at);
      ALTER TABLE ONLY public.m_2025 ADD CONSTRAINT m_2025_pkey PRIMARY KEY (id, at);
      ALTER INDEX public.m_pkey ATTACH PARTITION public.m_2024_pkey;
      ALTER INDEX public.m_pkey ATTACH PARTITION public.m_2025_pkey;`);
    expect((counts.get('public.m_2024') ?? 0) + (counts.get('public.m_2025') ?? 0)).toBe(30);
    expect(counts.get('public.m_2024')).toBeGreaterThan(0);
    expect(counts.get('public.m_2025')).toBeGreaterThan(0);
  });

  it('LIST partitions of a boolean (MusicBrainz artist_release: IN (FALSE) / IN (TRUE)) both get rows', async () => {
    const { counts, warnings } = await load(`
      CREATE TABLE ar (is_track boolean NOT NULL, artist int NOT NULL) PARTITION BY LIST (is_track);
      CREATE TABLE ar_no PARTITION OF ar FOR VALUES IN (FALSE);
      CREATE TABLE ar_yes PARTITION OF ar FOR VALUES IN (TRUE);`);
    expect(warnings).toEqual([]);
    expect((counts.get('public.ar_no') ?? 0) + (counts.get('public.ar_yes') ?? 0)).toBe(30);
    expect(counts.get('public.ar_no')).toBeGreaterThan(0);
    expect(counts.get('public.ar_yes')).toBeGreaterThan(0);
  });

  it('multi-column and expression partition keys, sub-partitions: rows route, or the table gets none with a warning', async () => {
    const { counts, warnings } = await load(`
      CREATE TABLE m (a int NOT NULL, b int NOT NULL, v text) PARTITION BY RANGE (a, b);
      CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0, 0) TO (10, 100);
      CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (10, 100) TO (1000, 0);
      CREATE TABLE d (at date NOT NULL, n int NOT NULL) PARTITION BY RANGE (at, n);
      CREATE TABLE d1 PARTITION OF d FOR VALUES FROM ('2024-01-01', 5) TO ('2024-03-01', 0);
      CREATE TABLE e (t text NOT NULL, v int) PARTITION BY LIST (lower(t));
      CREATE TABLE e1 PARTITION OF e FOR VALUES IN ('x', 'y');
      CREATE TABLE e2 PARTITION OF e DEFAULT;
      CREATE TABLE x (t text NOT NULL) PARTITION BY LIST (upper(t));
      CREATE TABLE x1 PARTITION OF x FOR VALUES IN ('A');
      CREATE TABLE s (k int NOT NULL, d date NOT NULL) PARTITION BY LIST (k);
      CREATE TABLE s1 PARTITION OF s FOR VALUES IN (1, 2) PARTITION BY RANGE (d);
      CREATE TABLE s1a PARTITION OF s1 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
      CREATE TABLE s2 PARTITION OF s FOR VALUES IN (3) PARTITION BY RANGE (d);
      CREATE TABLE s2a PARTITION OF s2 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
      CREATE TABLE s2z PARTITION OF s2 DEFAULT;`);
    expect((counts.get('public.m1') ?? 0) + (counts.get('public.m2') ?? 0)).toBe(30);
    expect(counts.get('public.m1')).toBeGreaterThan(0);
    expect(counts.get('public.d1')).toBe(30);
    expect((counts.get('public.e1') ?? 0) + (counts.get('public.e2') ?? 0)).toBe(30);
    expect(counts.get('public.x1')).toBe(0);
    // s1 is partitioned again with no DEFAULT: its rows are routed into s1a (plan/partition-routes.ts).
    expect(counts.get('public.s1a')).toBeGreaterThan(0);
    expect(
      (counts.get('public.s1a') ?? 0) + (counts.get('public.s2a') ?? 0) + (counts.get('public.s2z') ?? 0),
    ).toBe(30);
    expect(warnings.map((w) => w.message)).toEqual([
      'public.x: its partition key is an expression, and it has no DEFAULT partition, so datagen cannot place its rows in a partition; it gets no rows. Add a DEFAULT partition (CREATE TABLE ... PARTITION OF public.x DEFAULT) to give it rows.',
    ]);
  });

  it("pg_dump's dummy view: the real definition runs after the primary key its GROUP BY needs", async () => {
    const { target, counts, dir } = await load(`
      CREATE TABLE public.orders (id integer NOT NULL, customer text NOT NULL, total numeric NOT NULL);
      CREATE VIEW public.order_totals AS
       SELECT NULL::integer AS id, NULL::text AS customer, NULL::numeric AS total;
      ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
      CREATE OR REPLACE VIEW public.order_totals AS
       SELECT orders.id, orders.customer, sum(orders.total) AS total
         FROM public.orders
        GROUP BY orders.id;`);
    const [v] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM order_totals WHERE customer IS NOT NULL',
    );
    expect(v?.n).toBe('30');
    await restoresAsArchive(dir, counts);
  });

  it('a hand-written view whose GROUP BY relies on a primary key: the key stays before the view', async () => {
    const { target, counts, dir } = await load(`
      CREATE TABLE public.a (id integer PRIMARY KEY, x integer);
      CREATE VIEW public.v AS SELECT a.id, a.x FROM public.a GROUP BY a.id;`);
    const [v] = await target.query<{ n: string }>('SELECT count(*) AS n FROM v');
    expect(v?.n).toBe('30');
    await restoresAsArchive(dir, counts);
  });
});
