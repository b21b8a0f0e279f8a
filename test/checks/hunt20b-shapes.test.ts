/**
 * Session 20's hunt over live databases and contrib extensions (issue 8):
 * minimal shapes of what failed when a real schema was read from a live
 * database (or its pg_dump -s file) rather than from hand-written DDL.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('hunt20b');

// earthdistance 1.1 (PostgreSQL 15's): ll_to_earth's SQL body names `earth` and `cube()` unqualified,
// so under pg_dump's empty search_path a generated column, CHECK or index calling it fails to plan.
const EARTH = `
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE TABLE places (
  id serial PRIMARY KEY,
  lat float8 NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng float8 NOT NULL CHECK (lng BETWEEN -180 AND 180),
  loc earth GENERATED ALWAYS AS (ll_to_earth(lat, lng)) STORED
);
CREATE INDEX places_loc ON places USING gist (ll_to_earth(lat, lng));`;

describe('hunt20b: live databases and contrib extensions', () => {
  it('a live schema calling earthdistance in a generated column and an index: script and -j archive load', async () => {
    const source = await db.createSibling();
    await source.query(EARTH);
    const connection = { dbname: source.connectionString };
    const dir = tempDir('hunt20b-earth-');
    const script = join(dir, 'script.sql');
    await generate({ connection, defaultRows: 30, seed: 3, output: script });
    const fromScript = await db.createSibling();
    await fromScript.psqlFileAsync(script);
    expect(Object.fromEntries(await userTableRowCounts(fromScript))).toEqual({ 'public.places': 30 });

    // pg_restore -j runs each entry in a worker under the archive's empty SEARCHPATH: the COPY sets its path.
    const archive = join(dir, 'archive.dir');
    await generate({ connection, defaultRows: 30, seed: 3, output: archive, format: 'directory' });
    const restored = await db.createSibling();
    await restored.runAsync('pg_restore', ['--exit-on-error', '-j', '2', '-d', restored.name, archive]);
    expect(Object.fromEntries(await userTableRowCounts(restored))).toEqual({ 'public.places': 30 });
    const [far] = await restored.query<{ n: string }>(
      'SELECT count(*) AS n FROM places WHERE loc <> ll_to_earth(lat, lng)',
    );
    expect(Number(far?.n)).toBe(0);
  });
});
