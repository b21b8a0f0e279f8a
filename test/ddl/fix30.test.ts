/**
 * Issue 8 (fix 30), each from its minimal shape, loaded as a script (psql ON_ERROR_STOP) and a custom archive
 * (pg_restore) with every constraint: what hunt 29's real schemas left. OHDSI WebAPI's kept calls EXECUTE a
 * `format()`ed ALTER TABLE ... ADD CONSTRAINT UNIQUE before the data (exit 0, the COPY then failed on a
 * duplicate name); MapRoulette's own add_drop_column / create_index_if_not_exists make columns and indexes
 * by EXECUTE of concatenated parameters, which later DDL names (refused, where PostgreSQL takes it).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';
import { loadedRows, refusedLikeServer } from '../helpers/refused-ddl.js';

const db = useTestDatabase('fix30');

/** OHDSI WebAPI's rename_duplicate_names, cut to its shape: queries, a loop of UPDATEs, then a UNIQUE by EXECUTE. */
const uniqueByCall = `CREATE SCHEMA app;
CREATE TABLE app.cohort (id int PRIMARY KEY, name varchar(255) NOT NULL);
CREATE TABLE app.concept_set (concept_set_id int PRIMARY KEY, concept_set_name varchar(255));
CREATE TABLE app.cohort_note (id int PRIMARY KEY, cohort_id int NOT NULL REFERENCES app.cohort (id));
CREATE FUNCTION app.rename_duplicate_names(name_title varchar(20), id_title varchar(15),
    table_title varchar(30), constraint_title varchar(2)) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  all_duplicates int;
  amount_of_constraints int;
  constraint_name varchar(100);
BEGIN
  EXECUTE format('SELECT count(*) FROM (SELECT %I FROM %I.%I GROUP BY %I HAVING count(*) > 1) AS d',
    name_title, 'app', table_title, name_title) INTO all_duplicates;
  FOR k IN 0 .. coalesce(all_duplicates, 0) LOOP
    EXECUTE format('UPDATE %I.%I SET %I = concat(%I, '' ('', $1, '')'') WHERE %I = $2',
      'app', table_title, name_title, name_title, id_title) USING k, k;
  END LOOP;
  constraint_name := concat('uq_', constraint_title, '_name');
  EXECUTE format('SELECT count(*) FROM information_schema.table_constraints
    WHERE constraint_schema = ''%I'' AND constraint_name = ''%I''', 'app', constraint_name) INTO amount_of_constraints;
  IF amount_of_constraints = 0 THEN
    EXECUTE format('ALTER TABLE %I.%I ADD CONSTRAINT %I UNIQUE (%I);', 'app', table_title, constraint_name, name_title);
  END IF;
END $$;
SELECT app.rename_duplicate_names('name', 'id', 'cohort', 'co');
SELECT app.rename_duplicate_names('concept_set_name', 'concept_set_id', 'concept_set', 'cs');
DROP FUNCTION app.rename_duplicate_names(varchar, varchar, varchar, varchar);
`;

