/**
 * Generator version 13 (issue 11), measured on minimal schemas loaded into
 * the real server: an HR schema's and a bug tracker's statuses in their
 * domain's words, agreeing with the row's stage dates; a history's start
 * dates spread per parent, a year apart. Version 12, pinned, keeps what it
 * made.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realismv13');
}, 300_000);
afterAll(async () => db.close());

const HR = `CREATE TABLE jobs (job_id serial PRIMARY KEY, job_title varchar(35) NOT NULL, min_salary numeric(8,0),
  max_salary numeric(8,0));
CREATE TABLE employees (employee_id serial PRIMARY KEY, last_name varchar(25) NOT NULL, gender char(1),
  birth_date date NOT NULL, hire_date date NOT NULL, status varchar(20) NOT NULL, termination_date date);
CREATE TABLE salaries (emp_no int NOT NULL REFERENCES employees, salary int NOT NULL, from_date date NOT NULL,
  to_date date NOT NULL, PRIMARY KEY (emp_no, from_date));
CREATE TABLE job_history (employee_id int NOT NULL REFERENCES employees, start_date date NOT NULL,
  end_date date NOT NULL, PRIMARY KEY (employee_id, start_date), CHECK (end_date > start_date));`;
const HR_ROWS = { jobs: 50, employees: 100, salaries: 300, job_history: 100 };

const TRACKER = `CREATE TABLE projects (id serial PRIMARY KEY, name text NOT NULL, status varchar(20) NOT NULL);
CREATE TABLE milestones (id serial PRIMARY KEY, project_id int NOT NULL REFERENCES projects, title text NOT NULL,
  state varchar(10) NOT NULL, closed_at timestamptz, created_at timestamptz NOT NULL);
CREATE TABLE issues (id serial PRIMARY KEY, project_id int NOT NULL REFERENCES projects, title text NOT NULL,
  status varchar(20) NOT NULL, severity varchar(10), priority text NOT NULL, created_at timestamptz NOT NULL,
  closed_at timestamptz);`;
const TRACKER_ROWS = { projects: 20, milestones: 60, issues: 200 };

describe('generator version 13: an HR schema', () => {
  it("an employee's status is an employment's, and only a terminated one has a termination date", async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 13 });
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await rows("employees WHERE status NOT IN ('active', 'on_leave', 'terminated')")).toBe(0);
    expect(await rows("employees WHERE status = 'active'")).toBeGreaterThan(60);
    expect(await rows("employees WHERE status = 'terminated'")).toBeGreaterThan(3);
    expect(await rows("employees WHERE (status = 'terminated') <> (termination_date IS NOT NULL)")).toBe(0);
  });

  it("a char(1) gender is F or M; a job's max_salary at or above its min_salary", async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 13 });
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await rows("employees WHERE gender NOT IN ('F', 'M')")).toBe(0);
    expect(await rows("employees WHERE gender = 'F'")).toBeGreaterThan(20);
    expect(await rows('jobs WHERE max_salary < min_salary')).toBe(0);
    expect(await rows('jobs WHERE max_salary > min_salary')).toBeGreaterThan(20);
  });

  it("a history's start dates differ between employees and step about a year within one", async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 13 });
    // Version 12: one date (the day before the reference date) for every employee's first row.
    expect(await count(target, 'SELECT count(DISTINCT start_date) AS n FROM job_history')).toBeGreaterThan(
      50,
    );
    expect(await count(target, 'SELECT count(DISTINCT from_date) AS n FROM salaries')).toBeGreaterThan(150);
    const gaps = await target.query<{ yearly: string; high: string; n: string }>(
      `SELECT count(*) FILTER (WHERE gap >= 365 - 120) AS yearly, max(gap) AS high, count(*) AS n FROM
        (SELECT from_date - lag(from_date) OVER (PARTITION BY emp_no ORDER BY from_date) AS gap FROM salaries) g
        WHERE gap IS NOT NULL`,
    );
    expect(Number(gaps[0]?.n)).toBeGreaterThan(100);
    // A year apart, closer for an employee hired fewer years ago than it has rows (after the hire).
    expect(Number(gaps[0]?.yearly)).toBeGreaterThan(Number(gaps[0]?.n) / 3);
    expect(Number(gaps[0]?.high)).toBeLessThanOrEqual(365 + 120);
    expect(await count(target, "SELECT count(*) AS n FROM salaries WHERE from_date >= '2026-01-01'")).toBe(0);
  });

  it('hired at 18 to 65; a history starts on or after its hire, its periods end in the past', async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 13 });
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    // Version 12: 40 of 100 hired past 65.
    expect(
      await rows(
        "employees WHERE hire_date > birth_date + interval '65 years' OR hire_date < birth_date + interval '18 years'",
      ),
    ).toBe(0);
    // Version 12 (seed 5, 300 employees, rows): 106 of 300 salaries and job histories started before the hire.
    expect(
      await rows('salaries s JOIN employees e ON e.employee_id = s.emp_no WHERE s.from_date < e.hire_date'),
    ).toBe(0);
    expect(await rows('job_history JOIN employees USING (employee_id) WHERE start_date < hire_date')).toBe(0);
    // Version 12: 276 of 300 salaries and 299 of 300 job histories ended after the reference date.
    // Version 14: an employee's current salary ends 9999-01-01, as the employees sample writes it.
    expect(await rows("salaries WHERE to_date >= '2026-01-01' AND to_date <> '9999-01-01'")).toBe(0);
    expect(await rows("job_history WHERE end_date > '2026-01-01'")).toBe(0);
    expect(await rows('salaries WHERE to_date < from_date')).toBe(0);
  });

  it('version 12, pinned, wrote order words and one start date for every first row', async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 13, generatorVersion: 12 });
    expect(await count(target, "SELECT count(*) AS n FROM employees WHERE status = 'active'")).toBeLessThan(
      60,
    );
    expect(await count(target, 'SELECT count(DISTINCT start_date) AS n FROM job_history')).toBe(1);
  });
});

describe('generator version 13: a bug tracker', () => {
  it('issues, milestones and projects in their own statuses; closed_at on closed ones only', async () => {
    const { target } = await loadGenerated(db, TRACKER, { tables: TRACKER_ROWS, seed: 13 });
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await rows("issues WHERE status NOT IN ('open', 'in_progress', 'resolved', 'closed')")).toBe(0);
    expect(await rows("issues WHERE (status = 'closed') <> (closed_at IS NOT NULL)")).toBe(0);
    expect(await rows("milestones WHERE state NOT IN ('open', 'closed')")).toBe(0);
    expect(await rows("milestones WHERE (state = 'closed') <> (closed_at IS NOT NULL)")).toBe(0);
    expect(await rows("projects WHERE status NOT IN ('active', 'completed', 'on_hold', 'archived')")).toBe(0);
    expect(await rows("issues WHERE status = 'open'")).toBeGreaterThan(20);
    expect(
      await rows("issues WHERE severity NOT IN ('trivial', 'minor', 'major', 'critical', 'blocker')"),
    ).toBe(0);
    expect(await rows("issues WHERE priority NOT IN ('low', 'medium', 'high', 'urgent')")).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT priority) AS n FROM issues')).toBe(4);
    // datagen plan names the words and their shares.
    const file = join(tempDir(), 'schema.sql');
    writeFileSync(file, TRACKER);
    const { plan, schema } = await planGeneration({ schema: [file], defaultRows: 10 });
    const issues = describePlan(plan, schema).tables.find((t) => t.table === 'public.issues');
    expect(issues?.columns.find((c) => c.name === 'status')?.source).toContain(
      'closed 45%, open 30%, in_progress 12%, resolved 13%',
    );
  });
});

const INVOICES = `CREATE TABLE invoices (id serial PRIMARY KEY, amount numeric(12,2));
CREATE TABLE invoice_lines (id serial PRIMARY KEY, invoice_id int NOT NULL REFERENCES invoices,
  qty numeric(8,2) NOT NULL, price numeric(10,2) NOT NULL, line_total numeric(12,2) NOT NULL);`;
const INVOICE_ROWS = { invoices: 100, invoice_lines: 300 };
const PER_INVOICE = parseConfig(
  'tables:\n  invoice_lines:\n    foreign_keys:\n      invoice_id: { per_parent: { min: 1, max: 5 } }\n',
  'c.yaml',
).tables;

describe('generator version 13: a nullable total summed from its lines', () => {
  it('is never NULL (version 12 left a tenth of them NULL)', async () => {
    const options = { tables: INVOICE_ROWS, settings: PER_INVOICE, seed: 13 };
    const nulls = 'SELECT count(*) AS n FROM invoices WHERE amount IS NULL';
    const { target } = await loadGenerated(db, INVOICES, options);
    expect(await count(target, nulls)).toBe(0);
    const off = `SELECT count(*) AS n FROM invoices i JOIN (SELECT invoice_id, sum(line_total) AS s FROM invoice_lines
      GROUP BY invoice_id) l ON l.invoice_id = i.id WHERE i.amount <> l.s`;
    expect(await count(target, off)).toBe(0);
    const old = await loadGenerated(db, INVOICES, { ...options, generatorVersion: 12 });
    expect(await count(old.target, nulls)).toBeGreaterThan(2);
    const file = join(tempDir(), 'schema.sql');
    writeFileSync(file, INVOICES);
    const { plan, schema } = await planGeneration({ schema: [file], ...options, defaultRows: 10 });
    const invoices = describePlan(plan, schema).tables.find((t) => t.table === 'public.invoices');
    const amount = invoices?.columns.find((c) => c.name === 'amount')?.source;
    expect(amount).toContain('the sum of its rows');
    expect(amount).not.toContain('NULL');
  });
});

const MONEY = `CREATE TABLE departments (id serial PRIMARY KEY, budget numeric(12,2) NOT NULL, small_budget numeric(6,2) NOT NULL);
CREATE TABLE accounts (id serial PRIMARY KEY, credit_limit numeric(12,2) NOT NULL, revenue numeric(14,2) NOT NULL);`;

describe('generator version 13: money at its name’s scale', () => {
  it('a budget in thousands, a credit limit in 500s, revenue in the hundreds of thousands', async () => {
    const { target } = await loadGenerated(db, MONEY, {
      tables: { departments: 100, accounts: 100 },
      seed: 13,
    });
    const median = async (table: string, column: string) =>
      Number(
        (
          await target.query<{ m: string }>(
            `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS m FROM ${table}`,
          )
        )[0]?.m,
      );
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await rows('departments WHERE budget % 1000 <> 0')).toBe(0);
    expect(await median('departments', 'budget')).toBeGreaterThan(15_000);
    expect(await median('departments', 'budget')).toBeLessThan(200_000);
    // A type too small for whole thousands keeps a price's values, no pile at its edge.
    expect(await rows('departments WHERE small_budget = 9999.99')).toBe(0);
    expect(await rows('accounts WHERE credit_limit % 500 <> 0 OR credit_limit < 500')).toBe(0);
    expect(await median('accounts', 'revenue')).toBeGreaterThan(50_000);
    const old = await loadGenerated(db, MONEY, {
      tables: { departments: 100, accounts: 100 },
      seed: 13,
      generatorVersion: 12,
    });
    expect(
      await count(old.target, 'SELECT count(*) AS n FROM accounts WHERE credit_limit % 500 <> 0'),
    ).toBeGreaterThan(50);
  });
});
