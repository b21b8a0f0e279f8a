/**
 * Generator version 12 (issue 11), measured on minimal schemas loaded into
 * the real server: under an exact fan-out (`per_parent: {min, max}`) an
 * order's total is its lines' sum and each parent has exactly one default
 * child, a key's counter numbers its parent's children 1..n and a line
 * count counts them; TPC-C's newest 30% of orders have no carrier; a
 * department's location is a city and a salaries table's amount a salary.
 * Version 11, pinned,
 * keeps what it made.
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
  db = await createTestDatabase('realismv12');
}, 300_000);
afterAll(async () => db.close());

/** What `datagen plan` says of each column's source (`table.column` → text). */
async function planSources(
  ddl: string,
  yaml?: string,
  tables: Readonly<Record<string, number>> = ROWS,
): Promise<Map<string, string>> {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, ddl);
  const { plan, schema } = await planGeneration({
    schema: [file],
    defaultRows: 10,
    ...(yaml === undefined ? {} : { tables, settings: parseConfig(yaml, 'c.yaml').tables }),
  });
  const sources = new Map<string, string>();
  for (const t of describePlan(plan, schema).tables)
    for (const c of t.columns) sources.set(`${t.table.replace('public.', '')}.${c.name}`, c.source);
  return sources;
}

const SHOP = `CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE addresses (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, city text,
  is_default boolean NOT NULL DEFAULT false);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,
  total numeric(12,2) NOT NULL CHECK (total >= 0), created_at timestamptz NOT NULL);
CREATE TABLE order_items (id serial PRIMARY KEY, order_id int NOT NULL REFERENCES orders,
  quantity int NOT NULL CHECK (quantity > 0), unit_price numeric(10,2) NOT NULL);
CREATE TABLE invoices (id serial PRIMARY KEY, amount numeric(12,2));
CREATE TABLE invoice_lines (id serial PRIMARY KEY, invoice_id int NOT NULL REFERENCES invoices,
  qty numeric(8,2) NOT NULL, price numeric(10,2) NOT NULL, line_total numeric(12,2) NOT NULL);`;
const ROWS = {
  customers: 100,
  addresses: 250,
  orders: 200,
  order_items: 600,
  invoices: 100,
  invoice_lines: 300,
};
const CONFIG = `
tables:
  addresses:
    foreign_keys:
      customer_id: { per_parent: { min: 1, max: 4 } }
  order_items:
    foreign_keys:
      order_id: { per_parent: { min: 1, max: 6 }, share_without_children: 0.1 }
  invoice_lines:
    foreign_keys:
      invoice_id: { per_parent: { min: 1, max: 5 } }
`;
const settings = parseConfig(CONFIG, 'c.yaml').tables;

/** Orders whose total differs from their lines' sum (0 without lines). */
const ORDERS_OFF = `SELECT count(*) AS n FROM orders o LEFT JOIN (SELECT order_id, sum(quantity * unit_price) AS s
  FROM order_items GROUP BY order_id) l ON l.order_id = o.id WHERE o.total <> coalesce(l.s, 0)`;

