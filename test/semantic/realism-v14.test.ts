/**
 * Generator version 14 (issue 11), measured on minimal schemas loaded into
 * the real server: an HR schema of the employees sample's shape with several
 * periods per employee (chained periods, rising salaries). Version 13,
 * pinned, keeps what it made.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { periodsOf } from '../helpers/periods.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realismv14');
}, 300_000);
afterAll(async () => db.close());

const HR = `CREATE TABLE employees (emp_no int PRIMARY KEY, birth_date date NOT NULL, last_name varchar(16) NOT NULL,
  hire_date date NOT NULL);
CREATE TABLE salaries (emp_no int NOT NULL REFERENCES employees, salary int NOT NULL, from_date date NOT NULL,
  to_date date NOT NULL, PRIMARY KEY (emp_no, from_date));
CREATE TABLE job_history (employee_id int NOT NULL REFERENCES employees, start_date date NOT NULL,
  end_date date NOT NULL, PRIMARY KEY (employee_id, start_date), CHECK (end_date > start_date));
CREATE TABLE departments (dept_no char(4) PRIMARY KEY, dept_name varchar(40) NOT NULL UNIQUE);
CREATE TABLE hr_departments (department_id int PRIMARY KEY, department_name varchar(30) NOT NULL);`;
/** Five salaries and two job histories per employee. */
const HR_ROWS = { employees: 40, salaries: 200, job_history: 80, departments: 40, hr_departments: 30 };
/** A company's departments, as hr-histories.ts lists them. */
const DEPARTMENTS = `'Sales', 'Engineering', 'Finance', 'Human Resources', 'Marketing', 'Research', 'Development',
  'Production', 'Quality Management', 'Customer Service', 'Administration', 'Accounting', 'Purchasing', 'Shipping',
  'IT', 'Legal', 'Public Relations', 'Operations', 'Procurement', 'Facilities', 'Payroll', 'Training', 'Recruiting',
  'Support', 'Product Management', 'Business Development', 'Security', 'Logistics', 'Corporate Tax', 'Treasury'`;

describe('generator version 14: an HR history with several periods per employee', () => {
  it("each period ends where the employee's next one starts, the latest salary at 9999-01-01", async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 14 });
    const salaries = await periodsOf(target, 'salaries', 'emp_no');
    expect(salaries.with_next).toBeGreaterThan(100);
    expect(salaries.overlaps).toBe(0);
    expect(salaries.chained).toBe(salaries.with_next);
    const current = "SELECT count(*) AS n FROM salaries WHERE to_date = '9999-01-01'";
    expect(await count(target, current)).toBeGreaterThan(30);
    // Only an employee's latest salary is current, and no other end lies in the future.
    expect(
      await count(
        target,
        `SELECT count(*) AS n FROM salaries s WHERE to_date >= '2026-01-01' AND (to_date <> '9999-01-01'
          OR from_date < (SELECT max(from_date) FROM salaries m WHERE m.emp_no = s.emp_no))`,
      ),
    ).toBe(0);
    // An end derived by a CHECK (end_date > start_date) chains too; the latest job ended in the past.
    const jobs = await periodsOf(target, 'job_history', 'employee_id', 'start_date', 'end_date');
    expect(jobs.with_next).toBeGreaterThan(20);
    expect(jobs.overlaps).toBe(0);
    expect(jobs.chained).toBe(jobs.with_next);
    expect(await count(target, "SELECT count(*) AS n FROM job_history WHERE end_date > '2026-01-01'")).toBe(
      0,
    );
  });

  it("an employee's salary rises 2 to 6% a period", async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 14 });
    const steps = `SELECT count(*) FILTER (WHERE salary > prev AND salary <= prev * 1.061) AS rising, count(*) AS n
      FROM (SELECT salary, lag(salary) OVER (PARTITION BY emp_no ORDER BY from_date) AS prev FROM salaries) x
      WHERE prev IS NOT NULL`;
    const row = (await target.query<{ rising: string; n: string }>(steps))[0];
    expect(Number(row?.n)).toBeGreaterThan(100);
    expect(Number(row?.rising)).toBe(Number(row?.n));
    // First salaries still differ between employees.
    expect(await count(target, 'SELECT count(DISTINCT salary) AS n FROM salaries')).toBeGreaterThan(150);
  });

  it("a departments table's names are a company's departments, numbered past the list where unique", async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 14 });
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await rows(`hr_departments WHERE department_name NOT IN (${DEPARTMENTS})`)).toBe(0);
    expect(
      await count(target, 'SELECT count(DISTINCT department_name) AS n FROM hr_departments'),
    ).toBeGreaterThan(10);
    // 40 unique names: the 30 departments, then numbered repeats (`Sales 2`).
    expect(
      await rows(`departments WHERE regexp_replace(dept_name, ' [0-9]+$', '') NOT IN (${DEPARTMENTS})`),
    ).toBe(0);
    expect(await rows(`departments WHERE dept_name IN (${DEPARTMENTS})`)).toBe(30);
    const old = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 14, generatorVersion: 13 });
    expect(
      await count(
        old.target,
        `SELECT count(*) AS n FROM hr_departments WHERE department_name NOT IN (${DEPARTMENTS})`,
      ),
    ).toBeGreaterThan(15);
  });

  it('version 13, pinned, overlapped periods and drew each salary alone', async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 14, generatorVersion: 13 });
    const salaries = await periodsOf(target, 'salaries', 'emp_no');
    expect(salaries.chained).toBeLessThan(salaries.with_next / 10);
    expect(
      await count(
        target,
        `SELECT count(*) AS n FROM (SELECT salary, lag(salary) OVER (PARTITION BY emp_no ORDER BY from_date) AS prev
          FROM salaries) x WHERE salary < prev`,
      ),
    ).toBeGreaterThan(20);
  });
});

