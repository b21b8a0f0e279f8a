/**
 * Real-schema failures session 37 left open (issue 8), each from its minimal
 * shape, loaded with every constraint by psql ON_ERROR_STOP and by
 * pg_restore -j 2 --exit-on-error:
 * - Kong (core and plugin migrations' postgres `up`) at generator versions 28
 *   and 29: triggers made in DO blocks under `WHEN undefined_column THEN`
 *   stay before the data and fire as it loads; the archive loaded its rows
 *   under pg_restore's empty search_path, where their code found no `tags`
 *   (exit 0, the archive failed). Rows now load under their table's own path
 *   in both formats (archive/load-time-triggers.ts).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('fix38');

describe('fix38: real schemas that sank, cut or emptied tables', () => {
  it("Kong: a trigger firing as the rows load finds its tables by the path its table's CREATE ran under, both ways", async () => {
    const ddl = `CREATE SCHEMA app;
      SET search_path = app;
      CREATE TABLE routes (id uuid PRIMARY KEY, name text);
      CREATE TABLE tags (entity_id uuid PRIMARY KEY, entity_name text);
      CREATE FUNCTION sync_tags() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO tags VALUES (NEW.id, TG_TABLE_NAME) ON CONFLICT (entity_id) DO NOTHING;
        RETURN NEW;
      END $$;
      DO $$
      BEGIN
        CREATE TRIGGER routes_sync_tags AFTER INSERT ON routes FOR EACH ROW EXECUTE PROCEDURE sync_tags();
      EXCEPTION WHEN UNDEFINED_COLUMN OR UNDEFINED_TABLE THEN
        -- Do nothing, accept existing state
      END $$;
      RESET search_path;`;
    // Version 29 keeps the block before the data. Before: the script loaded the rows under the RESET path and
    // the archive under pg_restore's empty one: 'relation "tags" does not exist' both ways.
    const { counts } = await loadScriptAndArchive(
      db,
      ddl,
      { defaultRows: 10, seed: 1, generatorVersion: 29 },
      { jobs: 2 },
    );
    expect(counts.get('app.routes')).toBe(10);
    expect(counts.get('app.tags')).toBe(10);
  });
});