describe('generator version 12: sums and defaults that agree across tables (exact fan-out)', () => {
  it("an order's total is its lines' sum, an invoice's amount its lines' totals; one default address each", async () => {
    const { target } = await loadGenerated(db, SHOP, { tables: ROWS, seed: 31, settings });
    expect(await count(target, ORDERS_OFF)).toBe(0);
    // Orders without lines (share_without_children 0.1) total 0; the others more.
    expect(await count(target, 'SELECT count(*) AS n FROM orders WHERE total = 0')).toBe(20);
    // The nullable amount keeps its 10% NULL; every other one is its lines' sum.
    const invoices = (where: string) =>
      count(
        target,
        `SELECT count(*) AS n FROM invoices i JOIN (SELECT invoice_id, sum(line_total) AS s FROM invoice_lines
          GROUP BY invoice_id) l ON l.invoice_id = i.id WHERE ${where}`,
      );
    expect(await invoices('i.amount = l.s')).toBeGreaterThan(80);
    expect(await invoices('i.amount <> l.s')).toBe(0);
    // Every customer has addresses (per_parent without a share), exactly one of them the default.
    expect(
      await count(
        target,
        `SELECT count(*) AS n FROM customers c WHERE (SELECT count(*) FROM addresses a
          WHERE a.customer_id = c.id AND a.is_default) = 1`,
      ),
    ).toBe(100);
  });

  it('the plan says so, and that per_parent leaves no parent without children unless a share is set', async () => {
    const sources = await planSources(SHOP, CONFIG);
    expect(sources.get('orders.total')).toContain("the sum of its rows' lines in public.order_items");
    expect(sources.get('invoices.amount')).toContain("the sum of its rows' lines in public.invoice_lines");
    expect(sources.get('addresses.is_default')).toContain(
      'set on the first of its parent row’s children only',
    );
    expect(sources.get('addresses.customer_id')).toContain('1..4 rows per parent row (0% get none)');
    expect(sources.get('order_items.order_id')).toContain('1..6 rows per parent row (10% get none)');
    // Without per_parent: drawn alone, as before.
    const plain = await planSources(SHOP);
    expect(plain.get('orders.total')).not.toContain('sum');
    expect(plain.get('addresses.is_default')).not.toContain('first of');
  });

  it('version 11, pinned, drew totals and defaults alone', async () => {
    const { target } = await loadGenerated(db, SHOP, {
      tables: ROWS,
      seed: 31,
      settings,
      generatorVersion: 11,
    });
    expect(await count(target, ORDERS_OFF)).toBeGreaterThan(150);
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM (SELECT DISTINCT customer_id FROM addresses WHERE is_default) d',
      ),
    ).toBeLessThan(100);
  });
});

const TPCC = `CREATE TABLE district (d_w_id int NOT NULL, d_id int NOT NULL, PRIMARY KEY (d_w_id, d_id));
CREATE TABLE oorder (o_w_id int NOT NULL, o_d_id int NOT NULL, o_id int NOT NULL, o_carrier_id int DEFAULT NULL,
  o_ol_cnt int NOT NULL, PRIMARY KEY (o_w_id, o_d_id, o_id),
  FOREIGN KEY (o_w_id, o_d_id) REFERENCES district (d_w_id, d_id));`;

