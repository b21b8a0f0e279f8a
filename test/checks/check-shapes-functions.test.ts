/**
 * CHECKs over functions and casts (jsonb_typeof, array_length and
 * cardinality, num_nonnulls and num_nulls, casts, domain CHECKs), the per-row
 * fallback for CHECKs beyond the compiler, and user functions datagen cannot
 * inline (warned once per function): generated through the library and loaded
 * into the real server with every CHECK in place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { count, distinctCount, generateAndLoad } from './check-fixture.js';

const ROWS = 3000;
const db = useTestDatabase('checks');
const distinct = (sql: string) => distinctCount(db, sql);

describe('CHECK shapes over functions and casts hold for every generated row on the real server', () => {
  test('jsonb_typeof / json_typeof: object, array, string, number', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE json_shapes (
        doc jsonb NOT NULL CHECK (jsonb_typeof(doc) = 'object'),
        list jsonb NOT NULL CHECK (jsonb_typeof(list) = 'array'),
        label json NOT NULL CHECK (json_typeof(label) = 'string'),
        score jsonb CHECK (jsonb_typeof(score) IN ('number', 'string'))
      );`,
    );
    expect(await count(db, "SELECT count(*) AS n FROM json_shapes WHERE jsonb_typeof(list) = 'array'")).toBe(
      ROWS,
    );
    expect(await distinct('SELECT jsonb_typeof(score) FROM json_shapes WHERE score IS NOT NULL')).toBe(2);
  });

  test('array_length / cardinality bounds', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE array_shapes (
        tags text[] NOT NULL CHECK (array_length(tags, 1) BETWEEN 2 AND 4),
        scores int[] NOT NULL CHECK (cardinality(scores) = 3),
        extra int[] CHECK (cardinality(extra) <= 2)
      );`,
    );
    expect(await count(db, 'SELECT count(*) AS n FROM array_shapes WHERE cardinality(scores) = 3')).toBe(
      ROWS,
    );
    expect(await distinct('SELECT array_length(tags, 1) FROM array_shapes')).toBe(3);
  });

  test('num_nonnulls(...) = 1 and num_nulls: exactly one of several columns set, each one chosen', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE owner_user (id int PRIMARY KEY);
       CREATE TABLE owner_team (id int PRIMARY KEY);
       CREATE TABLE nonnull_shapes (
        id int PRIMARY KEY,
        user_id int REFERENCES owner_user, team_id int REFERENCES owner_team, email text,
        x int, y int,
        CHECK (num_nonnulls(user_id, team_id, email) = 1),
        CHECK (num_nulls(x, y) >= 1)
      );`,
    );
    expect(
      await count(
        db,
        'SELECT count(*) AS n FROM nonnull_shapes WHERE num_nonnulls(user_id, team_id, email) = 1',
      ),
    ).toBe(ROWS);
    for (const c of ['user_id', 'team_id', 'email']) {
      expect(
        await count(db, `SELECT count(*) AS n FROM nonnull_shapes WHERE ${c} IS NOT NULL`),
      ).toBeGreaterThan(ROWS * 0.2);
    }
  });

  test('casts around columns and constants; domain CHECKs through the same compiler', async () => {
    await generateAndLoad(
      db,
      `CREATE DOMAIN us_zip AS text CHECK (VALUE ~ '^\\d{5}(-\\d{4})?$');
       CREATE DOMAIN positive_or_null AS int CHECK (VALUE IS NULL OR VALUE > 0);
       CREATE TABLE cast_shapes (
        name varchar(30) NOT NULL CHECK ((name)::text = lower((name)::text) AND length((name)::text) >= 3),
        day date NOT NULL CHECK (day >= '2020-01-01'::date AND (day)::text < '2029'),
        zip us_zip NOT NULL,
        n positive_or_null
      );`,
    );
    expect(await count(db, 'SELECT count(*) AS n FROM cast_shapes')).toBe(ROWS);
    expect(await count(db, 'SELECT count(*) AS n FROM cast_shapes WHERE n > 0')).toBeGreaterThan(ROWS * 0.2);
  });

  test('fallback: CHECKs beyond the compiler are evaluated per row and rows regenerated until they pass', async () => {
    const result = await generateAndLoad(
      db,
      `CREATE TABLE eval_shapes (
        a int NOT NULL CHECK (a BETWEEN 0 AND 1000), b int NOT NULL CHECK (b BETWEEN 0 AND 1000),
        x int CHECK (x BETWEEN 0 AND 60), y int NOT NULL CHECK (y BETWEEN 0 AND 60),
        s text NOT NULL CHECK (s BETWEEN 'a' AND 'z'),
        CHECK ((a + b) % 7 <> 3),
        CHECK (coalesce(x, 0) + y < 100),
        CHECK (CASE WHEN a > 500 THEN b < 900 ELSE true END),
        CHECK (upper(substr(s, 1, 1)) <> 'Q')
      );`,
    );
    expect(result.warnings.filter((w) => w.code === 'CHECK_NOT_COMPILED')).toEqual([]);
    expect(await count(db, 'SELECT count(*) AS n FROM eval_shapes')).toBe(ROWS);
    expect(await distinct('SELECT (a + b) % 7 FROM eval_shapes')).toBe(6);
  });

  test('a CHECK calling a user function datagen cannot inline: a plan-time warning naming it and what to do', async () => {
    const result = await generateAndLoad(
      db,
      `CREATE FUNCTION is_even(n int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
         'BEGIN FOR i IN 1..2 LOOP IF n IS NULL THEN RETURN true; END IF; END LOOP; RETURN n % 2 = 0; END';
       CREATE TABLE func_shapes (
        n int NOT NULL,
        CONSTRAINT n_is_ok CHECK (is_even(n))
      );`,
      { rows: 10 },
    );
    const warning = result.warnings.find((w) => w.code === 'CHECK_NOT_COMPILED');
    expect(warning?.message).toContain('n_is_ok');
    expect(warning?.message).toContain('is_even(n)');
    expect(warning?.message).toContain('datagen plan');
  });

  test('one function many CHECKs call (MusicBrainz): one warning with the count, not one per CHECK', async () => {
    const dir = tempDir('datagen-checks-');
    writeFileSync(
      join(dir, 'schema.sql'),
      [
        // Defined in the DDL, as MusicBrainz defines its own (an undefined one is refused, as the server does).
        'CREATE FUNCTION external_ok(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ DECLARE n int; BEGIN SELECT count(*) INTO n FROM pg_class WHERE relname = t; RETURN n = 0; END $$;',
        ...['a', 'b', 'c', 'd'].map(
          (t) =>
            `CREATE TABLE ${t} (name text CHECK (external_ok(name)), alias text CHECK (external_ok(alias)));`,
        ),
      ].join('\n'),
    );
    const { warnings } = await generate({
      schema: [join(dir, 'schema.sql')],
      output: join(dir, 'out.sql'),
      defaultRows: 5,
    });
    const grouped = warnings.filter((w) => w.code === 'CHECK_NOT_COMPILED');
    expect(grouped).toHaveLength(1);
    expect(grouped[0]?.message).toMatch(
      /^8 CHECKs on 4 tables cannot be read by datagen \(function external_ok\(\)\): CHECK a_name_check/,
    );
  });
});
