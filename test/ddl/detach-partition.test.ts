/**
 * `ALTER TABLE p DETACH PARTITION c` (partition maintenance in migrations): c
 * is a table of its own from there on. Before, datagen still made the
 * parent's rows over c's bounds and kept the statement as written: exit 0,
 * and the load stopped at "no partition of relation found for row".
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('detach_partition');

describe('DETACH PARTITION', () => {
  it("the detached partition gets rows of its own; the parent's rows stay in the partitions it keeps", async () => {
    const ddl = `CREATE TABLE ev (id bigint NOT NULL, at date NOT NULL, note text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE ev_2023 PARTITION OF ev FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE ev_2025 PARTITION OF ev FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE ev DETACH PARTITION ev_2023;
CREATE TABLE tag (code text NOT NULL, kind text NOT NULL) PARTITION BY LIST (kind);
CREATE TABLE tag_a PARTITION OF tag FOR VALUES IN ('a');
CREATE TABLE tag_b PARTITION OF tag FOR VALUES IN ('b');
ALTER TABLE tag DETACH PARTITION tag_b;
`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 40, seed: 3 });
    // Counts are of each table's own rows: the parents' are in their partitions.
    expect((counts.get('public.ev_2024') ?? 0) + (counts.get('public.ev_2025') ?? 0)).toBe(40);
    expect(counts.get('public.ev_2023')).toBe(40);
    expect(counts.get('public.tag_a')).toBe(40);
    expect(counts.get('public.tag_b')).toBe(40);
    expect(warnings.filter((w) => w.includes('DETACH') || w.includes('DetachPartition'))).toEqual([]);
    const routed = await script.query<{ part: string }>(
      'SELECT DISTINCT tableoid::regclass::text AS part FROM ev UNION SELECT DISTINCT tableoid::regclass::text FROM tag ORDER BY 1',
    );
    expect(routed.map((r) => r.part)).toEqual(['ev_2024', 'ev_2025', 'tag_a']);
    const [detached] = await script.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_inherits WHERE inhrelid IN ('ev_2023'::regclass, 'tag_b'::regclass)",
    );
    expect(detached?.n).toBe(0);
  });
});
