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
import { probeRows } from '../../src/run/row-trial.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
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

describe('the NULL step: a nullable column whose evaluated CHECK still fails is written NULL, warned', () => {
  const NULLABLE = `CREATE TABLE n1 (id int PRIMARY KEY, c int CHECK ((c * 7) % 1000 = 3), d int NOT NULL);
    CREATE TABLE n3 (id int PRIMARY KEY, c text CHECK (length(c) = 3 AND upper(c) = lower(c)));`;

  test('NULL where the CHECK fails after every attempt, no row cut; the warning names schema.table.column', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(target, NULLABLE, { rows: 300 });
    expect(result.warnings.map((w) => `${w.code} ${w.where}`).sort()).toEqual([
      'COLUMN_NULL_BY_CHECK public.n1.c',
      'COLUMN_NULL_BY_CHECK public.n3.c',
    ]);
    for (const w of result.warnings) {
      // The tried rows with the column NULL (the step's and the column's own share): here every row is tried.
      const told = /written NULL in (?:every one of the (300)|(\d+) of the 300) rows tried/.exec(w.message);
      const nulled = Number(told?.[1] ?? told?.[2]);
      expect(nulled, w.message).toBeGreaterThan(0);
      const table = w.where.split('.')[1];
      expect(await count(target, `SELECT count(*) AS n FROM ${table} WHERE c IS NULL`)).toBe(nulled);
      expect(await count(target, `SELECT count(*) AS n FROM ${table}`)).toBe(300);
    }
    // Values that are written meet the CHECK (the server checked them on load).
    expect(await count(target, 'SELECT count(*) AS n FROM n1 WHERE c IS NOT NULL')).toBeGreaterThan(0);
  });

  test('NOT NULL: no NULL step, the table is cut there (the next step)', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(
      target,
      'CREATE TABLE n2 (id int PRIMARY KEY, c int NOT NULL CHECK ((c * 7) % 1000 = 3));',
      { rows: 300 },
    );
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual(['ROWS_CUT_BY_CHECK public.n2']);
  });

  test('--strict refuses the NULL step, writing nothing', async () => {
    const output = join(tempDir('datagen-ladder-'), 'out.sql');
    const run = generate({ schema: [schemaFile(NULLABLE)], output, defaultRows: 300, strict: true });
    await expect(run).rejects.toMatchObject({ code: ErrorCodes.UNSATISFIABLE });
    await expect(run).rejects.toThrow(
      /--strict: 2 constructs .*\n {2}public\.n1\.c is written NULL in \d+ of/,
    );
  });
});

describe("a row past the trial's first rows never stops the run once output has started", () => {
  const LATE = `CREATE TABLE late (id int PRIMARY KEY, x int NOT NULL, CHECK (id * 2 < 30000));
    CREATE TABLE late_c (id int PRIMARY KEY, late_id int NOT NULL REFERENCES late);`;

  test('the trial probes rows up to the last: a CHECK failing from row 14999 on cuts the table there', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(target, LATE, { rows: 20_000 });
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual(['ROWS_CUT_BY_CHECK public.late']);
    expect(result.warnings[0]?.message).toMatch(/^public\.late gets 14999 rows instead of 20000: row 14999 /);
    expect(await count(target, 'SELECT count(*) AS n FROM late')).toBe(14_999);
    expect(await count(target, 'SELECT count(*) AS n FROM late_c')).toBe(20_000);
  });

  test('a key failing a CHECK at one row between the probes (row 15000 of 20,000) is found: the table is cut there', async () => {
    // Rows 0..9999 pass, and no probe lands on row 15000: only a scan of every row's key finds it.
    const BETWEEN = `CREATE TABLE gap (id int PRIMARY KEY, x int NOT NULL, CHECK (abs(id - 15001) > 0));
      CREATE TABLE gap_c (id int PRIMARY KEY, gap_id int REFERENCES gap);`;
    expect(probeRows(20_000)).not.toContain(15_000);
    const target = await db.createSibling();
    const result = await generateAndLoad(target, BETWEEN, { rows: 20_000 });
    const cut = result.warnings.filter((w) => w.code === 'ROWS_CUT_BY_CHECK');
    expect(cut.map((w) => w.where)).toEqual(['public.gap']);
    expect(cut[0]?.message).toMatch(/^public\.gap gets 15000 rows instead of 20000: row 15000 /);
    expect(await count(target, 'SELECT count(*) AS n FROM gap')).toBe(15_000);
    expect(await count(target, 'SELECT count(*) AS n FROM gap_c')).toBe(20_000);
  });

  test('rows asked for by name are refused at the trial, before anything is written (stdout too)', async () => {
    const run = await runCliInProcess([
      'generate',
      schemaFile(LATE),
      '--rows',
      'late=20000',
      '--rows',
      'late_c=10',
      '-f',
      '-',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/public\.late: row 14999 still fails CHECK late_id_check/);
    expect(run.stdout).toBe('');
  });

  test('datagen init and --size plan with the same trial as generate', async () => {
    assertBuilt();
    const work = tempDir('datagen-ladder-');
    const init = runCli(['init', schemaFile(LATE), '--rows', '20000', '-f', '-'], { cwd: work });
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('  # public.late:\n  #   rows: 14999\n');
    expect(init.stderr).toContain('public.late gets 14999 rows instead of 20000');
    // In-process (its status and warnings are the subject); init stays a process for its working directory.
    const sized = await runCliInProcess([
      'generate',
      schemaFile(LATE),
      '--size',
      '2MB',
      '-f',
      join(work, 'sized.sql'),
    ]);
    expect(sized.status, sized.stderr).toBe(0);
    // The sizing samples and the run cut the table as a default count would be, instead of refusing it.
    expect(sized.stderr).toMatch(/public\.late gets 14999 rows instead of \d+: row 14999 /);
  });
});

