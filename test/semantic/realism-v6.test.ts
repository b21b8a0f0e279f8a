/**
 * Generator version 6 (issue 11, what version 5 still lacked), measured on
 * schemas of ordinary names (e-commerce, HR, blog/Q&A, rentals, bug
 * tracker) loaded into the real server: a chain's first stage after the
 * row's creation; a child's creation after its parent's (>= 99% of rows);
 * status and dates that agree; deleted_at mostly NULL; nothing in the
 * future; skewed fan-out; unique epoch columns under numeric CHECKs; real
 * cities for ja and pt_BR; `zip5`/`cep`/`plz` as postal codes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const SHOP = `CREATE TABLE customers (id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, email text NOT NULL UNIQUE,
  city text, state text, zip5 char(5), created_at timestamptz NOT NULL, updated_at timestamptz, deleted_at timestamptz);
CREATE TABLE products (id serial PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL, stock_quantity int NOT NULL,
  created_at timestamp NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id), status text NOT NULL
  CHECK (status IN ('pending','paid','shipped','delivered','cancelled')), order_date timestamptz NOT NULL,
  shipped_date timestamptz, delivered_at timestamptz, cancelled_at timestamptz, total numeric(12,2) NOT NULL,
  created_at timestamptz NOT NULL);
CREATE TABLE order_items (id serial PRIMARY KEY, order_id int NOT NULL REFERENCES orders(id), product_id int NOT NULL
  REFERENCES products(id), quantity int NOT NULL, unit_price numeric(10,2) NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE reviews (id serial PRIMARY KEY, product_id int NOT NULL REFERENCES products(id), customer_id int NOT NULL
  REFERENCES customers(id), rating int NOT NULL CHECK (rating BETWEEN 1 AND 5), body text, created_at timestamptz NOT NULL);`;

const HR = `CREATE TABLE departments (id serial PRIMARY KEY, name text NOT NULL, created_at timestamp NOT NULL);
CREATE TABLE employees (id serial PRIMARY KEY, department_id int NOT NULL REFERENCES departments(id), first_name text NOT NULL,
  last_name text NOT NULL, birth_date date, hire_date date NOT NULL, termination_date date, salary numeric(10,2),
  created_at timestamptz NOT NULL, updated_at timestamptz);
CREATE TABLE leave_requests (id serial PRIMARY KEY, employee_id int NOT NULL REFERENCES employees(id),
  created_at timestamptz NOT NULL, submission_time timestamptz, reviewed_at timestamptz, approved_at timestamptz,
  status varchar(20) NOT NULL CHECK (status IN ('draft','submitted','approved','rejected')));
CREATE TABLE payslips (id serial PRIMARY KEY, employee_id int NOT NULL REFERENCES employees(id), created_at timestamptz NOT NULL,
  sent_at timestamptz, opened_at timestamptz, amount numeric(10,2) NOT NULL);`;

const BLOG = `CREATE TABLE users (id bigserial PRIMARY KEY, username text NOT NULL UNIQUE, email text NOT NULL, reputation int NOT NULL,
  created_at timestamptz NOT NULL, last_login_at timestamptz, deleted_at timestamptz);
CREATE TABLE posts (id bigserial PRIMARY KEY, author_id bigint NOT NULL REFERENCES users(id), title text NOT NULL, body text,
  views int NOT NULL, published_at timestamptz, created_at timestamptz NOT NULL, updated_at timestamptz);
CREATE TABLE comments (id bigserial PRIMARY KEY, post_id bigint NOT NULL REFERENCES posts(id), user_id bigint REFERENCES users(id),
  body text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE answers (id serial PRIMARY KEY, question_id bigint NOT NULL REFERENCES posts(id), score int NOT NULL,
  creation_date timestamp NOT NULL);
CREATE TABLE notifications (id serial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users(id), created_at timestamptz NOT NULL,
  sent_at timestamptz, opened_at timestamptz, clicked_at timestamptz);`;

const RENTAL = `CREATE TABLE store (store_id serial PRIMARY KEY, city text NOT NULL, postcode text, last_update timestamp NOT NULL);
CREATE TABLE customer (customer_id serial PRIMARY KEY, store_id int NOT NULL REFERENCES store, first_name text NOT NULL,
  last_name text NOT NULL, create_date date NOT NULL, active boolean NOT NULL);
CREATE TABLE film (film_id serial PRIMARY KEY, title text NOT NULL, length smallint, rental_duration smallint NOT NULL);
CREATE TABLE rental (rental_id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customer, film_id int NOT NULL REFERENCES film,
  rental_date timestamp NOT NULL, return_date timestamp);
CREATE TABLE payment (payment_id serial PRIMARY KEY, rental_id int NOT NULL REFERENCES rental, amount numeric(5,2) NOT NULL,
  payment_date timestamp NOT NULL);`;

const BUGS = `CREATE TABLE projects (id serial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE bugs (id serial PRIMARY KEY, project_id int NOT NULL REFERENCES projects(id), title text NOT NULL,
  status text NOT NULL CHECK (status IN ('open','assigned','resolved','closed')), priority int NOT NULL,
  created_at timestamptz NOT NULL, assigned_at timestamptz, resolved_at timestamptz, closed_at timestamptz, due_date date);
CREATE TABLE bug_comments (id serial PRIMARY KEY, bug_id int NOT NULL REFERENCES bugs(id), body text NOT NULL,
  created_at timestamptz NOT NULL);
CREATE TABLE events (id serial PRIMARY KEY, bug_id int NOT NULL REFERENCES bugs(id), created_at timestamptz NOT NULL,
  ts bigint NOT NULL UNIQUE CHECK (ts > 0), happened_at int UNIQUE CHECK (happened_at BETWEEN 1 AND 2000000000));`;

/** [schema, what, rows out of order or disagreeing, rows measured]: each at most 1% of its rows. */
const MEASURES: readonly (readonly [string, string, string, string])[] = [
  [
    'hr',
    'first stage after the creation',
    'submission_time < created_at',
    'count(submission_time) FROM leave_requests',
  ],
  ['hr', 'sent after the creation', 'sent_at < created_at', 'count(sent_at) FROM payslips'],
  ['blog', 'sent after the creation', 'sent_at < created_at', 'count(sent_at) FROM notifications'],
  [
    'hr',
    'leave after its employee',
    'l.created_at < e.created_at',
    'count(*) FROM leave_requests l JOIN employees e ON e.id = l.employee_id',
  ],
  [
    'hr',
    'employee after its department',
    'e.created_at < d.created_at',
    'count(*) FROM employees e JOIN departments d ON d.id = e.department_id',
  ],
  [
    'shop',
    'order after its customer',
    'o.created_at < c.created_at',
    'count(*) FROM orders o JOIN customers c ON c.id = o.customer_id',
  ],
  [
    'shop',
    'item after its order',
    'i.created_at < o.created_at OR i.created_at < o.order_date',
    'count(*) FROM order_items i JOIN orders o ON o.id = i.order_id',
  ],
  [
    'shop',
    'review after its product',
    'r.created_at < p.created_at',
    'count(*) FROM reviews r JOIN products p ON p.id = r.product_id',
  ],
  [
    'blog',
    'post after its author',
    'p.created_at < u.created_at',
    'count(*) FROM posts p JOIN users u ON u.id = p.author_id',
  ],
  [
    'blog',
    'comment after its post',
    'c.created_at < p.created_at',
    'count(*) FROM comments c JOIN posts p ON p.id = c.post_id',
  ],
  [
    'blog',
    'answer after its question',
    'a.creation_date < p.created_at',
    'count(*) FROM answers a JOIN posts p ON p.id = a.question_id',
  ],
  [
    'rental',
    'rental after its customer',
    'r.rental_date < c.create_date',
    'count(*) FROM rental r JOIN customer c USING (customer_id)',
  ],
  [
    'rental',
    'payment after its rental',
    'p.payment_date < r.rental_date',
    'count(*) FROM payment p JOIN rental r USING (rental_id)',
  ],
  [
    'bugs',
    'bug after its project',
    'b.created_at < p.created_at',
    'count(*) FROM bugs b JOIN projects p ON p.id = b.project_id',
  ],
  [
    'bugs',
    'comment after its bug',
    'c.created_at < b.created_at',
    'count(*) FROM bug_comments c JOIN bugs b ON b.id = c.bug_id',
  ],
  [
    'shop',
    'a cancelled order has no shipped date',
    "status = 'cancelled' AND shipped_date IS NOT NULL",
    'count(*) FROM orders',
  ],
  [
    'shop',
    'a shipped or delivered order has one',
    "status IN ('shipped', 'delivered') AND shipped_date IS NULL",
    'count(*) FROM orders',
  ],
  ['shop', 'shipped after ordered', 'shipped_date < order_date', 'count(shipped_date) FROM orders'],
  [
    'bugs',
    'closed exactly when closed',
    "(status = 'closed') <> (closed_at IS NOT NULL)",
    'count(*) FROM bugs',
  ],
  [
    'bugs',
    'resolved exactly when resolved or closed',
    "(status IN ('resolved', 'closed')) <> (resolved_at IS NOT NULL)",
    'count(*) FROM bugs',
  ],
  [
    'bugs',
    'assigned only once assigned',
    "status = 'open' AND assigned_at IS NOT NULL",
    'count(*) FROM bugs',
  ],
  [
    'hr',
    'approved exactly when approved',
    "(status = 'approved') <> (approved_at IS NOT NULL)",
    'count(*) FROM leave_requests',
  ],
  ['rental', 'returned after rented', 'return_date < rental_date', 'count(return_date) FROM rental'],
];

