import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism29');
}, 300_000);
afterAll(async () => db.close());

const BILLING = `CREATE TABLE plans (id serial PRIMARY KEY, name text NOT NULL, seats_included integer NOT NULL, max_users integer);
CREATE TABLE invoices (
  id serial PRIMARY KEY,
  plan_id int NOT NULL REFERENCES plans(id),
  status text NOT NULL CHECK (status IN ('draft','open','paid','void','uncollectible')),
  subtotal numeric(12,2) NOT NULL,
  discount numeric(12,2) NOT NULL DEFAULT 0,
  tax numeric(12,2) NOT NULL DEFAULT 0,
  total numeric(12,2) NOT NULL,
  amount_paid numeric(12,2) NOT NULL DEFAULT 0,
  amount_due numeric(12,2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  issued_at timestamptz NOT NULL,
  due_date date,
  paid_at timestamptz,
  voided_at timestamptz
);
CREATE TABLE payments (
  id serial PRIMARY KEY,
  invoice_id int NOT NULL REFERENCES invoices(id),
  amount numeric(12,2) NOT NULL CHECK (amount > 0),
  method text NOT NULL,
  card_brand text,
  last4 text,
  status text NOT NULL CHECK (status IN ('pending','succeeded','failed','refunded')),
  created_at timestamptz NOT NULL DEFAULT now(),
  succeeded_at timestamptz,
  failed_at timestamptz,
  refunded_at timestamptz
);
CREATE TABLE payslips (id serial PRIMARY KEY, gross_pay numeric(10,2) NOT NULL, tax_withheld numeric(10,2) NOT NULL, deductions numeric(10,2) NOT NULL, net_pay numeric(10,2) NOT NULL);`;
const BILLING_ROWS = { plans: 50, invoices: 600, payments: 600, payslips: 300 };

describe('generator version 22: money that adds up, statuses and their dates', () => {
  it("an invoice's total is its parts' sum, its amount due the total less what is paid, by its status", async () => {
    const { target } = await loadGenerated(db, BILLING, {
      tables: BILLING_ROWS,
      seed: 29,
      generatorVersion: 22,
    });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    expect(await where('invoices', 'total <> subtotal - discount + tax')).toBe(0);
    expect(await where('invoices', 'amount_due <> total - amount_paid')).toBe(0);
    // Tax a usual rate (0 to 20%) of what the discount leaves; a discount none or a round share.
    expect(await where('invoices', 'tax < 0 OR tax > round((subtotal - discount) * 0.2, 2) + 0.01')).toBe(0);
    expect(await where('invoices', 'discount > subtotal * 0.25 + 0.01')).toBe(0);
    expect(await where('invoices', 'discount = 0')).toBeGreaterThan(300);
    expect(await where('invoices', 'tax > 0')).toBeGreaterThan(300);
    // Paid in full where paid, nothing where draft, open, void or uncollectible.
    expect(await where('invoices', "status = 'paid' AND amount_paid <> total")).toBe(0);
    expect(await where('invoices', "status <> 'paid' AND amount_paid <> 0")).toBe(0);
    // A payslip's net is its gross less tax and deductions; tax 12% to 30% of the gross.
    expect(await where('payslips', 'net_pay <> gross_pay - tax_withheld - deductions')).toBe(0);
    expect(
      await where('payslips', 'tax_withheld < gross_pay * 0.119 OR tax_withheld > gross_pay * 0.301'),
    ).toBe(0);
    expect(await where('payslips', 'gross_pay < 500 OR gross_pay > 50000')).toBe(0);
    const sources = await planSources(BILLING, { generatorVersion: 22 });
    expect(sources.get('invoices.total')).toContain("the row's subtotal − discount + tax");
    expect(sources.get('invoices.amount_due')).toContain('total − amount_paid');
    expect(sources.get('payslips.net_pay')).toContain('gross_pay − tax_withheld − deductions');
    // Version 21 wrote totals of other parts and dues of no sum.
    const v21 = await loadGenerated(db, BILLING, { tables: BILLING_ROWS, seed: 29, generatorVersion: 21 });
    expect(
      await count(v21.target, 'SELECT count(*) AS n FROM invoices WHERE amount_due <> total - amount_paid'),
    ).toBeGreaterThan(300);
    expect((await planSources(BILLING, { generatorVersion: 21 })).get('invoices.total')).not.toContain('−');
  });

  it("a status's dates are set exactly when the row reached that step; seats, card digits and methods look real", async () => {
    const { target } = await loadGenerated(db, BILLING, {
      tables: BILLING_ROWS,
      seed: 29,
      generatorVersion: 22,
    });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    const disagree = (table: string, date: string, statuses: string) =>
      where(table, `(${date} IS NOT NULL) <> (status IN (${statuses}))`);
    expect(await disagree('invoices', 'paid_at', "'paid'")).toBe(0);
    expect(await disagree('invoices', 'voided_at', "'void'")).toBe(0);
    // A refunded payment succeeded first; a failed one has its failed_at and no other.
    expect(await disagree('payments', 'succeeded_at', "'succeeded', 'refunded'")).toBe(0);
    expect(await disagree('payments', 'failed_at', "'failed'")).toBe(0);
    expect(await disagree('payments', 'refunded_at', "'refunded'")).toBe(0);
    expect(await where('payments', 'refunded_at < succeeded_at OR succeeded_at < created_at')).toBe(0);
    // An invoice's payment after its issue, its due date days to weeks after it.
    expect(await where('invoices', 'paid_at < issued_at OR issued_at < created_at')).toBe(0);
    expect(
      await where(
        'invoices',
        "due_date < issued_at::date OR due_date > issued_at::date + interval '46 days'",
      ),
    ).toBe(0);
    expect(await where('payments', "last4 !~ '^[0-9]{4}$'")).toBe(0);
    expect(
      await where(
        'payments',
        "card_brand NOT IN ('visa', 'mastercard', 'amex', 'discover', 'jcb', 'unionpay', 'diners')",
      ),
    ).toBe(0);
    expect(await where('payments', "method !~ '^[a-z_]+$'")).toBe(0);
    expect(await where('plans', 'seats_included < 1 OR seats_included > 100 OR max_users > 100')).toBe(0);
    const sources = await planSources(BILLING, { generatorVersion: 22 });
    expect(sources.get('payments.last4')).toContain("a card's last four digits");
    expect(sources.get('payments.refunded_at')).toContain('set exactly when status has reached its step');
    expect(sources.get('invoices.due_date')).toContain("expected after the row's creation");
  });
});

