/**
 * CHECK shapes the planner compiles (comparisons between columns, text order,
 * negations, OR, regular expressions, LIKE, now()-relative ranges): generated
 * through the library and loaded into the real server with every CHECK in
 * place, the values spread over what each CHECK allows. Functions, casts and
 * the per-row fallback: check-shapes-functions.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { count, distinctCount, generateAndLoad } from './check-fixture.js';

const ROWS = 3000;
const db = useTestDatabase('checks');
const distinct = (sql: string) => distinctCount(db, sql);

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
});