/** [schema, table, time columns]: nothing after the dataset's "now" (2026-01-01). */
const PAST: readonly (readonly [string, string, readonly string[]])[] = [
  ['shop', 'orders', ['order_date', 'shipped_date', 'delivered_at', 'cancelled_at', 'created_at']],
  ['shop', 'customers', ['created_at', 'updated_at', 'deleted_at']],
  ['hr', 'employees', ['hire_date', 'termination_date', 'created_at', 'updated_at']],
  ['hr', 'leave_requests', ['created_at', 'submission_time', 'reviewed_at', 'approved_at']],
  ['blog', 'users', ['created_at', 'last_login_at', 'deleted_at']],
  ['blog', 'comments', ['created_at']],
  ['rental', 'rental', ['rental_date', 'return_date']],
  ['rental', 'payment', ['payment_date']],
  ['bugs', 'bugs', ['created_at', 'assigned_at', 'resolved_at', 'closed_at']],
];

/** [schema, child table, FK column, parent rows]: the fan-out measured. */
const FAN_OUT: readonly (readonly [string, string, string, string])[] = [
  ['shop', 'orders', 'customer_id', 'customers'],
  ['shop', 'order_items', 'order_id', 'orders'],
  ['blog', 'comments', 'post_id', 'posts'],
  ['hr', 'leave_requests', 'employee_id', 'employees'],
  ['bugs', 'bug_comments', 'bug_id', 'bugs'],
];

