/**
 * Code the DDL defines and runs (DO blocks, functions it calls, BEGIN ATOMIC
 * bodies, functions its CHECKs call): what it makes is warned, what only
 * writes rows is left out, one-expression bodies are inlined; the output loads
 * into the real server with ON_ERROR_STOP and every constraint in place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { frontEndLoads } from '../helpers/front-end-load.js';

describe('DDL front end: code the DDL runs', () => {
  const db = useTestDatabase('frontend');
  const { load } = frontEndLoads(db);

  const MADE_BY_CODE = `
      CREATE TABLE t (id int PRIMARY KEY);
      DO $$ BEGIN EXECUTE 'CREATE TABLE hidden (id int)'; END $$;
      CREATE FUNCTION make_tables() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE made (id int); END $$;
      SELECT make_tables();`;

  it('objects made inside DO blocks or by a function the DDL calls: one warning naming the place (version 22)', async () => {
    const { counts, warnings } = await load(MADE_BY_CODE, { generatorVersion: 22 });
    expect(counts.get('public.t')).toBe(30);
    expect(counts.get('public.hidden')).toBe(0);
    expect(warnings).toEqual([
      {
        code: 'DO_BLOCK',
        message: expect.stringMatching(/^DO block at .*schema\.sql:3:7: the objects it creates/),
        where: expect.stringMatching(/schema\.sql:3:7$/),
      },
      {
        code: 'FUNCTION_CALL',
        message: expect.stringMatching(
          /^SELECT at .*schema\.sql:5:7 runs public\.make_tables\(\), defined in the DDL, which runs DDL datagen cannot see: it is written after the data/,
        ),
        where: expect.stringMatching(/schema\.sql:5:7$/),
      },
    ]);
    expect(counts.get('public.made')).toBe(0);
  });

  it("from version 23 the call is the DDL its code runs: the table it makes gets rows, the DO block's still warned", async () => {
    const { counts, warnings } = await load(MADE_BY_CODE, { generatorVersion: 24 });
    expect(counts.get('public.made')).toBe(30);
    expect(counts.get('public.hidden')).toBe(0);
    expect(warnings.map((w) => w.code)).toEqual(['DO_BLOCK']);
  });

  it("from version 25 the DO block's constant EXECUTE is the DDL it runs too: both tables get rows, nothing warned", async () => {
    const { counts, warnings } = await load(MADE_BY_CODE);
    expect(counts.get('public.made')).toBe(30);
    expect(counts.get('public.hidden')).toBe(30);
    expect(warnings).toEqual([]);
  });

  it('BEGIN ATOMIC bodies are read by statement kind: an INSERT writes rows, a string saying so does not', async () => {
    const { counts, warnings, dir } = await load(`
      CREATE TABLE log (id serial PRIMARY KEY, note text);
      CREATE FUNCTION add_note(n text) RETURNS void LANGUAGE sql BEGIN ATOMIC INSERT INTO log (note) VALUES (n); END;
      CREATE FUNCTION says() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'insert into log; delete from log'; END;
      SELECT add_note('x');
      SELECT says();`);
    expect(counts.get('public.log')).toBe(30);
    const script = readFileSync(join(dir, 'data.sql'), 'utf8');
    expect(script).not.toContain("add_note('x')");
    expect(script).toContain('says()');
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^SELECT at .*schema\.sql:5:7 runs public\.add_note\(\), defined in the DDL, which writes rows/,
      ),
      expect.stringMatching(
        /^SELECT at .*schema\.sql:6:7 runs public\.says\(\), defined in the DDL: objects it creates/,
      ),
    ]);
  });

  it('a function the DDL calls that only writes rows (icinga2 updatedbversion) is left out: its rows would collide', async () => {
    const { counts, warnings, dir } = await load(`
      CREATE TABLE dbversion (id bigserial PRIMARY KEY, name text UNIQUE, version text);
      CREATE FUNCTION updatedbversion(v text) RETURNS void AS $$
      BEGIN
        IF EXISTS (SELECT * FROM dbversion WHERE name = 'ido') THEN
          UPDATE dbversion SET version = v WHERE name = 'ido';
        ELSE
          INSERT INTO dbversion (id, name, version) VALUES ('1', 'ido', v);
        END IF;
      END $$ LANGUAGE plpgsql;
      SELECT updatedbversion('1.14.3');`);
    expect(counts.get('public.dbversion')).toBe(30);
    expect(readFileSync(join(dir, 'data.sql'), 'utf8')).not.toContain("updatedbversion('1.14.3')");
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^SELECT at .*schema\.sql:11:7 runs public\.updatedbversion\(\), defined in the DDL, which writes rows: it is left out/,
      ),
    ]);
  });

  it('CHECKs calling DDL functions whose body is one expression (MusicBrainz) are planned with the body inlined', async () => {
    const { target, counts, warnings } = await load(
      `
      CREATE FUNCTION padded_by_whitespace(TEXT) RETURNS boolean AS $$ SELECT btrim($1) <> $1; $$ LANGUAGE SQL IMMUTABLE STRICT;
      CREATE FUNCTION controlled_for_whitespace(TEXT) RETURNS boolean AS $$
        SELECT NOT padded_by_whitespace($1);
      $$ LANGUAGE SQL IMMUTABLE SET search_path = public;
      CREATE FUNCTION is_code(c text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN c ~ '^[A-Z]{3}$'; END $$;
      CREATE FUNCTION in_range(n int, lo int, hi int) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN n BETWEEN lo AND hi;
      CREATE DOMAIN short_code AS text CHECK (is_code(VALUE));
      CREATE TABLE area (id serial PRIMARY KEY, name varchar NOT NULL CHECK (controlled_for_whitespace(name)),
        code text NOT NULL UNIQUE CHECK (is_code(code)), n int NOT NULL CHECK (in_range(n, 5, 9)), alt short_code);`,
      { defaultRows: 300 },
    );
    expect(counts.get('public.area')).toBe(300);
    expect(warnings).toEqual([]);
    const [bad] = await target.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM area WHERE code !~ '^[A-Z]{3}$' OR n NOT BETWEEN 5 AND 9 OR alt !~ '^[A-Z]{3}$'",
    );
    expect(bad?.n).toBe(0);
  });
});