describe("fix 30: a kept call's EXECUTE of a format()ed ALTER TABLE ... ADD CONSTRAINT UNIQUE (OHDSI WebAPI)", () => {
  it('from version 23 the call is the DDL it runs: the UNIQUE is in the model, the rows meet it, the call is gone', async () => {
    // Before: exit 0, the call stayed before the data (the DROP FUNCTION after it names its routine), added
    // uq_co_name, and COPY app.cohort failed on a duplicate name.
    const { counts, warnings, scriptText, script, archive } = await loadScriptAndArchive(db, uniqueByCall, {
      rows: 120,
      seed: 1,
      generatorVersion: 23,
    });
    expect(counts.get('app.cohort')).toBe(120);
    expect(counts.get('app.concept_set')).toBe(120);
    expect(counts.get('app.cohort_note')).toBe(120);
    expect(scriptText).not.toContain('SELECT app.rename_duplicate_names');
    expect(warnings.filter((w) => w.includes('rename_duplicate_names'))).toEqual([]);
    for (const target of [script, archive]) {
      const keys = await target.query<{ conname: string; def: string }>(
        "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'u' AND connamespace = 'app'::regnamespace ORDER BY 1",
      );
      expect(keys).toEqual([
        { conname: 'uq_co_name', def: 'UNIQUE (name)' },
        { conname: 'uq_cs_name', def: 'UNIQUE (concept_set_name)' },
      ]);
      // The function is dropped, as the DDL drops it.
      const fns = await target.query("SELECT 1 FROM pg_proc WHERE proname = 'rename_duplicate_names'");
      expect(fns).toEqual([]);
    }
  });

  it('at version 22 the call stays as written: the tables it adds a key to get no rows (their children follow), and its warnings are one', async () => {
    const { counts, warnings, script, archive } = await loadScriptAndArchive(db, uniqueByCall, {
      rows: 120,
      seed: 1,
      generatorVersion: 22,
    });
    expect(counts.get('app.cohort')).toBe(0);
    expect(counts.get('app.concept_set')).toBe(0);
    expect(counts.get('app.cohort_note')).toBe(0);
    expect(warnings.find((w) => w.startsWith('app.cohort gets no rows'))).toContain(
      'altered by the app.rename_duplicate_names()',
    );
    // One warning for the two calls, naming both places.
    const calls = warnings.filter((w) => w.includes('run app.rename_duplicate_names()'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(
      /^2 SELECTs \(at \S*schema\.sql:25:1, 26:1\) run app\.rename_duplicate_names\(\)/,
    );
    for (const target of [script, archive]) {
      const keys = await target.query<{ conname: string }>(
        "SELECT conname FROM pg_constraint WHERE contype = 'u' AND connamespace = 'app'::regnamespace ORDER BY 1",
      );
      expect(keys.map((k) => k.conname)).toEqual(['uq_co_name', 'uq_cs_name']);
    }
  });
});

/** MapRoulette's helpers: a column and an index made by EXECUTE of concatenated parameters, under guards. */
const columnsByCall = `CREATE TABLE projects (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE challenges (id serial PRIMARY KEY, name text NOT NULL, parent_id int NOT NULL REFERENCES projects (id));
CREATE OR REPLACE FUNCTION add_drop_column(tablename varchar, colname varchar, coltype varchar,
    addcolumn boolean default true) RETURNS varchar AS $$
DECLARE
  col_name varchar;
BEGIN
  EXECUTE 'SELECT column_name FROM information_schema.columns WHERE table_name =' || quote_literal(tablename)
    || ' and column_name = ' || quote_literal(colname) into col_name;
  RAISE INFO ' the val : % ', col_name;
  IF (col_name IS NULL AND addcolumn) THEN
    EXECUTE 'ALTER TABLE IF EXISTS ' || tablename || ' ADD COLUMN ' || colname || ' ' || coltype;
  ELSEIF (col_name IS NOT NULL AND NOT addcolumn) THEN
    EXECUTE 'ALTER TABLE IF EXISTS ' || tablename || ' DROP COLUMN ' || colname;
  END IF;
  RETURN col_name;
END
$$ LANGUAGE plpgsql VOLATILE;
CREATE OR REPLACE FUNCTION create_index_if_not_exists(t_name text, i_name text, index_sql text,
    unq boolean default false) RETURNS void as $$
DECLARE
  full_index_name varchar;
  schema_name varchar;
  unqValue varchar;
BEGIN
  full_index_name = 'idx_' || t_name || '_' || i_name;
  schema_name = 'public';
  unqValue = '';
  IF unq THEN
    unqValue = 'UNIQUE ';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relname = full_index_name AND n.nspname = schema_name) THEN
    execute 'CREATE ' || unqValue || 'INDEX ' || full_index_name || ' ON ' || schema_name || '.' || t_name || ' ' || index_sql;
  END IF;
END
$$ LANGUAGE plpgsql VOLATILE;
SELECT add_drop_column('projects', 'owner_id', 'integer');
SELECT add_drop_column('challenges', 'deleted', 'boolean DEFAULT false NOT NULL');
SELECT add_drop_column('challenges', 'priority', 'integer DEFAULT 0');
SELECT create_index_if_not_exists('challenges', 'parent_id_name', '(parent_id, lower(name))', true);
SELECT create_index_if_not_exists('challenges', 'parent_id_name', '(parent_id, lower(name))', true);
SELECT create_index_if_not_exists('challenges', 'deleted', '(deleted)');
CREATE TABLE users (id serial PRIMARY KEY, osm_id int NOT NULL UNIQUE);
ALTER TABLE projects ADD CONSTRAINT projects_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (osm_id);
CREATE INDEX idx_challenges_id_deleted ON challenges (id, deleted);
DROP INDEX idx_challenges_deleted;
SELECT add_drop_column('challenges', 'priority', '', false);
`;

describe("fix 30: columns and indexes a kept call's EXECUTE makes from concatenated parameters (MapRoulette)", () => {
  for (const generatorVersion of [22, 23]) {
    it(`version ${generatorVersion}: later DDL naming them is read (22: as the DDL is refused without them), and they get values`, async () => {
      // Before: refused ("owner_id is not a column of public.projects", "idx_challenges_deleted is not created
      // earlier in the DDL") where PostgreSQL takes the DDL.
      const { counts, scriptText, script, archive } = await loadScriptAndArchive(db, columnsByCall, {
        rows: 40,
        seed: 2,
        generatorVersion,
      });
      expect(counts.get('public.challenges')).toBe(40);
      expect(counts.get('public.projects')).toBe(40);
      expect(scriptText).not.toMatch(/SELECT (add_drop_column|create_index_if_not_exists)\(/);
      for (const target of [script, archive]) {
        const columns = await target.query<{ table_name: string; column_name: string }>(
          `SELECT table_name, column_name FROM information_schema.columns
            WHERE table_name IN ('projects', 'challenges') ORDER BY 1, ordinal_position`,
        );
        expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual([
          'challenges.id',
          'challenges.name',
          'challenges.parent_id',
          'challenges.deleted',
          'projects.id',
          'projects.name',
          'projects.owner_id',
        ]);
        const indexes = await target.query<{ indexname: string; indexdef: string }>(
          "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'challenges' AND indexname LIKE 'idx_%' ORDER BY 1",
        );
        expect(indexes.map((i) => i.indexname)).toEqual([
          'idx_challenges_id_deleted',
          'idx_challenges_parent_id_name',
        ]);
        expect(indexes[1]?.indexdef).toContain('CREATE UNIQUE INDEX');
        // The added columns hold generated values: owner ids point at users, deleted is both ways.
        const [row] = await target.query<{ owners: number; deleted: number }>(
          `SELECT (SELECT count(DISTINCT owner_id)::int FROM projects) AS owners,
                  (SELECT count(DISTINCT deleted)::int FROM challenges) AS deleted`,
        );
        expect(row?.owners).toBeGreaterThan(1);
        expect(row?.deleted).toBe(2);
      }
    });
  }
});

describe('fix 30: a unique key over an array of a type without btree comparison (json[], point[])', () => {
  const ddl = `CREATE TYPE pin AS (at point, label text);
CREATE TABLE doc (id int PRIMARY KEY, tags json[] UNIQUE, body text);
CREATE TABLE doc_note (id int PRIMARY KEY, doc_id int NOT NULL REFERENCES doc (id));
CREATE TABLE place (id int PRIMARY KEY, pins pin[] NOT NULL);
CREATE UNIQUE INDEX place_pins ON place (pins);
CREATE TABLE other (id int PRIMARY KEY, data jsonb[] UNIQUE);
`;

  it('the server takes the DDL and fails the key once two rows hold values', async () => {
    await db.query('CREATE TABLE server_doc (id int PRIMARY KEY, tags json[])');
    await db.query(`INSERT INTO server_doc VALUES (1, ARRAY['{"a":1}'::json]), (2, ARRAY['{"b":2}'::json])`);
    await expect(
      db.query('ALTER TABLE server_doc ADD CONSTRAINT server_doc_tags UNIQUE (tags)'),
    ).rejects.toThrow('could not identify a comparison function for type json');
  });

  it('such a table gets no rows, warned with the column and the fix; its children follow; the rest load', async () => {
    // Before: exit 0, and the load stopped at ADD CONSTRAINT doc_tags_key (and place_pins) after the data.
    const { counts, warnings, script, archive } = await loadScriptAndArchive(db, ddl, { rows: 25, seed: 3 });
    expect(counts.get('public.doc')).toBe(0);
    expect(counts.get('public.doc_note')).toBe(0);
    expect(counts.get('public.place')).toBe(0);
    expect(counts.get('public.other')).toBe(25);
    expect(warnings.find((w) => w.startsWith('public.doc gets no rows'))).toContain(
      'public.doc.tags is in UNIQUE doc_tags_key, and its values hold json, which has no btree comparison',
    );
    expect(warnings.find((w) => w.startsWith('public.place gets no rows'))).toContain(
      'is in unique index place_pins, and its values hold point',
    );
    for (const target of [script, archive]) {
      const keys = await target.query<{ name: string }>(
        "SELECT conname AS name FROM pg_constraint WHERE conname = 'doc_tags_key' UNION ALL SELECT indexname FROM pg_indexes WHERE indexname = 'place_pins'",
      );
      expect(keys.map((k) => k.name).sort()).toEqual(['doc_tags_key', 'place_pins']);
    }
  });
});

describe('fix 30: CREATE OR REPLACE VIEW that changes a column type of the view', () => {
  it('refused like the server where both queries are typed; the same types with a new column, a cast back and a placeholder view load', async () => {
    await refusedLikeServer(
      db,
      'CREATE TABLE t (id int, name varchar(20));\nCREATE VIEW v AS SELECT id, name FROM t;\nCREATE OR REPLACE VIEW v AS SELECT id::bigint AS id, name FROM t;\n',
      /test\.sql:3:1: CREATE OR REPLACE VIEW public\.v: PostgreSQL refuses it \("cannot change data type of view column "id" from integer to bigint"\); cast it back in the query/,
      'cannot change data type of view column "id" from integer to bigint',
    );
    const ddl =
      'CREATE TABLE t (id int, name varchar(20));\nCREATE VIEW v AS SELECT id, name FROM t;\n' +
      'CREATE OR REPLACE VIEW v AS SELECT (id + 1)::integer AS id, name, 1 AS extra FROM t;\n' +
      'CREATE VIEW w AS SELECT NULL::integer AS id, NULL::character varying(20) AS name;\n' +
      'CREATE OR REPLACE VIEW w AS SELECT id, name FROM t;\n';
    expect(await loadedRows(db, ddl)).toBe(20);
  });
});

describe('fix 30: AddGeometryColumn with use_typmod => false, DropGeometryColumn', () => {
  it('from version 23 (at 22 where the DDL is refused without them): a bare geometry column with the enforce_* CHECKs PostGIS adds, its values meeting them; a dropped column gone', async () => {
    // Before: refused ("geom is not a column of public.roads") where PostgreSQL with PostGIS takes the DDL.
    const ddl = `CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE roads (id int PRIMARY KEY, name text);
SELECT AddGeometryColumn('roads', 'geom', 4326, 'LINESTRING', 2, false);
CREATE INDEX roads_geom ON roads USING gist (geom);
CREATE TABLE old (id int PRIMARY KEY);
SELECT AddGeometryColumn('old', 'g', 4326, 'POINT', 2);
SELECT DropGeometryColumn('old', 'g');
`;
    for (const generatorVersion of [22, 23]) {
      const { counts, script, archive } = await loadScriptAndArchive(db, ddl, {
        rows: 15,
        seed: 5,
        generatorVersion,
      });
      expect(counts.get('public.roads')).toBe(15);
      for (const target of [script, archive]) {
        const checks = await target.query<{ conname: string }>(
          "SELECT conname FROM pg_constraint WHERE conrelid = 'public.roads'::regclass AND contype = 'c' ORDER BY 1",
        );
        expect(checks.map((c) => c.conname)).toEqual([
          'enforce_dims_geom',
          'enforce_geotype_geom',
          'enforce_srid_geom',
        ]);
        const [row] = await target.query<{ filled: number; srid: number; kind: string }>(
          'SELECT count(geom)::int AS filled, min(st_srid(geom)) AS srid, min(geometrytype(geom)) AS kind FROM public.roads',
        );
        expect(row?.filled).toBeGreaterThan(0);
        expect({ srid: row?.srid, kind: row?.kind }).toEqual({ srid: 4326, kind: 'LINESTRING' });
        const old = await target.query(
          "SELECT 1 FROM information_schema.columns WHERE table_name = 'old' AND column_name = 'g'",
        );
        expect(old).toEqual([]);
      }
    }
  });
});
