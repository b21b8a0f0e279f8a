/**
 * Issue 8's degradation ladder, one minimal shape per step, each loaded into
 * the real server with every constraint in place: values constructed from
 * the constraint where datagen can (ordered pairs of a unique key), the
 * rows beyond what the constraints allow cut with the numbers, and the run
 * refused only for a row count asked for by name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { count, generateAndLoad } from './check-fixture.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('ladder');
});
afterAll(async () => db.close());

function schemaFile(ddl: string): string {
  const file = join(tempDir('datagen-ladder-'), 'schema.sql');
  writeFileSync(file, ddl);
  return file;
}

const pairTable = (name: string, check: string, a = '1 AND 10', b = '1 AND 10') =>
  `CREATE TABLE ${name} (id int PRIMARY KEY, a int NOT NULL CHECK (a BETWEEN ${a}),
     b int NOT NULL CHECK (b BETWEEN ${b}), UNIQUE (a, b), CHECK (${check}));`;

describe('UNIQUE (a, b) with a CHECK comparing a and b: the pairs that meet it, by construction', () => {
  const PAIRS = [
    { check: 'a < b', capacity: 45 },
    { check: 'a <= b', capacity: 55 },
    { check: 'a <> b', capacity: 90 },
    { check: 'a > b', capacity: 45 },
    { check: 'b >= a', capacity: 55 },
  ];

  test.each(PAIRS)('$check over 1..10: every row up to $capacity, no cut', async ({ check, capacity }) => {
    const target = await db.createSibling();
    const result = await generateAndLoad(target, pairTable('u', check), { rows: capacity });
    expect(result.warnings).toEqual([]);
    expect(await count(target, 'SELECT count(*) AS n FROM u')).toBe(capacity);
    expect(await count(target, 'SELECT count(DISTINCT (a, b)) AS n FROM u')).toBe(capacity);
  });

  test.each(PAIRS)(
    '$check over 1..10 asked for 100 rows: $capacity rows, the number in the warning',
    async ({ check, capacity }) => {
      const target = await db.createSibling();
      const result = await generateAndLoad(
        target,
        `${pairTable('u', check)} CREATE TABLE uc (id int PRIMARY KEY, u_id int NOT NULL REFERENCES u);`,
        { rows: 100 },
      );
      expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual(['ROWS_REDUCED public.u']);
      expect(result.warnings[0]?.message).toContain(`allows only ${capacity} distinct values`);
      expect(result.warnings[0]?.message).toContain(`leaves ${capacity} pairs`);
      expect(await count(target, 'SELECT count(*) AS n FROM u')).toBe(capacity);
      expect(await count(target, 'SELECT count(*) AS n FROM uc')).toBe(100);
    },
  );

  test('ranges that differ: a in 1..10, b in 5..8, a < b gives 4+4+4+4+3+2+1 = 22 pairs', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(target, pairTable('u', 'a < b', '1 AND 10', '5 AND 8'), {
      rows: 30,
    });
    expect(result.warnings[0]?.message).toContain('allows only 22 distinct values');
    expect(await count(target, 'SELECT count(*) AS n FROM u')).toBe(22);
  });

  test('a row count asked for by name beyond the pairs is refused with the numbers, nothing written', async () => {
    const file = schemaFile(pairTable('u', 'a < b'));
    const output = join(tempDir('datagen-ladder-'), 'out.sql');
    const run = generate({ schema: [file], output, tables: { u: 50 } });
    await expect(run).rejects.toThrow(DatagenError);
    await expect(run).rejects.toMatchObject({ code: ErrorCodes.UNIQUE_SPACE_TOO_SMALL });
    await expect(run).rejects.toThrow(/50 rows were requested but UNIQUE u_a_b_key \(a, b\) allows only 45/);
  });
});
