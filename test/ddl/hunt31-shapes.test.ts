/**
 * Shapes found by hunt 31 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F c into pg_restore, -F p
 * into psql ON_ERROR_STOP, -d direct load, 200 rows; -F c at 3000 too):
 * - loaded all three ways, no table empty: River's pgx migrations (its
 *   `/* TEMPLATE: schema *\/` markers removed, as River's migrator does),
 *   Memos (store/migration/postgres/LATEST.sql), Typebot's, Zipline's and
 *   Spliit's Prisma migrations, Graphile Worker (its sql/0000*.sql with
 *   `:GRAPHILE_WORKER_SCHEMA` replaced, as its migrator does, and its test
 *   schema dump), Clair's notifier and claircore's indexer migrations,
 *   Hangfire.PostgreSql (Install.v3..v23.sql; 21 read-only DO blocks warned
 *   one by one), Blnk's sql-migrate files (Down sections left out, as
 *   warned), Midaz's onboarding and transaction migrations, tranSMART
 *   (transmart-data's ddl/postgres, 14 schemas through their _load_all.sql
 *   and _cross.sql, 481 tables; its `median(anyelement)` aggregate left out,
 *   as PostgreSQL 14+ refuses it too), pgledger (its vendored ULID functions,
 *   then pgledger.sql), Keygen's structure.sql (its last one, before schema.rb),
 *   and hunt 25's OpenStreetMap and Safecast copies, not loaded then for want
 *   of PostGIS;
 * - claircore's matcher migrations: a DEFAULT calling the constructor a
 *   CREATE TYPE ... AS RANGE makes was warned as an undefined function (refused
 *   where nothing else could make it), and `vuln` (a NOT NULL range over
 *   integer[]) and the three tables under it got no rows: both fixed below;
 * - Midaz's tracer migrations: three tables altered in DO blocks guarded by
 *   `(SELECT data_type FROM information_schema.columns WHERE ...) = 'bigint'`
 *   got no rows (and a fourth under them);
 * - pgstac (hunt 25's copy, not loaded then for want of PostGIS): exit 0, and the
 *   script stopped at 'must be owner of table migrations' (its DDL ends under
 *   SET ROLE pgstac_ingest), -d refused there: fixed below; items (partitions
 *   its code makes) and searches (a CHECK over md5()) empty, as warned;
 * - Supabase's postgres image schema and Yeti's structure.sql: extensions the
 *   server lacks (pgsodium, pg_graphql, pgq, pllua, prefix), not tried further;
 *   Formance ledger's bucket migrations need its system migrations (Go code),
 *   as psql fails on them alone too (public.aggregate_objects).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt31shapes');

describe('shapes of hunt 31 (real schemas)', () => {
  it("a range type's constructors are functions the DDL defines: DEFAULT r(...) and r_multirange(...) load", async () => {
    // claircore: before, refused ('DEFAULT of column public.v.f: it calls fr(), which neither PostgreSQL nor
    // the DDL defines'), though CREATE TYPE ... AS RANGE makes fr(lower, upper[, bounds]) and its multirange's.
    const ddl = `CREATE TYPE fr AS RANGE (SUBTYPE = float8);
      CREATE SCHEMA s;
      CREATE TYPE s.dr AS RANGE (SUBTYPE = date, MULTIRANGE_TYPE_NAME = s.dates);
      CREATE TABLE v (
        id bigserial PRIMARY KEY,
        f fr NOT NULL DEFAULT fr(1, 2, '[]'),
        g fr_multirange DEFAULT fr_multirange(fr(0, 1)),
        d s.dr DEFAULT s.dr('2020-01-01', '2021-01-01'),
        m s.dates DEFAULT s.dates()
      );`;
    const { counts, target, restored, result } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 20,
      seed: 2,
    });
    expect(counts.get('public.v')).toBe(20);
    expect(result.warnings.map((w) => w.message).join('\n')).not.toMatch(/neither PostgreSQL nor the DDL/);
    for (const t of [target, restored]) {
      const [row] = await t.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_attrdef WHERE adrelid = 'v'::regclass",
      );
      expect(row?.n).toBe(5);
    }
  });

  it('a range over an integer array gets version-like bounds from generator version 24; version 23 as before', async () => {
    // claircore's `CREATE TYPE VersionRange AS RANGE (SUBTYPE = integer[10])`: before, 'no value generator for its
    // type public.vr (range over int4 is not supported)', and vuln and the tables referencing it got no rows.
    const ddl = `CREATE TYPE vr AS RANGE (SUBTYPE = integer[10]);
      CREATE TABLE vuln (id bigserial PRIMARY KEY, name text, vulnerable_range vr NOT NULL DEFAULT vr('{}', '{}', '()'),
        fixed vr_multirange, UNIQUE (name, vulnerable_range));
      CREATE TABLE uo_vuln (uo bigint NOT NULL, vuln bigint NOT NULL REFERENCES vuln (id), PRIMARY KEY (uo, vuln));`;
    const v24 = await loadScriptAndArchive(db, ddl, { defaultRows: 40, seed: 5, generatorVersion: 24 });
    expect(v24.counts.get('public.vuln')).toBe(40);
    expect(v24.counts.get('public.uo_vuln')).toBe(40);
    for (const t of [v24.target, v24.restored]) {
      const [row] = await t.query<{ bounded: number; ordered: number; fixed: number }>(
        `SELECT count(*) FILTER (WHERE array_length(lower(vulnerable_range), 1) = 3)::int AS bounded,
                count(*) FILTER (WHERE isempty(vulnerable_range) OR lower_inf(vulnerable_range)
                  OR upper_inf(vulnerable_range) OR lower(vulnerable_range) < upper(vulnerable_range))::int AS ordered,
                count(fixed)::int AS fixed
           FROM vuln`,
      );
      expect(row?.ordered).toBe(40);
      expect(row?.bounded).toBeGreaterThan(25);
      expect(row?.fixed).toBeGreaterThan(0);
    }
    const v23 = await loadScriptAndArchive(db, ddl, { defaultRows: 40, seed: 5, generatorVersion: 23 });
    expect(v23.counts.get('public.vuln')).toBe(0);
    expect(v23.result.warnings.map((w) => w.message).join('\n')).toMatch(
      /range over int4\[\] is not supported/,
    );
  });

  it("a DO block guarded by (SELECT data_type FROM information_schema.columns ...) = 'bigint' is read as its branch", async () => {
    // Midaz's tracer: before, 'limits gets no rows: public.limits is altered ... by the DO block ..., which datagen
    // cannot read' (and usage_reservations under it). The guard holds for max_amount (bigint), not for note (text).
    const ddl = `CREATE TABLE limits (id uuid PRIMARY KEY, max_amount bigint NOT NULL CHECK (max_amount > 0), note text);
      CREATE TABLE usage_reservations (id uuid PRIMARY KEY, limit_id uuid NOT NULL REFERENCES limits (id));
      DO $$
      BEGIN
        IF (SELECT data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = 'limits' AND column_name = 'max_amount') = 'bigint' THEN
          ALTER TABLE limits ALTER COLUMN max_amount TYPE DECIMAL USING max_amount / 100.0;
        END IF;
        IF (SELECT data_type FROM information_schema.columns
            WHERE table_name = 'limits' AND column_name = 'note') = 'bigint' THEN
          ALTER TABLE limits DROP COLUMN note;
        END IF;
      END $$;`;
    const { counts, target, restored, result } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 25,
      seed: 8,
    });
    expect(counts.get('public.limits')).toBe(25);
    expect(counts.get('public.usage_reservations')).toBe(25);
    expect(result.warnings.map((w) => w.message).join('\n')).not.toMatch(/DO block/);
    for (const t of [target, restored]) {
      const rows = await t.query<{ column_name: string; data_type: string }>(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'limits' ORDER BY 1",
      );
      expect(rows).toEqual([
        { column_name: 'id', data_type: 'uuid' },
        { column_name: 'max_amount', data_type: 'numeric' },
        { column_name: 'note', data_type: 'text' },
      ]);
    }
  });

  it("the input's SET ROLE lasts for the pre-data: the rows, keys and indexes load as the loading user", async () => {
    // pgstac ends its DDL under SET ROLE pgstac_ingest: before, exit 0, and the script stopped at 'must be owner of
    // table migrations' (the primary key, post-data, added as pgstac_ingest), and -d was refused there (exit 1).
    await db.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dg_hunt31_admin') THEN CREATE ROLE dg_hunt31_admin; END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dg_hunt31_ingest') THEN CREATE ROLE dg_hunt31_ingest; END IF;
      END $$`);
    const ddl = `CREATE SCHEMA app AUTHORIZATION dg_hunt31_admin;
      GRANT USAGE ON SCHEMA app TO dg_hunt31_ingest;
      SET ROLE dg_hunt31_admin;
      ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT ALL ON TABLES TO dg_hunt31_ingest;
      CREATE TABLE app.migrations (version text PRIMARY KEY, datetime timestamptz NOT NULL DEFAULT now());
      CREATE TABLE app.items (id bigint PRIMARY KEY, version text NOT NULL REFERENCES app.migrations (version));
      CREATE INDEX items_version ON app.items (version);
      RESET ROLE;
      SET ROLE dg_hunt31_ingest;`;
    const { counts, target, restored } = await loadScriptAndArchive(db, ddl, { defaultRows: 15, seed: 9 });
    expect(counts.get('app.items')).toBe(15);
    const direct = await db.createSibling();
    const schema = join(tempDir(), 'schema.sql');
    writeFileSync(schema, ddl);
    await generate({
      schema: [schema],
      connection: { dbname: direct.connectionString },
      defaultRows: 15,
      seed: 9,
    });
    for (const t of [target, restored, direct]) {
      const rows = await t.query<{ relname: string; owner: string }>(
        `SELECT c.relname, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
           WHERE c.relnamespace = 'app'::regnamespace AND c.relkind = 'r' ORDER BY 1`,
      );
      expect(rows.map((r) => r.relname)).toEqual(['items', 'migrations']);
      const [n] = await t.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'app' AND indexname IN ('items_version', 'migrations_pkey')",
      );
      expect(n?.n).toBe(2);
    }
    const [row] = await direct.query<{ n: number }>('SELECT count(*)::int AS n FROM app.items');
    expect(row?.n).toBe(15);
    const [owner] = await target.query<{ owner: string }>(
      "SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'app.migrations'::regclass",
    );
    expect(owner?.owner).toBe('dg_hunt31_admin');
  });
});