const SHIPPING = `CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE shipments (
  id serial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers(id),
  status text NOT NULL CHECK (status IN ('pending','picked_up','in_transit','out_for_delivery','delivered','returned','cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  shipped_at timestamptz,
  estimated_delivery date,
  delivered_at timestamptz,
  cancelled_at timestamptz
);
CREATE TABLE packages (id serial PRIMARY KEY, shipment_id int NOT NULL REFERENCES shipments(id), length_cm numeric(7,1), width_cm numeric(7,1), weight_kg numeric(8,2), weight_lb numeric(8,2));
CREATE TABLE courses (id serial PRIMARY KEY, title text NOT NULL, credits numeric(3,1) NOT NULL, credit_hours int,
  status text NOT NULL CHECK (status IN ('draft','published','archived')), created_at timestamp NOT NULL, published_at timestamp, archived_at timestamp);
CREATE TABLE enrollments (id serial PRIMARY KEY, course_id int NOT NULL REFERENCES courses(id),
  status text NOT NULL CHECK (status IN ('enrolled','completed','dropped')), enrolled_at timestamp NOT NULL, completed_at timestamp, dropped_at timestamp);`;
const SHIPPING_ROWS = { customers: 100, shipments: 700, packages: 700, courses: 300, enrollments: 700 };