describe('generator version 12: TPC-C orders not delivered yet', () => {
  it('o_carrier_id NULL exactly for the newest 30% of orders (o_id over 70% of them), 1-10 before', async () => {
    const { target } = await loadGenerated(db, TPCC, { tables: { district: 10, oorder: 300 }, seed: 32 });
    const rows = (where: string) => count(target, `SELECT count(*) AS n FROM oorder WHERE ${where}`);
    expect(await rows('o_carrier_id IS NULL')).toBe(90);
    expect(await rows('o_carrier_id IS NULL AND o_id <= 210')).toBe(0);
    expect(await rows('o_carrier_id NOT BETWEEN 1 AND 10')).toBe(0);
    const sources = await planSources(TPCC);
    expect(sources.get('oorder.o_carrier_id')).toContain(
      'NULL from row 8 on (the newest 30% of orders have no carrier yet)',
    );
  });

  it('under per_parent, ol_number 1..n within each order and o_ol_cnt its lines; the plan says so', async () => {
    const ddl = `${TPCC}
CREATE TABLE order_line (ol_w_id int NOT NULL, ol_d_id int NOT NULL, ol_o_id int NOT NULL, ol_number int NOT NULL,
  ol_quantity decimal(6,2) NOT NULL, PRIMARY KEY (ol_w_id, ol_d_id, ol_o_id, ol_number),
  FOREIGN KEY (ol_w_id, ol_d_id, ol_o_id) REFERENCES oorder (o_w_id, o_d_id, o_id));`;
    const yaml = `tables:
  order_line:
    foreign_keys:
      order_line_ol_w_id_ol_d_id_ol_o_id_fkey: { per_parent: { min: 5, max: 15 } }
`;
    const tables = { district: 10, oorder: 100, order_line: 1000 };
    const { target } = await loadGenerated(db, ddl, {
      tables,
      seed: 33,
      settings: parseConfig(yaml, 'c.yaml').tables,
    });
    const lines = `(SELECT ol_w_id, ol_d_id, ol_o_id, count(*) AS n, max(ol_number) AS top, min(ol_number) AS low
      FROM order_line GROUP BY 1, 2, 3) l JOIN oorder o ON (o.o_w_id, o.o_d_id, o.o_id) = (l.ol_w_id, l.ol_d_id, l.ol_o_id)`;
    expect(
      await count(
        target,
        `SELECT count(*) AS n FROM ${lines} WHERE l.low = 1 AND l.top = l.n AND o.o_ol_cnt = l.n`,
      ),
    ).toBe(100);
    expect(
      await count(target, 'SELECT count(*) AS n FROM order_line WHERE ol_number NOT BETWEEN 1 AND 15'),
    ).toBe(0);
    const sources = await planSources(ddl, yaml, tables);
    expect(sources.get('order_line.ol_number')).toContain('1, 2, 3, … within each parent row');
    expect(sources.get('oorder.o_ol_cnt')).toContain('how many lines it has in public.order_line');
  });

  it('version 11, pinned, left a random 10% NULL', async () => {
    const { target } = await loadGenerated(db, TPCC, {
      tables: { district: 10, oorder: 300 },
      seed: 32,
      generatorVersion: 11,
    });
    expect(
      await count(target, 'SELECT count(*) AS n FROM oorder WHERE o_carrier_id IS NULL AND o_id <= 210'),
    ).toBeGreaterThan(5);
  });
});

const HR = `CREATE TABLE departments (department_id serial PRIMARY KEY, department_name varchar(60) NOT NULL,
  location varchar(80) NOT NULL, office_location text NOT NULL, file_location text NOT NULL);
CREATE TABLE employees (employee_id serial PRIMARY KEY, department_id int NOT NULL REFERENCES departments);
CREATE TABLE salaries (salary_id serial PRIMARY KEY, employee_id int NOT NULL REFERENCES employees,
  amount numeric(10,2) NOT NULL, from_date date NOT NULL);`;
const HR_ROWS = { departments: 20, employees: 100, salaries: 200 };

describe('generator version 12: an HR schema', () => {
  it("a department's location is a city, a salary's amount a year's pay; not a file's location", async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 34 });
    const rows = (table: string, where: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${where}`);
    // Cities: capitalised words, no sentence (was 'Wrathful omelet publicize commercial bad quinoa').
    expect(await rows('departments', "location !~ '^[A-Z][A-Za-z.''-]*( [A-Z][A-Za-z.''-]*){0,3}$'")).toBe(0);
    expect(
      await rows('departments', "office_location !~ '^[A-Z][A-Za-z.''-]*( [A-Z][A-Za-z.''-]*){0,3}$'"),
    ).toBe(0);
    expect(await rows('salaries', 'amount NOT BETWEEN 20000 AND 250000')).toBe(0);
    const sources = await planSources(HR);
    expect(sources.get('departments.location')).toContain('realistic city');
    expect(sources.get('departments.file_location')).not.toContain('city');
    expect(sources.get('salaries.amount')).toContain('realistic salary');
  });

  it('version 11, pinned, wrote words and purchase amounts', async () => {
    const { target } = await loadGenerated(db, HR, { tables: HR_ROWS, seed: 34, generatorVersion: 11 });
    expect(await count(target, 'SELECT count(*) AS n FROM salaries WHERE amount < 20000')).toBeGreaterThan(
      150,
    );
  });
});
