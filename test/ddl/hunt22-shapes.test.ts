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

  it("a unique key over a column followed by a CASE with a constant branch steers its rows there (goatcounter's generated iso_3166_2)", async () => {
    // Before: 'UNIQUE INDEX locations#iso_3166_2 (iso_3166_2) allows only 1 distinct value', cut to 1 row.
    const ddl = `CREATE TABLE locations (location_id serial PRIMARY KEY,
        iso_3166_2 varchar GENERATED ALWAYS AS (country || (CASE region WHEN '' THEN '' ELSE ('-' || region) END)) STORED,
        country varchar NOT NULL, region varchar NOT NULL);
      CREATE UNIQUE INDEX "locations#iso_3166_2" ON locations (iso_3166_2);
      CREATE TABLE codes (id int PRIMARY KEY, kind text, code text NOT NULL);
      CREATE UNIQUE INDEX codes_key ON codes (((CASE kind WHEN 'a' THEN 'A-' ELSE kind || '-' END) || code));`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 40, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.locations': 40, 'public.codes': 40 });
    expect(warnings.filter((w) => w.includes('allows only'))).toEqual([]);
    const keys = await script.query('SELECT count(DISTINCT iso_3166_2)::int AS n FROM locations');
    expect(keys[0]?.n).toBe(40);
    const kinds = await script.query('SELECT DISTINCT kind FROM codes');
    expect(kinds).toEqual([{ kind: 'a' }]);
  });

  it("a partitioned table whose partitions the application makes at run time is empty, warned with the way to give it rows (Hatchet's v1_task)", async () => {
    const ddl = `CREATE TABLE tenant (id uuid PRIMARY KEY);
      CREATE TABLE v1_task (id bigint NOT NULL, inserted_at timestamptz NOT NULL, tenant_id uuid NOT NULL
          REFERENCES tenant (id), PRIMARY KEY (id, inserted_at)) PARTITION BY RANGE (inserted_at);
      CREATE FUNCTION create_v1_range_partition(t text, d date) RETURNS integer LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %s_%s (LIKE %s INCLUDING INDEXES)', t, to_char(d, 'YYYYMMDD'), t);
        RETURN 1;
      END; $$;`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, { rows: 20, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.tenant': 20, 'public.v1_task': 0 });
    expect(warnings).toContain(
      'public.v1_task is partitioned but has no partitions; it gets no rows. To give it rows, add its partitions to the DDL (CREATE TABLE ... PARTITION OF public.v1_task DEFAULT, or FOR VALUES ...), as the code that makes them when the application runs would.',
    );
  });
});
