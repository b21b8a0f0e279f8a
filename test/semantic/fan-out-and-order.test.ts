/**
 * Fan-out and time across tables, as PostgreSQL sees them: schemas of
 * ordinary names (shop, blog/Q&A, rentals, HR, bug tracker) generated through
 * the library, loaded with every constraint, then measured with SQL.
 */
import { describe, expect, it } from 'vitest';
import { useLoadedDdl } from '../helpers/load-generated.js';

const DDL = `
CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE products (id serial PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL,
  created_at timestamp NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
  order_date date NOT NULL, shipped_date date, delivered_at timestamptz, cancelled_at timestamptz);
CREATE TABLE order_items (order_id int NOT NULL REFERENCES orders, line int NOT NULL,
  product_id int NOT NULL REFERENCES products, quantity int NOT NULL, added_at timestamptz NOT NULL,
  PRIMARY KEY (order_id, line));
CREATE TABLE users (id serial PRIMARY KEY, display_name text NOT NULL, creation_date timestamp NOT NULL);
CREATE TABLE posts (id serial PRIMARY KEY, owner_user_id int REFERENCES users, title text NOT NULL,
  creation_date timestamp NOT NULL);
CREATE TABLE comments (id serial PRIMARY KEY, post_id int NOT NULL REFERENCES posts,
  user_id int NOT NULL REFERENCES users, body text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE film (id serial PRIMARY KEY, title text NOT NULL);
CREATE TABLE rental (rental_id serial PRIMARY KEY, film_id int NOT NULL REFERENCES film,
  customer_id int NOT NULL REFERENCES customers, rental_date timestamp NOT NULL, return_date timestamp);
CREATE TABLE departments (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE employees (id serial PRIMARY KEY, department_id int NOT NULL REFERENCES departments,
  manager_id int REFERENCES employees, first_name text NOT NULL, hire_date date NOT NULL);
CREATE TABLE projects (id serial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL);
CREATE TYPE issue_state AS ENUM ('open', 'in_progress', 'resolved', 'closed');
CREATE TABLE issues (id serial PRIMARY KEY, state issue_state NOT NULL, project_id int NOT NULL REFERENCES projects,
  reporter_id int NOT NULL REFERENCES employees, title text NOT NULL,
  created_at timestamptz NOT NULL, closed_at timestamptz);
CREATE TABLE issue_comments (issue_id int NOT NULL REFERENCES issues, n int NOT NULL,
  body text NOT NULL, created_at timestamptz NOT NULL, PRIMARY KEY (issue_id, n));
`;

const { target } = useLoadedDdl('fanout', DDL, {
  defaultRows: 300,
  tables: {
    departments: 20,
    orders: 2000,
    order_items: 5000,
    comments: 3000,
    rental: 2000,
    issues: 1500,
  },
  seed: 7,
});

async function value(sql: string): Promise<number> {
  const [row] = await target.query<{ v: string }>(sql);
  return Number(row?.v);
}

/** The share of children held by the most popular tenth of the parents (parents without children counted). */
function topTenthShare(parent: string, child: string, fk: string): Promise<number> {
  return value(`
    WITH c AS (SELECT p.id, count(x.${fk}) AS n FROM ${parent} p LEFT JOIN ${child} x ON x.${fk} = p.id GROUP BY p.id),
         r AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS k, count(*) OVER () AS total FROM c)
    SELECT sum(n) FILTER (WHERE k <= total / 10)::float8 / sum(n) AS v FROM r`);
}

