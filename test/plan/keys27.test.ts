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
});
