/**
 * Shapes found by kits 23 (extension- and feature-heavy schemas and data-model
 * kits: ListenBrainz, pgMemento, PostGIS applications, ...), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('kits23shapes');

describe('shapes of kits 23 (extension-heavy schemas and data-model kits)', () => {
  it("a PL/pgSQL integer loop `FOR i IN 2..array_length(a, 1)` is no PostgreSQL 16 number (pgMemento's get_ddl_from_context)", async () => {
    // Before: 'the DDL uses syntax of PostgreSQL 16 ... loads only into PostgreSQL 16 or later' (`2..array_length` read as one number).
    const ddl = `CREATE TABLE t (id int PRIMARY KEY, lines text[]);
      CREATE FUNCTION second_lines(stack text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $$
      DECLARE objs text[] := regexp_split_to_array(stack, E'\\\\r?\\\\n+'); out text := '';
      BEGIN
        FOR i IN 2..array_length(objs, 1) LOOP out := out || objs[i]; END LOOP;
        FOR j IN 1 .. n_rows() LOOP NULL; END LOOP;
        RETURN out;
      END; $$;
      CREATE FUNCTION n_rows() RETURNS int LANGUAGE sql AS 'SELECT 2';`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 5, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 5 });
    expect(warnings.filter((w) => w.includes('PostgreSQL 16'))).toEqual([]);
    const called = await script.query(`SELECT second_lines(E'a\\nb\\nc') AS s`);
    expect(called[0]?.s).toBe('bc');
  });

  it("PostGIS CHECKs the generated geometries meet by construction (st_isvalid, a polygon column's st_area > 0) leave their tables their rows", async () => {
    // Before: 'CHECK ... (st_isvalid(geom)) cannot be read by datagen ... gets no rows'.
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE parcels (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        geom geometry(MultiPolygon, 2263) NOT NULL,
        area double precision GENERATED ALWAYS AS (st_area(geom)) STORED,
        CHECK (st_isvalid(geom)), CHECK (st_area(geom) > 0));
      CREATE TABLE lakes (id int PRIMARY KEY, parcel_id bigint REFERENCES parcels, shore geometry,
        CONSTRAINT enforce_geotype_shore CHECK (geometrytype(shore) = 'POLYGON'::text OR shore IS NULL),
        CONSTRAINT enforce_srid_shore CHECK (st_srid(shore) = 4326),
        CONSTRAINT enforce_valid_shore CHECK (shore IS NULL OR public.st_isvalid(shore)),
        CONSTRAINT positive_area CHECK (0 < st_area(shore)));
      CREATE TABLE routes (id int PRIMARY KEY, path geography(LineString, 4326) CHECK (st_isvalid(path::geometry)),
        line geometry(LineString) NOT NULL CHECK (st_area(line) > 0));`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 60, seed: 1 });
    expect(counts.get('public.parcels')).toBe(60);
    expect(counts.get('public.lakes')).toBe(60);
    // A line's area is 0: that CHECK is unsatisfiable and still empties its table, warned.
    expect(counts.get('public.routes')).toBe(0);
    expect(warnings.some((w) => w.includes('routes_line_check'))).toBe(true);
    expect(warnings.filter((w) => /parcels_geom_check|enforce_valid_shore|positive_area/.test(w))).toEqual(
      [],
    );
    const shores = await script.query(
      'SELECT count(shore)::int AS n, bool_and(st_isvalid(shore) AND st_area(shore) > 0) AS ok FROM lakes',
    );
    expect(shores[0]?.ok).toBe(true);
    expect(shores[0]?.n).toBeGreaterThan(0);
  });

  it('PostGIS CHECKs restating a typed column (st_srid(g) = 4326 on geometry(Point, 4326), a geography, st_ndims, geometrytype) leave it its rows; its functions need no warning beside CREATE EXTENSION', async () => {
    // Before (session 26): 'CHECK places_geom_check (st_srid(geom) = 4326) ... public.places gets no rows', and a
    // warning that st_setsrid(), st_makepoint(), st_isvalid(), st_srid() are defined by nothing.
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE places (id serial PRIMARY KEY,
        geom geometry(Point, 4326) NOT NULL DEFAULT st_setsrid(st_makepoint(0, 0), 4326),
        loc geography(Point) CHECK (st_srid(loc) = 4326),
        zone geometry(PolygonZ, 3857) CHECK (st_ndims(zone) = 3) CHECK (geometrytype(zone) = 'POLYGON'::text OR zone IS NULL),
        CHECK (st_srid(geom) = 4326), CHECK (public.st_srid(zone) = 3857));
      CREATE TABLE wrong (id int PRIMARY KEY, geom geometry(Point, 4326) NOT NULL CHECK (st_srid(geom) = 2263));`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 40, seed: 1 });
    expect(counts.get('public.places')).toBe(40);
    // A CHECK against the typmod stays in the model: no row can meet it, the table is left empty, warned.
    expect(counts.get('public.wrong')).toBe(0);
    expect(warnings.some((w) => w.includes('wrong_geom_check'))).toBe(true);
    expect(warnings.filter((w) => /places|st_setsrid|neither PostgreSQL nor the DDL/.test(w))).toEqual([]);
    const rows = await script.query(
      'SELECT count(zone)::int AS zones, bool_and(st_srid(geom) = 4326 AND st_srid(loc) = 4326) AS srid FROM places',
    );
    expect(rows[0]?.srid).toBe(true);
    expect(rows[0]?.zones).toBeGreaterThan(0);
  });

  it('PostGIS CHECKs joined by AND, shape lists (IN, = ANY, OR) and NOT st_isempty are met by construction; a shape list narrows a column of any shape', async () => {
    // Before (session 26): each of these tables got no rows ('cannot be read by datagen').
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE a (id int PRIMARY KEY, geom geometry(Polygon, 4326) NOT NULL, CHECK (st_isvalid(geom) AND st_srid(geom) = 4326));
      CREATE TABLE b (id int PRIMARY KEY, geom geometry(Geometry, 4326), CHECK (st_geometrytype(geom) IN ('ST_Polygon', 'ST_MultiPolygon')));
      CREATE TABLE e (id int PRIMARY KEY, geom geometry(MultiPolygon, 4326), CHECK (NOT st_isempty(geom)));
      CREATE TABLE f (id int PRIMARY KEY, geom geometry CHECK (geometrytype(geom) = ANY (ARRAY['MULTIPOLYGON'::text, 'POLYGON'::text])) CHECK (st_srid(geom) = 4326));
      CREATE TABLE g (id int PRIMARY KEY, geom geometry(Point, 4326) CHECK (geometrytype(geom) = 'POINT'::text OR geometrytype(geom) = 'MULTIPOINT'::text OR geom IS NULL));
      CREATE TABLE h (id int PRIMARY KEY, geom geometry(Point, 4326) CHECK (geometrytype(geom) IN ('LINESTRING')));`;
    const { counts, script } = await loadScriptAndArchive(db, ddl, { rows: 30, seed: 1 });
    expect(Object.fromEntries([...counts].filter(([t]) => t !== 'public.spatial_ref_sys'))).toEqual({
      'public.a': 30,
      'public.b': 30,
      'public.e': 30,
      'public.f': 30,
      'public.g': 30,
      // A shape list the typmod is not in: no value can meet it, the table stays empty.
      'public.h': 0,
    });
    const shapes = await script.query<{ t: string; shapes: string }>(
      `SELECT t, string_agg(DISTINCT geometrytype(geom) || '/' || st_srid(geom), ',') AS shapes FROM (
         SELECT 'b' AS t, geom FROM b UNION ALL SELECT 'f', geom FROM f) x GROUP BY t ORDER BY t`,
    );
    expect(shapes).toEqual([
      { t: 'b', shapes: 'POLYGON/4326' },
      { t: 'f', shapes: 'MULTIPOLYGON/4326' },
    ]);
  });

  it("a point's st_x/st_y kept in a range its SRID's box lies in is met by construction (also through ::geometry); a narrower range still empties its table", async () => {
    // Before (session 26): 'CHECK ... (st_x(geom) BETWEEN -180 AND 180 AND ...) cannot be read by datagen ... no rows'.
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE c (id int PRIMARY KEY, geom geometry(Point, 4326), CHECK (st_x(geom) BETWEEN -180 AND 180 AND st_y(geom) BETWEEN -90 AND 90));
      CREATE TABLE c2 (id int PRIMARY KEY, loc geography(Point) NOT NULL, CHECK (st_x(loc::geometry) >= -180.0), CHECK (90 >= st_y(loc::geometry)));
      CREATE TABLE c4 (id int PRIMARY KEY, geom geometry(Point, 3857), CHECK (st_x(geom) BETWEEN -180 AND 180));`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, { rows: 50, seed: 1 });
    expect(counts.get('public.c')).toBe(50);
    expect(counts.get('public.c2')).toBe(50);
    // Web Mercator metres reach far past ±180: that CHECK stays, and no row is risked.
    expect(counts.get('public.c4')).toBe(0);
    expect(warnings.filter((w) => /\b(c|c2)_(geom|loc)_check/.test(w))).toEqual([]);
  });

  it("a CHECK that a column names a time zone (`now() AT TIME ZONE tz IS NOT NULL`) gets zone names, not NULL in every row (ListenBrainz's user_setting)", async () => {
    // Before: 'user_setting.timezone_name is written NULL in every one of the rows tried ... (function timezone())'.
    const ddl = `CREATE TABLE user_setting (id serial PRIMARY KEY, timezone_name text, zone text NOT NULL,
        CONSTRAINT user_setting_timezone_name_check CHECK (timezone_name IS NULL OR now() AT TIME ZONE timezone_name IS NOT NULL),
        CONSTRAINT zone_check CHECK ((now() AT TIME ZONE zone) IS NOT NULL));
      CREATE TABLE stamps (id int PRIMARY KEY, at timestamptz NOT NULL,
        CHECK ((at AT TIME ZONE 'UTC') >= '2000-01-01'::timestamp),
        CHECK (('2000-01-01 00:00'::timestamp AT TIME ZONE 'Europe/Berlin') < at));`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 40, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.user_setting': 40, 'public.stamps': 40 });
    expect(warnings.filter((w) => w.includes('NULL in every'))).toEqual([]);
    const named = await script.query(
      `SELECT count(timezone_name)::int AS n, count(*) FILTER (WHERE timezone_name IN (SELECT name FROM pg_timezone_names))::int AS known,
        count(DISTINCT zone)::int AS zones FROM user_setting`,
    );
    expect(named[0]?.n).toBeGreaterThan(10);
    expect(named[0]?.known).toBe(named[0]?.n);
    expect(named[0]?.zones).toBeGreaterThan(5);
  });

  it("CHECKs pinning one column of a composite foreign key to different values in several children each pick parent rows holding theirs (lil-erp's default_accounts, inventory_items)", async () => {
    // Before: 'public.items gets 25 rows instead of 300: row 25 still fails CHECK items_sales_type_check' (random parent picks).
    const ddl = `CREATE TYPE account_type AS ENUM ('cash', 'accounts_payable', 'accounts_receivable', 'revenue', 'inventory_sales', 'cogs');
      CREATE TABLE accounts (code varchar PRIMARY KEY, type account_type, name varchar NOT NULL, UNIQUE (code, type));
      CREATE TABLE defaults (payable_code varchar NOT NULL, payable_type account_type NOT NULL DEFAULT 'accounts_payable',
        receivable_code varchar NOT NULL, receivable_type account_type NOT NULL DEFAULT 'accounts_receivable',
        FOREIGN KEY (payable_code, payable_type) REFERENCES accounts (code, type),
        FOREIGN KEY (receivable_code, receivable_type) REFERENCES accounts (code, type),
        CHECK (payable_type = 'accounts_payable'), CHECK (receivable_type = 'accounts_receivable'));
      CREATE TABLE items (sku varchar PRIMARY KEY, sales_code varchar NOT NULL, sales_type account_type NOT NULL,
        cost_code varchar NOT NULL, cost_type account_type NOT NULL,
        FOREIGN KEY (sales_code, sales_type) REFERENCES accounts (code, type),
        FOREIGN KEY (cost_code, cost_type) REFERENCES accounts (code, type),
        CHECK (sales_type = 'inventory_sales'), CHECK ('cogs' = cost_type));
      CREATE TABLE payments (id int PRIMARY KEY, trade_code varchar NOT NULL, trade_type account_type NOT NULL,
        FOREIGN KEY (trade_code, trade_type) REFERENCES accounts (code, type),
        CHECK (trade_type IN ('accounts_payable', 'accounts_receivable')));`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 300, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({
      'public.accounts': 300,
      'public.defaults': 300,
      'public.items': 300,
      'public.payments': 300,
    });
    expect(warnings.filter((w) => w.includes('still fails'))).toEqual([]);
    const spread = await script.query(
      'SELECT count(DISTINCT payable_code)::int AS payable, count(DISTINCT sales_code)::int AS sales FROM defaults, items',
    );
    expect(spread[0]?.payable).toBeGreaterThan(10);
    expect(spread[0]?.sales).toBeGreaterThan(10);
  });
});
