/**
 * Shapes found by hunt 38 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F p into psql ON_ERROR_STOP
 * and -F c into pg_restore -j 2 -e, 100 rows; each at --generator-version 30
 * as well):
 * - loaded both ways, no table empty or cut: BookBrainz (sql/schemas
 *   musicbrainz.sql + bookbrainz.sql, 86 tables), ListenBrainz (admin/sql,
 *   30), CritiqueBrainz (13), AcousticBrainz (26), Seata (server and AT, saga,
 *   TCC client scripts, 10), NetBox 4.2 (netbox-demo-data's pg_dump, its COPY
 *   blocks left out, 189);
 * - loaded, tables empty, fixed below: PgQ (structure/install_pl.sql with its
 *   includes; 0 -> 6 of 6 tables with rows): upgrade_schema(), run by a
 *   top-level SELECT, drops a NOT NULL and adds a column the table has under a
 *   pg_attribute guard;
 * - loaded, 12 tables cut to one row, fixed below: Lakekeeper (crates/
 *   lakekeeper-storage-postgres/migrations in order): table_refs' `(warehouse_id,
 *   table_id) → "table"` beside `(..., snapshot_id) → table_snapshot`, held
 *   through table_schema; current_view_metadata_version stays cut (its key is
 *   part of a wider FK's columns two parents up);
 * - refused, then exit 0 but failed to load, fixed below: Penpot (backend
 *   migrations in migrations.clj's order): LIKE INCLUDING ALL's copied plain
 *   index dropped by name (from version 31), the partitions of a dropped
 *   table, SET STORAGE of a column a later ALTER adds and of a renamed table
 *   joined the table's archive entry;
 * - loaded, 205 of 291 tables empty, left: Boundary (oss/postgres migrations):
 *   a DO block renames every UNIQUE constraint by a pg_constraint loop;
 * - loaded fully too: clubdata (pgexercises), Activiti 7 engine + history,
 *   Gitness (harness, 68 tables), docs.rs (sqlx migrations, 18).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt38shapes');

describe('shapes of hunt 38 (real schemas)', () => {
  it("PgQ: a called routine's DROP NOT NULL and guarded ADD COLUMN of a column the table has keep its rows", async () => {
    const ddl = `CREATE SCHEMA pgq;
      CREATE TABLE pgq.queue (queue_id serial PRIMARY KEY, queue_name text NOT NULL UNIQUE, queue_extra_maint text[]);
      CREATE TABLE pgq.subscription (sub_id serial PRIMARY KEY, sub_queue int NOT NULL REFERENCES pgq.queue,
        sub_last_tick bigint NOT NULL);
      CREATE FUNCTION pgq.upgrade_schema() RETURNS int4 AS $$
      BEGIN
        PERFORM 1 FROM information_schema.columns WHERE table_schema = 'pgq' AND table_name = 'subscription'
          AND column_name = 'sub_last_tick' AND is_nullable = 'NO';
        IF found THEN
          ALTER TABLE pgq.subscription ALTER COLUMN sub_last_tick DROP NOT NULL;
        END IF;
        PERFORM 1 FROM pg_attribute WHERE attrelid = 'pgq.queue'::regclass AND attname = 'queue_extra_maint';
        IF NOT found THEN
          ALTER TABLE pgq.queue ADD COLUMN queue_extra_maint text[];
        END IF;
        RETURN 0;
      END $$ LANGUAGE plpgsql;
      SELECT pgq.upgrade_schema();`;
    const { counts, restored } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 });
    // Before: both tables were taken as reshaped by the call and got no rows.
    expect(counts.get('pgq.queue')).toBe(10);
    expect(counts.get('pgq.subscription')).toBe(10);
    const nullable = await restored.query(
      "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'subscription' AND column_name = 'sub_last_tick'",
    );
    expect(nullable).toEqual([{ is_nullable: 'YES' }]);
  });

  it('Lakekeeper: a narrow FK held through a chain of parent FKs keeps its table its rows', async () => {
    const ddl = `CREATE TABLE tab (warehouse_id uuid NOT NULL, table_id uuid NOT NULL, PRIMARY KEY (warehouse_id, table_id));
      CREATE TABLE tschema (warehouse_id uuid NOT NULL, table_id uuid NOT NULL, schema_id int NOT NULL,
        PRIMARY KEY (warehouse_id, table_id, schema_id), FOREIGN KEY (warehouse_id, table_id) REFERENCES tab);
      CREATE TABLE tsnap (warehouse_id uuid NOT NULL, table_id uuid NOT NULL, snapshot_id bigint NOT NULL,
        schema_id int NOT NULL, PRIMARY KEY (warehouse_id, table_id, snapshot_id),
        FOREIGN KEY (warehouse_id, table_id, schema_id) REFERENCES tschema);
      CREATE TABLE trefs (warehouse_id uuid NOT NULL, table_id uuid NOT NULL, ref_name text NOT NULL,
        snapshot_id bigint NOT NULL, PRIMARY KEY (warehouse_id, table_id, ref_name),
        FOREIGN KEY (warehouse_id, table_id) REFERENCES tab,
        FOREIGN KEY (warehouse_id, table_id, snapshot_id) REFERENCES tsnap);`;
    const { counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 });
    // Before: trefs' table_id was pinned to one value up to tab, which got one row.
    expect(counts.get('public.tab')).toBe(10);
    expect(counts.get('public.trefs')).toBe(10);
  });

  it("Penpot: a swapped partitioned table, its LIKE copy's index dropped by name, SET STORAGE after ADD COLUMN", async () => {
    const ddl = `CREATE TABLE task (id uuid NOT NULL, status text NOT NULL, label text, PRIMARY KEY (id, status))
        PARTITION BY LIST (status);
      CREATE TABLE task_done PARTITION OF task FOR VALUES IN ('done');
      CREATE TABLE task_default PARTITION OF task DEFAULT;
      CREATE INDEX task_label_idx ON task (label);
      CREATE TABLE new_task (LIKE task INCLUDING ALL);
      ALTER TABLE task RENAME TO old_task;
      ALTER TABLE new_task RENAME TO task;
      DROP TABLE old_task;
      DROP INDEX new_task_label_idx;
      ALTER TABLE task DROP CONSTRAINT new_task_pkey;
      ALTER TABLE task ADD PRIMARY KEY (id);
      CREATE TABLE profile (id int PRIMARY KEY);
      ALTER TABLE profile ADD COLUMN props jsonb;
      ALTER TABLE profile ALTER COLUMN props SET STORAGE external;`;
    const { counts } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 10,
      seed: 1,
      generatorVersion: 31,
    });
    // Before: refused (new_task_label_idx never made); then the partitions' COPYs named dropped tables, and
    // under pg_restore the SET STORAGE ran in profile's own entry, before props was added.
    expect(counts.get('public.task')).toBe(10);
    expect(counts.get('public.profile')).toBe(10);
    expect(counts.has('public.task_done')).toBe(false);
  });
});