const DDL: Readonly<Record<string, string>> = { shop: SHOP, hr: HR, blog: BLOG, rental: RENTAL, bugs: BUGS };

describe('generator version 6', () => {
  const loaded = new Map<string, TestDatabase>();
  beforeAll(async () => {
    db = await createTestDatabase('realismv6');
    for (const [name, ddl] of Object.entries(DDL))
      loaded.set(name, (await loadGenerated(db, ddl, { defaultRows: 2000, seed: 11 })).target);
  }, 300_000);
  afterAll(async () => db.close());
  const target = (name: string) => loaded.get(name) as TestDatabase;

  it.each(MEASURES)('%s: %s (>= 99%% of rows)', async (schema, _what, bad, measured) => {
    const [agg, from] = measured.split(/ FROM (.*)/s) as [string, string];
    const n = await count(target(schema), `SELECT ${agg} AS n FROM ${from}`);
    const wrong = await count(target(schema), `SELECT count(*) AS n FROM ${from} WHERE ${bad}`);
    expect(n).toBeGreaterThan(500);
    expect(wrong, `${wrong} of ${n}`).toBeLessThanOrEqual(n / 100);
  });

  it.each(PAST)('%s.%s: no time after the reference date', async (schema, table, columns) => {
    const future = columns.map((c) => `${c} >= '2026-01-01'`).join(' OR ');
    expect(await count(target(schema), `SELECT count(*) AS n FROM ${table} WHERE ${future}`)).toBe(0);
  });

  it('leaves deleted_at mostly NULL', async () => {
    for (const [schema, table] of [
      ['shop', 'customers'],
      ['blog', 'users'],
    ] as const) {
      const nulls = await count(
        target(schema),
        `SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`,
      );
      expect(nulls, `${schema}.${table}`).toBeGreaterThan(2000 * 0.9);
    }
  });

  it.each(FAN_OUT)(
    '%s.%s: the top 10%% of parents hold >= 30%% of the children, and some parents have none',
    async (schema, child, fk, parent) => {
      const rows = await target(schema).query<{ n: string }>(
        `SELECT count(c.${fk}) AS n FROM ${parent} p LEFT JOIN ${child} c ON c.${fk} = p.id GROUP BY p.id ORDER BY 1 DESC`,
      );
      const counts = rows.map((r) => Number(r.n));
      const total = counts.reduce((a, b) => a + b, 0);
      const top = counts.slice(0, Math.ceil(counts.length / 10)).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(1000);
      expect(top / total).toBeGreaterThanOrEqual(0.3);
      const none = counts.filter((c) => c === 0).length / counts.length;
      expect(none).toBeGreaterThan(0.05);
      expect(none).toBeLessThan(0.6);
    },
  );

  it('gives a unique epoch column under a numeric CHECK epoch seconds after the row creation, not 1, 2, 3', async () => {
    const bugs = target('bugs');
    // Creations 2021..2026 (ts), a later moment up to a year past it (happened_at): epoch seconds, all distinct.
    const low = 1_609_459_200;
    const high = 1_798_848_000;
    for (const column of ['ts', 'happened_at']) {
      expect(
        await count(bugs, `SELECT count(*) AS n FROM events WHERE ${column} NOT BETWEEN ${low} AND ${high}`),
        column,
      ).toBe(0);
      expect(await count(bugs, `SELECT count(DISTINCT ${column}) AS n FROM events`)).toBe(2000);
      // In the row's time order: at or after its created_at (a creation within 2 × rows seconds of it).
      expect(
        await count(bugs, `SELECT count(*) AS n FROM events WHERE to_timestamp(${column}) < created_at`),
        column,
      ).toBe(0);
    }
    expect(
      await count(
        bugs,
        "SELECT count(*) AS n FROM events WHERE to_timestamp(ts) > created_at + interval '4000 seconds'",
      ),
    ).toBe(0);
  });

  it('names the creation a first stage follows, and the parents a first time follows, in the plan', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hr.sql'), HR);
    writeFileSync(join(dir, 'rental.sql'), RENTAL);
    const source = async (file: string, table: string, column: string) => {
      // Version 22: from 23 a submission time is set by the row's status step (test/semantic/realism30.test.ts).
      const { plan, schema } = await planGeneration({
        schema: [join(dir, file)],
        defaultRows: 10,
        generatorVersion: 22,
      });
      return (
        describePlan(plan, schema)
          .tables.find((t) => t.table === `public.${table}`)
          ?.columns.find((c) => c.name === column)?.source ?? ''
      );
    };
    expect(await source('hr.sql', 'leave_requests', 'submission_time')).toContain(
      'the first of its row’s stages: at or after created_at in the row',
    );
    expect(await source('hr.sql', 'payslips', 'sent_at')).toContain('at or after created_at in the row');
    expect(await source('rental.sql', 'payment', 'payment_date')).toContain(
      "after its parent rows' public.rental.rental_date",
    );
    writeFileSync(join(dir, 'bugs.sql'), BUGS);
    expect(await source('bugs.sql', 'events', 'ts')).toContain(
      'epoch seconds at or after created_at in the row',
    );
    expect(await source('hr.sql', 'leave_requests', 'created_at')).toContain(
      'public.employees.hire_date, public.employees.created_at',
    );
  });

  it('keeps version 5 where it is pinned: a first stage as it was', async () => {
    const { target: v5 } = await loadGenerated(db, HR, { defaultRows: 2000, seed: 11, generatorVersion: 5 });
    expect(
      await count(v5, 'SELECT count(*) AS n FROM leave_requests WHERE submission_time < created_at'),
    ).toBeGreaterThan(500);
  });
});

