/**
 * Issue 8 (fix 35), each from its minimal shape, generated once into one schema and loaded as a script
 * (psql ON_ERROR_STOP) with every constraint: CHECKs and evaluator defects earlier sessions found and left.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { type LoadedDdl, loadGenerated } from '../helpers/load-generated.js';

const db = useTestDatabase('fix35');

/** Multirange columns read by CHECKs against constant ranges and multiranges. */
const multiranges = `CREATE TABLE mr (
  id int PRIMARY KEY,
  r datemultirange NOT NULL CHECK (r <@ datemultirange(daterange('2020-01-01', '2030-01-01'))),
  d datemultirange NOT NULL CHECK (d @> daterange('2021-01-01', '2021-02-01')),
  c int4multirange NOT NULL CHECK (c && int4range(1, 100)),
  t tstzmultirange NOT NULL CHECK (tstzrange('2021-03-01', '2021-03-02') <@ t),
  k int8multirange NOT NULL CHECK (k @> 5::bigint AND NOT isempty(k)),
  free nummultirange
);
`;

const ddl = multiranges;

let loaded: LoadedDdl;
beforeAll(async () => {
  loaded = await loadGenerated(db, ddl, { defaultRows: 12, seed: 1, generatorVersion: 28 });
});

describe('fix 35: multiranges', () => {
  it('multirange CHECKs (<@, @>, && with ranges, multiranges and elements) are met by every row (the table was cut at row 0: "operator <@ on non-arrays")', async () => {
    expect(loaded.counts.get('public.mr')).toBe(12);
    const [row] = await loaded.target.query<{ n: number; wide: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE r <> '{}' AND lower(r) >= '2020-01-01')::int AS wide FROM mr
       WHERE r <@ datemultirange(daterange('2020-01-01', '2030-01-01')) AND d @> daterange('2021-01-01', '2021-02-01')
         AND c && int4range(1, 100) AND t @> tstzrange('2021-03-01', '2021-03-02') AND k @> 5::bigint`,
    );
    expect(row).toEqual({ n: 12, wide: 12 });
    expect(loaded.result.warnings.filter((w) => w.message.includes('public.mr'))).toEqual([]);
  });
});