const TPCH = `CREATE TABLE part (p_partkey serial PRIMARY KEY, p_mfgr char(25), p_brand char(10), p_type varchar(25),
  p_container char(10));
CREATE TABLE orders (o_orderkey serial PRIMARY KEY, o_orderstatus char(1) NOT NULL, o_orderdate date NOT NULL,
  o_orderpriority char(15) NOT NULL, o_clerk char(15) NOT NULL);
CREATE TABLE lineitem (l_orderkey int NOT NULL REFERENCES orders, l_linenumber int NOT NULL, l_returnflag char(1) NOT NULL,
  l_linestatus char(1) NOT NULL, l_shipdate date NOT NULL, l_receiptdate date NOT NULL, l_shipinstruct char(25) NOT NULL,
  l_shipmode char(10) NOT NULL, PRIMARY KEY (l_orderkey, l_linenumber));
CREATE TABLE qrtz_triggers (trigger_name varchar(200) PRIMARY KEY, trigger_state varchar(16) NOT NULL,
  trigger_type varchar(8) NOT NULL);`;

describe('generator version 14: TPC-H and Quartz in their own words', () => {
  it("TPC-H's flags, priorities, modes, types, brands and clerks as its specification writes them", async () => {
    const { target } = await loadGenerated(db, TPCH, {
      tables: { part: 60, orders: 100, lineitem: 200, qrtz_triggers: 60 },
      seed: 14,
    });
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await rows("orders WHERE o_orderstatus NOT IN ('F', 'O', 'P')")).toBe(0);
    expect(await rows("orders WHERE o_orderstatus = 'F'")).toBeGreaterThan(20);
    expect(await rows("orders WHERE o_orderstatus = 'O'")).toBeGreaterThan(10);
    // O after the dataset's current date, F before it.
    expect(
      await rows(
        "orders WHERE o_orderstatus = 'O' AND o_orderdate < (SELECT min(o_orderdate) FROM orders WHERE o_orderstatus = 'F')",
      ),
    ).toBe(0);
    expect(
      await rows("orders WHERE o_orderpriority !~ '^(1-URGENT|2-HIGH|3-MEDIUM|4-NOT SPECIFIED|5-LOW) *$'"),
    ).toBe(0);
    expect(await rows("orders WHERE o_clerk !~ '^Clerk#[0-9]{9} *$'")).toBe(0);
    expect(await rows("lineitem WHERE l_returnflag NOT IN ('R', 'A', 'N')")).toBe(0);
    expect(
      await rows(
        "lineitem WHERE l_linestatus NOT IN ('O', 'F') OR (l_linestatus = 'O') <> (l_shipdate > (SELECT max(l_shipdate) FROM lineitem WHERE l_linestatus = 'F'))",
      ),
    ).toBe(0);
    expect(
      await rows(
        "lineitem WHERE l_shipmode NOT IN ('REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB')",
      ),
    ).toBe(0);
    expect(
      await rows(
        "lineitem WHERE l_shipinstruct NOT IN ('DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN')",
      ),
    ).toBe(0);
    expect(
      await rows("part WHERE p_type !~ '^(STANDARD|SMALL|MEDIUM|LARGE|ECONOMY|PROMO) [A-Z]+ [A-Z]+$'"),
    ).toBe(0);
    expect(await rows("part WHERE p_container !~ '^(SM|LG|MED|JUMBO|WRAP) [A-Z]+ *$'")).toBe(0);
    // A brand's first digit is its manufacturer's.
    expect(
      await rows(
        "part WHERE p_brand !~ '^Brand#[1-5][1-5]' OR (p_mfgr IS NOT NULL AND substr(p_brand, 7, 1) <> substr(trim(p_mfgr), 14, 1))",
      ),
    ).toBe(0);
    expect(
      await rows(
        "qrtz_triggers WHERE trigger_state NOT IN ('WAITING', 'ACQUIRED', 'PAUSED', 'BLOCKED', 'PAUSED_BLOCKED', 'ERROR', 'COMPLETE')",
      ),
    ).toBe(0);
    expect(
      await rows("qrtz_triggers WHERE trigger_type NOT IN ('CRON', 'SIMPLE', 'CAL_INT', 'DAILY_I')"),
    ).toBe(0);
    const old = await loadGenerated(db, TPCH, {
      tables: { part: 60, orders: 100, lineitem: 200, qrtz_triggers: 60 },
      seed: 14,
      generatorVersion: 13,
    });
    expect(
      await count(old.target, "SELECT count(*) AS n FROM orders WHERE o_orderstatus NOT IN ('F', 'O', 'P')"),
    ).toBeGreaterThan(50);
  });
});

