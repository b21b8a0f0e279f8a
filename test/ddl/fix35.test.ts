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

/** Text columns a CHECK reads as dates in a format (to_date's YYYY, MM, DD and separators). */
const dateTexts = `CREATE TABLE td (
  id int PRIMARY KEY,
  d text NOT NULL CHECK (to_date(d, 'YYYYMMDD') IS NOT NULL),
  e varchar(10) CHECK (to_date(e, 'DD.MM.YYYY') IS NOT NULL)
);
`;

/** A day added to a timestamptz over Europe/Berlin's change to summer time (the load's TimeZone, set below). */
const daylightSaving = `CREATE TABLE ev (
  id int PRIMARY KEY,
  starts_at timestamptz NOT NULL CHECK (starts_at >= '2021-03-26 00:00+00' AND starts_at < '2021-03-29 00:00+00'),
  ends_at timestamptz NOT NULL CHECK (ends_at = starts_at + interval '1 day')
);
`;

const ddl = multiranges + dateTexts + daylightSaving;
const berlin =
  "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'Europe/Berlin'); END $$";

let loaded: LoadedDdl;
beforeAll(async () => {
  loaded = await loadGenerated(db, ddl, { defaultRows: 12, seed: 1, generatorVersion: 28 }, berlin);
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

describe('fix 35: text read by to_date', () => {
  it("to_date(d, 'YYYYMMDD') IS NOT NULL: d is a real date in that format (random text never met it: the table was empty)", async () => {
    expect(loaded.counts.get('public.td')).toBe(12);
    const rows = await loaded.target.query<{ d: string; e: string | null }>('SELECT d, e FROM td');
    for (const { d, e } of rows) {
      expect(d).toMatch(/^(19[5-9]\d|20[0-2]\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])$/);
      if (e !== null) expect(e).toMatch(/^\d\d\.\d\d\.\d{4}$/);
    }
  });
});

describe('fix 35: timestamptz plus days in the loading TimeZone', () => {
  it("ends_at = starts_at + interval '1 day' loads in Europe/Berlin: no row spans its change to summer time (row 1 failed: 23 hours there)", async () => {
    expect(loaded.counts.get('public.ev')).toBe(12);
    const [row] = await loaded.target.query<{ zone: string; n: number }>(
      `SELECT (SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting
                WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())) AS zone,
              count(*)::int AS n FROM ev WHERE ends_at = starts_at + interval '1 day'`,
    );
    expect(row).toEqual({ zone: 'TimeZone=Europe/Berlin', n: 12 });
  });
});
