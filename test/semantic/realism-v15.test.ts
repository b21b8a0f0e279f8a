/**
 * Generator version 15 (issue 11), measured on minimal schemas loaded into
 * the real server: the employees sample's shape (titles, dept_emp and
 * dept_manager as consecutive periods, titles climbing a ladder). Version
 * 14, pinned, keeps what it made.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { EMPLOYEES } from '../helpers/employees-shape.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { periodsOf } from '../helpers/periods.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realismv15');
}, 300_000);
afterAll(async () => db.close());

const EMPLOYEES_ROWS = {
  employees: 60,
  departments: 9,
  dept_manager: 24,
  dept_emp: 90,
  titles: 110,
  salaries: 300,
};
const TITLES = `'Staff', 'Senior Staff', 'Assistant Engineer', 'Engineer', 'Senior Engineer', 'Technique Leader'`;
/** A title's rung on its ladder (the employees sample's progressions). */
const RUNG = `CASE title WHEN 'Staff' THEN 10 WHEN 'Senior Staff' THEN 11 WHEN 'Assistant Engineer' THEN 20
  WHEN 'Engineer' THEN 21 WHEN 'Senior Engineer' THEN 22 WHEN 'Technique Leader' THEN 23 END`;

describe('generator version 15: the employees sample as one career per employee', () => {
  it("an employee's titles and departments, a department's managers, in consecutive periods", async () => {
    const { target } = await loadGenerated(db, EMPLOYEES, { tables: EMPLOYEES_ROWS, seed: 15 });
    for (const [table, owner] of [
      ['titles', 'emp_no'],
      ['dept_emp', 'emp_no'],
      ['dept_manager', 'dept_no'],
      ['salaries', 'emp_no'],
    ] as const) {
      const p = await periodsOf(target, table, owner);
      expect(p.n, table).toBe(EMPLOYEES_ROWS[table]);
      expect(p.with_next, table).toBeGreaterThan(table === 'dept_emp' ? 15 : 10);
      expect(p, table).toMatchObject({ overlaps: 0, chained: p.with_next, unopened: 0, backwards: 0 });
    }
    // An employee's first department starts at the hire.
    expect(
      await count(
        target,
        `SELECT count(*) AS n FROM employees e JOIN dept_emp d USING (emp_no) WHERE d.from_date < e.hire_date
          OR (d.from_date > e.hire_date AND d.from_date = (SELECT min(from_date) FROM dept_emp m WHERE m.emp_no = e.emp_no))`,
      ),
    ).toBe(0);
  });

  it("an employee's titles climb one ladder: Staff → Senior Staff, Assistant Engineer → … → Technique Leader", async () => {
    const { target } = await loadGenerated(db, EMPLOYEES, { tables: EMPLOYEES_ROWS, seed: 15 });
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await rows(`titles WHERE title NOT IN (${TITLES})`)).toBe(0);
    // Each later title is the next rung of the same ladder, or the ladder's top again.
    const steps = `(SELECT ${RUNG} AS rung, lag(${RUNG}) OVER (PARTITION BY emp_no ORDER BY from_date) AS prev
      FROM titles) x WHERE prev IS NOT NULL`;
    expect(await rows(steps)).toBeGreaterThan(20);
    expect(await rows(`${steps} AND NOT (rung = prev + 1 OR (rung = prev AND rung IN (11, 23)))`)).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT title) AS n FROM titles')).toBe(6);
  });

  it('version 14, pinned, drew titles as words and overlapped departments', async () => {
    const { target } = await loadGenerated(db, EMPLOYEES, {
      tables: EMPLOYEES_ROWS,
      seed: 15,
      generatorVersion: 14,
    });
    expect(await count(target, `SELECT count(*) AS n FROM titles WHERE title IN (${TITLES})`)).toBe(0);
    expect((await periodsOf(target, 'titles', 'emp_no')).overlaps).toBeGreaterThan(5);
    expect((await periodsOf(target, 'dept_manager', 'dept_no')).overlaps).toBeGreaterThan(3);
  });
});

