/**
 * hostile13's open shapes (hostile14), each reduced to its minimal shape,
 * generated and loaded into the real server with every constraint in place
 * (a plain script with psql ON_ERROR_STOP and a custom archive through
 * pg_restore --exit-on-error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('hostile14: hostile13 open shapes', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hostile14shapes');
  });
  afterAll(async () => db.close());

  it('EXCLUDE (c WITH &&) on a domain over circle is not planned as a key (the domain is looked through)', async () => {
    // Before: exit 0, and the load stopped at 'could not create exclusion constraint "circles_c_excl"'.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE EXTENSION IF NOT EXISTS btree_gist;
       CREATE DOMAIN dc AS circle;
       CREATE DOMAIN dr AS int4range;
       CREATE TABLE circles (c dc, EXCLUDE USING gist (c WITH &&));
       CREATE TABLE spans (r dr NOT NULL, EXCLUDE USING gist (r WITH &&));`,
      { defaultRows: 40, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.circles': 1, 'public.spans': 40 });
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual([
      'EXCLUSION_NOT_PLANNED public.circles',
    ]);
  });
});