describe('generator version 22: shipments, parcels and courses', () => {
  it('stage dates agree with the status, the expected delivery follows the dispatch, parcels and credits in range', async () => {
    const { target } = await loadGenerated(db, SHIPPING, {
      tables: SHIPPING_ROWS,
      seed: 29,
      generatorVersion: 22,
    });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    const disagree = (table: string, date: string, statuses: string) =>
      where(table, `(${date} IS NOT NULL) <> (status IN (${statuses}))`);
    expect(
      await disagree(
        'shipments',
        'shipped_at',
        "'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'returned'",
      ),
    ).toBe(0);
    expect(await disagree('shipments', 'delivered_at', "'delivered', 'returned'")).toBe(0);
    expect(await disagree('shipments', 'cancelled_at', "'cancelled'")).toBe(0);
    expect(await disagree('courses', 'published_at', "'published', 'archived'")).toBe(0);
    expect(await disagree('courses', 'archived_at', "'archived'")).toBe(0);
    expect(await disagree('enrollments', 'completed_at', "'completed'")).toBe(0);
    expect(await disagree('enrollments', 'dropped_at', "'dropped'")).toBe(0);
    expect(await where('enrollments', 'completed_at < enrolled_at OR dropped_at < enrolled_at')).toBe(0);
    expect(await where('courses', 'archived_at < published_at')).toBe(0);
    // The expected delivery: set in most rows whatever the status, days after the creation and the dispatch.
    expect(await where('shipments', 'estimated_delivery IS NOT NULL')).toBeGreaterThan(550);
    expect(
      await where(
        'shipments',
        'estimated_delivery < created_at::date OR estimated_delivery < shipped_at::date OR estimated_delivery > greatest(created_at, shipped_at)::date + 11',
      ),
    ).toBe(0);
    expect(
      await where('packages', 'length_cm > 120 OR width_cm < 2 OR weight_kg > 30 OR weight_lb > 66'),
    ).toBe(0);
    expect(
      await where('courses', 'credits < 0.5 OR credits > 10 OR credit_hours < 1 OR credit_hours > 10'),
    ).toBe(0);
    expect(await where('courses', 'credits = 3')).toBeGreaterThan(80);
    const sources = await planSources(SHIPPING, { generatorVersion: 22 });
    expect(sources.get('packages.width_cm')).toContain("a parcel's measure in cm");
    expect(sources.get('courses.credits')).toContain("a course's credits");
    expect(sources.get('enrollments.dropped_at')).toContain('never before enrolled_at');
    // Version 21 wrote any number of the type and an expected delivery only on delivered rows.
    const v21 = await loadGenerated(db, SHIPPING, { tables: SHIPPING_ROWS, seed: 29, generatorVersion: 21 });
    expect(
      await count(v21.target, 'SELECT count(*) AS n FROM packages WHERE width_cm > 1000'),
    ).toBeGreaterThan(200);
    expect(
      await count(
        v21.target,
        "SELECT count(*) AS n FROM shipments WHERE status = 'pending' AND estimated_delivery IS NOT NULL",
      ),
    ).toBe(0);
  });
});

const WORKPLACE = `CREATE TABLE tickets (id serial PRIMARY KEY, subject text NOT NULL, channel text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE time_off_requests (id serial PRIMARY KEY, type text NOT NULL, days numeric(4,1), starts_on date NOT NULL, ends_on date NOT NULL);
CREATE TABLE timesheets (id serial PRIMARY KEY, hours_worked numeric(5,2) NOT NULL, max_points numeric(6,2) NOT NULL);
CREATE TABLE tracking_events (id serial PRIMARY KEY, event_type text NOT NULL, occurred_at timestamptz NOT NULL);`;

describe("generator version 22: a workplace's words and hours", () => {
  it("a ticket's channel, a leave's type and days, hours worked and a parcel's tracking events", async () => {
    const rows = { tickets: 300, time_off_requests: 300, timesheets: 300, tracking_events: 300 };
    const { target } = await loadGenerated(db, WORKPLACE, { tables: rows, seed: 29, generatorVersion: 22 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    expect(await where('tickets', "channel NOT IN ('email', 'web', 'phone', 'chat', 'api', 'social')")).toBe(
      0,
    );
    expect(
      await where(
        'time_off_requests',
        "type NOT IN ('vacation', 'sick', 'personal', 'unpaid', 'parental', 'bereavement', 'jury_duty')",
      ),
    ).toBe(0);
    expect(await where('time_off_requests', 'days < 0.5 OR days > 15')).toBe(0);
    expect(await where('timesheets', 'hours_worked < 0 OR hours_worked > 180')).toBe(0);
    expect(await where('timesheets', 'max_points NOT IN (10, 20, 25, 50, 100)')).toBe(0);
    expect(await where('tracking_events', "event_type !~ '^[a-z_]+$' OR event_type NOT LIKE '%_%'")).toBe(0);
    expect(await where('tracking_events', "event_type IN ('in_transit', 'delivered')")).toBeGreaterThan(60);
    const sources = await planSources(WORKPLACE, { generatorVersion: 22 });
    expect(sources.get('tickets.channel')).toContain('a support channel');
    expect(sources.get('time_off_requests.days')).toContain('days of leave');
    // Version 21 wrote words of no sense and any number of the type.
    const v21 = await loadGenerated(db, WORKPLACE, { tables: rows, seed: 29, generatorVersion: 21 });
    expect(
      await count(
        v21.target,
        "SELECT count(*) AS n FROM tickets WHERE channel NOT IN ('email', 'web', 'phone', 'chat')",
      ),
    ).toBeGreaterThan(250);
  });
});
