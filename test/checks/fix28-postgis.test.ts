/**
 * Issue 8 (fix 28), PostGIS' curved shapes: closed rings with Z and M, a curved polygon's `st_area(g) > 0`
 * (version 21), and geography, which takes no curve. Loaded as a plain script (psql ON_ERROR_STOP) and a
 * custom archive (pg_restore) with every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('fix28gis');

describe('fix 28: PostGIS curved polygons', () => {
  it('CURVEPOLYGON and MULTISURFACE with Z or M close their circles: the last position repeats the first, Z and M too', async () => {
    // Before: exit 0, and COPY failed: "geometry contains non-closed rings" (each position drew its own Z).
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE shapes (id serial PRIMARY KEY, a geometry(CurvePolygonZ, 3857) NOT NULL,
        b geometry(MultiSurfaceM) NOT NULL, c geometry(CurvePolygonZM, 4326), d geometry(MultiSurfaceZM, 2154));`;
    const { counts, target } = await loadScriptAndArchive(db, ddl, { defaultRows: 300, seed: 28 });
    expect(counts.get('public.shapes')).toBe(300);
    const [row] = await target.query<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE st_isvalid(a) AND st_area(a) > 0 AND st_zmflag(a) = 2)::int AS a,
         count(*) FILTER (WHERE st_isvalid(b) AND st_area(b) > 0 AND st_zmflag(b) = 1)::int AS b,
         count(*) FILTER (WHERE st_isvalid(c) AND st_zmflag(c) = 3)::int AS c, count(c)::int AS c_set,
         count(*) FILTER (WHERE st_isvalid(d) AND st_zmflag(d) = 3)::int AS d, count(d)::int AS d_set FROM shapes`,
    );
    expect([row?.a, row?.b, row?.c, row?.d]).toEqual([300, 300, row?.c_set, row?.d_set]);
    expect(row?.c_set).toBeGreaterThan(100);
  });

  it('st_area(g) > 0 on a CURVEPOLYGON or MULTISURFACE column: met by construction from version 21 (version 20: the table empty, as before)', async () => {
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE zones (id serial PRIMARY KEY, g geometry(CurvePolygon, 4326) NOT NULL CHECK (st_area(g) > 0),
        h geometry(MultiSurfaceZ, 32633) CHECK (st_area(h) > 0 AND st_isvalid(h)));`;
    const options = { defaultRows: 250, seed: 28 };
    const before = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 20 });
    expect(before.counts.get('public.zones')).toBe(0);
    expect(before.result.warnings.find((w) => w.message.includes('zones_g_check'))?.message).toContain(
      'cannot be read by datagen (function st_area())',
    );
    const after = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 21 });
    expect(after.counts.get('public.zones')).toBe(250);
    expect(after.result.warnings.filter((w) => w.code !== 'ADD_ON_EXTENSIONS')).toEqual([]);
    const [row] = await after.target.query<Record<string, number>>(
      `SELECT min(st_area(g)) > 0 AS g, min(st_area(h)) > 0 AS h, count(h)::int AS h_set FROM zones`,
    );
    expect(row).toEqual({ g: true, h: true, h_set: expect.any(Number) });
    expect(row?.h_set).toBeGreaterThan(100);
  });
});

describe('fix 28: geography takes no curved shape', () => {
  it('a curved geography column is NULL (NOT NULL: its table empty), warned that the server refuses every such value', async () => {
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE routes (id serial PRIMARY KEY, g geography(CircularString, 4326), p geography(CurvePolygon));
      CREATE TABLE arcs (id serial PRIMARY KEY, g geography(CompoundCurve, 4326) NOT NULL);`;
    const { counts, result, target } = await loadScriptAndArchive(db, ddl, { defaultRows: 20, seed: 28 });
    expect(counts.get('public.routes')).toBe(20);
    expect(counts.get('public.arcs')).toBe(0);
    const [row] = await target.query<{ n: number }>('SELECT count(g)::int + count(p)::int AS n FROM routes');
    expect(row?.n).toBe(0);
    const arcs = result.warnings.find((w) => w.message.startsWith('public.arcs.g is NOT NULL'))?.message;
    expect(arcs).toContain(
      "PostGIS' geography holds no curved geometry: the server refuses every COMPOUNDCURVE value (lwgeom_set_geodetic: unsupported geom type), so only NULL loads",
    );
    // The server agrees: no curved value goes into a geography.
    await expect(target.query("SELECT 'CIRCULARSTRING(0 0,1 1,2 0)'::geography")).rejects.toThrow(
      'unsupported geom type: CircularString',
    );
  });
});