const PLACES = `CREATE TABLE t (id int PRIMARY KEY, city text NOT NULL);
CREATE TABLE u (id int PRIMARY KEY, city text, zip5 char(5), cep varchar(9), plz varchar(5), zipcode text, postcode text);`;

/** A few real cities of each country, and their postal code's form. */
const CITIES: Readonly<Record<string, { readonly real: readonly string[]; readonly cep: RegExp }>> = {
  ja: { real: ['札幌市', '大阪市', '京都市', '福岡市', '那覇市', '名古屋市'], cep: /^\d{3}-\d{4}$/ },
  pt_BR: {
    real: ['São Paulo', 'Rio de Janeiro', 'Salvador', 'Manaus', 'Curitiba', 'Recife'],
    cep: /^\d{5}-\d{3}$/,
  },
};

describe('generator version 6: places', () => {
  beforeAll(async () => {
    db = await createTestDatabase('realismv6places');
  });
  afterAll(async () => db.close());

  it.each(Object.keys(CITIES))('a city alone is a real city of the country (%s)', async (locale) => {
    const { target } = await loadGenerated(db, PLACES, { defaultRows: 1500, seed: 4, locale });
    const spec = CITIES[locale] as (typeof CITIES)[string];
    const cities = (await target.query<{ city: string }>('SELECT DISTINCT city FROM t')).map((r) => r.city);
    expect(cities.length).toBeGreaterThan(20);
    // All from the country's list of real cities: the six best known among them, none made up.
    expect(spec.real.filter((c) => !cities.includes(c))).toEqual([]);
    const ceps = (await target.query<{ cep: string }>('SELECT cep FROM u WHERE cep IS NOT NULL')).map(
      (r) => r.cep,
    );
    expect(ceps.filter((c) => !spec.cep.test(c)).slice(0, 3)).toEqual([]);
  });

  it('reads zip5, cep and plz as postal codes (en: five digits)', async () => {
    const { target } = await loadGenerated(db, PLACES, { defaultRows: 500, seed: 4 });
    for (const column of ['zip5', 'cep', 'plz'])
      expect(await count(target, `SELECT count(*) AS n FROM u WHERE ${column} !~ '^[0-9]{5}'`), column).toBe(
        0,
      );
  });
});
