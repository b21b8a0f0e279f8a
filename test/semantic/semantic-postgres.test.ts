import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { escapeCopyText } from '../../src/encode/copy-text.js';
import type { Table } from '../../src/schema/model.js';
import { createPermutation } from '../../src/values/permutation.js';
import { createSemanticUniqueGenerator } from '../../src/values/semantic/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { column, createRowHarness, table, type } from './semantic-fixtures.js';

const ROWS = 5000;

const CUSTOMER_DDL = `
CREATE TABLE customer (
  customer_id int PRIMARY KEY,
  first_name varchar(40) NOT NULL,
  last_name varchar(40) NOT NULL,
  full_name text NOT NULL,
  email varchar(60) NOT NULL,
  login_email varchar(40) NOT NULL UNIQUE,
  username varchar(30) NOT NULL,
  phone varchar(24) NOT NULL,
  address text NOT NULL,
  address2 varchar(20) NOT NULL,
  city varchar(5) NOT NULL,
  state varchar(40) NOT NULL,
  postal_code varchar(10) NOT NULL,
  country varchar(40) NOT NULL,
  country_code char(2) NOT NULL,
  latitude numeric(8,6) NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude numeric(9,6) NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  price numeric(5,2) NOT NULL CHECK (price > 0),
  salary int4 NOT NULL,
  age int2 NOT NULL CHECK (age BETWEEN 18 AND 90),
  website text NOT NULL,
  description varchar(50) NOT NULL,
  color char(7) NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
  currency char(3) NOT NULL,
  language varchar(20) NOT NULL,
  ip_address varchar(15) NOT NULL CHECK (ip_address::inet IS NOT NULL),
  time_zone text NOT NULL CHECK (now() AT TIME ZONE time_zone IS NOT NULL),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  birth_date date NOT NULL CHECK (birth_date BETWEEN '1936-01-01' AND '2008-01-01'),
  CHECK (updated_at >= created_at),
  CHECK (created_at >= '2021-01-01' AND created_at < '2026-01-01'),
  CHECK (email ~ '^[a-z0-9._]+@example\\.(com|net|org)$'),
  CHECK (position(regexp_replace(lower(last_name), '[^a-z]', '', 'g') IN email) > 0),
  CHECK (full_name = first_name || ' ' || last_name)
);`;

const customer: Table = table('customer', [
  column('customer_id', type('int4')),
  column('first_name', type('varchar', 40)),
  column('last_name', type('varchar', 40)),
  column('full_name', type('text')),
  column('email', type('varchar', 60)),
  column('login_email', type('varchar', 40)),
  column('username', type('varchar', 30)),
  column('phone', type('varchar', 24)),
  column('address', type('text')),
  column('address2', type('varchar', 20)),
  column('city', type('varchar', 5)),
  column('state', type('varchar', 40)),
  column('postal_code', type('varchar', 10)),
  column('country', type('varchar', 40)),
  column('country_code', type('bpchar', 2)),
  column('latitude', type('numeric', 8, 6)),
  column('longitude', type('numeric', 9, 6)),
  column('price', type('numeric', 5, 2)),
  column('salary', type('int4')),
  column('age', type('int2')),
  column('website', type('text')),
  column('description', type('varchar', 50)),
  column('color', type('bpchar', 7)),
  column('currency', type('bpchar', 3)),
  column('language', type('varchar', 20)),
  column('ip_address', type('varchar', 15)),
  column('time_zone', type('text')),
  column('created_at', type('timestamptz')),
  column('updated_at', type('timestamptz')),
  column('birth_date', type('date')),
]);

/** COPY text of `rows` rows: unique columns through the unique generator, the rest through the row harness. */
function copyText(
  t: Table,
  rows: number,
  uniqueColumns: ReadonlyMap<string, (row: number) => string>,
): string {
  const harness = createRowHarness(t, 2024);
  let out = '';
  for (let row = 0; row < rows; row++) {
    const fields = t.columns.map((c) => {
      const unique = uniqueColumns.get(c.name);
      if (unique) return unique(row);
      if (c.name === 'id' || c.name.endsWith('_id')) return String(row + 1);
      const value = harness.value(c.name, row);
      if (value === undefined) throw new Error(`no semantic kind for ${c.name}`);
      return value;
    });
    out += `${fields.map(escapeCopyText).join('\t')}\n`;
  }
  return out;
}

describe('semantic values in a real PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sem');
  });
  afterAll(async () => {
    await db?.close();
  });

  test('a customer table with realistic, coherent values loads with every CHECK in place', async () => {
    await db.query(CUSTOMER_DDL);
    const unique = createSemanticUniqueGenerator('email', type('varchar', 40));
    if (!unique) throw new Error('no unique email generator');
    const permutation = createPermutation(ROWS, 99);
    const step = unique.space / ROWS;
    const text = copyText(
      customer,
      ROWS,
      new Map([['login_email', (row) => unique.value(Math.floor(permutation.apply(row) * step))]]),
    );
    db.run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-c', 'COPY customer FROM STDIN'], { input: text });
    const [count] = await db.query<{ n: string; states: string; emails: string; cities: string }>(
      `SELECT count(*) AS n, count(DISTINCT state) AS states, count(DISTINCT login_email) AS emails,
              count(DISTINCT city) AS cities FROM customer`,
    );
    expect(count).toEqual({
      n: String(ROWS),
      states: '50',
      emails: String(ROWS),
      cities: expect.any(String),
    });
    expect(Number(count?.cities)).toBeGreaterThan(20);
    const sample = await db.query<{ email: string; first_name: string; last_name: string }>(
      'SELECT email, first_name, last_name FROM customer ORDER BY customer_id LIMIT 3',
    );
    for (const row of sample) expect(row.email).toContain(row.last_name.toLowerCase().replace(/[^a-z]/g, ''));
  });

  test('updated_at >= created_at holds across zoned and unzoned types whatever the session time zone', () => {
    const orders = table('orders', [
      column('id', type('int4')),
      column('shipping_address', type('text')),
      column('created_at', type('timestamptz')),
      column('updated_at', type('timestamp')),
      column('inserted_at', type('date')),
    ]);
    const ddl = `CREATE TABLE orders (id int PRIMARY KEY, shipping_address text, created_at timestamptz,
      updated_at timestamp, inserted_at date, CHECK (updated_at >= created_at));`;
    const text = copyText(orders, ROWS, new Map());
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const env = { ...db.env, PGOPTIONS: `-c TimeZone=${zone}` };
      db.run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-c', 'DROP TABLE IF EXISTS orders'], { env });
      db.run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-c', ddl], { env });
      db.run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-c', 'COPY orders FROM STDIN'], { env, input: text });
      const out = db.run(
        'psql',
        ['-X', '-At', '-c', 'SELECT count(*) FROM orders WHERE updated_at >= created_at'],
        {
          env,
        },
      );
      expect(out.trim()).toBe(String(ROWS));
    }
  });
});
