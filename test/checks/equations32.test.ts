/**
 * Issue 8 (degrade, never sink), session 32: CHECK shapes that still left
 * tables empty, cut, or holding only `{}`. From version 25: split_part()
 * conjuncts are a pattern of delimited fields (checks/split-fields.ts),
 * `0 <= ALL (scores)` bounds an array's elements, an untyped `'{a,b}'` after
 * `<@` lists them, `extract(minute from t) IN (0, 15, 30, 45)` is a lattice
 * of those values, and `d = at::date` computes d. At every version:
 * array_position() is evaluated (`array_position(items, NULL) IS NULL`).
 * Each shape is loaded into PostgreSQL with every constraint.
 */
import { readFileSync } from 'node:fs';
import { loadModule } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryNumbers, useTestDatabase } from '../helpers/database.js';
import { outputsByWorkers } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { evaluateSql } from './check-fixture.js';

const ROWS = 300;

// evaluateSql parses with libpg-query's module.
beforeAll(async () => {
  await loadModule();
});
const V25 = { defaultRows: ROWS, seed: 32, generatorVersion: 25 } as const;

const FIELDS = `CREATE TABLE qualified (id int PRIMARY KEY, name text NOT NULL CHECK (split_part(name, '.', 2) <> ''),
  two text NOT NULL CHECK (split_part(two, '.', 2) <> '' AND split_part(two, '.', 3) = ''),
  path varchar(60) NOT NULL UNIQUE CHECK (split_part(path, '/', 3) <> '' AND split_part(path, '/', 4) = ''),
  email text NOT NULL CHECK (split_part(email, '@', 2) <> '' AND split_part(email, '@', 1) <> ''),
  subject text NOT NULL CHECK (split_part(subject, ':', 1) IN ('user', 'group') AND split_part(subject, ':', 2) <> ''),
  version text NOT NULL CHECK (version ~ '^[0-9.]+$' AND split_part(version, '.', 2) <> ''),
  tagged text CHECK (split_part(tagged, '-', 2) <> 'x' AND split_part(tagged, '-', 1) = 'kind'));
`;

describe('version 25: split_part() conjuncts are fields joined by the delimiter', () => {
  const db = useTestDatabase('fields32');

  it('every row, each column of as many fields as its CHECKs ask, readable and varied', async () => {
    const { target, result } = await loadGenerated(db, FIELDS, V25);
    const n = await queryNumbers(
      target,
      `SELECT count(*) AS n, count(DISTINCT name) AS names, count(DISTINCT two) AS twos,
        count(*) FILTER (WHERE two !~ '^[^.]+\\.[^.]+$') AS not_two, count(DISTINCT path) AS paths,
        count(*) FILTER (WHERE path !~ '^[^/]+/[^/]+/[^/]+$') AS not_three,
        count(*) FILTER (WHERE email ~ '^[^@]+@[^@]+\\.[a-z]+$') AS emails,
        count(*) FILTER (WHERE subject LIKE 'user:%') AS users, count(*) FILTER (WHERE subject LIKE 'group:%') AS groups,
        count(DISTINCT version) AS versions, count(*) FILTER (WHERE tagged LIKE 'kind%') AS kinds
       FROM qualified`,
    );
    expect(n).toMatchObject({ n: ROWS, paths: ROWS, not_two: 0, not_three: 0, emails: ROWS });
    for (const c of ['names', 'twos', 'versions']) expect(n[c], c).toBeGreaterThan(ROWS / 2);
    expect(n.users).toBeGreaterThan(100);
    expect(n.groups).toBeGreaterThan(100);
    expect(n.kinds).toBeGreaterThan(100);
    // Words joined by the delimiter, not the pattern's own characters.
    const [row] = await target.query<{ name: string }>('SELECT name FROM qualified ORDER BY id LIMIT 1');
    expect(row?.name).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(result.warnings.map((w) => w.message).filter((m) => m.includes('qualified'))).toEqual([]);
  });

  it('version 24 leaves the table empty, warned; the fields that contradict leave it empty too', async () => {
    const v24 = await loadGenerated(db, FIELDS, { ...V25, generatorVersion: 24 });
    expect(v24.counts.get('public.qualified') ?? 0).toBe(0);
    const none = await loadGenerated(
      db,
      `CREATE TABLE t (id int PRIMARY KEY, c text NOT NULL CHECK (split_part(c, '.', 3) <> '' AND split_part(c, '.', 2) = ''));`,
      V25,
    );
    expect(none.counts.get('public.t') ?? 0).toBe(0);
    expect(none.result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^public\.t\.c is NOT NULL but its CHECKs allow no value .*public\.t gets no rows/,
      ),
    );
  });
});

