/**
 * Shapes hostile15 found (the schema property test's new range columns, a
 * repeated pattern CHECK), each reduced to its minimal shape, generated and
 * loaded into the real server with every constraint in place (a plain script
 * with psql ON_ERROR_STOP and a custom archive through pg_restore
 * --exit-on-error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('hostile15 shapes', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hostile15shapes');
  });
  afterAll(async () => db.close());

  it('lower(r) and upper(r) of a range column read its bounds (they case-folded its text: exit 0, and the load failed)', async () => {
    // Before: upper(c0) < '2030-01-01' was evaluated as upper-case text and held for "(,"2030-01-22 07:01:40+00")";
    // the NOT NULL tstzrange table was cut to 6 rows.
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE tz (id int PRIMARY KEY, r tstzrange CHECK (upper(r) < '2030-01-01'));
       CREATE TABLE tzn (id int PRIMARY KEY, r tstzrange NOT NULL CHECK (upper(r) < '2030-01-01'));
       CREATE TABLE i4 (id int PRIMARY KEY, r int4range CHECK (upper(r) < 100));
       CREATE TABLE dr (id int PRIMARY KEY, r daterange CHECK (lower(r) >= '2020-01-01'));
       CREATE TABLE nr (id int PRIMARY KEY, r numrange CHECK (lower(r) > 0.5 AND upper(r) < 1000));
       CREATE TABLE ts (id int PRIMARY KEY, r tsrange NOT NULL
         CHECK (lower(r) >= '2021-01-01' AND upper(r) <= '2025-01-01'));`,
      { defaultRows: 200, seed: 1 },
    );
    for (const t of ['tz', 'tzn', 'i4', 'dr', 'nr', 'ts']) expect(counts.get(`public.${t}`)).toBe(200);
    expect(result.warnings).toEqual([]);
    // Most ranges are bounded (an unbounded side meets the CHECK as NULL): the bounds were made to the CHECKs.
    const [row] = await target.query<{ tzn: string; ts: string }>(
      `SELECT (SELECT count(*) FROM tzn WHERE upper(r) IS NOT NULL) AS tzn,
              (SELECT count(*) FROM ts WHERE lower(r) IS NOT NULL AND upper(r) IS NOT NULL) AS ts`,
    );
    expect(Number(row?.tzn)).toBeGreaterThan(100);
    expect(Number(row?.ts)).toBeGreaterThan(50);
  });

  it('the same pattern CHECK twice on a key (a domain and its column, or ~ and ~*) is one pattern', async () => {
    // Before: "unique values meeting its CHECKs cannot be constructed (more than one pattern)": 0 rows.
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN code5 AS text CHECK (VALUE ~ '^[A-Z]{2}[0-9]{3}$');
       CREATE TABLE t (code code5 PRIMARY KEY CHECK (code ~ '^[A-Z]{2}[0-9]{3}$'), n int);
       CREATE TABLE u (code text PRIMARY KEY, CHECK (code ~ '^[a-z]{3}$'), CHECK (code ~* '^[a-z]{3}$'));`,
      { defaultRows: 300, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 300, 'public.u': 300 });
    expect(result.warnings).toEqual([]);
    const [row] = await target.query<{ n: string }>("SELECT count(*) AS n FROM u WHERE code ~ '^[a-z]{3}$'");
    expect(row?.n).toBe('300');
  });

  it('CREATE TABLE AS: max()/min() of a varchar(n), char(n) or numeric(p,s) column is text, bpchar, numeric (the aggregates return no typmod)', async () => {
    // Before: written as varchar(5), bpchar(3) and numeric(6, 2), where the server makes text, bpchar and numeric.
    const { target, counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE src (id int PRIMARY KEY, v varchar(5) NOT NULL, c char(3), n numeric(6,2));
       CREATE TABLE agg AS SELECT id, max(v) AS mv, min(c) AS mc, max(n) AS mn FROM src GROUP BY id;`,
      { defaultRows: 20, seed: 1 },
    );
    expect(counts.get('public.agg')).toBe(20);
    const types = await target.query<{ attname: string; type: string }>(
      `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = 'agg'::regclass AND attnum > 0 ORDER BY attnum`,
    );
    expect(types.map((t) => `${t.attname} ${t.type}`)).toEqual([
      'id integer',
      'mv text',
      'mc bpchar',
      'mn numeric',
    ]);
  });

  it('an integer FK to a numeric(3,1) or float key takes none of its values (they print as 5.0): NULL, or no rows, warned', async () => {
    // Found by the mutation fuzz (seed 1515005, benchbase_seats country.co_id swapped to numeric(3,1)):
    // exit 0, and the load failed with 'invalid input syntax for type bigint: "0.0"'.
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE country (co_id numeric(3,1) PRIMARY KEY, name text);
       CREATE TABLE airport (ap_id bigint PRIMARY KEY, ap_co_id bigint NOT NULL REFERENCES country (co_id));
       CREATE TABLE port (id int PRIMARY KEY, co int REFERENCES country (co_id));
       CREATE TABLE fl (x float8 PRIMARY KEY);
       CREATE TABLE fc (id int PRIMARY KEY, x int2 REFERENCES fl);
       CREATE TABLE whole (n numeric(4,0) PRIMARY KEY);
       CREATE TABLE wc (id int PRIMARY KEY, n int8 NOT NULL REFERENCES whole);`,
      { defaultRows: 20, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toMatchObject({
      'public.airport': 0,
      'public.port': 20,
      'public.fc': 20,
      'public.wc': 20,
    });
    expect(result.warnings.find((w) => w.where === 'public.airport')?.message).toContain(
      "give the foreign key column its parent column's type",
    );
    const [row] = await target.query<{ n: string }>(
      'SELECT (SELECT count(co) FROM port) + (SELECT count(x) FROM fc) AS n',
    );
    expect(row?.n).toBe('0');
  });
});
