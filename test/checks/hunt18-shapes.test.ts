import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt18shapes');

describe('shapes of hunt 18 (leftovers of hunt 17, benchmark kits and application schemas)', () => {
  it("publications are pg_dump's post-data PUBLICATION entries tagged by name; --no-publications also leaves their OWNER TO out", async () => {
    // Before: pre-data entries `PUBLICATION - ` with an empty tag (pg_restore -l could not name them), the
    // ALTER PUBLICATION an entry of its own, the COMMENT tagged `pub_t`; and under --no-publications the
    // `ALTER PUBLICATION ... OWNER TO` stayed, so the script stopped at 'publication "pub_t" does not exist'.
    const ddl = `CREATE SCHEMA app;
      SET search_path = app, public;
      CREATE TABLE t (id int PRIMARY KEY, v text);
      CREATE TABLE u (id int PRIMARY KEY, t_id int REFERENCES t);
      CREATE PUBLICATION pub_t FOR TABLE t WITH (publish = 'insert');
      ALTER PUBLICATION pub_t ADD TABLE u;
      ALTER PUBLICATION pub_t OWNER TO CURRENT_USER;
      CREATE PUBLICATION "Pub 2";
      ALTER PUBLICATION "Pub 2" ADD TABLES IN SCHEMA app;
      COMMENT ON PUBLICATION "Pub 2" IS 'y';`;
    const { counts, script: loaded, archive } = await loadScriptAndArchive(db, ddl, { rows: 10, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'app.t': 10, 'app.u': 10 });
    for (const target of [loaded, archive]) {
      const published = await target.query(
        'SELECT pubname, tablename FROM pg_publication_tables ORDER BY pubname, tablename',
      );
      expect(published.map((r) => `${r.pubname} ${r.tablename}`)).toEqual([
        'Pub 2 t',
        'Pub 2 u',
        'pub_t t',
        'pub_t u',
      ]);
    }
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, ddl);
    const dump = join(dir, 'data.dump');
    await generate({ schema: [schema], output: dump, defaultRows: 10, seed: 1, format: 'custom' });
    const listing = db
      .run('pg_restore', ['-l', '--section=post-data', dump])
      .split('\n')
      .filter((l) => /PUBLICATION|COMMENT/.test(l))
      .map((l) => l.replace(/^\d+; \d+ \d+ /, '').trim());
    // shapes20: each published table and schema an entry of its own, as pg_dump 15 writes them.
    expect(listing).toEqual([
      'PUBLICATION - pub_t',
      'PUBLICATION TABLE app pub_t t',
      'PUBLICATION TABLE app pub_t u',
      'PUBLICATION - Pub 2',
      'PUBLICATION TABLES IN SCHEMA app Pub 2 app',
      'COMMENT - PUBLICATION "Pub 2"',
    ]);
    const script = join(dir, 'without.sql');
    await generate({ schema: [schema], output: script, defaultRows: 10, seed: 1, noPublications: true });
    expect(readFileSync(script, 'utf8')).not.toMatch(/PUBLICATION/);
    const target = await db.createSibling();
    target.psqlFile(script);
    expect((await userTableRowCounts(target)).get('app.u')).toBe(10);
  });
  it("filling in place, tables a firing trigger makes as the rows go in are warned, naming the trigger (Concourse's pipeline_build_events_<id>)", async () => {
    // Before: exit 0 and no warning, while the load had made one empty table per pipelines row.
    const target = await siblingWith(
      db,
      `CREATE TABLE build_events (build_id integer, payload text NOT NULL, event_id integer NOT NULL);
       CREATE TABLE pipelines (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
       CREATE FUNCTION on_pipeline_insert() RETURNS trigger AS $$
       BEGIN
         EXECUTE format('CREATE TABLE IF NOT EXISTS pipeline_build_events_%s () INHERITS (build_events)', NEW.id);
         RETURN NULL;
       END $$ LANGUAGE plpgsql;
       CREATE TRIGGER pipeline_build_events_insert_trigger AFTER INSERT ON pipelines
         FOR EACH ROW EXECUTE PROCEDURE on_pipeline_insert();`,
    );
    const result = await generate({
      connection: { dbname: target.connectionString },
      defaultRows: 12,
      seed: 1,
    });
    const counts = await userTableRowCounts(target);
    expect(counts.get('public.pipelines')).toBe(12);
    expect([...counts.keys()].filter((t) => t.startsWith('public.pipeline_build_events_'))).toHaveLength(12);
    const made = result.warnings.filter((w) => w.code === 'TRIGGER_MADE_TABLES').map((w) => w.message);
    expect(made).toEqual([
      "12 tables made by trigger pipeline_build_events_insert_trigger on public.pipelines (function on_pipeline_insert()) as the rows went in got no rows: public.pipeline_build_events_1, public.pipeline_build_events_10, public.pipeline_build_events_11, … (9 more). datagen fills the tables the database holds before the load; fill them with a second run on the same database, --append -t 'public.pipeline_build_events_*', or load with --disable-triggers to make none",
    ]);
    await target.close();
  });
  it("a CHECK calling an is_json(text) whose body datagen cannot read gets JSON documents (Evergreen's plperlu is_json)", async () => {
    // Before: 'CHECK aous_must_be_json (is_json(value)) ... cannot be read by datagen', both tables empty.
    // Evergreen's is_json is plperlu (JSON::XS); plpgsql that casts and catches stands for it here (no plperl in tests).
    const { counts, archive } = await loadScriptAndArchive(
      db,
      `CREATE FUNCTION is_json(t text) RETURNS boolean AS $$
       BEGIN PERFORM t::json; RETURN t IS NOT NULL; EXCEPTION WHEN others THEN RETURN false; END $$ LANGUAGE plpgsql;
       CREATE TABLE org_unit_setting (id serial PRIMARY KEY, name text NOT NULL, value text NOT NULL,
         CONSTRAINT aous_must_be_json CHECK (is_json(value)));
       CREATE TABLE toolbar (id serial PRIMARY KEY, layout text, CONSTRAINT layout_must_be_json CHECK (is_json(layout)));`,
      { rows: 40, seed: 1 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 'public.org_unit_setting': 40, 'public.toolbar': 40 });
    const [row] = await archive.query(
      `SELECT (SELECT count(*) FROM org_unit_setting WHERE is_json(value))::int AS settings,
              (SELECT count(*) FROM toolbar WHERE is_json(layout))::int AS layouts`,
    );
    expect(row).toEqual({ settings: 40, layouts: 40 });
  });
});
