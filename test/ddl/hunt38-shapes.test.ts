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
});