describe('refusals that are degradations: a pattern longer than the column allows', () => {
  test('nullable: the column NULL in every row, warned; UNIQUE too (NULLs are distinct)', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(
      target,
      `CREATE TABLE p1 (id int PRIMARY KEY, c varchar(3) CHECK (c ~ '^[A-Z]{5}$'), d int);
       CREATE TABLE p2 (id int PRIMARY KEY, c varchar(3) UNIQUE CHECK (c ~ '^[A-Z]{5}$'));`,
      { rows: 50 },
    );
    expect(result.warnings.map((w) => `${w.code} ${w.where}`).sort()).toEqual([
      'COLUMN_LEFT_NULL public.p1.c',
      'COLUMN_LEFT_NULL public.p2.c',
    ]);
    expect(result.warnings[0]?.message).toContain(
      'every match is at least 5 characters, more than the 3 allowed',
    );
    expect(result.warnings[0]?.message).not.toContain('public.p1.c: public.p1.c');
    for (const table of ['p1', 'p2']) {
      expect(await count(target, `SELECT count(*) AS n FROM ${table}`)).toBe(50);
      expect(await count(target, `SELECT count(c) AS n FROM ${table}`)).toBe(0);
    }
  });

  test('NOT NULL: the table empty, warned, its NOT NULL children too; nullable children keep their rows', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(
      target,
      `CREATE TABLE p3 (id int PRIMARY KEY, c varchar(3) NOT NULL CHECK (c ~ '^[A-Z]{5}$'));
       CREATE TABLE p3_must (id int PRIMARY KEY, p3_id int NOT NULL REFERENCES p3);
       CREATE TABLE p3_may (id int PRIMARY KEY, p3_id int REFERENCES p3);`,
      { rows: 50 },
    );
    const codes = result.warnings.map((w) => `${w.code} ${w.where}`);
    expect(codes).toContain('TABLE_LEFT_EMPTY public.p3.c');
    expect(codes).toContain('TABLE_EMPTY public.p3_must');
    expect(await count(target, 'SELECT count(*) AS n FROM p3')).toBe(0);
    expect(await count(target, 'SELECT count(*) AS n FROM p3_must')).toBe(0);
    expect(await count(target, 'SELECT count(*) AS n FROM p3_may')).toBe(50);
  });

  test('--strict keeps it an error', async () => {
    const output = join(tempDir('datagen-ladder-'), 'out.sql');
    const ddl = `CREATE TABLE p1 (id int PRIMARY KEY, c varchar(3) CHECK (c ~ '^[A-Z]{5}$'));`;
    await expect(
      generate({ schema: [schemaFile(ddl)], output, defaultRows: 50, strict: true }),
    ).rejects.toThrow(/--strict: 1 construct .*\n {2}public\.p1\.c: its CHECKs allow no value/);
  });
});

describe('interval columns: CHECK bounds met by the generator', () => {
  test('typed and untyped bounds, one side or both, negative, a field restriction, unique', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(
      target,
      `CREATE TABLE iv (id int PRIMARY KEY,
         d interval NOT NULL CHECK (d > interval '1 day' AND d < interval '1 year'),
         e interval NOT NULL CHECK (e >= '0'),
         f interval NOT NULL CHECK (f < '2 hours'),
         g interval NOT NULL CHECK (g BETWEEN '-1 day' AND '-1 hour'),
         h interval YEAR TO MONTH NOT NULL CHECK (h >= '1 year' AND h <= '3 years'),
         u interval NOT NULL UNIQUE CHECK (u > '0' AND u < '1 day'));`,
      { rows: 2000 },
    );
    // Compiled into the generator's bounds: nothing evaluated per row, nothing cut.
    expect(result.warnings).toEqual([]);
    const iv = result.plan.tables[0];
    expect(iv?.checks.verify).toEqual([]);
    expect(await count(target, 'SELECT count(*) AS n FROM iv')).toBe(2000);
    // Spread over the bounds, not piled at one end.
    expect(await count(target, "SELECT count(*) AS n FROM iv WHERE d > interval '180 days'")).toBeGreaterThan(
      500,
    );
    expect(await count(target, "SELECT count(*) AS n FROM iv WHERE d < interval '180 days'")).toBeGreaterThan(
      500,
    );
    expect(await count(target, 'SELECT count(DISTINCT h) AS n FROM iv')).toBe(25);
  });

  test('bounds that leave no interval: a nullable column NULL, warned', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(
      target,
      "CREATE TABLE iv2 (id int PRIMARY KEY, d interval CHECK (d > '2 days' AND d < '1 day'));",
      { rows: 20 },
    );
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual(['COLUMN_LEFT_NULL public.iv2.d']);
    expect(await count(target, 'SELECT count(d) AS n FROM iv2')).toBe(0);
  });
});

