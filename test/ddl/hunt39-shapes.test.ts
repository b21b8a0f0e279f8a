/**
 * Shapes found by hunt 39 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F p into psql ON_ERROR_STOP
 * and -F c into pg_restore -j 2 -e, 100 rows; also at --generator-version 31):
 * - loaded both ways, no table empty or cut: Spring Batch (schema-postgresql.sql,
 *   6 tables, and the samples' business schema), db-scheduler
 *   (postgresql_tables.sql), Hangfire.PostgreSql (Install.v3..v23.sql in
 *   order, the files' byte-order marks taken out, 12), Kill Bill (util's
 *   ddl-postgresql.sql then every module's ddl.sql, 63), procrastinate
 *   (sql/schema.sql), parking-back and huts (Flyway/yoyo migrations with
 *   EXCLUDE USING gist), yb-voyager's migtests: MGI (the Mouse Genome
 *   Informatics pg_dump with its COPY data, 175), osm, partitions, sample-is,
 *   misc-objects-1; Quartz (in the corpus) too;
 * - refused, rightly: chus/sportsdb (its drizzle migration 0005, which makes
 *   social_posts, is missing), yb-voyager's pgtbrus and datatypes (types and
 *   tables defined twice, as PostgreSQL refuses);
 * - failed to load for the schema's own reasons: RNAcentral (yb-voyager's
 *   rna.sql, a PostgreSQL 13 dump: its aggregate over array_cat(anyarray,
 *   anyarray) does not exist from PostgreSQL 14);
 * - exit 0 but failed to load, fixed below: maplibre/martin's test fixtures
 *   (tests/fixtures/tables/*.sql, PostGIS, 23 tables): a materialized view of
 *   ST_GeomFromText(txt, 4326) over a text column; OpenAQ (openaq-db
 *   openaqdb/init.sql with its \i files, --set for its psql variables): a
 *   materialized view read st_y(l.geom) of an unconstrained geometry through a
 *   plain view, then (version 32) passed timezones.tzid to timezone(); now 89 of
 *   98 relations hold rows, the rest said why (partitions a function makes,
 *   a domain CHECK calling a PL/pgSQL function, CREATE TABLE AS, matviews);
 * - refused for want of pgvector on this machine: AppFlowy-Cloud (migrations).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt39shapes');

describe('shapes of hunt 39 (real schemas)', () => {
  it("martin, OpenAQ: a materialized view's refresh parses text as WKT and takes st_y of geometry through a view", async () => {
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE TABLE mat_view_src (id serial PRIMARY KEY, txt text);
      CREATE MATERIALIZED VIEW mat_view AS SELECT id, ST_GeomFromText(txt, 4326) AS geom FROM mat_view_src;
      CREATE TABLE sensor_nodes (sensor_nodes_id int PRIMARY KEY, geom geometry);
      CREATE VIEW locations_view AS SELECT l.sensor_nodes_id, st_y(l.geom) AS latitude FROM sensor_nodes l;
      CREATE MATERIALIZED VIEW locations_view_cached AS SELECT * FROM locations_view;`;
    const { counts, restored } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 10,
      seed: 1,
      generatorVersion: 31,
    });
    // Before: exit 0, and each refresh failed (parse error - invalid geometry; ST_Y() of a polygon).
    expect(counts.get('public.mat_view_src')).toBe(10);
    expect(counts.get('public.sensor_nodes')).toBe(10);
    const refreshed = await restored.query(
      'SELECT (SELECT count(*) FROM mat_view)::int AS wkt, (SELECT count(*) FROM locations_view_cached)::int AS points',
    );
    expect(refreshed).toEqual([{ wkt: 10, points: 10 }]);
  });

  it('OpenAQ (version 32): a tzid column holds time zone names a materialized view passes to timezone()', async () => {
    const ddl = `CREATE TABLE timezones (timezones_id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tzid text);
      CREATE MATERIALIZED VIEW local_now AS SELECT timezones_id, timezone(tzid, now()) AS here FROM timezones;`;
    const { counts, restored } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 10,
      seed: 1,
      generatorVersion: 32,
    });
    // Before: tzid held words, and the refresh failed (time zone "..." not recognized).
    expect(counts.get('public.timezones')).toBe(10);
    expect(await restored.query('SELECT count(*)::int AS n FROM local_now')).toEqual([{ n: 10 }]);
  });
});
