/**
 * Shapes found by hunt 29 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F c into pg_restore, -F p
 * into psql ON_ERROR_STOP, -d direct load, 200 rows; -F c at 3000 too, two of
 * them restored with pg_restore -j 2):
 * - loaded all three ways, no table empty: Flipt's postgres migrations (v1),
 *   Ruby Toolbox, CodeFund, 3scale Zync and 18F e-Manifest (Rails
 *   structure.sql), Alfresco (the eleven PostgreSQL create scripts in its
 *   bootstrap order, `--(optional)` DROPs as IF EXISTS, `${TRUE}` as TRUE),
 *   Apache StreamPark, Apache Gravitino (schema 2.0.0 + Iceberg metrics),
 *   Apache Polaris (schema-v5), Permify's goose migrations, trigger.dev's 820
 *   Prisma migrations (two partitioned tables without partitions, warned),
 *   Linkwarden's Prisma migrations, BioSQL (core, views, phylodb, phylodata),
 *   ulogd2 (its SQL function adding FKs runs after the data), GMOD Chado 1.31
 *   (213 tables), Philomena and Santiment's sanbase (Phoenix structure.sql,
 *   pg_dump 17), Cloud Foundry UAA and CredHub (Flyway), Dinky (Flyway),
 *   ruoyi-vue-pro (sql/postgresql); Formbricks' Prisma migrations and sanbase
 *   with pgvector removed as the warning says (the test server lacks it);
 * - Apache Linkis' linkis_ddl_pg.sql: refused at its MySQL AUTO_INCREMENT, as
 *   psql fails on it (and on an index of a column it never makes);
 * - Kea's dhcpdb_create.pgsql and OHDSI WebAPI's 196 Flyway migrations: exit 0,
 *   loads failed: a kept call, left in place by the DROP FUNCTION after it,
 *   whose code makes a table with an FK to a model table (Kea's
 *   updateOptionDataDef) or EXECUTEs ALTER TABLE ... ADD CONSTRAINT UNIQUE
 *   (WebAPI's rename_duplicate_names): fix29's kept calls, left to it; Kea with
 *   the call written as plain DDL loads all three ways;
 * - MapRoulette's 120 Play evolutions (PostGIS): refused (26 problems) where
 *   PostgreSQL takes them: columns AddGeometryColumn adds (below: the top-level
 *   call; its DO-block form `PERFORM ...; IF NOT FOUND THEN PERFORM
 *   AddGeometryColumn(...)` is still opaque), and columns, indexes its own
 *   add_drop_column / create_index_if_not_exists functions make by EXECUTE
 *   (kept calls, left to fix29).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt29shapes');

describe('shapes of hunt 29 (real schemas)', () => {
  it('a column SELECT AddGeometryColumn(...) adds is a column: the index and CHECK on it are read, and it gets values', async () => {
    // MapRoulette, older PostGIS schemas: before, refused ('home_location is not a column of public.users') where
    // PostgreSQL takes the DDL. Version 21 reads the calls when the DDL is refused without them; 22 always.
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE SCHEMA gis;
      CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);
      SELECT AddGeometryColumn('users', 'home_location', 4326, 'POINT', 2);
      CREATE INDEX users_home ON users USING gist (home_location);
      CREATE TABLE gis.roads (id int PRIMARY KEY);
      SELECT public.AddGeometryColumn('gis', 'roads', 'the_geom', -1, 'MULTILINESTRING', 3);
      ALTER TABLE gis.roads ADD CONSTRAINT roads_srid CHECK (st_srid(the_geom) = 0);
      SELECT AddGeometryColumn('gis', 'roads', 'area', 3857, 'POLYGON', 2, false);`;
    for (const generatorVersion of [21, 22]) {
      const { counts, target, restored } = await loadScriptAndArchive(db, ddl, {
        defaultRows: 30,
        seed: 1,
        generatorVersion,
      });
      expect(counts.get('public.users')).toBe(30);
      expect(counts.get('gis.roads')).toBe(30);
      for (const t of [target, restored]) {
        const [row] = await t.query<{ users: number; roads: number; types: string }>(
          `SELECT (SELECT count(*) FROM users WHERE st_srid(home_location) = 4326)::int AS users,
             (SELECT count(*) FROM gis.roads WHERE st_ndims(the_geom) = 3)::int AS roads,
             (SELECT string_agg(format_type(atttypid, atttypmod), ', ' ORDER BY attname) FROM pg_attribute
              WHERE attrelid IN ('users'::regclass, 'gis.roads'::regclass) AND attname IN ('home_location', 'the_geom', 'area'))
             AS types`,
        );
        // Most rows hold a value (a nullable column is NULL in some), each of the call's type.
        expect(row?.users).toBeGreaterThan(15);
        expect(row?.roads).toBeGreaterThan(15);
        // use_typmod => false is still the call as written (a bare geometry column the load adds).
        expect(row?.types).toBe('geometry, geometry(Point,4326), geometry(MultiLineStringZ)');
      }
    }
  });

  it("a DO block adding the column when a PERFORM of information_schema.columns finds none (MapRoulette's evolutions) adds it once", async () => {
    // Before: refused ('home_location is not a column of public.users'); the block was opaque (PERFORM, FOUND).
    const guarded = (table: string, column: string) => `DO $$
      BEGIN
        PERFORM column_name FROM information_schema.columns WHERE table_name = '${table}' AND column_name = '${column}';
        IF NOT FOUND THEN
          PERFORM AddGeometryColumn('${table}', '${column}', 4326, 'POINT', 2);
        END IF;
      END $$;`;
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);
      ${guarded('users', 'home_location')}
      CREATE INDEX idx_users_home ON users USING gist (home_location);
      CREATE TABLE tasks (id int PRIMARY KEY, location geometry(Point,4326) NOT NULL);
      ${guarded('tasks', 'location')}`;
    const { counts, target, restored, result } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 25,
      seed: 2,
    });
    expect(result.warnings.filter((w) => /DO block/.test(w.message))).toEqual([]);
    expect(counts.get('public.users')).toBe(25);
    expect(counts.get('public.tasks')).toBe(25);
    for (const t of [target, restored]) {
      const [row] = await t.query<{ users: number; tasks: number }>(
        `SELECT (SELECT count(*) FROM users WHERE st_srid(home_location) = 4326)::int AS users,
           (SELECT count(*) FROM tasks WHERE st_srid(location) = 4326)::int AS tasks`,
      );
      expect(row?.users).toBeGreaterThan(12);
      expect(row?.tasks).toBe(25);
    }
  });

  it('version 21 keeps the call as written where the DDL loads without reading it; 22 reads it', async () => {
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE spots (id int PRIMARY KEY);
      SELECT AddGeometryColumn('spots', 'geom', 4326, 'POINT', 2);`;
    const nulls = async (generatorVersion: number) => {
      const { target, restored } = await loadScriptAndArchive(db, ddl, {
        defaultRows: 20,
        seed: 1,
        generatorVersion,
      });
      const counts = [];
      for (const t of [target, restored]) {
        const [row] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM spots WHERE geom IS NULL');
        counts.push(row?.n);
      }
      return counts;
    };
    expect(await nulls(21)).toEqual([20, 20]);
    const v22 = await nulls(22);
    expect(v22[0]).toBeLessThan(20);
    expect(v22[1]).toBe(v22[0]);
  });
});