const ARRAYS = `CREATE TABLE held (id int PRIMARY KEY,
  items int[] NOT NULL CHECK (array_position(items, NULL) IS NULL),
  words text[] NOT NULL CHECK (array_position(words, NULL) IS NULL AND cardinality(words) >= 1));
CREATE TABLE baskets (id int PRIMARY KEY,
  xs int[] NOT NULL CHECK (0 < ALL (xs) AND 100 > ALL (xs)),
  ratings int[] NOT NULL CHECK (1 <= ALL (ratings) AND 5 >= ALL (ratings)) CHECK (cardinality(ratings) BETWEEN 1 AND 10),
  weights numeric(6,2)[] CHECK (0 <= ALL (weights) AND 10 >= ALL (weights)),
  picks int[] NOT NULL CHECK (90 < ANY (picks) AND 99 >= ALL (picks)),
  letters text[] NOT NULL CHECK (letters <@ '{a,b,c}'));
`;

describe('version 25: arrays whose elements a CHECK bounds are not only {}', () => {
  const db = useTestDatabase('arrays32');

  it('non-empty arrays whose every element meets the bounds', async () => {
    const { target } = await loadGenerated(db, ARRAYS, V25);
    const n = await queryNumbers(
      target,
      `SELECT count(*) AS n, count(*) FILTER (WHERE cardinality(xs) > 0) AS xs, count(DISTINCT xs) AS distinct_xs,
        count(*) FILTER (WHERE cardinality(ratings) > 1) AS ratings,
        count(*) FILTER (WHERE cardinality(weights) > 0) AS weights,
        count(*) FILTER (WHERE cardinality(letters) > 0) AS letters,
        (SELECT count(*) FILTER (WHERE cardinality(items) > 0) FROM held) AS items,
        (SELECT count(DISTINCT r) FROM baskets, unnest(ratings) r) AS rating_values
       FROM baskets`,
    );
    expect(n).toMatchObject({ n: ROWS, rating_values: 5 });
    for (const c of ['xs', 'ratings', 'weights', 'letters', 'items'])
      expect(n[c], c).toBeGreaterThan(ROWS / 2);
    expect(await queryNumbers(target, 'SELECT count(*) AS n FROM held')).toEqual({ n: ROWS });
    expect(n.distinct_xs).toBeGreaterThan(ROWS / 2);
  });

  it('version 24: array_position() is read (the table was empty); bounded elements stay as they were', async () => {
    const { counts } = await loadGenerated(db, ARRAYS, { ...V25, generatorVersion: 24 });
    expect(counts.get('public.held')).toBe(ROWS);
    // Bounds on every element (ratings', weights') cut it at the first row whose draws all failed.
    expect(counts.get('public.baskets') ?? 0).toBeLessThan(10);
    const xs = await loadGenerated(
      db,
      'CREATE TABLE b (id int PRIMARY KEY, xs int[] NOT NULL CHECK (0 < ALL (xs) AND 100 > ALL (xs)));',
      {
        ...V25,
        generatorVersion: 24,
      },
    );
    // Mostly the empty array, the one most draws fell back to.
    const n = await queryNumbers(
      xs.target,
      "SELECT count(*) AS n, count(*) FILTER (WHERE xs <> '{}') AS xs FROM b",
    );
    expect(n.n).toBe(ROWS);
    expect(n.xs).toBeLessThan(ROWS / 4);
  });

  it('array_position() computes what the server does', async () => {
    const cases = [
      'array_position(ARRAY[1, NULL, 3], NULL)',
      'array_position(ARRAY[1, 2, 3], NULL)',
      'array_position(ARRAY[1, 2, 3, 2], 2)',
      'array_position(ARRAY[1, 2, 3, 2], 2, 3)',
      "array_position(ARRAY['a', 'b'], 'c')",
      'array_position(NULL::int[], 1)',
    ];
    for (const sql of cases) {
      const [row] = await db.query<{ v: string | null }>(`SELECT ${sql} AS v`);
      const v = evaluateSql(sql);
      const server = row?.v ?? null;
      expect({ sql, v: v === null ? null : String(v) }).toEqual({
        sql,
        v: server === null ? null : String(server),
      });
    }
  });
});

