import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('planning ends on unbounded length limits', () => {
  beforeAll(async () => {
    db = await createTestDatabase('planninghang');
  });
  afterAll(async () => db.close());

  it('a unique lower(slug) under a pattern CHECK beside an int4 generated length(slug) plans and loads (was: planning spun forever)', async () => {
    // The generated column held length(slug) to int4, a maximum length of 2^31 - 1, and the pattern words'
    // fitting looped once per possible length: found by the catalog reader's test (live13), the DDL path too.
    const { counts, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
       CREATE TABLE owner (
         id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         slug text NOT NULL CHECK (slug ~ '^[a-z0-9-]+$'),
         feeling mood NOT NULL DEFAULT 'ok',
         slug_len integer GENERATED ALWAYS AS (length(slug)) STORED);
       CREATE UNIQUE INDEX owner_slug_lower ON owner (lower(slug)) WHERE feeling <> 'sad';`,
      { defaultRows: 300, seed: 5 },
    );
    expect(counts.get('public.owner')).toBe(300);
    for (const t of [target, restored]) {
      const rows = await t.query<{ n: string; bad: string }>(
        `SELECT count(DISTINCT lower(slug)) FILTER (WHERE feeling <> 'sad') = count(*) FILTER (WHERE feeling <> 'sad') AS n,
                count(*) FILTER (WHERE slug !~ '^[a-z0-9-]+$' OR slug_len <> length(slug)) AS bad FROM owner`,
      );
      expect(rows[0]).toEqual({ n: true, bad: '0' });
    }
  });
});
