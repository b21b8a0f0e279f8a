import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('an integer bounded only from above', () => {
  beforeAll(async () => {
    db = await createTestDatabase('upperonly');
  });
  afterAll(async () => db.close());

  it('a NOT NULL column under CHECK (n < 0) and a UNIQUE one under CHECK (k < 0) get every row', async () => {
    // Before: the range unbounded below started at 1, so `n < 0` "left no integer" (the table got no rows,
    // hash12 noticed it) and `k < 0` UNIQUE allowed 1 distinct value (1 row).
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE neg (n int NOT NULL CHECK (n < 0), m bigint CHECK (m <= -5), s smallint NOT NULL CHECK (s < 10));
       CREATE TABLE neg_key (id int PRIMARY KEY, k int NOT NULL UNIQUE CHECK (k < 0), t smallint UNIQUE CHECK (t <= -100));`,
      { defaultRows: 300, seed: 4 },
    );
    expect(counts.get('public.neg')).toBe(300);
    expect(counts.get('public.neg_key')).toBe(300);
    expect(result.warnings.map((w) => w.message)).toEqual([]);
    const [row] = await target.query<{ n: string; k: string }>(
      'SELECT (SELECT max(n) FROM neg) AS n, (SELECT count(DISTINCT k) FROM neg_key) AS k',
    );
    expect(Number(row?.n)).toBeLessThan(0);
    expect(Number(row?.k)).toBe(300);
  });
});
