import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

let db: TestDatabase;

describe('shapes of hunt 11a', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt11ashapes');
  });
  afterAll(async () => db.close());

  it('ALTER VIEW / ALTER MATERIALIZED VIEW ... RENAME TO: a later DROP VIEW of the new name is accepted, and the indexes and REFRESH of a renamed materialized view name it by its new name (Boundary migrations)', async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE lib (id int PRIMARY KEY, name text NOT NULL);
       CREATE VIEW lib_list AS SELECT id, name FROM lib;
       ALTER VIEW lib_list RENAME TO generic_list;
       DROP VIEW generic_list;
       CREATE VIEW generic_list AS SELECT id FROM lib;
       CREATE MATERIALIZED VIEW lib_mv AS SELECT id FROM lib;
       CREATE UNIQUE INDEX lib_mv_id ON lib_mv (id);
       ALTER MATERIALIZED VIEW lib_mv RENAME TO lib_mv2;
       COMMENT ON MATERIALIZED VIEW lib_mv2 IS 'renamed';
       CREATE MATERIALIZED VIEW m3 AS SELECT name FROM lib;
       CREATE INDEX m3_name ON m3 (name);
       ALTER TABLE m3 RENAME TO m4;`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.lib')).toBe(50);
    for (const t of [target, restored]) {
      expect(await count(t, 'SELECT count(*) AS n FROM lib_mv2')).toBe(50);
      expect(await count(t, 'SELECT count(*) AS n FROM m4')).toBe(50);
      expect(
        await count(t, `SELECT count(*) AS n FROM pg_indexes WHERE indexname IN ('lib_mv_id', 'm3_name')`),
      ).toBe(2);
    }
  });
  it("a CHECK that keeps a value out of an FK column a unique key decides (<> the nil uuid, NOT IN, <> 7) is kept out of the parent's key too: the child gets its rows instead of none (Nakama's user_edge)", async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE users (id uuid PRIMARY KEY, username varchar(128) NOT NULL UNIQUE);
       CREATE TABLE user_edge (
         PRIMARY KEY (source_id, state, position),
         FOREIGN KEY (source_id) REFERENCES users (id) ON DELETE CASCADE,
         FOREIGN KEY (destination_id) REFERENCES users (id) ON DELETE CASCADE,
         source_id uuid NOT NULL CHECK (source_id <> '00000000-0000-0000-0000-000000000000'),
         position bigint NOT NULL,
         destination_id uuid NOT NULL CHECK (destination_id <> '00000000-0000-0000-0000-000000000000'),
         state smallint NOT NULL DEFAULT 0,
         UNIQUE (source_id, destination_id)
       );
       CREATE TABLE codes (code text PRIMARY KEY, n int NOT NULL);
       CREATE TABLE code_pairs (a text NOT NULL REFERENCES codes CHECK (a NOT IN ('', 'none')), b int NOT NULL, UNIQUE (a));
       CREATE TABLE nums (id int PRIMARY KEY);
       CREATE TABLE num_refs (id int PRIMARY KEY REFERENCES nums CHECK (id <> 7));`,
      { defaultRows: 300, seed: 1 },
    );
    for (const name of ['user_edge', 'code_pairs', 'num_refs'])
      expect(counts.get(`public.${name}`)).toBe(300);
    for (const t of [target, restored]) {
      expect(await count(t, 'SELECT count(*) AS n FROM nums WHERE id = 7')).toBe(0);
      expect(await count(t, `SELECT count(*) AS n FROM codes WHERE code IN ('', 'none')`)).toBe(0);
    }
  });
  it("a unique index over replace() of a column, under lower() or through an inlined SQL function (docs.rs' normalize_crate_name(name)): the column's values never hold the replaced text, so every row is distinct, instead of 1 row", async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE FUNCTION normalize_crate_name(character varying) RETURNS character varying
         LANGUAGE sql AS $_$ SELECT LOWER(REPLACE($1, '_', '-')); $_$;
       CREATE TABLE crates (id serial PRIMARY KEY, name varchar(255) NOT NULL);
       CREATE UNIQUE INDEX crates_normalized_name_idx ON crates USING btree (normalize_crate_name(name));
       CREATE TABLE tags (id serial PRIMARY KEY, code text NOT NULL);
       CREATE UNIQUE INDEX tags_code_idx ON tags (upper(replace(replace(code, '.', ''), ' ', '')));
       CREATE TABLE b (id serial PRIMARY KEY, name text NOT NULL);
       CREATE UNIQUE INDEX b_idx ON b (replace(name, '_', '-'));`,
      { defaultRows: 2000, seed: 2 },
    );
    for (const name of ['crates', 'tags', 'b']) expect(counts.get(`public.${name}`)).toBe(2000);
    for (const t of [target, restored]) {
      expect(await count(t, 'SELECT count(DISTINCT normalize_crate_name(name)) AS n FROM crates')).toBe(2000);
      expect(await count(t, `SELECT count(*) AS n FROM b WHERE name LIKE '%\\_%'`)).toBe(0);
    }
  });
  it("CREATE TABLE t AS SELECT * FROM src (or src's columns, or TABLE src) is the plain table it makes: it gets rows, and the keys and FKs a later ALTER TABLE adds are modelled (Boundary credential_vault_library, refused before: FK to a table not defined)", async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE store (public_id text PRIMARY KEY, project_id text NOT NULL);
       CREATE TABLE library (public_id text PRIMARY KEY, store_id text NOT NULL REFERENCES store (public_id),
         name varchar(40), amount numeric(10,2), tags text[], created timestamptz(3) NOT NULL DEFAULT now());
       CREATE TABLE vault_library AS SELECT * FROM library;
       ALTER TABLE vault_library ADD PRIMARY KEY (public_id), ALTER COLUMN store_id SET NOT NULL,
         ADD CONSTRAINT vault_library_store_fkey FOREIGN KEY (store_id) REFERENCES store (public_id);
       CREATE TABLE generic_library (public_id text PRIMARY KEY REFERENCES vault_library (public_id), path text NOT NULL);
       CREATE TABLE lib_names (id, label) AS SELECT public_id, name FROM library WITH NO DATA;
       CREATE TABLE lib_copy AS TABLE library;
       CREATE TABLE lib_count AS SELECT count(*) AS n FROM library;`,
      { defaultRows: 50, seed: 1 },
    );
    for (const name of ['vault_library', 'generic_library', 'lib_names', 'lib_copy'])
      expect(counts.get(`public.${name}`)).toBe(50);
    for (const t of [target, restored]) {
      expect(
        await count(
          t,
          `SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'vault_library' AND (column_name, data_type) IN (('amount', 'numeric'), ('tags', 'ARRAY'), ('created', 'timestamp with time zone'))`,
        ),
      ).toBe(3);
      expect(await count(t, 'SELECT count(*) AS n FROM lib_count')).toBe(1);
    }
  });
  it("a column an OR's branch makes equal to another (completed_count = total_count) keeps its own bound (total_count > 0): rows where the other is 0 are made again, not written to fail the load (Boundary's kms_data_key_version_destruction_job_run)", async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE run (
         id int PRIMARY KEY,
         total_count bigint NOT NULL CONSTRAINT total_count_cannot_be_negative CHECK (total_count > 0),
         completed_count bigint NOT NULL DEFAULT 0 CONSTRAINT completed_count_cannot_be_negative CHECK (completed_count >= 0),
         is_running boolean NOT NULL DEFAULT false,
         CONSTRAINT completed_count_less_than_equal_to_total_count CHECK (completed_count <= total_count),
         CONSTRAINT is_running_only_when_not_completed
           CHECK ((completed_count < total_count) OR (completed_count = total_count AND NOT is_running))
       );`,
      { defaultRows: 2000, seed: 1 },
    );
    expect(counts.get('public.run')).toBe(2000);
    for (const t of [target, restored]) {
      // Both branches of the OR are still taken.
      expect(
        await count(t, 'SELECT count(*) AS n FROM run WHERE completed_count = total_count'),
      ).toBeGreaterThan(0);
      expect(await count(t, 'SELECT count(*) AS n FROM run WHERE is_running')).toBeGreaterThan(0);
    }
  });
  it("an enum table whose CHECK IN list is all its child's CHECK IN lists gets a row per label, not 1 row with a NULL key (Boundary's session_state_enm; exit 0 with a script that failed before)", async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE session_state_enm (name text PRIMARY KEY
         CONSTRAINT only_predefined CHECK (name IN ('pending', 'active', 'canceling', 'terminated')));
       CREATE TABLE session_state (id int PRIMARY KEY, state text NOT NULL REFERENCES session_state_enm (name)
         CHECK (state IN ('pending', 'active', 'canceling', 'terminated')));`,
      { defaultRows: 300, seed: 1 },
    );
    expect(counts.get('public.session_state_enm')).toBe(4);
    expect(counts.get('public.session_state')).toBe(300);
    for (const t of [target, restored])
      expect(await count(t, 'SELECT count(DISTINCT state) AS n FROM session_state')).toBeGreaterThan(1);
  });
});