/** Oracle's HR sample, the tables a job's code reaches. */
const ORACLE_HR = `CREATE TABLE jobs (job_id varchar(10) PRIMARY KEY, job_title varchar(35) NOT NULL, min_salary numeric(6),
  max_salary numeric(6));
CREATE TABLE employees (employee_id int PRIMARY KEY, last_name varchar(25) NOT NULL, hire_date date NOT NULL,
  job_id varchar(10) NOT NULL REFERENCES jobs, salary numeric(8,2) CHECK (salary > 0));`;

describe("generator version 15: Oracle HR's jobs", () => {
  it("a job's code is a department's abbreviation and a role, its title the one the code names", async () => {
    const { target } = await loadGenerated(db, ORACLE_HR, { tables: { jobs: 40, employees: 60 }, seed: 15 });
    const rows = (sql: string) => count(target, `SELECT count(*) AS n FROM ${sql}`);
    expect(await rows("jobs WHERE job_id !~ '^[A-Z]{2}_[A-Z]{2,7}$'")).toBe(0);
    // The sample's codes name their titles; the others a department and a role.
    const sample = `(VALUES ('AD_PRES', 'President'), ('IT_PROG', 'Programmer'), ('SA_REP', 'Sales Representative'),
      ('FI_ACCOUNT', 'Accountant'), ('ST_CLERK', 'Stock Clerk'), ('HR_REP', 'Human Resources Representative'))`;
    expect(
      await rows(`jobs j JOIN ${sample} s(code, title) ON s.code = j.job_id WHERE s.title <> j.job_title`),
    ).toBe(0);
    const roles = `CASE split_part(job_id, '_', 2) WHEN 'MGR' THEN 'Manager' WHEN 'REP' THEN 'Representative'
      WHEN 'CLERK' THEN 'Clerk' WHEN 'ASST' THEN 'Assistant' WHEN 'ANLST' THEN 'Analyst' WHEN 'SPEC' THEN 'Specialist'
      WHEN 'COORD' THEN 'Coordinator' WHEN 'DIR' THEN 'Director' WHEN 'LEAD' THEN 'Lead' WHEN 'ENG' THEN 'Engineer' END`;
    expect(await rows(`jobs WHERE ${roles} IS NOT NULL AND job_title NOT LIKE '% ' || ${roles}`)).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT job_title) AS n FROM jobs')).toBe(40);
    const old = await loadGenerated(db, ORACLE_HR, {
      tables: { jobs: 40, employees: 60 },
      seed: 15,
      generatorVersion: 14,
    });
    expect(
      await count(old.target, "SELECT count(*) AS n FROM jobs WHERE job_id ~ '^[A-Z]{2}_[A-Z]{2,7}$'"),
    ).toBe(0);
  });
});

describe('generator version 15: datagen plan says what generate does with histories', () => {
  it('a period chained to the next start, a salary raised, a title climbing, consecutive departments', async () => {
    const file = join(tempDir(), 'schema.sql');
    writeFileSync(file, EMPLOYEES);
    const { plan, schema } = await planGeneration({ schema: [file], tables: EMPLOYEES_ROWS });
    const source = (table: string, column: string) =>
      describePlan(plan, schema)
        .tables.find((t) => t.table === `public.${table}`)
        ?.columns.find((c) => c.name === column)?.source;
    expect(source('salaries', 'to_date')).toContain(
      "where the same public.employees row's next period starts (its latest: 9999-01-01)",
    );
    expect(source('salaries', 'salary')).toContain(
      "each public.employees row's first salary raised 2 to 6% a period",
    );
    expect(source('salaries', 'from_date')).toContain('the first on or after its hire_date');
    expect(source('titles', 'title')).toContain('Staff → Senior Staff');
    // Version 15 never leaves a chained end NULL.
    expect(source('titles', 'to_date')).toContain('never NULL');
    expect(source('titles', 'to_date')).not.toContain('% NULL');
    expect(source('dept_emp', 'from_date')).toContain(
      "each public.employees row's rows in consecutive periods, the first from its hire_date",
    );
    expect(source('dept_manager', 'to_date')).toContain(
      "where the same public.departments row's next period starts",
    );
  });
});
