/**
 * Issue 8 (fix 36), each from its minimal shape, generated once at version 29 into one schema and loaded as a
 * script (psql ON_ERROR_STOP) with every constraint: where constraints meet, what was still cut, emptied or NULL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { type LoadedDdl, loadGenerated } from '../helpers/load-generated.js';

const db = useTestDatabase('fix36');

/** Plain range columns read by CHECKs against constant ranges and elements. */
const ranges = `CREATE TABLE pr (
  id int PRIMARY KEY,
  c int4range NOT NULL CHECK (c && int4range(1, 100)),
  e int4range NOT NULL CHECK (e @> 5),
  d daterange NOT NULL CHECK (d @> daterange('2020-01-01', '2021-01-01')),
  t tstzrange NOT NULL CHECK (t && tstzrange('2020-01-01', '2020-01-02')),
  s tsrange NOT NULL CHECK (s <@ '[2020-01-01 10:00:00.5, 2020-01-02)'::tsrange)
);
`;

const ddl = ranges;

let loaded: LoadedDdl;
beforeAll(async () => {
  loaded = await loadGenerated(db, ddl, { defaultRows: 12, seed: 1, generatorVersion: 29 });
});

const warningsOn = (table: string) =>
  loaded.result.warnings.filter((w) => w.message.includes(table)).map((w) => w.message);

describe('fix 36: plain ranges', () => {
  it('&&, @> with a range or an element, <@ with a fraction: every row set and meeting them (were NULL, or the table empty)', async () => {
    expect(loaded.counts.get('public.pr')).toBe(12);
    const [row] = await loaded.target.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pr WHERE c && int4range(1, 100) AND e @> 5
         AND d @> daterange('2020-01-01', '2021-01-01') AND t && tstzrange('2020-01-01', '2020-01-02')
         AND s <@ '[2020-01-01 10:00:00.5, 2020-01-02)'::tsrange AND NOT isempty(s)`,
    );
    expect(row).toEqual({ n: 12 });
    expect(warningsOn('public.pr')).toEqual([]);
  });
});
