/**
 * Generator version 16 (issue 11), measured on minimal schemas loaded into
 * the real server: salaries inside their job's range, a job's range by its
 * level; the employees sample's department codes and managers; TPC-H's line
 * dates, flags and order statuses as its specification makes them; Quartz's
 * misfire instructions, a job queue's classes and queues, country codes where
 * a place column holds two characters. Version 15,
 * pinned, keeps what it made.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { EMPLOYEE_DEPARTMENTS } from '../helpers/employees-shape.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realismv16');
}, 300_000);
afterAll(async () => db.close());

/** Oracle's HR sample: jobs with their salary ranges, employees holding one, and a position table's own pair. */
const ORACLE_HR = `CREATE TABLE jobs (job_id varchar(10) PRIMARY KEY, job_title varchar(35) NOT NULL, min_salary numeric(6),
  max_salary numeric(6));
CREATE TABLE employees (employee_id int PRIMARY KEY, last_name varchar(25) NOT NULL, hire_date date NOT NULL,
  job_id varchar(10) NOT NULL REFERENCES jobs, salary numeric(8,2));
CREATE TABLE grades (id int PRIMARY KEY, label text NOT NULL, min_price numeric(8,2) NOT NULL, max_price numeric(8,2) NOT NULL);
CREATE TABLE offers (id int PRIMARY KEY, grade_id int NOT NULL REFERENCES grades, price numeric(8,2) NOT NULL);`;
const HR_ROWS = { jobs: 40, employees: 200, grades: 10, offers: 100 };
/** A job's level by its title's words, as a person ranks them. */
const LEVEL = `CASE WHEN job_title ~ 'President' AND job_title !~ 'Vice' THEN 6 WHEN job_title ~ 'Vice President' THEN 5
  WHEN job_title ~ 'Director' THEN 4 WHEN job_title ~ '(Manager|Lead)' THEN 3
  WHEN job_title ~ '(Engineer|Programmer|Analyst|Accountant)' THEN 2 WHEN job_title ~ '(Clerk|Assistant)' THEN 0 ELSE 1 END`;

/** Employees whose salary is outside their job's range (a NULL bound open), and employees with salary and a bound. */
async function outsideRange(target: TestDatabase) {
  const sql = `SELECT count(*) FILTER (WHERE e.salary < coalesce(j.min_salary, 0) OR e.salary > coalesce(j.max_salary, 1e9)) AS outside,
      count(*) FILTER (WHERE coalesce(j.min_salary, j.max_salary) IS NOT NULL) AS n
    FROM employees e JOIN jobs j USING (job_id) WHERE e.salary IS NOT NULL`;
  const row = (await target.query<{ outside: string; n: string }>(sql))[0];
  return { outside: Number(row?.outside), n: Number(row?.n) };
}

describe("generator version 16: salaries inside their job's range", () => {
  it("an employee's salary between its job's min_salary and max_salary; an offer's price in its grade's", async () => {
    const { target } = await loadGenerated(db, ORACLE_HR, { tables: HR_ROWS, seed: 16 });
    const range = await outsideRange(target);
    expect(range.n).toBeGreaterThan(150);
    expect(range.outside).toBe(0);
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM offers o JOIN grades g ON g.id = o.grade_id WHERE o.price NOT BETWEEN g.min_price AND g.max_price',
      ),
    ).toBe(0);
    // Version 15 drew them apart: most salaries outside their job's range.
    const old = await loadGenerated(db, ORACLE_HR, { tables: HR_ROWS, seed: 16, generatorVersion: 15 });
    const before = await outsideRange(old.target);
    expect(before.outside).toBeGreaterThan(before.n / 3);
  });

  it("a job's range by its level: a President's above a Director's above a Manager's above a Clerk's", async () => {
    const { target } = await loadGenerated(db, ORACLE_HR, { tables: HR_ROWS, seed: 16 });
    // Every pair of jobs two levels apart ranked as their titles say; max 1.5 to 2.2 times min.
    const inverted = `SELECT count(*) AS n FROM jobs a JOIN jobs b ON ${LEVEL.replaceAll('job_title', 'a.job_title')}
      >= ${LEVEL.replaceAll('job_title', 'b.job_title')} + 2 WHERE a.min_salary <= b.min_salary`;
    expect(await count(target, inverted)).toBe(0);
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM jobs a JOIN jobs b ON true WHERE a.min_salary < b.min_salary',
      ),
    ).toBeGreaterThan(100);
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM jobs WHERE max_salary < 1.5 * min_salary - 500 OR max_salary > 2.2 * min_salary + 500',
      ),
    ).toBe(0);
    const old = await loadGenerated(db, ORACLE_HR, { tables: HR_ROWS, seed: 16, generatorVersion: 15 });
    expect(await count(old.target, inverted)).toBeGreaterThan(20);
  });

  it('datagen plan names the level and the range', async () => {
    const file = join(tempDir(), 'schema.sql');
    writeFileSync(file, ORACLE_HR);
    const { plan, schema } = await planGeneration({ schema: [file], tables: HR_ROWS });
    const source = (table: string, column: string) =>
      describePlan(plan, schema)
        .tables.find((t) => t.table === `public.${table}`)
        ?.columns.find((c) => c.name === column)?.source;
    expect(source('jobs', 'min_salary')).toContain("by the job's level in job_title");
    expect(source('jobs', 'max_salary')).toContain('1.5 to 2.2 times the lower bound');
    expect(source('employees', 'salary')).toContain(
      'inside public.jobs.min_salary..max_salary of the row it leads to',
    );
  });
});

