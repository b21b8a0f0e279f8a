/**
 * Real-schema failures session 36's hunt left open (issue 8), each from its
 * minimal shape, loaded with every constraint by psql ON_ERROR_STOP and by
 * pg_restore -j 2 --exit-on-error:
 * - QWAT (qwat/qwat-data-model, setup.sh's files in order): a DO block
 *   switches audit triggers on through routines whose `CREATE TRIGGER ...
 *   EXECUTE PROCEDURE qwat_sys.if_modified_func(` sits in a string variable;
 *   the trigger function's rows then loaded into logged_actions beside
 *   datagen's and the primary key failed (exit 0). And a routine the DO
 *   block calls adds FKs to qwat_vl.visible: pg_restore -j's `TRUNCATE ONLY`
 *   before its COPY was refused.
 * - TEKSI wastewater (teksi/wastewater, 69 changelog files): its last DO
 *   block loops over a catalog query (pg_attribute, pg_class, pg_namespace,
 *   pg_type) changing obj_id's type in each tww_od table; every table made
 *   before it was left empty (334 of 335). The query is read on the schema.
 * - Guacamole with `--rows guacamole_entity=0`: guacamole_user got "UNIQUE
 *   allows only 1 distinct value ... 1 row" and then "gets no rows": one.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('fix37');

describe('fix37: real schemas that sank, cut or emptied tables', () => {
  it('QWAT: triggers a DO block attaches by a string variable write their table; a routine it runs adds FKs', async () => {
    const ddl = `CREATE SCHEMA sys; CREATE SCHEMA vl; CREATE SCHEMA od;
      CREATE TABLE sys.logged_actions (event_id bigserial PRIMARY KEY, table_name text NOT NULL, action text);
      CREATE FUNCTION sys.if_modified_func() RETURNS trigger AS $b$
      BEGIN
        INSERT INTO sys.logged_actions (table_name, action) VALUES (TG_TABLE_NAME, TG_OP);
        RETURN NULL;
      END $b$ LANGUAGE plpgsql;
      CREATE FUNCTION sys.audit_table(target_table regclass) RETURNS void AS $b$
      DECLARE _q_txt text;
      BEGIN
        EXECUTE 'DROP TRIGGER IF EXISTS audit_trigger_row ON ' || target_table::text;
        _q_txt = 'CREATE TRIGGER audit_trigger_row AFTER INSERT OR UPDATE OR DELETE ON ' || target_table::text ||
          ' FOR EACH ROW EXECUTE PROCEDURE sys.if_modified_func(' || quote_literal('x') || ');';
        EXECUTE _q_txt;
      END $b$ LANGUAGE plpgsql;
      CREATE TABLE vl.visible (id int PRIMARY KEY, vl_code_int smallint);
      ALTER TABLE vl.visible ADD CONSTRAINT visible_code_int UNIQUE (vl_code_int);
      CREATE FUNCTION sys.label_fields(_tbl text) RETURNS void AS $f$
      BEGIN
        EXECUTE format('ALTER TABLE od.%I ADD COLUMN label_visible smallint DEFAULT 1', _tbl);
        EXECUTE format('ALTER TABLE od.%1$I ADD CONSTRAINT %2$I FOREIGN KEY (label_visible)
          REFERENCES vl.visible(vl_code_int)', _tbl, _tbl || '_label_visible');
      END $f$ LANGUAGE plpgsql;
      CREATE TABLE od.pipe (id serial PRIMARY KEY, name text);
      DO $$ BEGIN PERFORM sys.label_fields('pipe'); END $$;
      CREATE TABLE od.valve (id serial PRIMARY KEY, name text);
      DO $$ BEGIN PERFORM sys.audit_table('od.valve'); PERFORM sys.audit_table('vl.visible'); END $$;`;
    const { counts, result } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 }, { jobs: 2 });
    // Before: logged_actions got 10 generated rows and the triggers' 20 (event_id 1..10 twice): its key failed.
    expect(counts.get('sys.logged_actions')).toBe(20);
    expect(counts.get('od.valve')).toBe(10);
    expect(counts.get('vl.visible')).toBe(10);
    expect(result.warnings.map((w) => w.message).filter((m) => m.startsWith('sys.logged_actions'))).toEqual([
      expect.stringMatching(
        /^sys\.logged_actions gets no rows instead of 10: the routines the DO block at .* runs/,
      ),
    ]);
  });
  it('TEKSI: a DO loop over a catalog query alters just the columns it finds', async () => {
    const ddl = `CREATE SCHEMA od; CREATE SCHEMA vl;
      CREATE DOMAIN od.standardoid AS text CHECK (length(VALUE) = 16 AND VALUE ~ '^[A-Za-z0-9]+$');
      CREATE TABLE od.organisation (obj_id varchar(16) PRIMARY KEY, fk_dataowner varchar(16), name text);
      ALTER TABLE od.organisation ADD CONSTRAINT rel_dataowner FOREIGN KEY (fk_dataowner) REFERENCES od.organisation;
      CREATE TABLE od.pipe (obj_id varchar(16) PRIMARY KEY, fk_owner varchar(16) REFERENCES od.organisation);
      CREATE TABLE vl.kind (code int PRIMARY KEY, obj_id varchar(16));
      CREATE TABLE od.note (id int PRIMARY KEY, body text);
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT n.nspname AS schema_name, c.relname AS table_name, a.attname AS column_name
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid
          WHERE n.nspname = 'od' AND c.relkind = 'r' AND a.attname = 'obj_id' AND NOT a.attisdropped
            AND t.typname <> 'standardoid'
        LOOP
          RAISE NOTICE 'Altering %.%', r.schema_name, r.table_name;
          EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE od.standardoid', r.schema_name, r.table_name,
            r.column_name);
        END LOOP;
      END $$;
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT table_schema, table_name FROM information_schema.columns
          WHERE table_schema IN ('vl') AND column_name = 'obj_id'
        LOOP
          EXECUTE format('ALTER TABLE %I.%I ADD COLUMN last_modified timestamp', r.table_schema, r.table_name);
        END LOOP;
      END $$;`;
    const { counts, target } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 }, { jobs: 2 });
    // Before: every table made before the blocks got no rows.
    expect([...counts.values()]).toEqual([10, 10, 10, 10]);
    const types = await target.query(
      `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid WHERE a.attname IN ('obj_id', 'last_modified') AND c.relkind = 'r'
        ORDER BY 1, 2`,
    );
    expect(types).toEqual([
      { relname: 'kind', attname: 'last_modified', type: 'timestamp without time zone' },
      { relname: 'kind', attname: 'obj_id', type: 'character varying(16)' },
      { relname: 'organisation', attname: 'obj_id', type: 'od.standardoid' },
      { relname: 'pipe', attname: 'obj_id', type: 'od.standardoid' },
    ]);
    const filled = await target.query('SELECT count(last_modified) AS n FROM vl.kind');
    expect(filled).toEqual([{ n: '10' }]);
  });
  it('Guacamole: a unique NOT NULL FK to a parent asked for no rows gets one warning, the true one', async () => {
    const ddl = `CREATE TABLE entity (entity_id serial PRIMARY KEY, name text NOT NULL);
      CREATE TABLE app_user (user_id serial PRIMARY KEY, entity_id int NOT NULL REFERENCES entity,
        CONSTRAINT single_entity UNIQUE (entity_id));`;
    const { counts, result } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 5,
      tables: { entity: 0 },
      seed: 1,
    });
    expect([...counts.values()]).toEqual([0, 0]);
    expect(result.warnings.map((w) => w.message).filter((m) => m.includes('app_user'))).toEqual([
      'public.app_user gets no rows instead of 5: foreign key app_user_entity_id_fkey (entity_id) is NOT NULL and public.entity gets no rows.',
    ]);
  });
});