const MONEY = `CREATE TABLE jobs (job_id serial PRIMARY KEY, min_salary numeric(8,0), max_salary numeric(8,0));
CREATE TABLE accounts (id serial PRIMARY KEY, budget numeric(12,2) NOT NULL, credit_limit numeric(12,2));
CREATE TABLE orders (o_orderkey serial PRIMARY KEY, o_orderstatus char(1) NOT NULL);`;

describe('generator version 14: datagen plan says what generate does', () => {
  it('an upper bound at or above its lower one, money at its scale, TPC-H words', async () => {
    const file = join(tempDir(), 'schema.sql');
    writeFileSync(file, MONEY);
    const { plan, schema } = await planGeneration({ schema: [file], defaultRows: 10 });
    const source = (table: string, column: string) =>
      describePlan(plan, schema)
        .tables.find((t) => t.table === `public.${table}`)
        ?.columns.find((c) => c.name === column)?.source;
    // Version 13 kept max_salary at or above min_salary and budgets in thousands; the plan said neither.
    expect(source('jobs', 'max_salary')).toContain('at or above min_salary in the row');
    expect(source('jobs', 'min_salary')).not.toContain('at or above');
    expect(source('accounts', 'budget')).toContain('log-normal around 50000');
    expect(source('accounts', 'budget')).toContain('in whole 1000s');
    expect(source('accounts', 'credit_limit')).toContain('in whole 500s');
    expect(source('orders', 'o_orderstatus')).toContain("TPC-H's orderstatus values");
  });
});
