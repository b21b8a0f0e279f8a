/**
 * Generator version 7 (issue 11), measured on minimal schemas loaded into
 * the real server: a hire is a life event before its record (at or before
 * the row's creation, often years before, after an eighteenth birthday),
 * not a stage after it; a locale's postal code longer than its column is
 * its digits without the separator, or its first five, never cut; a unique
 * epoch column after the row's creation up to ten million rows (was one
 * million). Version 6, pinned, keeps what it made.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { runCli } from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

const HR = `CREATE TABLE departments (id serial PRIMARY KEY, name text NOT NULL, created_at timestamp NOT NULL);
CREATE TABLE employees (id serial PRIMARY KEY, department_id int NOT NULL REFERENCES departments(id),
  first_name text NOT NULL, birth_date date, hire_date date NOT NULL, termination_date date,
  created_at timestamptz NOT NULL, updated_at timestamptz);
CREATE TABLE staff (id serial PRIMARY KEY, hired_at timestamp NOT NULL, created_at timestamp NOT NULL);`;

const POSTAL = `CREATE TABLE a (id int PRIMARY KEY, city text, zip5 char(5) NOT NULL, postal_code varchar(7) NOT NULL,
  cep varchar(8) NOT NULL, postcode text NOT NULL);`;

let db: TestDatabase;

describe('generator version 7: a hire before its record', () => {
  let v7: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('realismv7');
    v7 = (await loadGenerated(db, HR, { defaultRows: 2000, seed: 11 })).target;
  }, 300_000);
  afterAll(async () => db.close());

  it('hire_date at or before created_at in every row, years before in many', async () => {
    expect(await count(v7, 'SELECT count(*) AS n FROM employees WHERE hire_date > created_at')).toBe(0);
    const yearsBefore = await count(
      v7,
      "SELECT count(*) AS n FROM employees WHERE hire_date < created_at - interval '2 years'",
    );
    expect(yearsBefore).toBeGreaterThan(400);
    // Some records are made on the day of the hire.
    expect(
      await count(v7, 'SELECT count(*) AS n FROM employees WHERE hire_date >= created_at::date - 1'),
    ).toBeGreaterThan(200);
    expect(await count(v7, 'SELECT count(*) AS n FROM staff WHERE hired_at > created_at')).toBe(0);
    expect(await count(v7, 'SELECT count(*) AS n FROM staff WHERE hired_at < created_at')).toBeGreaterThan(
      1000,
    );
  });

  it('a hire after an eighteenth birthday, a termination after the hire, nothing in the future', async () => {
    expect(
      await count(
        v7,
        "SELECT count(*) AS n FROM employees WHERE hire_date < birth_date + interval '18 years' AND hire_date < created_at::date - 1",
      ),
    ).toBe(0);
    expect(await count(v7, 'SELECT count(*) AS n FROM employees WHERE termination_date < hire_date')).toBe(0);
    expect(await count(v7, "SELECT count(*) AS n FROM employees WHERE hire_date >= '2026-01-01'")).toBe(0);
  });

  it('datagen plan says so', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hr.sql'), HR);
    const { plan, schema } = await planGeneration({ schema: [join(dir, 'hr.sql')], defaultRows: 10 });
    const source = (table: string, column: string) =>
      describePlan(plan, schema)
        .tables.find((t) => t.table === `public.${table}`)
        ?.columns.find((c) => c.name === column)?.source ?? '';
    expect(source('employees', 'hire_date')).toContain(
      'a life event before its record: at or before created_at in the row, up to 15 years before, 18 or more years after birth_date',
    );
    expect(source('staff', 'hired_at')).toContain('at or before created_at in the row');
  });

  it('keeps version 6 where it is pinned: the hire at or after the creation', async () => {
    const { target: v6 } = await loadGenerated(db, HR, { defaultRows: 2000, seed: 11, generatorVersion: 6 });
    expect(
      await count(v6, "SELECT count(*) AS n FROM employees WHERE hire_date < created_at - interval '1 day'"),
    ).toBe(0);
  });
});

describe('generator version 7: postal codes that fit', () => {
  beforeAll(async () => {
    db = await createTestDatabase('realismv7postal');
  });
  afterAll(async () => db.close());

  it('ja: char(5) five digits, varchar(7) seven, text the 123-4567 form', async () => {
    const { target } = await loadGenerated(db, POSTAL, { defaultRows: 500, seed: 4, locale: 'ja' });
    expect(await count(target, "SELECT count(*) AS n FROM a WHERE zip5 !~ '^[0-9]{5}$'")).toBe(0);
    expect(await count(target, "SELECT count(*) AS n FROM a WHERE postal_code !~ '^[0-9]{7}$'")).toBe(0);
    expect(await count(target, "SELECT count(*) AS n FROM a WHERE postcode !~ '^[0-9]{3}-[0-9]{4}$'")).toBe(
      0,
    );
    // The short forms are the long one's digits.
    expect(await count(target, 'SELECT count(DISTINCT zip5) AS n FROM a')).toBeGreaterThan(50);
  });

  it('pt_BR: a CEP in varchar(8) is its eight digits, in char(5) its first five', async () => {
    const { target } = await loadGenerated(db, POSTAL, { defaultRows: 500, seed: 4, locale: 'pt_BR' });
    expect(await count(target, "SELECT count(*) AS n FROM a WHERE cep !~ '^[0-9]{8}$'")).toBe(0);
    expect(await count(target, "SELECT count(*) AS n FROM a WHERE zip5 !~ '^[0-9]{5}$'")).toBe(0);
    expect(await count(target, "SELECT count(*) AS n FROM a WHERE postcode !~ '^[0-9]{5}-[0-9]{3}$'")).toBe(
      0,
    );
  });

  it('version 6, pinned, keeps the cut form it made', async () => {
    const { target } = await loadGenerated(db, POSTAL, {
      defaultRows: 200,
      seed: 4,
      locale: 'ja',
      generatorVersion: 6,
    });
    expect(await count(target, "SELECT count(*) AS n FROM a WHERE zip5 ~ '^[0-9]{3}-[0-9]$'")).toBe(200);
  });
});

const EVENTS = `CREATE TABLE events (id serial PRIMARY KEY, created_at timestamptz NOT NULL,
  ts bigint NOT NULL UNIQUE CHECK (ts > 0), sent_at int UNIQUE);`;

describe('generator version 7: unique epochs in row order past a million rows', () => {
  beforeAll(async () => {
    db = await createTestDatabase('realismv7epochs');
  });
  afterAll(async () => db.close());

  it('2,000,000 rows: the last shard loaded, every epoch at or after its row creation, unique', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'e.sql'), EVENTS);
    const args = ['generate', 'e.sql', '-r', '2000000', '-F', 'csv', '--shard', '40/40', '-f', 'out'];
    const run = runCli(args, { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const target = await db.createSibling();
    writeFileSync(
      join(dir, 'load.sql'),
      `${EVENTS}\n\\copy events FROM '${join(dir, 'out/public.events.csv')}' WITH (FORMAT csv)\n`,
    );
    target.psqlFile(join(dir, 'load.sql'));
    expect(await count(target, 'SELECT count(*) AS n FROM events')).toBe(50_000);
    const earlier = (column: string) =>
      count(target, `SELECT count(*) AS n FROM events WHERE ${column} < extract(epoch FROM created_at)`);
    expect(await earlier('ts')).toBe(0);
    expect(await earlier('sent_at')).toBe(0);
    // Within 2 × rows seconds of the creation (a bucket of n seconds, and a later event's distance for sent_at).
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM events WHERE ts > extract(epoch FROM created_at) + 4000000',
      ),
    ).toBe(0);
    // Version 6 kept the window's bijection past a million rows: many before the creation.
    const v6 = runCli([...args.slice(0, -1), 'out6', '--generator-version', '6'], { cwd: dir });
    expect(v6.status, v6.stderr).toBe(0);
    const rows = readFileSync(join(dir, 'out6/public.events.csv'), 'utf8').trim().split('\n');
    const early = rows.filter((line) => {
      const [, created, ts] = line.split(',') as [string, string, string];
      return Number(ts) < Date.parse(created.replace(' ', 'T').replace('+00', 'Z')) / 1000;
    });
    expect(early.length).toBeGreaterThan(10_000);
  }, 120_000);
});
