/**
 * DDL shapes of the seventh hunt (pgAdmin exports, pg_dump 14–17 dumps of
 * Airflow, Superset, Directus, Strapi; benchmark kits), each reduced to a
 * minimal file: generated through the library, loaded as a script with
 * ON_ERROR_STOP and restored from a custom archive with pg_restore
 * --exit-on-error, every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

let db: TestDatabase;

/** 30 rows per table as a script and as a custom archive, both loaded. */
const loadBoth = (ddl: string) => loadScriptAndArchive(db, ddl, { rows: 30, seed: 7 });

describe('DDL shapes of the seventh hunt', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt7');
  });
  afterAll(async () => db.close());

  it('an event trigger with its COMMENT and ALTER EVENT TRIGGER restores last, as pg_dump orders it (pgAdmin schema diff)', async () => {
    // Before: the archive's COMMENT ON EVENT TRIGGER (tagged by the bare name) and the ALTER were
    // restored before pg_restore's last pass made the trigger: "event trigger does not exist".
    const { counts, script, archive, scriptText } = await loadBoth(`
      CREATE TABLE t (id int PRIMARY KEY);
      CREATE FUNCTION public.evt_fn() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; END $$;
      CREATE EVENT TRIGGER evt_src ON ddl_command_start EXECUTE FUNCTION public.evt_fn();
      COMMENT ON EVENT TRIGGER evt_src IS 'Event Trigger Source';
      ALTER EVENT TRIGGER evt_src DISABLE;
      ALTER EVENT TRIGGER evt_src OWNER TO CURRENT_USER;
      CREATE EVENT TRIGGER evt_always ON sql_drop EXECUTE FUNCTION public.evt_fn();
      ALTER EVENT TRIGGER evt_always ENABLE ALWAYS;
      CREATE INDEX t_later ON t (id);`);
    expect(counts.get('public.t')).toBe(30);
    for (const target of [script, archive]) {
      const rows = await target.query<{ evtname: string; evtenabled: string; comment: string | null }>(
        `SELECT evtname, evtenabled, obj_description(oid, 'pg_event_trigger') AS comment
           FROM pg_event_trigger ORDER BY evtname`,
      );
      expect(rows).toEqual([
        { evtname: 'evt_always', evtenabled: 'A', comment: null },
        { evtname: 'evt_src', evtenabled: 'D', comment: 'Event Trigger Source' },
      ]);
    }
    // After the post-data DDL, as pg_dump writes event triggers (they would fire on it otherwise).
    expect(scriptText.indexOf('CREATE EVENT TRIGGER evt_src')).toBeGreaterThan(scriptText.indexOf('t_later'));
  });
});
