/**
 * Shapes found by hunt 32 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F c into pg_restore, -F p
 * into psql ON_ERROR_STOP, -d direct load, 200 rows; -F c at 3000 too):
 * - loaded all three ways, no table empty (and at 3000 rows where tried):
 *   listmonk (schema.sql; also -F d restored with -j 2, and read back from the
 *   live catalog, -c --if-exists run twice), Ory Kratos (its postgres and
 *   dialect-free pop migrations, the postgres one where both exist; -j 2),
 *   OpenReplay (init_schema.sql: its \gset / \if / \gexec lines dropped as
 *   warned, so the openreplay_version() function the \gexec makes is not in the
 *   output), Papermark's, Openpanel's (-j 2) Prisma migrations, Dittofeed's
 *   drizzle migrations (live catalog, -c twice), Supabase's stripe-sync-engine
 *   migrations (its `stripe` schema made first, as its runner does; live
 *   catalog), Shiori's postgres migrations;
 * - OpenRemote's flyway migrations (`${schemaName}` as openremote): need
 *   TimescaleDB and Keycloak's realm/user_entity tables, both warned (5 tables
 *   empty for want of the latter), the load stops at create_hypertable as psql's;
 * - pgAdmin 4's schema-diff fixtures (web/pgadmin/tools/schema_diff/tests/pg/
 *   17_plus source.sql and target.sql): exit 0, and the load stopped at
 *   `ALTER PUBLICATION with_one_table_in_target RENAME TO ...` (publication
 *   does not exist: the rename stood in pre-data, the publication post-data),
 *   -d refused there; the same for a renamed STATISTICS object or EVENT
 *   TRIGGER, a dropped publication or event trigger and a statistics object
 *   moved by SET SCHEMA: fixed below (now all three ways, pg_restore -j 2, and
 *   at 3000 rows; their CREATE FOREIGN TABLE and subscription rename kept as
 *   written, as warned);
 * - Artifact Hub (database/migrations/schema, tern's drop sections and the
 *   sample-data template left out, then its functions): needs pg_partman (warned,
 *   the load stops there as psql's does); `repository` got 1 row of 200 under
 *   its unique index on TRIM(TRAILING '/' FROM url), as would any key on
 *   lower(trim(email)): from generator version 25, fixed below;
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadGenerated, loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt32shapes');

describe('shapes of hunt 32 (real schemas)', () => {
  it('a publication, statistics object or event trigger renamed after its CREATE is made under its final name', async () => {
    // pgAdmin's fixtures: the RENAME was written where it stands, before the post-data (or last) CREATE it follows.
    const ddl = `CREATE SCHEMA s;
      CREATE TABLE s.t (a int PRIMARY KEY, b int NOT NULL);
      CREATE PUBLICATION p1 FOR TABLE s.t WITH (publish = 'insert');
      ALTER PUBLICATION p1 SET (publish = 'insert, update');
      ALTER PUBLICATION p1 RENAME TO p2;
      ALTER PUBLICATION p2 SET (publish = 'insert, delete');
      COMMENT ON PUBLICATION p2 IS 'renamed';
      CREATE STATISTICS s.st1 (dependencies) ON a, b FROM s.t;
      ALTER STATISTICS s.st1 RENAME TO st2;
      ALTER STATISTICS s.st2 SET STATISTICS 50;
      CREATE FUNCTION s.evt() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
      CREATE EVENT TRIGGER et1 ON ddl_command_start EXECUTE FUNCTION s.evt();
      ALTER EVENT TRIGGER et1 RENAME TO et2;
      ALTER EVENT TRIGGER et2 DISABLE;`;
    const { counts, target, restored, result } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 20,
      seed: 3,
    });
    expect(counts.get('s.t')).toBe(20);
    expect(result.warnings.map((w) => w.message).join('\n')).not.toMatch(/Rename statement/);
    for (const t of [target, restored]) {
      const pubs = await t.query<{ pubname: string; ins: boolean; upd: boolean; del: boolean; c: string }>(
        `SELECT pubname, pubinsert AS ins, pubupdate AS upd, pubdelete AS del,
           obj_description(oid, 'pg_publication') AS c FROM pg_publication`,
      );
      expect(pubs).toEqual([{ pubname: 'p2', ins: true, upd: false, del: true, c: 'renamed' }]);
      const published = await t.query<{ t: string }>('SELECT tablename AS t FROM pg_publication_tables');
      expect(published).toEqual([{ t: 't' }]);
      const stats = await t.query<{ n: string; target: number }>(
        "SELECT stxname AS n, stxstattarget::int AS target FROM pg_statistic_ext WHERE stxnamespace = 's'::regnamespace",
      );
      expect(stats).toEqual([{ n: 'st2', target: 50 }]);
      const triggers = await t.query<{ n: string; e: string }>(
        'SELECT evtname AS n, evtenabled AS e FROM pg_event_trigger',
      );
      expect(triggers).toEqual([{ n: 'et2', e: 'D' }]);
    }
  });

  it('a publication or event trigger dropped, a statistics object moved to another schema: as the DDL leaves them', async () => {
    // Before, DROP PUBLICATION / EVENT TRIGGER and ALTER STATISTICS ... SET SCHEMA stood before the later CREATE.
    const ddl = `CREATE SCHEMA s2;
      CREATE TABLE t (a int PRIMARY KEY, b int);
      CREATE PUBLICATION p1 FOR TABLE t;
      COMMENT ON PUBLICATION p1 IS 'gone';
      DROP PUBLICATION p1;
      CREATE PUBLICATION p3 FOR TABLE t;
      ALTER PUBLICATION p3 RENAME TO p4;
      DROP PUBLICATION p4;
      CREATE FUNCTION evt() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
      CREATE EVENT TRIGGER et1 ON ddl_command_start EXECUTE FUNCTION evt();
      ALTER EVENT TRIGGER et1 DISABLE;
      DROP EVENT TRIGGER et1;
      CREATE STATISTICS st3 ON a, b FROM t;
      ALTER STATISTICS st3 SET SCHEMA s2;
      ALTER STATISTICS s2.st3 SET STATISTICS 20;`;
    const { target, restored, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 3 });
    expect(result.warnings.map((w) => w.message).join('\n')).not.toMatch(/AlterObjectSchema/);
    for (const t of [target, restored]) {
      expect(await t.query('SELECT pubname FROM pg_publication')).toEqual([]);
      expect(await t.query('SELECT evtname FROM pg_event_trigger')).toEqual([]);
      const stats = await t.query<{ s: string; n: string; target: number }>(
        'SELECT stxnamespace::regnamespace::text AS s, stxname AS n, stxstattarget::int AS target FROM pg_statistic_ext',
      );
      expect(stats).toEqual([{ s: 's2', n: 'st3', target: 20 }]);
    }
  });

  it('a unique key on a trim of a column (lower(trim(email)), TRIM(TRAILING ... FROM url)) gets every row from version 25', async () => {
    // Artifact Hub's repository_url_idx: before (and in version 24), 'allows only 1 distinct value', 1 row of 40.
    const ddl = `CREATE TABLE repository (id serial PRIMARY KEY, url text NOT NULL, email text NOT NULL, code text NOT NULL);
      CREATE UNIQUE INDEX repository_url_idx ON repository (TRIM(TRAILING '/' FROM url));
      CREATE UNIQUE INDEX repository_email_idx ON repository (lower(trim(email)));
      CREATE UNIQUE INDEX repository_code_idx ON repository (upper(btrim(code, ' .')));`;
    const loaded = await loadGenerated(db, ddl, { defaultRows: 40, seed: 5, generatorVersion: 25 });
    expect(loaded.counts.get('public.repository')).toBe(40);
    const [row] = await loaded.target.query<{ n: number; same: number }>(
      `SELECT count(DISTINCT rtrim(url, '/'))::int AS n,
         count(*) FILTER (WHERE url = rtrim(url, '/') AND email = btrim(email) AND code = btrim(code, ' .'))::int AS same
       FROM repository`,
    );
    expect(row).toEqual({ n: 40, same: 40 });
    const v24 = await loadGenerated(db, ddl, { defaultRows: 40, seed: 5, generatorVersion: 24 });
    expect(v24.counts.get('public.repository')).toBe(1);
  });
});