const TIMES = `CREATE TABLE slots (id int PRIMARY KEY, starts time NOT NULL CHECK (extract(minute FROM starts) IN (0, 15, 30, 45)),
  at timestamp NOT NULL CHECK (date_part('minute', at) = ANY (ARRAY[0, 30])),
  day date NOT NULL, CHECK (at::date = day));
`;

describe('version 25: a time field among listed values, and a date computed from a timestamp', () => {
  const db = useTestDatabase('times32');

  it('every row, on the listed quarter hours, the date the timestamp’s', async () => {
    const { target } = await loadGenerated(db, TIMES, V25);
    const n = await queryNumbers(
      target,
      `SELECT count(*) AS n, count(DISTINCT extract(minute FROM starts)) AS quarters,
        count(DISTINCT extract(minute FROM at)) AS halves, count(DISTINCT day) AS days FROM slots`,
    );
    expect(n).toMatchObject({ n: ROWS, quarters: 4, halves: 2 });
    expect(n.days).toBeGreaterThan(ROWS / 2);
    const v24 = await loadGenerated(db, TIMES, { ...V25, generatorVersion: 24 });
    expect(v24.counts.get('public.slots') ?? 0).toBe(0);
  });

  it('-j 2 writes the bytes -j 1 does', async () => {
    const [one, two] = await outputsByWorkers(
      `${FIELDS}${ARRAYS}${TIMES}`,
      { ...V25, defaultRows: 2000, blockRows: 256 },
      [1, 2],
    );
    expect(readFileSync(two as string, 'utf8')).toBe(readFileSync(one as string, 'utf8'));
  });
});

const CONTAINS = `CREATE TABLE events (id int PRIMARY KEY, data jsonb NOT NULL CHECK (data @> '{"type": "event"}'),
  meta jsonb CHECK (meta @> '{"v": 2, "opts": {"on": true}}' AND meta ? 'name'),
  cfg jsonb NOT NULL CHECK (jsonb_typeof(cfg) = 'object' AND cfg @> '{"enabled": true}'::jsonb));
`;

describe('version 25: jsonb @> a constant object', () => {
  const db = useTestDatabase('contains32');

  it('every document holds its members, the rest varied (version 24: the table empty)', async () => {
    const { target } = await loadGenerated(db, CONTAINS, V25);
    const n = await queryNumbers(
      target,
      `SELECT count(*) AS n, count(DISTINCT data) AS docs, count(*) FILTER (WHERE meta @> '{"opts": {"on": true}}') AS metas,
        count(DISTINCT cfg) AS cfgs FROM events`,
    );
    expect(n.n).toBe(ROWS);
    for (const c of ['docs', 'metas', 'cfgs']) expect(n[c], c).toBeGreaterThan(ROWS / 2);
    const v24 = await loadGenerated(db, CONTAINS, { ...V25, generatorVersion: 24 });
    expect(v24.counts.get('public.events') ?? 0).toBe(0);
  });

  it('@> and <@ of JSON compute what the server does (from version 25)', async () => {
    const cases = [
      `'{"a": 1, "b": {"c": [1, 2]}}'::jsonb @> '{"b": {"c": [2]}}'`,
      `'{"a": 1}'::jsonb @> '{"a": "1"}'`,
      `'["a", "b"]'::jsonb @> '"a"'`,
      `'[["a"]]'::jsonb @> '["a"]'`,
      `'{"a": 1}'::jsonb <@ '{"a": 1, "b": 2}'`,
      `'[1, 2]'::jsonb @> '{}'`,
    ];
    for (const sql of cases) {
      const [row] = await db.query<{ v: boolean }>(`SELECT ${sql} AS v`);
      expect({ sql, v: evaluateSql(sql.replaceAll('::jsonb', '')) }).toEqual({ sql, v: row?.v });
    }
  });
});
