/**
 * Per-column settings of `.datagen.yaml` (generator, values, weights,
 * distribution, min/max, null_rate, template, unique): each takes effect in
 * output PostgreSQL loads with every constraint in place, a setting that
 * conflicts with the schema is an error at its file:line:column, and the
 * bytes stay the same for any number of workers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { createPlan } from '../../src/plan/create-plan.js';
import { describePlan } from '../../src/run/describe-plan.js';
import { FIRST_NAMES } from '../../src/values/semantic/locale-data.js';
import { outputsByWorkers } from '../helpers/generate-file.js';
import { useLoadedDdl } from '../helpers/load-generated.js';

const DDL = `
CREATE TABLE customers (
  id serial PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text NOT NULL UNIQUE,
  nickname varchar(20),
  handle text,
  token text,
  tier text NOT NULL CHECK (tier IN ('free', 'pro', 'team')),
  age int CHECK (age >= 18),
  signup date NOT NULL,
  bio text
);
CREATE TABLE orders (
  id serial PRIMARY KEY,
  code varchar(12) NOT NULL UNIQUE,
  customer_id int NOT NULL REFERENCES customers,
  status text NOT NULL,
  amount numeric(10,2) NOT NULL CHECK (amount > 0),
  qty int NOT NULL,
  placed_at timestamptz NOT NULL,
  note varchar(30)
);
`;

const CONFIG = `
tables:
  customers:
    columns:
      nickname: { generator: first_name, null_rate: 0.5 }
      email: { template: "{first_name}.{last_name}.{row}@example.com" }
      handle: { unique: true }
      token: { generator: uuid }
      tier: { values: [free, pro], weights: [9, 1] }
      age: { min: 20, max: 70, distribution: { normal: { mean: 35, stddev: 8 } } }
      signup: { min: 2024-01-01, max: 2024-03-31 }
      bio: { generator: lorem, null_rate: 0 }
  orders:
    columns:
      code: { template: "ORD-{row:06}" }
      status: { values: [new, paid, shipped, cancelled], distribution: { zipf: { s: 1.5 } } }
      amount: { distribution: { lognormal: { median: 40, sigma: 0.8 } }, max: 5000 }
      qty: { distribution: sequential, min: 1, max: 5 }
      placed_at: { min: "2024-06-01 00:00:00+00", max: "2024-06-30 23:59:59+00", distribution: uniform }
      note: { template: "order {row} for customer {customer_id} (a long note)" }
`;

const REFERENCE = new Date('2025-01-15T00:00:00Z');
const settings = (yaml: string) => parseConfig(yaml, 'c.yaml').tables;

/** The message of the error a plan with these settings throws. */
async function planError(yaml: string, ddl = DDL): Promise<string> {
  const { schema } = await parseDdl([{ file: 'schema.sql', text: ddl }]);
  try {
    createPlan(schema, { defaultRows: 50, referenceTime: REFERENCE, settings: settings(yaml) });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('configuration: per-column settings', () => {
  const { target } = useLoadedDdl('configcols', DDL, {
    defaultRows: 2000,
    seed: 5,
    referenceTime: REFERENCE,
    settings: settings(CONFIG),
  });
  const one = async <T = string>(sql: string): Promise<T> => {
    const [row] = await target.query<{ v: T }>(sql);
    return row?.v as T;
  };

  it('generator: a named generator fills the column (first names, uuids, lorem text)', async () => {
    const nicknames = await target.query<{ nickname: string }>(
      'SELECT DISTINCT nickname FROM customers WHERE nickname IS NOT NULL',
    );
    expect(nicknames.length).toBeGreaterThan(50);
    for (const { nickname } of nicknames) expect(FIRST_NAMES.some((n) => n.startsWith(nickname))).toBe(true);
    expect(
      Number(
        await one(
          "SELECT count(*) AS v FROM customers WHERE token !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'",
        ),
      ),
    ).toBe(0);
    expect(
      Number(await one("SELECT count(*) AS v FROM customers WHERE bio IS NULL OR bio !~ '^[A-Z][a-z]*'")),
    ).toBe(0);
  });

  it('values and weights: only the listed values, in their proportions', async () => {
    const tiers = await target.query<{ tier: string; n: string }>(
      'SELECT tier, count(*) AS n FROM customers GROUP BY tier ORDER BY tier',
    );
    expect(tiers.map((t) => t.tier)).toEqual(['free', 'pro']);
    const free = Number(tiers[0]?.n) / 2000;
    expect(free).toBeGreaterThan(0.85);
    expect(free).toBeLessThan(0.95);
  });

  it('values on a key column (a primary key, a UNIQUE): the key takes exactly those, each once', async () => {
    const ddl = `CREATE TABLE codes (code varchar(8) PRIMARY KEY, label text);
      CREATE TABLE slots (id serial PRIMARY KEY, slot text NOT NULL UNIQUE);`;
    const { schema } = await parseDdl([{ file: 'schema.sql', text: ddl }]);
    const yaml = `
tables:
  codes:
    columns:
      code: { values: [AAA, BBB, CCC] }
  slots:
    columns:
      slot: { values: [north, south] }
`;
    const plan = createPlan(schema, { defaultRows: 10, tables: { codes: 3 }, settings: settings(yaml) });
    const source = describePlan(plan, schema);
    expect(source.tables.map((t) => `${t.table} ${t.rows}`)).toEqual(['public.codes 3', 'public.slots 2']);
    expect(source.tables[0]?.columns[0]?.source).toContain("values one of 'AAA', 'BBB', 'CCC'");
  });

  it('distribution: zipf over values, normal, lognormal, sequential and uniform over ranges', async () => {
    const status = await target.query<{ status: string }>(
      'SELECT status FROM orders GROUP BY status ORDER BY count(*) DESC',
    );
    expect(status.map((s) => s.status)).toEqual(['new', 'paid', 'shipped', 'cancelled']);
    const age = await target.query<{ avg: number; sd: number; lo: number; hi: number }>(
      'SELECT avg(age)::float8 AS avg, stddev(age)::float8 AS sd, min(age) AS lo, max(age) AS hi FROM customers',
    );
    expect(age[0]?.avg).toBeGreaterThan(33);
    expect(age[0]?.avg).toBeLessThan(37);
    expect(age[0]?.sd).toBeGreaterThan(6);
    expect(age[0]?.sd).toBeLessThan(10);
    expect(age[0]?.lo).toBeGreaterThanOrEqual(20);
    expect(age[0]?.hi).toBeLessThanOrEqual(70);
    const median = Number(
      await one('SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) AS v FROM orders'),
    );
    expect(median).toBeGreaterThan(34);
    expect(median).toBeLessThan(46);
    expect(Number(await one('SELECT max(amount) AS v FROM orders'))).toBeLessThanOrEqual(5000);
    expect(Number(await one('SELECT count(*) AS v FROM orders WHERE qty <> (id - 1) % 5 + 1'))).toBe(0);
    const placed = await target.query<{ lo: string; hi: string; days: string }>(
      "SELECT min(placed_at AT TIME ZONE 'UTC')::text AS lo, max(placed_at AT TIME ZONE 'UTC')::text AS hi, count(DISTINCT (placed_at AT TIME ZONE 'UTC')::date) AS days FROM orders",
    );
    expect(String(placed[0]?.lo) >= '2024-06-01').toBe(true);
    expect(String(placed[0]?.hi) < '2024-07-01').toBe(true);
    expect(Number(placed[0]?.days)).toBe(30);
  });

  it('min/max: dates inside the range', async () => {
    const range = await target.query<{ lo: string; hi: string }>(
      'SELECT min(signup)::text AS lo, max(signup)::text AS hi FROM customers',
    );
    expect(String(range[0]?.lo) >= '2024-01-01').toBe(true);
    expect(String(range[0]?.hi) <= '2024-03-31').toBe(true);
  });

  it('null_rate: the share of NULLs', async () => {
    const share = Number(await one('SELECT avg((nickname IS NULL)::int)::float8 AS v FROM customers'));
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
    expect(Number(await one('SELECT count(*) AS v FROM customers WHERE bio IS NULL'))).toBe(0);
  });

  it('template: the row number and the row’s other columns, cut to the column’s length', async () => {
    expect(
      Number(await one("SELECT count(*) AS v FROM orders WHERE code <> 'ORD-' || lpad(id::text, 6, '0')")),
    ).toBe(0);
    expect(
      Number(
        await one(
          "SELECT count(*) AS v FROM customers WHERE email <> first_name || '.' || last_name || '.' || id || '@example.com'",
        ),
      ),
    ).toBe(0);
    expect(
      Number(
        await one(
          "SELECT count(*) AS v FROM orders WHERE note <> rtrim(left('order ' || id || ' for customer ' || customer_id || ' (a long note)', 30))",
        ),
      ),
    ).toBe(0);
  });

  it('unique: true makes a column without a constraint unique', async () => {
    expect(Number(await one('SELECT count(DISTINCT handle) AS v FROM customers'))).toBe(2000);
  });

  it('datagen plan names the configured columns with reason "config"', async () => {
    const { schema } = await parseDdl([{ file: 'schema.sql', text: DDL }]);
    const plan = createPlan(schema, {
      defaultRows: 50,
      referenceTime: REFERENCE,
      settings: settings(CONFIG),
    });
    const columns = describePlan(plan, schema).tables.flatMap((t) =>
      t.columns.map((c) => [`${t.table}.${c.name}`, c.source]),
    );
    const source = new Map(columns as [string, string][]);
    expect(source.get('public.customers.nickname')).toMatch(/^config: generator first_name/);
    expect(source.get('public.customers.tier')).toMatch(/^config: values free, pro \(weighted\)/);
    expect(source.get('public.orders.code')).toMatch(
      /unique by the template's \{row\}; config: template "ORD-\{row:06\}"/,
    );
    expect(source.get('public.orders.qty')).toMatch(/^config: sequential distribution, range 1\.\.5/);
  });

  it('the same bytes for any number of workers', async () => {
    const [two, one] = await outputsByWorkers(
      DDL,
      { defaultRows: 3000, blockRows: 500, referenceTime: REFERENCE, settings: settings(CONFIG) },
      [2, 1],
    );
    expect(readFileSync(two ?? '', 'utf8')).toBe(readFileSync(one ?? '', 'utf8'));
  });

  it('a setting the schema or its constraints refuse is an error at its place', async () => {
    const col = (table: string, body: string) => `tables:\n  ${table}:\n    columns:\n      ${body}\n`;
    expect(await planError(col('customers', 'nickname: { generator: emial }'))).toMatch(
      /^c\.yaml:4:30: public\.customers\.nickname: unknown generator "emial"; the nearest are: email, /,
    );
    expect(await planError(col('customers', 'age: { generator: email }'))).toBe(
      'c.yaml:4:25: public.customers.age: generator email does not make values of type int4',
    );
    expect(await planError(col('customers', 'tier: { values: [free, gold] }'))).toBe(
      `c.yaml:4:23: public.customers.tier: value "gold" fails CHECK customers_tier_check (tier IN ('free', 'pro', 'team')); remove it from values`,
    );
    expect(await planError(col('customers', 'age: { values: [20, x] }'))).toBe(
      'c.yaml:4:22: public.customers.age: value "x" is not an integer',
    );
    expect(await planError(col('customers', 'nickname: { values: [aaaaaaaaaaaaaaaaaaaaaaaaa] }'))).toBe(
      'c.yaml:4:27: public.customers.nickname: value "aaaaaaaaaaaaaaaaaaaaaaaaa" is longer than varchar(20) holds',
    );
    expect(await planError(col('customers', 'age: { min: 10, max: 30 }'))).toBe(
      "c.yaml:4:19: public.customers.age: min 10 is outside what the column's CHECKs allow (>= 18); set it inside",
    );
    expect(await planError(col('customers', 'age: { min: 50, max: 20 }'))).toBe(
      'c.yaml:4:28: public.customers.age: max 20 is below min 50',
    );
    expect(await planError(col('customers', 'first_name: { null_rate: 0.3 }'))).toBe(
      'c.yaml:4:32: public.customers.first_name is NOT NULL: null_rate must be 0',
    );
    expect(await planError(col('customers', 'signup: { distribution: { lognormal: {} } }'))).toBe(
      'c.yaml:4:31: public.customers.signup: lognormal applies to numbers; for dates use uniform, normal, zipf or sequential',
    );
    expect(await planError(col('customers', 'handle: { distribution: normal }'))).toBe(
      'c.yaml:4:31: public.customers.handle: a distribution applies to numbers, dates and timestamps; the column is text (give values to draw from)',
    );
    expect(await planError(col('customerz', 'nickname: { values: [a] }'))).toBe(
      'c.yaml:3:5: tables.customerz: no table "customerz" in the schema; did you mean: public.customers, public.orders?',
    );
    expect(await planError(col('customers', 'nick: { values: [a] }'))).toBe(
      'c.yaml:4:13: public.customers has no column "nick"; did you mean: nickname, id, tier?',
    );
    expect(await planError(col('orders', 'customer_id: { values: [1] }'))).toBe(
      'c.yaml:4:30: public.orders.customer_id: values does not apply: its values come from foreign key orders_customer_id_fkey → public.customers',
    );
    expect(await planError(col('orders', 'code: { template: "X" }'))).toBe(
      'c.yaml:4:25: public.orders.code is unique: its template needs {row} (e.g. "ORD-{row:06}")',
    );
    expect(await planError(col('orders', 'code: { template: "ORDER-NUMBER-{row}" }'))).toBe(
      "c.yaml:4:25: public.orders.code: the template's values are 15 characters at 50 rows; the column holds 12",
    );
    expect(await planError(col('orders', 'code: { template: "{status}-{row}" }'))).toMatch(
      /^c\.yaml:4:25: public\.orders\.code is unique and holds 12 characters: a template with other columns could be cut into repeats/,
    );
    expect(await planError(col('orders', 'note: { template: "{frist_name}" }'))).toMatch(
      /^c\.yaml:4:25: public\.orders\.note: the template reads \{frist_name\}, which is not a column of public\.orders; use \{row\} or a column: /,
    );
    expect(await planError(col('customers', 'age: { unique: true, distribution: uniform }'))).toMatch(
      /^c\.yaml:4:42: public\.customers\.age: distribution does not combine with unique: true/,
    );
    // The reader's own checks: the keys and their shapes.
    expect(() => parseConfig(col('customers', 'tier: { value: [a] }'), 'c.yaml')).toThrow(
      'c.yaml:4:15: unknown key "value" in tables.customers.columns.tier; did you mean "values"? The keys are: generator, values, weights, distribution, min, max, null_rate, template, unique, sql',
    );
    expect(() => parseConfig(col('customers', 'tier: { values: [a, b], weights: [1] }'), 'c.yaml')).toThrow(
      'c.yaml:4:13: tables.customers.columns.tier.weights needs one weight per value (2), not all zero; got 1',
    );
    expect(() => parseConfig(col('customers', 'age: { distribution: poisson }'), 'c.yaml')).toThrow(
      /^c\.yaml:4:28: tables\.customers\.columns\.age\.distribution expects one of uniform, normal, lognormal, zipf, sequential/,
    );
    expect(() => parseConfig(col('customers', 'tier: { values: [a], generator: city }'), 'c.yaml')).toThrow(
      'c.yaml:4:13: tables.customers.columns.tier: give one of generator, values, template and sql, not generator and values',
    );
  });

  it('unique values fewer than the rows: the table is cut (version 19), with a warning naming the numbers', async () => {
    const { schema } = await parseDdl([{ file: 'schema.sql', text: DDL }]);
    const plan = createPlan(schema, {
      defaultRows: 50,
      generatorVersion: 19,
      referenceTime: REFERENCE,
      settings: settings(
        'tables:\n  customers:\n    columns:\n      handle: { unique: true, values: [a, b, c] }\n',
      ),
    });
    expect(plan.tables[0]?.rows).toBe(3);
    expect(plan.warnings.map((w) => w.message).join('\n')).toContain(
      'allows only 3 distinct values, so it gets 3 rows instead of 50',
    );
  });

  it('unique values fewer than the rows of a nullable column: NULL past them since version 20, the rows kept', async () => {
    const { schema } = await parseDdl([{ file: 'schema.sql', text: DDL }]);
    const plan = createPlan(schema, {
      defaultRows: 50,
      referenceTime: REFERENCE,
      settings: settings(
        'tables:\n  customers:\n    columns:\n      handle: { unique: true, values: [a, b, c] }\n',
      ),
    });
    expect(plan.tables[0]?.rows).toBe(50);
    expect(plan.warnings.map((w) => w.message).join('\n')).not.toContain('gets 3 rows instead of 50');
  });
});
