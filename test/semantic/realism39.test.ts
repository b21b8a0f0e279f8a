import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

/** Session 39's shapes (issue 11): rentals and their payments, a manager tree, reviews' shares and scales. */
const SHAPES = `CREATE TABLE customers (customer_id serial PRIMARY KEY, first_name text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE rentals (rental_id serial PRIMARY KEY, rental_date timestamp NOT NULL,
  customer_id int NOT NULL REFERENCES customers (customer_id), return_date timestamp, status varchar(20) NOT NULL);
CREATE TABLE payments (payment_id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (customer_id),
  rental_id int NOT NULL REFERENCES rentals (rental_id), amount numeric(5,2) NOT NULL, payment_date timestamp NOT NULL);
CREATE TABLE employees (employee_id serial PRIMARY KEY, first_name text NOT NULL, hire_date date NOT NULL,
  manager_id int REFERENCES employees (employee_id));
CREATE TABLE game_reviews (id serial PRIMARY KEY, percent_recommended int, rating_10 int, nps int,
  score int CHECK (score BETWEEN 1 AND 10));`;

const ROWS = { customers: 50, rentals: 200, payments: 200, employees: 200, game_reviews: 200 };

let db: TestDatabase;
let target: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism39');
  ({ target } = await loadGenerated(db, SHAPES, { tables: ROWS, seed: 39, generatorVersion: 32 }));
}, 300_000);
afterAll(async () => db.close());

const where = (table: string, w: string) => count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);

describe('generator version 32: data a person would take for real', () => {
  it("agrees a rental's status with its return and a payment's customer with its rental's", async () => {
    // Were a record's words (active, pending, deleted) with a return date on 89% of each.
    expect(await where('rentals', "status NOT IN ('returned', 'open', 'overdue', 'lost')")).toBe(0);
    expect(await where('rentals', "(return_date IS NOT NULL) <> (status = 'returned')")).toBe(0);
    expect(await where('rentals', "status = 'returned'")).toBeGreaterThan(150);
    expect(await where('rentals', 'return_date < rental_date')).toBe(0);
    // Was another customer than the rental's in 3,612 of 4,000 payments.
    const other = await count(
      target,
      'SELECT count(*) AS n FROM payments p JOIN rentals r USING (rental_id) WHERE p.customer_id <> r.customer_id',
    );
    expect(other).toBe(0);
    const before = await planSources(SHAPES, { generatorVersion: 31 });
    expect(before.get('rentals.status')).toContain('active');
  });

  it('hires a report after their manager, over the decades', async () => {
    const early = await count(
      target,
      `SELECT count(*) AS n FROM employees e JOIN employees m ON m.employee_id = e.manager_id
       WHERE e.hire_date < m.hire_date`,
    );
    expect(early).toBe(0);
    expect(await where('employees', 'manager_id IS NOT NULL')).toBeGreaterThan(150);
    expect(await where('employees', "hire_date < '2005-01-01'")).toBeGreaterThan(20);
  });

  it('rates out of ten, shares who recommend and promoters on their scales', async () => {
    expect(await where('game_reviews', 'percent_recommended NOT BETWEEN 0 AND 100')).toBe(0);
    expect(await where('game_reviews', 'percent_recommended >= 70')).toBeGreaterThan(100);
    expect(await where('game_reviews', 'rating_10 NOT BETWEEN 1 AND 10')).toBe(0);
    expect(await where('game_reviews', 'rating_10 BETWEEN 7 AND 9')).toBeGreaterThan(80);
    expect(await where('game_reviews', 'nps NOT BETWEEN 0 AND 10')).toBe(0);
    expect(await where('game_reviews', 'nps >= 9')).toBeGreaterThan(60);
    expect(await where('game_reviews', 'score NOT BETWEEN 1 AND 10')).toBe(0);
    const sources = await planSources(SHAPES, { generatorVersion: 32 });
    expect(sources.get('game_reviews.rating_10')).toContain('a rating out of ten');
    expect(sources.get('game_reviews.nps')).toContain('net promoter');
    const before = await planSources(SHAPES, { generatorVersion: 31 });
    expect(before.get('game_reviews.percent_recommended')).toContain('random value of its type');
  });
});