const EMPLOYEES_ROWS = { employees: 1500, departments: 9, dept_manager: 24, dept_emp: 2400 };

describe('generator version 16: the employees sample', () => {
  it('departments d001..d009, a manager hired before managing, no department period of no days', async () => {
    const { target } = await loadGenerated(db, EMPLOYEE_DEPARTMENTS, { tables: EMPLOYEES_ROWS, seed: 16 });
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await count(target, "SELECT count(*) AS n FROM departments WHERE dept_no ~ '^d00[1-9]$'")).toBe(9);
    expect(await rows("dept_emp WHERE dept_no !~ '^d00[1-9]$'")).toBe(0);
    const hiredAfter = 'dept_manager m JOIN employees e USING (emp_no) WHERE e.hire_date > m.from_date';
    expect(await rows(hiredAfter)).toBe(0);
    expect(await rows('dept_emp WHERE to_date <= from_date')).toBe(0);
    expect(await rows('dept_manager WHERE to_date <= from_date')).toBe(0);
    // Version 15: codes of letters and digits, managers managing before their hire.
    const old = await loadGenerated(db, EMPLOYEE_DEPARTMENTS, {
      tables: EMPLOYEES_ROWS,
      seed: 16,
      generatorVersion: 15,
    });
    expect(
      await count(old.target, "SELECT count(*) AS n FROM departments WHERE dept_no ~ '^d[0-9]{3}$'"),
    ).toBe(0);
    expect(await count(old.target, `SELECT count(*) AS n FROM ${hiredAfter}`)).toBeGreaterThan(12);
  });

  it("datagen plan says a manager's period starts on or after the hire", async () => {
    const file = join(tempDir(), 'schema.sql');
    writeFileSync(file, EMPLOYEE_DEPARTMENTS);
    const { plan, schema } = await planGeneration({ schema: [file], tables: EMPLOYEES_ROWS });
    const from = describePlan(plan, schema)
      .tables.find((t) => t.table === 'public.dept_manager')
      ?.columns.find((c) => c.name === 'from_date')?.source;
    expect(from).toContain("each on or after its public.employees row's hire_date");
  });
});

/** The TPC-H template as shipped (its CHECKs list the flags' values). */
const TPCH = readFileSync(new URL('../../templates/tpch.sql', import.meta.url), 'utf8');
const TPCH_ROWS = { orders: 400, lineitem: 1600, customer: 60, part: 60, partsupp: 240, supplier: 10 };
/** The specification's current date here: a year and a half before the reference date (spec-vocabularies.ts). */
const CURRENT = "date '2026-01-01' - 548";

/** Lines off the specification's rules (4.2.3), orders whose status disagrees with their lines, and lines. */
async function tpchFigures(target: TestDatabase) {
  const sql = `SELECT count(*) FILTER (WHERE l_shipdate <= o_orderdate OR l_shipdate > o_orderdate + 121) AS ship,
      count(*) FILTER (WHERE l_commitdate < o_orderdate + 30 OR l_commitdate > o_orderdate + 90) AS commit,
      count(*) FILTER (WHERE l_receiptdate <= l_shipdate OR l_receiptdate > l_shipdate + 30) AS receipt,
      count(*) FILTER (WHERE (l_returnflag = 'N') <> (l_receiptdate > ${CURRENT})) AS flag,
      count(*) FILTER (WHERE (l_linestatus = 'O') <> (l_shipdate > ${CURRENT})) AS status, count(*) AS n
    FROM lineitem JOIN orders ON o_orderkey = l_orderkey`;
  const orders = `SELECT count(*) FILTER (WHERE o_orderstatus <> CASE WHEN all_f THEN 'F' WHEN all_o THEN 'O' ELSE 'P' END) AS off,
      count(*) FILTER (WHERE o_orderstatus = 'P' AND (all_f OR all_o)) AS p_off, count(*) AS n
    FROM (SELECT o_orderstatus, bool_and(l_linestatus = 'F') AS all_f, bool_and(l_linestatus = 'O') AS all_o
      FROM orders JOIN lineitem ON l_orderkey = o_orderkey GROUP BY o_orderkey, o_orderstatus) x`;
  type Figure = 'ship' | 'commit' | 'receipt' | 'flag' | 'status' | 'off' | 'p_off' | 'n';
  const numbers = (row: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)])) as Record<Figure, number>;
  return {
    lines: numbers((await target.query<Record<string, string>>(sql))[0]),
    orders: numbers((await target.query<Record<string, string>>(orders))[0]),
  };
}

