import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { posixToRegex } from '../../src/checks/patterns.js';
import { createValueSource } from '../../src/generate/value-source.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { createPlan } from '../../src/plan/create-plan.js';
import { describePlan } from '../../src/run/describe-plan.js';
import { quoteLiteral } from '../../src/schema/quote.js';
import { RowRandom, streamKey } from '../../src/values/random.js';
import { createRegexStringGenerator } from '../../src/values/regex-string.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { REFERENCE } from './check-fixture.js';

const SEEDS = 50;
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('checkprops');
});
afterAll(async () => {
  await db.close();
});

const PATTERNS = [
  '^[A-Z]{2}-\\d{4}$',
  '^(ab|cd|efg)+[0-9a-f]{2,5}$',
  '^\\w+@\\w+\\.(com|org)$',
  '^[^aeiou ]{3,8}$',
  'x[yz]?q*',
  '^a.c$',
  '^(\\d{3}) \\d{3}-\\d{4}$',
  '^[[:alpha:]][[:alnum:]_]{0,7}$',
  '^\\s*[+-]?\\d+(\\.\\d{1,2})?\\s*$',
];

describe('property: generated strings match their pattern', () => {
  test(`${PATTERNS.length} patterns × ${SEEDS} seeds × 20 strings match the JS RegExp; a sample matches PostgreSQL's ~`, async () => {
    const sample: { s: string; p: string }[] = [];
    for (const pattern of PATTERNS) {
      const source = posixToRegex(pattern) as string;
      const re = new RegExp(source);
      const generator = createRegexStringGenerator(source, { maxLength: 20 });
      const seen = new Set<string>();
      const rand = new RowRandom();
      for (let seed = 0; seed < SEEDS; seed++) {
        const key = streamKey(seed, pattern);
        for (let row = 0; row < 20; row++) {
          const s = generator.random(rand.at(key, row));
          expect(re.test(s), `${s} ~ ${pattern}`).toBe(true);
          expect(s.length).toBeLessThanOrEqual(20);
          seen.add(s);
          if (row === 0) sample.push({ s, p: pattern });
        }
      }
      expect(seen.size, pattern).toBeGreaterThan(15);
    }
    const values = sample.map(({ s, p }) => `(${quoteLiteral(s)}, ${quoteLiteral(p)})`).join(', ');
    const rows = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM (VALUES ${values}) v(s, p) WHERE NOT (s ~ p)`,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });
});

/** A CHECK drawn from a family of shapes with random constants. */
function randomCheck(rand: RowRandom): string {
  const a = rand.int(-50, 50);
  const b = a + rand.int(1, 100);
  const shapes = [
    `x BETWEEN ${a} AND ${b}`,
    `x NOT BETWEEN ${a} AND ${b} AND x BETWEEN ${a - 100} AND ${b + 100}`,
    `x IS NULL OR x > ${a}`,
    `(x > ${a} AND y < ${a}) OR (x < ${a} AND y > ${b})`,
    `NOT (x IN (${a}, ${b}, ${a + 1})) AND x >= ${a} AND x <= ${a + 5}`,
    `x < y AND y <= z`,
    `y >= x + ${b - a} AND y <= x + ${2 * (b - a)}`,
    `num_nonnulls(x, y, z) = ${rand.int(1, 2)}`,
    `(x + y) % ${rand.int(3, 9)} <> 0`,
    `coalesce(x, 0) + coalesce(y, 0) < ${b + 1000}`,
    `NOT (x > ${b} OR x < ${a})`,
  ];
  return rand.pick(shapes);
}

describe('property: compiled CHECKs hold for the generated rows, PostgreSQL as the judge', () => {
  test(`${SEEDS} seeds × random CHECK shapes × 200 rows`, async () => {
    const rand = new RowRandom();
    for (let seed = 0; seed < SEEDS; seed++) {
      rand.at(streamKey(seed, 'check-shape'), 0);
      const check = randomCheck(rand);
      const ddl = `CREATE TABLE p (x int, y int, z int, CONSTRAINT c CHECK (${check}));`;
      const { schema } = await parseDdl([{ file: 'p.sql', text: ddl }]);
      const plan = createPlan(schema, { defaultRows: 200, seed, referenceTime: REFERENCE });
      expect(
        plan.warnings.filter((w) => w.code.startsWith('CHECK_')),
        check,
      ).toEqual([]);
      const source = createValueSource(schema, plan);
      const columns = source.writtenColumns(0);
      const values: string[] = [];
      for (let row = 0; row < 200; row++) {
        values.push(`(${columns.map((c) => c.fn(row) ?? 'NULL').join(', ')})`);
      }
      const failing = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM (VALUES ${values.join(', ')}) v(x, y, z) WHERE NOT coalesce((${check}), true)`,
      );
      expect(Number(failing[0]?.n), `seed ${seed}: ${check}`).toBe(0);
    }
  });
});

describe('datagen plan explains how each CHECK is met', () => {
  test('relations, OR branches, num_nonnulls and evaluated CHECKs are named per column', async () => {
    const { schema } = await parseDdl([
      {
        file: 'd.sql',
        text: `CREATE TABLE stay (
          start_date date NOT NULL, end_date date NOT NULL, a int, b int, c int,
          CONSTRAINT end_after_start CHECK (end_date >= start_date),
          CONSTRAINT one_set CHECK (num_nonnulls(a, b) = 1),
          CONSTRAINT c_or CHECK (c IS NULL OR c > 0),
          CONSTRAINT odd CHECK ((a + c) % 2 = 1)
        );`,
      },
    ]);
    const description = describePlan(createPlan(schema, { defaultRows: 10, referenceTime: REFERENCE }));
    const columns = new Map(description.tables[0]?.columns.map((c) => [c.name, c.checks]));
    expect(columns.get('end_date')).toContain(
      'CHECK end_after_start end_date >= start_date: start_date + 0..365 days',
    );
    expect(columns.get('start_date')).toContain(
      'CHECK end_after_start end_date >= start_date: end_date is generated from it',
    );
    expect(columns.get('a')?.some((l) => l.startsWith('CHECK one_set num_nonnulls(a, b) = 1: per row'))).toBe(
      true,
    );
    expect(
      columns.get('c')?.some((l) => l.startsWith('CHECK c_or: per row, one branch of c IS NULL | c > 0')),
    ).toBe(true);
    expect(columns.get('c')?.some((l) => l.includes('odd') && l.includes('evaluated per row'))).toBe(true);
    expect(description.referenceTime).toBe(REFERENCE.toISOString());
  });
});