describe('fan-out and time order across tables', () => {
  it('children per parent are skewed: the top tenth of parents hold >= 30%, some parents have none', async () => {
    for (const [parent, child, fk] of [
      ['customers', 'orders', 'customer_id'],
      ['posts', 'comments', 'post_id'],
      ['users', 'comments', 'user_id'],
      ['film', 'rental', 'film_id'],
      ['departments', 'employees', 'department_id'],
      ['projects', 'issues', 'project_id'],
      ['products', 'order_items', 'product_id'],
    ] as const) {
      const share = await topTenthShare(parent, child, fk);
      expect(share, `${child}.${fk}`).toBeGreaterThanOrEqual(0.3);
      expect(share, `${child}.${fk}`).toBeLessThan(0.8);
      const childless = await value(
        `SELECT count(*) AS v FROM ${parent} p WHERE NOT EXISTS (SELECT FROM ${child} x WHERE x.${fk} = p.id)`,
      );
      expect(childless, `${parent} without ${child}`).toBeGreaterThan(0);
      // Most parents still have children.
      expect(childless, `${parent} without ${child}`).toBeLessThan(
        await value(`SELECT count(*) / 2 AS v FROM ${parent}`),
      );
    }
  });

  it('a child starts after the parent rows it points to (>= 99% of rows; here every row)', async () => {
    for (const [child, start, parent, parentStart, fk] of [
      ['orders', 'order_date', 'customers', 'created_at', 'customer_id'],
      ['order_items', 'added_at', 'orders', 'order_date', 'order_id'],
      ['order_items', 'added_at', 'products', 'created_at', 'product_id'],
      ['posts', 'creation_date', 'users', 'creation_date', 'owner_user_id'],
      ['comments', 'created_at', 'posts', 'creation_date', 'post_id'],
      ['comments', 'created_at', 'users', 'creation_date', 'user_id'],
      ['rental', 'rental_date', 'customers', 'created_at', 'customer_id'],
      ['issues', 'created_at', 'projects', 'created_at', 'project_id'],
      ['issue_comments', 'created_at', 'issues', 'created_at', 'issue_id'],
    ] as const) {
      const total = await value(`SELECT count(*) AS v FROM ${child} WHERE ${fk} IS NOT NULL`);
      expect(total, child).toBeGreaterThan(0);
      const before = await value(
        `SELECT count(*) AS v FROM ${child} c JOIN ${parent} p ON p.id = c.${fk} WHERE c.${start} < p.${parentStart}`,
      );
      expect(before, `${child}.${start} before ${parent}.${parentStart}`).toBe(0);
    }
    // Chains do not pile up at the reference date: comments still spread over years.
    expect(await value("SELECT count(*) AS v FROM comments WHERE created_at < '2025-01-01'")).toBeGreaterThan(
      300,
    );
    expect(await value("SELECT count(*) AS v FROM issue_comments WHERE created_at >= '2026-01-02'")).toBe(0);
  });

  it('status and dates agree within a row', async () => {
    const count = (table: string, where: string) =>
      value(`SELECT count(*) AS v FROM ${table} WHERE ${where}`);
    // Every status occurs, so each rule below is exercised.
    expect(await value('SELECT count(DISTINCT status) AS v FROM orders')).toBe(5);
    expect(await value('SELECT count(DISTINCT state) AS v FROM issues')).toBe(4);
    expect(
      await count(
        'orders',
        "status = 'cancelled' AND (shipped_date IS NOT NULL OR delivered_at IS NOT NULL)",
      ),
    ).toBe(0);
    expect(await count('orders', "status IN ('shipped', 'delivered') AND shipped_date IS NULL")).toBe(0);
    expect(await count('orders', "status IN ('pending', 'paid') AND shipped_date IS NOT NULL")).toBe(0);
    expect(await count('orders', "status = 'delivered' AND delivered_at IS NULL")).toBe(0);
    expect(await count('orders', "status <> 'delivered' AND delivered_at IS NOT NULL")).toBe(0);
    expect(await count('orders', "(status = 'cancelled') <> (cancelled_at IS NOT NULL)")).toBe(0);
    expect(await count('orders', 'shipped_date < order_date OR delivered_at < order_date')).toBe(0);
    // Fulfilment steps follow each other within days, not years.
    expect(await count('orders', 'delivered_at < shipped_date')).toBe(0);
    expect(await count('orders', 'shipped_date > order_date + 14')).toBe(0);
    expect(await count('orders', "delivered_at > shipped_date + interval '11 days'")).toBe(0);
    expect(await count('issues', "state IN ('open', 'in_progress') AND closed_at IS NOT NULL")).toBe(0);
    // Version 6: an issue is resolved before it is closed (a resolved one has no closed_at yet).
    expect(await count('issues', "state = 'closed' AND closed_at IS NULL")).toBe(0);
    expect(await count('issues', "state = 'resolved' AND closed_at IS NOT NULL")).toBe(0);
    expect(await count('issues', 'closed_at < created_at')).toBe(0);
  });
});