describe("generator version 16: TPC-H's dates, flags and statuses as its specification makes them", () => {
  it('line dates from the order, R/A only once received, an order F or O as all its lines are', async () => {
    const { target } = await loadGenerated(db, TPCH, { tables: TPCH_ROWS, seed: 16 });
    const { lines, orders } = await tpchFigures(target);
    expect(lines.n).toBe(1600);
    expect(lines).toMatchObject({ ship: 0, commit: 0, receipt: 0, flag: 0, status: 0 });
    // Both sides of the current date, and every flag.
    expect(
      await count(target, 'SELECT count(DISTINCT l_returnflag || l_linestatus) AS n FROM lineitem'),
    ).toBe(4);
    // Only a P order can disagree with its lines (one whose lines all shipped, or none: it cannot read them).
    expect(orders.off).toBe(orders.p_off);
    expect(orders.off).toBeLessThan(orders.n * 0.05);
    expect(await count(target, "SELECT count(*) AS n FROM orders WHERE o_orderstatus = 'P'")).toBeGreaterThan(
      0,
    );
    const old = await loadGenerated(db, TPCH, { tables: TPCH_ROWS, seed: 16, generatorVersion: 15 });
    const before = await tpchFigures(old.target);
    expect(before.lines.receipt).toBeGreaterThan(before.lines.n / 2);
    expect(before.orders.off).toBeGreaterThan(before.orders.n / 2);
  });

  it('datagen plan says how a line date follows its order', async () => {
    const file = join(tempDir(), 'schema.sql');
    writeFileSync(file, TPCH);
    const { plan, schema } = await planGeneration({ schema: [file], tables: TPCH_ROWS });
    const source = (column: string) =>
      describePlan(plan, schema)
        .tables.find((t) => t.table === 'public.lineitem')
        ?.columns.find((c) => c.name === column)?.source;
    expect(source('l_shipdate')).toContain("1 to 121 days after its row's public.orders.o_orderdate");
    expect(source('l_receiptdate')).toContain('1 to 30 days after l_shipdate in the row');
  });
});

/** Quartz's triggers, Que's jobs and goatcounter's hits and locations, the columns that hold codes. */
const APPS = `CREATE TABLE qrtz_triggers (sched_name varchar(120) NOT NULL, trigger_name varchar(200) NOT NULL,
  trigger_group varchar(200) NOT NULL, misfire_instr smallint NULL, PRIMARY KEY (sched_name, trigger_name, trigger_group));
CREATE TABLE que_jobs (id bigserial PRIMARY KEY, priority smallint NOT NULL DEFAULT 100, job_class text NOT NULL,
  queue text NOT NULL DEFAULT 'default', args jsonb NOT NULL DEFAULT '[]');
CREATE TABLE hits (id serial PRIMARY KEY, path text NOT NULL, location varchar(2) NOT NULL DEFAULT '', country varchar(255));
CREATE TABLE locations (iso_3166_2 varchar NOT NULL PRIMARY KEY, country varchar NOT NULL, country_name varchar NOT NULL);`;
const APP_ROWS = { qrtz_triggers: 200, que_jobs: 200, hits: 200, locations: 50 };

describe("generator version 16: applications' codes in the application's values", () => {
  it('misfire instructions -1..2, job classes SendEmailJob-like, queues default-like, 2-letter countries', async () => {
    const { target } = await loadGenerated(db, APPS, { tables: APP_ROWS, seed: 16 });
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await rows('qrtz_triggers WHERE misfire_instr NOT IN (-1, 0, 1, 2)')).toBe(0);
    expect(await rows('qrtz_triggers WHERE misfire_instr = 0')).toBeGreaterThan(100);
    expect(await count(target, 'SELECT count(DISTINCT misfire_instr) AS n FROM qrtz_triggers')).toBe(4);
    expect(await rows("que_jobs WHERE job_class !~ '^([A-Z][a-z]+)+Job$'")).toBe(0);
    expect(
      await rows(
        "que_jobs WHERE queue NOT IN ('default', 'mailers', 'low', 'high', 'critical', 'reports', 'webhooks')",
      ),
    ).toBe(0);
    expect(await rows("que_jobs WHERE queue = 'default'")).toBeGreaterThan(80);
    expect(await rows("hits WHERE location !~ '^[A-Z]{2}$'")).toBe(0);
    expect(await rows("locations WHERE country !~ '^[A-Z]{2}$'")).toBe(0);
    const old = await loadGenerated(db, APPS, { tables: APP_ROWS, seed: 16, generatorVersion: 15 });
    const oldRows = (sql: string) => count(old.target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await oldRows('qrtz_triggers WHERE misfire_instr NOT IN (-1, 0, 1, 2)')).toBeGreaterThan(100);
    expect(await oldRows("que_jobs WHERE job_class ~ '^([A-Z][a-z]+)+Job$'")).toBe(0);
    expect(await oldRows("hits WHERE location ~ '^[A-Z]{2}$'")).toBe(0);
  });
});
