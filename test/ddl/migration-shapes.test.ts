/**
 * DDL shapes of real applications' migration histories (Ory Hydra, crates.io,
 * Lemmy, Authelia), each reduced to a minimal file: names and keys as later
 * migrations find them, and what a drop takes with it. Generated through the
 * library, loaded as a script with ON_ERROR_STOP and restored from a custom
 * archive with pg_restore --exit-on-error, every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('migrations');

/** 40 rows per table as a script and as a custom archive, both loaded. */
const loadBoth = (ddl: string) => loadScriptAndArchive(db, ddl, { rows: 40, seed: 9 });

describe('DDL shapes of application migration histories: names, keys and what drops take', () => {
  it('a dropped primary key frees its name: the next unnamed ADD PRIMARY KEY is t_pkey again (Ory Hydra)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE hc (id varchar(255) NOT NULL PRIMARY KEY, x int);
      ALTER TABLE hc DROP CONSTRAINT hc_pkey;
      ALTER TABLE hc ADD pk SERIAL;
      ALTER TABLE hc ADD PRIMARY KEY (pk);
      ALTER TABLE hc RENAME pk TO pk_deprecated;
      ALTER TABLE hc ADD COLUMN pk uuid;
      ALTER TABLE hc DROP CONSTRAINT hc_pkey;
      ALTER TABLE hc ADD PRIMARY KEY (pk);
      CREATE UNIQUE INDEX hc_u ON hc (id);
      DROP INDEX hc_u;
      CREATE UNIQUE INDEX ON hc (id);`);
    expect(counts.get('public.hc')).toBe(40);
    const keys = await script.query<{ conname: string; def: string }>(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'hc'::regclass`,
    );
    expect(keys).toEqual([{ conname: 'hc_pkey', def: 'PRIMARY KEY (pk)' }]);
  });

  it('an unnamed expression index is named as PostgreSQL names it, so a later DROP INDEX finds it (crates.io)', async () => {
    const { counts } = await loadBoth(`
      CREATE FUNCTION canon(text) RETURNS text AS $$ SELECT lower($1) $$ LANGUAGE sql IMMUTABLE;
      CREATE TABLE r (id serial PRIMARY KEY, name text NOT NULL, data jsonb, a int, b int);
      CREATE UNIQUE INDEX ON r (canon(name));
      CREATE INDEX ON r (lower(name), ((data->>'k')::int));
      CREATE INDEX ON r ((a + b));
      CREATE INDEX ON r ((name::varchar), (coalesce(a, 0)), (CASE WHEN a > 0 THEN b END));
      DROP INDEX r_canon_idx;
      DROP INDEX r_lower_int4_idx;
      DROP INDEX r_expr_idx;
      DROP INDEX r_name_coalesce_case_idx;`);
    expect(counts.get('public.r')).toBe(40);
  });

  it('ADD CONSTRAINT ... PRIMARY KEY / UNIQUE USING INDEX is written over the index columns, as pg_dump does (crates.io)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE vd (id serial, version_id int NOT NULL, date date NOT NULL, n int);
      CREATE UNIQUE INDEX vd_unique ON vd (version_id, date);
      CREATE UNIQUE INDEX vd_n ON vd (n) NULLS NOT DISTINCT;
      ALTER TABLE vd
        DROP CONSTRAINT IF EXISTS vd_pkey,
        ADD CONSTRAINT vd_pkey PRIMARY KEY USING INDEX vd_unique;
      ALTER TABLE ONLY public.vd ADD CONSTRAINT vd_n_key UNIQUE USING INDEX vd_n;`);
    expect(counts.get('public.vd')).toBe(40);
    const keys = await script.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'vd'::regclass ORDER BY conname`,
    );
    expect(keys.map((k) => k.def)).toEqual([
      'UNIQUE NULLS NOT DISTINCT (n)',
      'PRIMARY KEY (version_id, date)',
    ]);
  });

  it('ALTER CONSTRAINT on a foreign key goes into the FK written post-data (Lemmy)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE p (id serial PRIMARY KEY);
      CREATE TABLE c (id serial PRIMARY KEY, p_id int NOT NULL REFERENCES p);
      CREATE TABLE d (id serial PRIMARY KEY, p_id int);
      ALTER TABLE d ADD CONSTRAINT d_p_fkey FOREIGN KEY (p_id) REFERENCES p DEFERRABLE;
      ALTER TABLE c
          ALTER CONSTRAINT c_p_id_fkey INITIALLY DEFERRED;
      ALTER TABLE d ALTER CONSTRAINT d_p_fkey NOT DEFERRABLE, ADD COLUMN x int;`);
    expect(counts.get('public.c')).toBe(40);
    const fks = await script.query<{ conname: string; condeferrable: boolean; condeferred: boolean }>(
      `SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE contype = 'f' ORDER BY conname`,
    );
    expect(fks).toEqual([
      { conname: 'c_p_id_fkey', condeferrable: true, condeferred: true },
      { conname: 'd_p_fkey', condeferrable: false, condeferred: false },
    ]);
  });

  it('DROP INDEX ... CASCADE and DROP CONSTRAINT ... CASCADE drop the foreign keys over that key (Ory Hydra)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE hc (id varchar(255) NOT NULL, nid uuid, pk serial PRIMARY KEY);
      CREATE UNIQUE INDEX hc_id_uq ON hc (id);
      CREATE TABLE s (subject text PRIMARY KEY, client_id varchar(255) NOT NULL, nid uuid);
      ALTER TABLE s ADD CONSTRAINT s_client_id_fk FOREIGN KEY (client_id) REFERENCES hc(id) ON DELETE CASCADE;
      DROP INDEX hc_id_uq CASCADE;
      CREATE UNIQUE INDEX hc_id_uq ON hc (id ASC, nid ASC);
      ALTER TABLE s ADD CONSTRAINT s_client_id_fk FOREIGN KEY (client_id, nid) REFERENCES hc(id, nid);
      CREATE TABLE p (id int PRIMARY KEY, code text CONSTRAINT p_code_key UNIQUE);
      CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, code text REFERENCES p (code));
      ALTER TABLE p DROP CONSTRAINT p_pkey CASCADE;
      ALTER TABLE p DROP CONSTRAINT p_code_key CASCADE;
      ALTER TABLE p ADD PRIMARY KEY (code);`);
    expect(counts.get('public.s')).toBe(40);
    expect(counts.get('public.c')).toBe(40);
    const fks = await script.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f'`,
    );
    expect(fks).toEqual([{ def: 'FOREIGN KEY (client_id, nid) REFERENCES hc(id, nid)' }]);
  });

  it('DROP MATERIALIZED VIEW takes its indexes with it: the view re-created with the same index loads (crates.io)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE d (crate_id int NOT NULL, n int NOT NULL);
      CREATE MATERIALIZED VIEW rd (crate_id, downloads) AS SELECT crate_id, sum(n) FROM d GROUP BY crate_id;
      CREATE UNIQUE INDEX rd_crate_id ON rd (crate_id);
      DROP MATERIALIZED VIEW rd;
      CREATE MATERIALIZED VIEW rd (crate_id, downloads) AS SELECT crate_id, sum(n) + 1 FROM d GROUP BY crate_id;
      CREATE UNIQUE INDEX rd_crate_id ON rd (crate_id);`);
    expect(counts.get('public.d')).toBe(40);
    const indexes = await script.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'rd'`,
    );
    expect(indexes).toEqual([{ n: '1' }]);
  });

  it('two constraints added by one ALTER TABLE are dropped or renamed one by one later (Authelia)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE u (identifier char(36) PRIMARY KEY);
      CREATE TABLE pre (id serial PRIMARY KEY);
      CREATE TABLE cs (id serial PRIMARY KEY, subject char(36), preconfiguration int);
      ALTER TABLE cs
          ADD CONSTRAINT cs_subject_fkey FOREIGN KEY (subject) REFERENCES u (identifier),
          ADD CONSTRAINT cs_pre_fkey FOREIGN KEY (preconfiguration) REFERENCES pre (id) ON DELETE CASCADE;
      ALTER TABLE cs
          DROP CONSTRAINT cs_subject_fkey,
          DROP CONSTRAINT cs_pre_fkey;
      ALTER TABLE cs ADD CONSTRAINT cs_subject_fkey FOREIGN KEY (subject) REFERENCES u (identifier),
          ADD CONSTRAINT cs_u UNIQUE (subject, preconfiguration);
      ALTER TABLE cs RENAME CONSTRAINT cs_u TO cs_subject_pre_key;`);
    expect(counts.get('public.cs')).toBe(40);
    const names = await script.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'cs'::regclass ORDER BY conname`,
    );
    expect(names.map((n) => n.conname)).toEqual(['cs_pkey', 'cs_subject_fkey', 'cs_subject_pre_key']);
  });

  it('ALTER SEQUENCE ... RENAME TO: the sequence set after the data is the renamed one (Lemmy)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE user_ (id serial PRIMARY KEY, name text NOT NULL);
      ALTER TABLE user_ RENAME TO person;
      ALTER SEQUENCE user__id_seq RENAME TO person_id_seq;`);
    expect(counts.get('public.person')).toBe(40);
    const next = await script.query<{ n: string }>(`SELECT nextval('person_id_seq') AS n`);
    expect(next).toEqual([{ n: '41' }]);
  });
});
