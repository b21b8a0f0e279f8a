import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { count, generateAndLoad } from './check-fixture.js';

const ROWS = 3000;
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('checks');
});
afterAll(async () => {
  await db.close();
});

async function distinct(sql: string): Promise<number> {
  return count(db, `SELECT count(DISTINCT v) AS n FROM (${sql}) s(v)`);
}

describe('CHECK shapes hold for every generated row on the real server', () => {
  test('comparisons between columns: dates, timestamps, numbers, chains, times, floats', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE rel_booking (
        id serial PRIMARY KEY,
        start_date date NOT NULL, end_date date NOT NULL,
        created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
        opens time(0) NOT NULL, closes time(0) NOT NULL,
        price numeric(10,2) NOT NULL, list_price numeric(10,2) NOT NULL,
        a int NOT NULL, b int NOT NULL, c int NOT NULL,
        lo float8 NOT NULL, hi float8 NOT NULL,
        seen timestamp(3), checked timestamp(3),
        CHECK (end_date >= start_date),
        CHECK (updated_at > created_at),
        CHECK (closes > opens),
        CHECK (price <= list_price AND price > 0),
        CHECK (a < b AND b <= c),
        CHECK (lo < hi),
        CHECK (checked >= seen + interval '1 hour')
      );`,
    );
    expect(await count(db, 'SELECT count(*) AS n FROM rel_booking')).toBe(ROWS);
    // Not degenerate: the dependent columns differ from their bases in most rows, and vary.
    expect(
      await count(db, 'SELECT count(*) AS n FROM rel_booking WHERE end_date > start_date'),
    ).toBeGreaterThan(ROWS * 0.9);
    expect(await count(db, 'SELECT count(*) AS n FROM rel_booking WHERE price < list_price')).toBeGreaterThan(
      ROWS * 0.9,
    );
    expect(await distinct('SELECT end_date - start_date FROM rel_booking')).toBeGreaterThan(100);
    expect(await count(db, 'SELECT count(*) AS n FROM rel_booking WHERE b < c')).toBeGreaterThan(ROWS * 0.9);
  });

  test('text compared with text (lexicographic) and col - col <= n', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE rel_text (
        first_code varchar(12) NOT NULL, last_code varchar(12) NOT NULL,
        opened date NOT NULL, closed date NOT NULL,
        CHECK (first_code < last_code),
        CHECK (closed - opened <= 30 AND closed >= opened)
      );`,
    );
    expect(await count(db, 'SELECT count(*) AS n FROM rel_text')).toBe(ROWS);
    expect(await distinct('SELECT closed - opened FROM rel_text')).toBeGreaterThan(20);
  });

  test('IS NULL, NOT, NOT IN, <> and NOT BETWEEN', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE neg_shapes (
        legacy text CHECK (legacy IS NULL),
        status text NOT NULL CHECK (status IN ('new', 'open', 'closed', 'void') AND status NOT IN ('void')),
        qty int NOT NULL CHECK (NOT (qty > 100) AND qty >= 0 AND qty <> 50),
        temp int NOT NULL CHECK (temp NOT BETWEEN -10 AND 10 AND temp BETWEEN -50 AND 50)
      );`,
    );
    expect(await count(db, 'SELECT count(*) AS n FROM neg_shapes WHERE legacy IS NULL')).toBe(ROWS);
    expect(await distinct('SELECT status FROM neg_shapes')).toBe(3);
    expect(await count(db, 'SELECT count(*) AS n FROM neg_shapes WHERE temp < 0')).toBeGreaterThan(
      ROWS * 0.3,
    );
    expect(await count(db, 'SELECT count(*) AS n FROM neg_shapes WHERE temp > 0')).toBeGreaterThan(
      ROWS * 0.3,
    );
  });

  test('OR: a per-row choice among the branches, each branch used', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE or_shapes (
        discount numeric(5,2) CHECK (discount IS NULL OR discount > 0),
        kind text NOT NULL, amount int NOT NULL, ref text,
        CHECK ((kind = 'credit' AND amount < 0) OR (kind = 'debit' AND amount > 0)),
        CHECK (kind <> 'credit' OR ref IS NOT NULL)
      );`,
    );
    expect(await count(db, 'SELECT count(*) AS n FROM or_shapes')).toBe(ROWS);
    const credit = await count(db, "SELECT count(*) AS n FROM or_shapes WHERE kind = 'credit'");
    expect(credit).toBeGreaterThan(ROWS * 0.3);
    expect(credit).toBeLessThan(ROWS * 0.7);
    expect(await count(db, 'SELECT count(*) AS n FROM or_shapes WHERE discount IS NULL')).toBeGreaterThan(
      ROWS * 0.2,
    );
    expect(await count(db, 'SELECT count(*) AS n FROM or_shapes WHERE discount > 0')).toBeGreaterThan(
      ROWS * 0.2,
    );
  });

  test('regex ~, ~*, !~ with classes, anchors, quantifiers, groups and alternation, within varchar(n)', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE regex_shapes (
        code varchar(7) NOT NULL CHECK (code ~ '^[A-Z]{2}-\\d{4}$'),
        sku text NOT NULL CHECK (sku ~ '^(ab|cd)[0-9a-f]+(-x)?$'),
        tag varchar(6) NOT NULL CHECK (tag ~* '^[a-z]+$' AND tag !~ 'q'),
        zip char(5) NOT NULL CHECK (zip ~ '^[[:digit:]]{5}$'),
        word text CHECK (word ~ 'x' AND length(word) <= 10)
      );`,
    );
    expect(await count(db, 'SELECT count(*) AS n FROM regex_shapes')).toBe(ROWS);
    expect(await distinct('SELECT code FROM regex_shapes')).toBeGreaterThan(ROWS * 0.9);
    expect(await distinct('SELECT sku FROM regex_shapes')).toBeGreaterThan(ROWS * 0.5);
    expect(await count(db, "SELECT count(*) AS n FROM regex_shapes WHERE sku LIKE '%-x'")).toBeGreaterThan(
      100,
    );
  });

  test('LIKE prefixes, suffixes and single characters; ILIKE; SIMILAR TO', async () => {
    await generateAndLoad(
      db,
      `CREATE TABLE like_shapes (
        url text NOT NULL CHECK (url LIKE 'https://%'),
        file varchar(20) NOT NULL CHECK (file LIKE '%.csv'),
        grade char(3) NOT NULL CHECK (grade LIKE 'a_c'),
        host text NOT NULL CHECK (host ILIKE 'WWW.%' AND host NOT LIKE '%z%'),
        color text NOT NULL CHECK (color SIMILAR TO '(red|green|blue)-[0-9]{2}')
      );`,
    );
    expect(await count(db, 'SELECT count(*) AS n FROM like_shapes')).toBe(ROWS);
    expect(await distinct('SELECT file FROM like_shapes')).toBeGreaterThan(ROWS * 0.5);
    expect(await distinct("SELECT split_part(color, '-', 1) FROM like_shapes")).toBe(3);
  });

  test('now()/current_date-relative ranges at the reference time, with the future-relative warning', async () => {
    const result = await generateAndLoad(
      db,
      `CREATE TABLE now_shapes (
        birthdate date NOT NULL CHECK (birthdate <= now() - interval '18 years'),
        created_at timestamptz NOT NULL CHECK (created_at <= now()),
        expires_at timestamptz NOT NULL CHECK (expires_at > now()),
        due date NOT NULL CHECK (due >= current_date AND due < current_date + 90)
      );`,
      { referenceTime: null },
    );
    expect(await count(db, 'SELECT count(*) AS n FROM now_shapes')).toBe(ROWS);
    const adult = await count(
      db,
      `SELECT count(*) AS n FROM now_shapes WHERE birthdate <= now() - interval '18 years'`,
    );
    expect(adult).toBe(ROWS);
    expect(result.warnings.map((w) => w.code)).toContain('CHECK_FUTURE_RELATIVE');
    expect(result.warnings.map((w) => w.code)).toContain('CHECK_REFERENCE_TIME');
  });

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