describe('a RANGE-partitioned table whose partition key is a foreign key', () => {
  test('rows draw parents whose keys fall in the partitions; ranges that do not join: the widest, warned', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(
      target,
      `CREATE TABLE tenants (id int PRIMARY KEY, name text);
       CREATE TABLE events (id int NOT NULL, tenant_id int NOT NULL REFERENCES tenants, PRIMARY KEY (tenant_id, id))
         PARTITION BY RANGE (tenant_id);
       CREATE TABLE events_a PARTITION OF events FOR VALUES FROM (1) TO (100);
       CREATE TABLE events_b PARTITION OF events FOR VALUES FROM (100) TO (400);
       CREATE TABLE orders (id int NOT NULL, tenant_id int NOT NULL REFERENCES tenants, PRIMARY KEY (tenant_id, id))
         PARTITION BY RANGE (tenant_id);
       CREATE TABLE orders_a PARTITION OF orders FOR VALUES FROM (1) TO (50);
       CREATE TABLE orders_b PARTITION OF orders FOR VALUES FROM (300) TO (700);`,
      { rows: 500 },
    );
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual(['PARTITION_ROUTING public.orders']);
    expect(result.warnings[0]?.message).toContain('its rows take tenant_id from 300 up to 700');
    expect(await count(target, 'SELECT count(*) AS n FROM events')).toBe(500);
    expect(await count(target, 'SELECT count(*) AS n FROM events_a')).toBeGreaterThan(0);
    expect(await count(target, 'SELECT count(*) AS n FROM events_b')).toBeGreaterThan(0);
    expect(await count(target, 'SELECT count(*) AS n FROM orders_b')).toBe(500);
    expect(await count(target, 'SELECT count(*) AS n FROM orders_a')).toBe(0);
  });
});

describe('a column with foreign keys to two parents whose keys are not integers', () => {
  test('text and uuid keys: both parents hold the shared values, the child draws from them', async () => {
    const target = await db.createSibling();
    const result = await generateAndLoad(
      target,
      `CREATE TABLE items (id text PRIMARY KEY);
       CREATE TABLE commentables (id text PRIMARY KEY);
       CREATE TABLE posts (id text PRIMARY KEY REFERENCES items REFERENCES commentables, title text);
       CREATE TABLE u_items (id uuid PRIMARY KEY);
       CREATE TABLE u_comm (id uuid PRIMARY KEY);
       CREATE TABLE u_posts (pid uuid NOT NULL REFERENCES u_items REFERENCES u_comm);`,
      { rows: 300 },
    );
    expect(result.warnings).toEqual([]);
    for (const t of ['items', 'commentables', 'posts', 'u_items', 'u_comm', 'u_posts'])
      expect(await count(target, `SELECT count(*) AS n FROM ${t}`), t).toBe(300);
    // Spread over the shared values, not one parent row.
    expect(await count(target, 'SELECT count(DISTINCT pid) AS n FROM u_posts')).toBeGreaterThan(100);
  });

  test('parents with more rows than the child: the shared values are among their keys', async () => {
    const target = await db.createSibling();
    const dir = tempDir('datagen-ladder-');
    const schema = join(dir, 'schema.sql');
    writeFileSync(
      schema,
      `CREATE TABLE a (id uuid PRIMARY KEY); CREATE TABLE b (id uuid PRIMARY KEY);
       CREATE TABLE c (x uuid REFERENCES a REFERENCES b);`,
    );
    const output = join(dir, 'out.sql');
    const result = await generate({
      schema: [schema],
      output,
      tables: { a: 2000, b: 500, c: 3000 },
      seed: 3,
    });
    target.psqlFile(output);
    expect(result.warnings).toEqual([]);
    expect(await count(target, 'SELECT count(*) AS n FROM c')).toBe(3000);
    expect(await count(target, 'SELECT count(x) AS n FROM c')).toBeGreaterThan(2000);
  });
});
