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

/** Text a CHECK reads with to_timestamp() in a format, or casts to a time type. */
const timestampTexts = `CREATE TABLE tt (
  id int PRIMARY KEY,
  x text NOT NULL CHECK (to_timestamp(x, 'YYYY-MM-DD HH24:MI') IS NOT NULL),
  y varchar(19) NOT NULL CHECK (to_timestamp(y, 'DD.MM.YYYY HH24:MI:SS') IS NOT NULL),
  z text NOT NULL CHECK (z::timestamptz IS NOT NULL)
);
`;

/** gtfs-sql-importer's frequencies (text a CHECK casts to interval, in its key), and text cast to other types. */
const castTexts = `CREATE TABLE frequencies (
  feed_index integer NOT NULL,
  trip_id text NOT NULL,
  start_time text NOT NULL CONSTRAINT times_carry CHECK (start_time::interval = start_time::interval),
  end_time text NOT NULL CONSTRAINT times_carry_end CHECK (end_time::interval = end_time::interval),
  headway_secs integer NOT NULL,
  PRIMARY KEY (feed_index, trip_id, start_time)
);
CREATE TABLE casts (
  id int PRIMARY KEY,
  a text NOT NULL CHECK (a::timetz IS NOT NULL),
  b text NOT NULL CHECK (b::cidr IS NOT NULL),
  c text NOT NULL CHECK (c::macaddr IS NOT NULL),
  d text NOT NULL CHECK (d::money > 0::money)
);
`;

/** Logto's applications: two unique indexes over paths of one jsonb column, one through an array element. */
const jsonPaths = `CREATE TABLE applications (
  id varchar(21) PRIMARY KEY,
  protected_app_metadata jsonb
);
CREATE UNIQUE INDEX applications__protected_app_metadata_host
  ON applications ((protected_app_metadata->>'host'));
CREATE UNIQUE INDEX applications__protected_app_metadata_custom_domain
  ON applications ((protected_app_metadata->'customDomains'->0->>'domain'));
`;

/** A pattern CHECK and split_part() fields on one column, unique and not. */
const splitCodes = `CREATE TABLE codes (
  id int PRIMARY KEY,
  code varchar(12) NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2}-[0-9]{4}$'),
  kind text NOT NULL CHECK (kind ~ '^[A-Z]+-[0-9]+$' AND split_part(kind, '-', 1) IN ('A', 'B')),
  CHECK (split_part(code, '-', 1) IN ('AB', 'CD'))
);
`;

const ddl = ranges + timestampTexts + castTexts + jsonPaths + splitCodes;

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

describe('fix 36: text read by to_timestamp', () => {
  it("to_timestamp(x, 'YYYY-MM-DD HH24:MI') IS NOT NULL: x a real time in that format (the table was empty: to_timestamp() unread)", async () => {
    expect(loaded.counts.get('public.tt')).toBe(12);
    const rows = await loaded.target.query<{ x: string; y: string }>('SELECT x, y FROM tt');
    for (const { x, y } of rows) {
      expect(x).toMatch(/^\d{4}-\d\d-\d\d ([01]\d|2[0-3]):[0-5]\d$/);
      expect(y).toMatch(/^\d\d\.\d\d\.\d{4} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
    }
    expect(warningsOn('public.tt')).toEqual([]);
  });
});

describe('fix 36: text a CHECK casts to a type', () => {
  it("start_time::interval (gtfs' frequencies, in its key): times of day, every row (the table was empty: timestamp text)", async () => {
    expect(loaded.counts.get('public.frequencies')).toBe(12);
    const rows = await loaded.target.query<{ start_time: string }>('SELECT start_time FROM frequencies');
    for (const { start_time } of rows) expect(start_time).toMatch(/^[01]\d:[0-5]\d:[0-5]\d$/);
    expect(warningsOn('public.frequencies')).toEqual([]);
  });

  it('timetz, cidr, macaddr, money casts: the text form of the type (the script failed to load: readable words)', async () => {
    expect(loaded.counts.get('public.casts')).toBe(12);
    expect(warningsOn('public.casts')).toEqual([]);
  });
});

describe('fix 36: unique json paths', () => {
  it("Logto's ->> 'host' and -> 'customDomains' -> 0 ->> 'domain': documents in every row, both paths distinct (the column was NULL in every row)", async () => {
    const [row] = await loaded.target.query<{ n: number; hosts: number; domains: number }>(
      `SELECT count(protected_app_metadata)::int AS n,
              count(DISTINCT protected_app_metadata->>'host')::int AS hosts,
              count(DISTINCT protected_app_metadata->'customDomains'->0->>'domain')::int AS domains
         FROM applications`,
    );
    expect(row).toEqual({ n: 12, hosts: 12, domains: 12 });
    expect(warningsOn('public.applications')).toEqual([]);
  });
});

describe('fix 36: a pattern and split_part() fields on one column', () => {
  it("code ~ '^[A-Z]{2}-[0-9]{4}$' UNIQUE with split_part(code, '-', 1) IN ('AB', 'CD'): one pattern of both (the table was empty)", async () => {
    expect(loaded.counts.get('public.codes')).toBe(12);
    const rows = await loaded.target.query<{ code: string; kind: string }>('SELECT code, kind FROM codes');
    for (const { code, kind } of rows) {
      expect(code).toMatch(/^(AB|CD)-\d{4}$/);
      expect(kind).toMatch(/^(A|B)-\d+$/);
    }
    expect(warningsOn('public.codes')).toEqual([]);
  });
});
