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
 * - Webstudio (packages/prisma-client migrations): `CHECK ((jsonb_typeof(document) = 'object' AND document ->>
 *   '_id' = "assetId" AND ...) IS TRUE)` left AssetFileMetadata empty. From version 31 the AND under IS TRUE is
 *   split (checks/true-conjuncts.ts) and the document built of the members its conjuncts equate to other
 *   columns (generate/json-document-equations.ts); without IS TRUE a row passed only by the member's absence.
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

  it('Webstudio: a document whose members an AND under IS TRUE equates to columns is built of them (version 31)', async () => {
    const ddl = `CREATE TABLE "Asset" (id text NOT NULL, "projectId" text NOT NULL, PRIMARY KEY (id, "projectId"));
      CREATE TABLE "AssetFileMetadata" ("projectId" text NOT NULL, "assetId" text NOT NULL, revision text NOT NULL,
        document jsonb NOT NULL, PRIMARY KEY ("projectId", "assetId"),
        CONSTRAINT identity_check CHECK ((jsonb_typeof(document) = 'object'
          AND jsonb_typeof(document -> '_id') = 'string' AND document ->> '_id' = "assetId"
          AND document ->> 'revision' = revision) IS TRUE),
        FOREIGN KEY ("assetId", "projectId") REFERENCES "Asset" (id, "projectId"));
      CREATE TABLE doc (id int PRIMARY KEY, body json NOT NULL, n int NOT NULL, k text NOT NULL,
        CHECK (k = body ->> 'key'), CHECK ((body ->> 'n')::int = n), CHECK (body -> 'm' ->> 'j' = k));`;
    const { counts, result, target } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 10,
      seed: 1,
      generatorVersion: 31,
    });
    // Before: "AssetFileMetadata gets no rows instead of 10: row 0 still fails CHECK identity_check".
    expect(counts.get('public.AssetFileMetadata')).toBe(10);
    expect(result.warnings.filter((w) => w.message.includes('AssetFileMetadata'))).toEqual([]);
    const held = await target.query(
      `SELECT (SELECT count(*) FROM "AssetFileMetadata" WHERE document ->> '_id' = "assetId") AS assets,
        (SELECT count(*) FROM doc WHERE body ->> 'key' = k AND (body ->> 'n')::int = n
          AND body -> 'm' ->> 'j' = k) AS docs`,
    );
    // Before (and under version 30), doc's rows passed only because body held no key.
    expect(held).toEqual([{ assets: '10', docs: '10' }]);
  });
});
