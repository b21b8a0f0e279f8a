/**
 * Shapes found by hunt 34 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F p into psql ON_ERROR_STOP
 * and -F c into pg_restore -j 2 -e, 100 rows; some at 2000 too):
 * - loaded both ways, no table empty: OpenStreetMap website (Rails
 *   structure.sql, PostGIS), Authelia (26 postgres migrations), Ory Kratos
 *   (348 pop migrations, the postgres ones over the generic ones), Documenso,
 *   Umami, Ghostfolio, Langfuse, Rallly, Hoppscotch and Typebot (Prisma
 *   migration.sql trees in order), Svix, Atuin (sqlx), crates.io (183 diesel
 *   migrations), Vaultwarden (diesel, postgresql), Synapse (full_schemas 72:
 *   common, main, state; also at 2000), Kanboard (postgres.sql pg_dump),
 *   Roundcube (postgres.initial.sql), Request Tracker (etc/schema.Pg), Icinga
 *   DB (schema/pgsql), graphile/starter (data/schema.sql, its two roles made
 *   first, as warned), OpenSIPS (scripts/postgres, all modules), MusicBrainz
 *   server (admin/sql Create*.sql in InitDb order, 371 tables; also at 2000),
 *   3DCityDB v5 (PostGIS, its psql variables set), Logto (tables/*.sql with
 *   its lifecycle scripts: RLS policies and triggers on every table), openIMIS
 *   (00_dump + views, functions, procedures), Cadence (postgres schema and
 *   visibility), River (its schema template emptied), OpenFGA (goose Up
 *   parts), Apache Ranger (ranger_core_db_postgres.sql);
 * - Hatchet (sql/schema v0, v1-core, v1-olap): 22 partitioned tables without
 *   partitions empty, as warned; Trigger.dev (820 Prisma migrations; also at
 *   2000): 2 such tables, as warned; pgmq (pgmq-extension/sql/pgmq.sql
 *   with two pgmq.create() calls): loads, the queues those calls make empty,
 *   as warned;
 * - the EXCLUDE shapes of six small public repos (parking-back, huts,
 *   panda-api, upgrade_challenge, ...): pabiagioli/upgrade_challenge's
 *   `EXCLUDE USING gist (tsrange(lower(during), upper(during), '()') WITH &&)`
 *   cut its table to one row: fixed below (version 27).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt34shapes');

describe('shapes of hunt 34 (real schemas)', () => {
  it("upgrade_challenge: an EXCLUDE over a range rebuilt from its own column's bounds fills its table", async () => {
    const ddl = `CREATE EXTENSION IF NOT EXISTS btree_gist;
      CREATE TABLE public.reservations (
        id uuid NOT NULL,
        during tsrange NOT NULL,
        name character varying(255) COLLATE pg_catalog."default" NOT NULL,
        CONSTRAINT overlapper EXCLUDE USING gist (tsrange(lower(during), upper(during), '()') WITH &&));
      CREATE TABLE slot (room int NOT NULL, span daterange NOT NULL,
        EXCLUDE USING gist (room WITH =, daterange(lower(span), upper(span)) WITH &&));`;
    const { counts } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 30,
      seed: 3,
      generatorVersion: 27,
    });
    // Before (and under version 26): one row each, the element left unplanned.
    expect(counts.get('public.reservations')).toBe(30);
    expect(counts.get('public.slot')).toBe(30);
  });
});
