/**
 * Shapes found by hunt 24 (real schemas never tried before: crates.io's and
 * Vaultwarden's diesel histories, docs.rs, Quickwit, Gitness, pgmq, PostgREST's
 * fixtures, Graphile Starter, Travis CI, AdventureWorks, ...), each written
 * from its minimal form and loaded into the real server with every constraint
 * in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt24shapes');

describe('shapes of hunt 24 (real schemas)', () => {
  it("a DO block guarded by IF (SELECT NOT EXISTS (...)) THEN is its statements, and a composite type is no table the target must provide (pgmq's extension script)", async () => {
    // Before: 'DO block ...: the objects it creates cannot be seen by datagen', then 'the DDL uses objects it does
    // not create: schemas q; tables q.rec. The database the output is loaded into must provide them' (both untrue).
    const ddl = `DO $$
      BEGIN
        IF (SELECT NOT EXISTS( SELECT 1 FROM pg_extension WHERE extname = 'q')) THEN
          CREATE SCHEMA IF NOT EXISTS q;
        END IF;
      END $$;
      CREATE TABLE q.meta (queue_name varchar UNIQUE NOT NULL, created_at timestamptz DEFAULT now() NOT NULL);
      CREATE TYPE q.rec AS (msg_id bigint, message jsonb);
      CREATE FUNCTION q.read() RETURNS SETOF q.rec AS $f$ SELECT 1::bigint, '{}'::jsonb $f$ LANGUAGE sql;`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, { rows: 20, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'q.meta': 20 });
    expect(warnings).toEqual([]);
  });

  it('a composite type in a schema the DDL does not make is named as a type at most, never as a table', async () => {
    // Before: 'the DDL uses objects it does not create: schemas q; tables q.rec'.
    const ddl = `DO $$ BEGIN IF random() < 2 THEN CREATE SCHEMA q; END IF; END $$;
      CREATE TABLE q.meta (id int PRIMARY KEY);
      CREATE TYPE q.rec AS (a int, b text);`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, { rows: 5, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'q.meta': 5 });
    expect(warnings.filter((w) => w.includes('q.rec'))).toEqual([]);
  });

  it("a cursor a migration opens over a table (DECLARE / FETCH / MOVE / CLOSE) is left out, as queries are (Miniflux's Go migrations)", async () => {
    // Before: DECLARE ... CURSOR kept as written: as a plain script 'DECLARE CURSOR can only be used in transaction
    // blocks'; in one transaction, without its CLOSE, 'cannot ALTER TABLE "icons" because it is being used by active
    // queries in this session'.
    const ddl = `CREATE TABLE icons (id bigserial PRIMARY KEY, hash text NOT NULL);
      BEGIN;
      DECLARE id_cursor CURSOR FOR SELECT id FROM icons FOR UPDATE;
      FETCH NEXT FROM id_cursor;
      MOVE NEXT FROM id_cursor;
      COMMIT;
      ALTER TABLE icons ADD COLUMN external_id text;
      CREATE UNIQUE INDEX icons_hash ON icons (hash);`;
    const { counts, warnings, scriptText } = await loadScriptAndArchive(db, ddl, { rows: 10, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.icons': 10 });
    expect(scriptText).not.toMatch(/CURSOR|FETCH|MOVE/);
    expect(warnings.filter((w) => w.includes('cursor lasts for its transaction'))).toHaveLength(2);
  });
});
