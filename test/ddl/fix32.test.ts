/**
 * Issue 8 (fix 32), each from its minimal shape, loaded as a script (psql ON_ERROR_STOP) and a custom archive
 * (pg_restore) with every constraint: kept code read by its text was fooled. `DROP TABLE a, b` in a DO block
 * left b modelled with rows (the COPY met no table); an EXECUTE of text built from constants (`format()`,
 * `||`) was not read, so the NOT NULL column it adds failed the COPY; comments and RAISE messages were read as
 * DDL (the tables they named got no rows); a block creating a role beside an INSERT was left out as "writes
 * rows", and the GRANT to its role failed. From version 25 kept code is read with the PL/pgSQL parser.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix32');

const droppedList = `CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, note text);
DO $$ BEGIN DROP TABLE IF EXISTS a, b; END $$;
`;

/** An EXECUTE of constant text adds a NOT NULL column (format() and ||), claircore's extension block beside them. */
const constantExecutes = `DO $$
DECLARE code text;
BEGIN
  EXECUTE 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp"';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE;
  RAISE EXCEPTION USING MESSAGE = 'Please load the "uuid-ossp" extension.', ERRCODE = code;
END $$ LANGUAGE plpgsql;
CREATE TABLE t (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), name text);
CREATE TABLE u (id int PRIMARY KEY, name text);
DO $$ BEGIN EXECUTE format('ALTER TABLE %I ADD COLUMN c int NOT NULL', 't'); END $$;
DO $$ BEGIN EXECUTE 'ALTER TABLE ' || 'u' || ' ADD COLUMN c int NOT NULL CHECK (c > 0)'; END $$;
`;

/** Comments and a notice name DDL; the block only makes an index. */
const commentedBlock = `CREATE TABLE t (id int PRIMARY KEY, name text);
CREATE TABLE u (id int PRIMARY KEY, t_id int REFERENCES t);
DO $$ BEGIN
  -- ALTER TABLE t ADD COLUMN legacy int NOT NULL;  (done in 2019)
  /* DROP TABLE u; */
  RAISE NOTICE 'DROP TABLE u is not needed';
  IF current_setting('server_version_num')::int >= 100000 THEN
    CREATE INDEX IF NOT EXISTS u_t ON u (t_id);
    COMMENT ON INDEX u_t IS 'ALTER TABLE t DROP COLUMN name';
  END IF;
END $$;
`;

describe('fix 32: kept code read with the PL/pgSQL parser', () => {
  it('every table of DROP TABLE a, b in a DO block gets no rows (b was written and its COPY failed), at version 24 too', async () => {
    for (const generatorVersion of [24, 25]) {
      const { counts, warnings } = await loadScriptAndArchive(db, droppedList, {
        rows: 20,
        seed: 1,
        generatorVersion,
      });
      expect(counts.get('public.c')).toBe(20);
      expect(counts.has('public.b')).toBe(false);
      // Version 24 keeps the block opaque (warned); from 25 it is the plain DROP it runs.
      expect(warnings.some((w) => w.includes('cannot be seen by datagen'))).toBe(generatorVersion === 24);
    }
  });

  it('from version 25 an EXECUTE of constant text is its DDL: the added NOT NULL column gets values, the extension is made', async () => {
    const { counts, warnings, scriptText, script } = await loadScriptAndArchive(db, constantExecutes, {
      rows: 30,
      seed: 2,
      generatorVersion: 25,
    });
    expect(counts.get('public.t')).toBe(30);
    expect(counts.get('public.u')).toBe(30);
    expect(scriptText).toContain('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"');
    expect(scriptText).not.toMatch(/\bDO \$\$/);
    expect(warnings.filter((w) => /cannot be seen|does not create/.test(w))).toEqual([]);
    const [row] = await script.query<{ n: string }>('SELECT count(*) AS n FROM u WHERE c > 0');
    expect(Number(row?.n)).toBe(30);
  });

  it('comments, notices and strings naming DDL are no DDL: every table keeps its rows (version 24: none)', async () => {
    const v25 = await loadScriptAndArchive(db, commentedBlock, { rows: 25, seed: 3, generatorVersion: 25 });
    expect(v25.counts.get('public.t')).toBe(25);
    expect(v25.counts.get('public.u')).toBe(25);
    const v24 = await loadScriptAndArchive(db, commentedBlock, { rows: 25, seed: 3, generatorVersion: 24 });
    expect(v24.counts.get('public.t') ?? 0).toBe(0);
  });
});
