/**
 * Shapes found by hunt 35 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F p into psql ON_ERROR_STOP
 * and -F c into pg_restore -j 2 -e, 100 rows; some at 2000 too):
 * - loaded both ways, no table empty or cut: Hex.pm (priv/repo/structure.sql,
 *   36 tables), Ory Hydra (postgres_dump.sql), Plume (diesel postgres
 *   migrations in order), FreeRADIUS (main, cui, ippool, cisco schemas),
 *   memos (postgres LATEST.sql), Icinga 2 IDO (db_ido_pgsql, 61 tables),
 *   Flowable (postgres.all.create, 62), Apache ShenYu (pg create-table),
 *   Quickwit (metastore postgresql migrations), jBPM (postgresql schema and
 *   task assigning), Apache Ambari (Ambari-DDL-Postgres-CREATE, 113), Ente
 *   (server migrations up files, 67), PostgREST's spec fixtures (schema, jwt,
 *   privileges, its roles made first: 229 tables), PostGraphile's
 *   dataplan-pg schema, zync, Safecast API (PostGIS), FasT, facet-vm (Rails
 *   structure.sql), Kestra and Conductor (Flyway postgres migrations), AED
 *   Platform (Rails structure.sql, PostGIS, 481 tables; postgis_raster made
 *   first and two aggregates over PostGIS 1's st_combine_bbox removed, as
 *   the source itself fails on PostGIS 3 without both);
 * - PostGraphile's kitchen sink (with pg11-schema; citext made first): 136
 *   tables, three cut to 1 row, fixed below (c.compound_key and
 *   a.unique_foreign_key: a composite FK written twice; the employee's
 *   unique `first_name || ' ' || last_name`, version 28);
 * - refused with the line, as PostgreSQL refuses the source: Apache Linkis
 *   (linkis_ddl_pg.sql holds MySQL's AUTO_INCREMENT and `keywords(191)`),
 *   DSpace (Flyway SQL migrations concatenated: its Java migrations drop
 *   the primary keys the SQL ones add again).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt35shapes');

describe('shapes of hunt 35 (real schemas)', () => {
  it('PostGraphile kitchen sink: one composite FK written twice leaves its parent key its rows', async () => {
    const ddl = `CREATE TABLE person (id serial PRIMARY KEY, name text);
      CREATE TABLE compound_key (
        person_id_2 int REFERENCES person(id) ON DELETE CASCADE,
        person_id_1 int REFERENCES person(id) ON DELETE CASCADE,
        PRIMARY KEY (person_id_1, person_id_2));
      CREATE TABLE unique_foreign_key (k1 int, k2 int,
        FOREIGN KEY (k1, k2) REFERENCES compound_key(person_id_1, person_id_2), UNIQUE (k1, k2));
      ALTER TABLE unique_foreign_key ADD CONSTRAINT second_fkey
        FOREIGN KEY (k2, k1) REFERENCES compound_key(person_id_2, person_id_1);`;
    const { counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 30, seed: 3 });
    // Before: both FKs read as two sharing their columns (a tenant column), pinned to one value: 1 row each.
    expect(counts.get('public.compound_key')).toBe(30);
    expect(counts.get('public.unique_foreign_key')).toBe(30);
  });

  it("PostGraphile kitchen sink: a unique index on first_name || ' ' || last_name fills its table (version 28)", async () => {
    const ddl = `CREATE TABLE employee (id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL);
      CREATE UNIQUE INDEX employee_name ON employee ((first_name || ' ' || last_name));
      CREATE TABLE tag (a varchar(40) NOT NULL, b text NOT NULL, c text NOT NULL);
      CREATE UNIQUE INDEX ON tag ((a || '::' || b || '/' || c));`;
    const { counts, target } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 40,
      seed: 5,
      generatorVersion: 28,
    });
    // Before (and under version 27): 1 row each, the concatenation opaque.
    expect(counts.get('public.employee')).toBe(40);
    expect(counts.get('public.tag')).toBe(40);
    const spaced = await target.query("SELECT count(*)::int AS n FROM employee WHERE first_name LIKE '% %'");
    expect(spaced).toEqual([{ n: 0 }]);
  });
});
