/**
 * Issue 8 (keys27): tables cut or left empty when they need not be. Each shape generated at version 19 (as
 * before) and 20 (the fix), loaded as a plain script (psql ON_ERROR_STOP) and a custom archive (pg_restore)
 * with every constraint in place, rows counted.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('keys27shapes');

describe('keys27: rows kept where the constraints allow them', () => {
  it('a point under strict st_x/st_y bounds at its SRID box (st_x(g) > -180 AND st_x(g) < 180): filled, no point on the edge', async () => {
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE places (id serial PRIMARY KEY,
        g geometry(Point, 4326) NOT NULL CHECK (st_x(g) > -180 AND st_x(g) < 180 AND st_y(g) > -90 AND st_y(g) < 90));
      CREATE TABLE spots (id serial PRIMARY KEY, g geography(Point) UNIQUE,
        CONSTRAINT inside CHECK (st_x(g::geometry) > -180 AND st_x(g::geometry) < 180 AND st_y(g::geometry) > -90 AND st_y(g::geometry) < 90));
      CREATE TABLE tiles (id serial PRIMARY KEY, g geometry(Point, 3857) NOT NULL
        CHECK (st_x(g) > -20037508.34 AND st_x(g) < 20037508.34 AND st_y(g) > -20037508.34 AND st_y(g) < 20037508.34));`;
    const options = { defaultRows: 300, seed: 27 };
    // Version 19 (as before): the CHECKs are not read, the tables get no rows.
    const before = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 19 });
    expect(['places', 'spots', 'tiles'].map((t) => before.counts.get(`public.${t}`))).toEqual([0, 0, 0]);
    const after = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 20 });
    expect(['places', 'spots', 'tiles'].map((t) => after.counts.get(`public.${t}`))).toEqual([300, 300, 300]);
    const [row] = await after.target.query<{ spots: number; edge: number }>(
      `SELECT count(DISTINCT g::text)::int AS spots, (SELECT count(*) FROM places
         WHERE abs(st_x(g)) >= 179.9 OR abs(st_y(g)) >= 89.9)::int AS edge FROM spots`,
    );
    expect(row).toEqual({ spots: 300, edge: 0 });
    expect(after.result.warnings.filter((w) => w.code !== 'ADD_ON_EXTENSIONS')).toEqual([]);
  });

  it('UNIQUE (code, on_off) over a nullable boolean, UNIQUE (code, variant) over a bounded nullable smallint: NULL past the room, every row kept', async () => {
    const ddl = `CREATE TABLE flags (id serial PRIMARY KEY, code text NOT NULL CHECK (code IN ('a', 'b', 'c')),
        on_off boolean, UNIQUE (code, on_off));
      CREATE TABLE items (id serial PRIMARY KEY, code text NOT NULL CHECK (code IN ('a', 'b', 'c')),
        variant smallint CHECK (variant BETWEEN 1 AND 4), note text, UNIQUE (code, variant),
        CHECK (num_nonnulls(variant, note) >= 1));
      CREATE TABLE kept (id serial PRIMARY KEY, code text NOT NULL CHECK (code IN ('a', 'b', 'c')),
        on_off boolean CHECK (on_off IS NOT NULL), UNIQUE (code, on_off));`;
    const options = { defaultRows: 40, seed: 27 };
    const tables = ['flags', 'items', 'kept'];
    // Version 19 (as before): each table cut to its key's room (3 x 2, 3 x 4).
    const before = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 19 });
    expect(tables.map((t) => before.counts.get(`public.${t}`))).toEqual([6, 12, 6]);
    // Version 20: past the room the nullable column is NULL; a column a CHECK keeps NOT NULL still cuts.
    const after = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 20 });
    expect(tables.map((t) => after.counts.get(`public.${t}`))).toEqual([40, 40, 6]);
    const [row] = await after.target.query<{ flags: number; items: number; notes: number }>(
      `SELECT (SELECT count(on_off) FROM flags)::int AS flags, (SELECT count(variant) FROM items)::int AS items,
         (SELECT count(*) FROM items WHERE variant IS NULL AND note IS NOT NULL)::int AS notes`,
    );
    expect(row).toEqual({ flags: 6, items: 12, notes: 28 });
    expect(after.result.warnings.map((w) => [w.code, w.where])).toEqual([
      ['COLUMN_LEFT_NULL', 'public.flags.on_off'],
      ['COLUMN_LEFT_NULL', 'public.items.variant'],
      ['ROWS_REDUCED', 'public.kept'],
    ]);
  });

  it("UNIQUE (user_id, tag) and UNIQUE (group_id, tag) under an exactly-one CHECK: the two arms' rooms add up", async () => {
    const tables = (check: string) => `CREATE TABLE users (id int PRIMARY KEY);
      CREATE TABLE groups (id int PRIMARY KEY);
      CREATE TABLE tags (id serial PRIMARY KEY, user_id int REFERENCES users, group_id int REFERENCES groups,
        tag text NOT NULL CHECK (tag IN ('red', 'green', 'blue')), UNIQUE (user_id, tag), UNIQUE (group_id, tag),
        CHECK (${check}));`;
    for (const check of ['num_nonnulls(user_id, group_id) = 1', '(user_id IS NULL) <> (group_id IS NULL)']) {
      const ddl = tables(check);
      const options = { defaultRows: 30, tables: { users: 5, groups: 5 }, seed: 27 };
      // Version 19 (as before): 15 rows of the 5 x 3 + 5 x 3 possible.
      const before = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 19 });
      expect(before.counts.get('public.tags')).toBe(15);
      const after = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 20 });
      expect(after.counts.get('public.tags')).toBe(30);
      expect(after.result.warnings).toEqual([]);
      const [row] = await after.target.query<Record<string, number>>(
        `SELECT count(user_id)::int AS users, count(group_id)::int AS groups,
           count(*) FILTER (WHERE (user_id IS NULL) = (group_id IS NULL))::int AS neither_or_both,
           count(DISTINCT (user_id, tag)) FILTER (WHERE user_id IS NOT NULL)::int AS user_pairs,
           count(DISTINCT (group_id, tag)) FILTER (WHERE group_id IS NOT NULL)::int AS group_pairs FROM tags`,
      );
      expect(row).toEqual({ users: 15, groups: 15, neither_or_both: 0, user_pairs: 15, group_pairs: 15 });
    }
    // Uneven arms, more rows asked than both hold: 2 x 3 + 7 x 3 = 27 rows, the cut warned.
    const uneven = await loadScriptAndArchive(db, tables('num_nonnulls(user_id, group_id) = 1'), {
      defaultRows: 40,
      tables: { users: 2, groups: 7 },
      seed: 5,
      generatorVersion: 20,
    });
    expect(uneven.counts.get('public.tags')).toBe(27);
    expect(uneven.result.warnings.map((w) => [w.code, w.where])).toEqual([['ROWS_REDUCED', 'public.tags']]);
  });

  it("daterange(a, b, '[]') with CHECK (a < b), 1,500 stays a room: periods two days or more however many the rows", async () => {
    // A key's slots one day long past 547 rows a room made the inclusive end the start: row 0 failed, no rows.
    const ddl = `CREATE EXTENSION IF NOT EXISTS btree_gist;
      CREATE TABLE rooms (id int PRIMARY KEY);
      CREATE TABLE stay (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms,
        a date NOT NULL, b date NOT NULL, CHECK (a < b),
        EXCLUDE USING gist (room_id WITH =, daterange(a, b, '[]') WITH &&));
      CREATE TABLE visit (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms,
        a timestamp NOT NULL, b timestamp NOT NULL, CHECK (a < b) ,
        EXCLUDE USING gist (room_id WITH =, tsrange(a, b, '[]') WITH &&));`;
    const options = { defaultRows: 3000, tables: { rooms: 2 }, seed: 27 };
    const before = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 19 });
    expect([before.counts.get('public.stay'), before.counts.get('public.visit')]).toEqual([0, 3000]);
    const after = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 20 });
    expect([after.counts.get('public.stay'), after.counts.get('public.visit')]).toEqual([3000, 3000]);
    expect(after.result.warnings).toEqual([]);
    const [row] = await after.target.query<{ rooms: number; short: number; oldest: string }>(
      `SELECT count(DISTINCT room_id)::int AS rooms, count(*) FILTER (WHERE b - a < 1)::int AS short,
         (min(a) > current_date - 40 * 365)::text AS oldest FROM stay`,
    );
    expect(row).toEqual({ rooms: 2, short: 0, oldest: 'true' });
  });

  it('curved PostGIS subtypes (CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON, MULTICURVE, MULTISURFACE): valid values in the typmod SRID', async () => {
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE curves (id serial PRIMARY KEY, a geometry(CircularString, 4326) NOT NULL,
        b geometry(CompoundCurveZ, 4326), c geometry(CurvePolygon, 3857), d geometry(MultiCurveM, 4326),
        e geometry(MultiSurface, 32633), f geometry(CircularStringZM), h geography(CompoundCurve, 4326),
        u geometry(CurvePolygon, 4326) UNIQUE, v geometry(CompoundCurve) UNIQUE, w geometry(MultiSurfaceZ, 4326) UNIQUE);`;
    const options = { defaultRows: 200, seed: 27 };
    // Version 19 (as before): every curved column NULL, warned; a NOT NULL one leaves the table empty.
    const before = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 19 });
    expect(before.counts.get('public.curves')).toBe(0);
    const after = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 20 });
    expect(after.counts.get('public.curves')).toBe(200);
    const [row] = await after.target.query<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE geometrytype(a) = 'CIRCULARSTRING' AND st_srid(a) = 4326)::int AS a,
         count(*) FILTER (WHERE geometrytype(b) = 'COMPOUNDCURVE' AND st_zmflag(b) = 2)::int AS b,
         count(*) FILTER (WHERE st_isvalid(c) AND st_area(c) > 0 AND st_srid(c) = 3857)::int AS c,
         count(*) FILTER (WHERE geometrytype(d) = 'MULTICURVEM')::int AS d,
         count(*) FILTER (WHERE st_isvalid(e) AND st_srid(e) = 32633)::int AS e,
         count(*) FILTER (WHERE st_zmflag(f) = 3)::int AS f, count(h)::int AS h,
         count(DISTINCT u)::int AS u, count(DISTINCT v)::int AS v,
         count(*) FILTER (WHERE st_isvalid(w))::int AS w,
         count(*) FILTER (WHERE b IS NOT NULL)::int AS b_set, count(*) FILTER (WHERE c IS NOT NULL)::int AS c_set,
         count(*) FILTER (WHERE d IS NOT NULL)::int AS d_set, count(*) FILTER (WHERE e IS NOT NULL)::int AS e_set,
         count(*) FILTER (WHERE f IS NOT NULL)::int AS f_set FROM curves`,
    );
    expect(row?.a).toBe(200);
    for (const c of ['b', 'c', 'd', 'e', 'f']) {
      expect(row?.[c]).toBe(row?.[`${c}_set`]);
      expect(row?.[c]).toBeGreaterThan(100);
    }
    expect([row?.h, row?.u, row?.v, row?.w]).toEqual([0, 200, 200, 200]);
    // Geography takes no curve (PostGIS refuses one): still NULL, warned.
    const unsupported = after.result.warnings
      .filter((w) => w.code === 'COLUMN_LEFT_NULL')
      .map((w) => w.where);
    expect(unsupported).toEqual(['public.curves.h']);
  });
});
