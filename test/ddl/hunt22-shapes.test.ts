/**
 * Shapes found by hunt 22 (pg_dump structure.sql files of Rails, Phoenix and
 * Go applications: Bike Index, ...), each written from its minimal form and
 * loaded into the real server with every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt22shapes');

describe('shapes of hunt 22 (structure.sql files of applications)', () => {
  it("a partial unique index over an expression datagen cannot make unique keeps its rows outside the WHERE (Bike Index's registration_sequences)", async () => {
    // Before: 'UNIQUE INDEX one_active (organization_id IS NULL) allows only 1 distinct value', cut to 1 row.
    const ddl = `CREATE TABLE rs (id bigint PRIMARY KEY, organization_id bigint, start_at timestamp,
        end_at timestamp, deleted_at timestamp);
      CREATE UNIQUE INDEX one_active ON rs USING btree (((organization_id IS NULL)))
        WHERE ((organization_id IS NULL) AND (start_at IS NOT NULL) AND (end_at IS NULL) AND (deleted_at IS NULL));
      CREATE TABLE tagged (id int PRIMARY KEY, owner int NOT NULL, kind text, archived boolean NOT NULL);
      CREATE UNIQUE INDEX one_default ON tagged (owner, (kind IS NULL)) WHERE NOT archived;`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 40, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.rs': 40, 'public.tagged': 40 });
    expect(warnings.filter((w) => w.includes('allows only'))).toEqual([]);
    const inside = await script.query(
      `SELECT count(*)::int AS n FROM rs
        WHERE organization_id IS NULL AND start_at IS NOT NULL AND end_at IS NULL AND deleted_at IS NULL`,
    );
    expect(inside[0]?.n).toBeLessThanOrEqual(1);
    // A key with a plain column that makes its rows distinct needs no row outside.
    const owners = await script.query('SELECT count(DISTINCT owner)::int AS n FROM tagged');
    expect(owners[0]?.n).toBe(40);
  });
});
