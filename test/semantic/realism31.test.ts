import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, queryNumbers, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism31');
}, 300_000);
afterAll(async () => db.close());

const STAYS = `CREATE TABLE guests (id serial PRIMARY KEY, created_at timestamptz NOT NULL);
CREATE TABLE bookings (id serial PRIMARY KEY, guest_id int NOT NULL REFERENCES guests(id),
  booked_at timestamptz NOT NULL, check_in date NOT NULL, check_out date NOT NULL,
  status text NOT NULL CHECK (status IN ('confirmed','cancelled','checked_out')), CHECK (check_out > check_in));
CREATE TABLE copies (id serial PRIMARY KEY, barcode text NOT NULL);
CREATE TABLE loans (id serial PRIMARY KEY, copy_id int NOT NULL REFERENCES copies(id), loaned_at timestamptz NOT NULL,
  due_date date NOT NULL, returned_at timestamptz, status text NOT NULL CHECK (status IN ('active','returned','overdue','lost')));`;
const STAY_ROWS = { guests: 200, bookings: 500, copies: 100, loans: 500 };

describe('generator version 24: stays and loans in their order', () => {
  it('a check-in weeks after the booking, 1 to 14 nights; a loan due weeks after it, returned only when returned', async () => {
    const { target } = await loadGenerated(db, STAYS, { tables: STAY_ROWS, seed: 31, generatorVersion: 24 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    expect(await where('bookings', 'check_in < booked_at::date')).toBe(0);
    expect(await where('bookings', 'check_out - check_in NOT BETWEEN 1 AND 14')).toBe(0);
    expect(await where('bookings', 'check_out - check_in <= 4')).toBeGreaterThan(300);
    // A lead time of days to months: not all on the day, not years.
    expect(await where('bookings', 'check_in - booked_at::date > 330')).toBe(0);
    expect(await where('bookings', 'check_in - booked_at::date >= 7')).toBeGreaterThan(250);
    expect(await where('loans', 'returned_at < loaned_at')).toBe(0);
    expect(await where('loans', 'due_date - loaned_at::date NOT BETWEEN 14 AND 28')).toBe(0);
    expect(await where('loans', "(returned_at IS NOT NULL) <> (status = 'returned')")).toBe(0);
    const sources = await planSources(STAYS, { generatorVersion: 24 });
    expect(sources.get('loans.loaned_at')).toContain('created at');
    // Version 23 drew check-ins before the booking and stays of months.
    const v23 = await loadGenerated(db, STAYS, { tables: STAY_ROWS, seed: 31, generatorVersion: 23 });
    expect(
      await count(v23.target, 'SELECT count(*) AS n FROM bookings WHERE check_in < booked_at::date'),
    ).toBeGreaterThan(100);
    expect(
      await count(v23.target, 'SELECT count(*) AS n FROM loans WHERE returned_at < loaned_at'),
    ).toBeGreaterThan(50);
  });
});

const HIRING = `CREATE TABLE jobs (id serial PRIMARY KEY, title text NOT NULL, status text NOT NULL CHECK (status IN ('draft','open','closed','filled')),
  posted_at timestamptz, closed_at timestamptz, created_at timestamptz NOT NULL);
CREATE TABLE applications (id serial PRIMARY KEY, job_id int NOT NULL REFERENCES jobs(id),
  stage text NOT NULL CHECK (stage IN ('applied','screening','interview','offer','hired','rejected','withdrawn')),
  applied_at timestamptz NOT NULL, rejected_at timestamptz, hired_at timestamptz);
CREATE TABLE offers (id serial PRIMARY KEY, application_id int NOT NULL REFERENCES applications(id),
  status text NOT NULL CHECK (status IN ('pending','accepted','declined','expired')), extended_at timestamptz NOT NULL,
  responded_at timestamptz, start_date date);`;

describe("generator version 24: a recruiting pipeline's stages and dates", () => {
  it('a hire, a rejection, a posting, a closing and an answer exactly where the stage says, each after the steps before it', async () => {
    const rows = { jobs: 200, applications: 500, offers: 300 };
    const { target } = await loadGenerated(db, HIRING, { tables: rows, seed: 31, generatorVersion: 24 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    expect(await where('applications', "(hired_at IS NOT NULL) <> (stage = 'hired')")).toBe(0);
    expect(await where('applications', "(rejected_at IS NOT NULL) <> (stage = 'rejected')")).toBe(0);
    expect(await where('applications', 'hired_at < applied_at OR rejected_at < applied_at')).toBe(0);
    expect(await where('jobs', "(posted_at IS NOT NULL) <> (status <> 'draft')")).toBe(0);
    expect(await where('jobs', "(closed_at IS NOT NULL) <> (status IN ('closed', 'filled'))")).toBe(0);
    expect(await where('jobs', 'closed_at < posted_at OR posted_at < created_at')).toBe(0);
    expect(await where('offers', "(responded_at IS NOT NULL) <> (status IN ('accepted', 'declined'))")).toBe(
      0,
    );
    expect(await where('offers', 'responded_at < extended_at OR start_date < extended_at::date')).toBe(0);
    expect(await where('offers', 'start_date < responded_at::date')).toBe(0);
    // The plan says what generate does: NULL by the stage, no share of NULLs of its own.
    const sources = await planSources(HIRING, { generatorVersion: 24 });
    expect(sources.get('applications.hired_at')).toContain('set exactly when stage has reached its step');
    expect(sources.get('applications.hired_at')).not.toContain('% NULL');
    expect(sources.get('offers.start_date')).toContain('never before extended_at, responded_at');
    expect((await planSources(HIRING, { generatorVersion: 23 })).get('jobs.closed_at')).toContain('10% NULL');
    const v23 = await loadGenerated(db, HIRING, { tables: rows, seed: 31, generatorVersion: 23 });
    expect(
      await count(
        v23.target,
        "SELECT count(*) AS n FROM applications WHERE hired_at IS NOT NULL AND stage <> 'hired'",
      ),
    ).toBeGreaterThan(100);
  });
});

const IOT = `CREATE TABLE devices (id serial PRIMARY KEY, model varchar(64) NOT NULL, firmware_version varchar(20) NOT NULL);
CREATE TABLE sensors (id serial PRIMARY KEY, device_id int NOT NULL REFERENCES devices(id),
  kind text NOT NULL CHECK (kind IN ('temperature','humidity','pressure','battery','voltage')), unit varchar(8) NOT NULL);
CREATE TABLE readings (id bigserial PRIMARY KEY, sensor_id int NOT NULL REFERENCES sensors(id), value double precision NOT NULL, unit varchar(8) NOT NULL);
CREATE TABLE probes (id serial PRIMARY KEY, type text NOT NULL, unit text NOT NULL, reading numeric(8,2));`;

describe("generator version 24: a sensor's quantity decides its unit and its readings", () => {
  it("a unit of the sensor's kind, readings in its range, a device's model that looks like one", async () => {
    const rows = { devices: 100, sensors: 300, readings: 500, probes: 200 };
    const { target } = await loadGenerated(db, IOT, { tables: rows, seed: 31, generatorVersion: 24 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    const units =
      "kind, CASE kind WHEN 'temperature' THEN '°C' WHEN 'pressure' THEN 'hPa' WHEN 'voltage' THEN 'V' ELSE '%' END AS u";
    expect(await where(`(SELECT unit, ${units} FROM sensors) s`, 'unit <> u')).toBe(0);
    const joined = `(SELECT r.value, r.unit, s.kind FROM readings r JOIN sensors s ON s.id = r.sensor_id) r`;
    expect(await where(joined, 'unit <> (SELECT unit FROM sensors WHERE kind = r.kind LIMIT 1)')).toBe(0);
    expect(await where(joined, "kind = 'temperature' AND value NOT BETWEEN -20 AND 45")).toBe(0);
    expect(await where(joined, "kind IN ('humidity', 'battery') AND value NOT BETWEEN 0 AND 100")).toBe(0);
    expect(await where(joined, "kind = 'pressure' AND value NOT BETWEEN 950 AND 1050")).toBe(0);
    expect(await where(joined, "kind = 'voltage' AND value NOT BETWEEN 2.8 AND 4.2")).toBe(0);
    expect(
      await where(
        'devices',
        "model !~ '^([A-Z]{2}-[0-9]+i?|[A-Z][a-z]+( (Pro|Mini|Max|Plus|Lite|One|X))?( [0-9])?)$'",
      ),
    ).toBe(0);
    // A sensor table of free text: its type a quantity, its unit and reading that quantity's.
    expect(
      await where(
        'probes',
        "type NOT IN ('temperature','humidity','pressure','battery','voltage','co2','light','noise','current')",
      ),
    ).toBe(0);
    expect(
      await where('probes', "type = 'pressure' AND (unit <> 'hPa' OR reading NOT BETWEEN 950 AND 1050)"),
    ).toBe(0);
    const sources = await planSources(IOT, { generatorVersion: 24 });
    expect(sources.get('readings.value')).toContain('a reading in the usual range');
    expect(sources.get('devices.model')).toContain("a device's model");
    const v23 = await loadGenerated(db, IOT, { tables: rows, seed: 31, generatorVersion: 23 });
    expect(
      await count(v23.target, "SELECT count(*) AS n FROM sensors WHERE unit IN ('°C', 'hPa', 'V', '%')"),
    ).toBe(0);
  });
});

const MONEY = `CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE ledger_entries (id bigserial PRIMARY KEY, account_id int NOT NULL REFERENCES accounts(id),
  direction text NOT NULL CHECK (direction IN ('debit','credit')), amount numeric(14,2) NOT NULL CHECK (amount <> 0));
CREATE TABLE transfers (id serial PRIMARY KEY, amount numeric(12,2) NOT NULL CHECK (amount <> 0));
CREATE TABLE plans (id serial PRIMARY KEY, name text NOT NULL, price_monthly numeric(10,2) NOT NULL, price_yearly numeric(10,2));
CREATE TABLE students (id serial PRIMARY KEY, height_cm numeric(5,1), weight_kg numeric(5,1));
CREATE TABLE enrollments (id serial PRIMARY KEY, student_id int REFERENCES students(id), final_grade numeric(5,2));
CREATE TABLE coupons (id serial PRIMARY KEY, discount_percent numeric(5,2) NOT NULL);
CREATE TABLE books (id serial PRIMARY KEY, pages int, years_experience int, renewals int NOT NULL DEFAULT 0);`;

describe('generator version 24: signed movements and magnitudes of their kind', () => {
  it("debits out, credits in; a plan's price, a student's height and weight, a grade, a discount", async () => {
    const rows = {
      accounts: 50,
      ledger_entries: 500,
      transfers: 300,
      plans: 40,
      students: 300,
      enrollments: 300,
      coupons: 200,
      books: 300,
    };
    const { target } = await loadGenerated(db, MONEY, { tables: rows, seed: 31, generatorVersion: 24 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    expect(await where('ledger_entries', "(amount < 0) <> (direction = 'debit')")).toBe(0);
    expect(await where('ledger_entries', "direction = 'debit'")).toBeGreaterThan(150);
    expect(await where('transfers', 'amount < 0')).toBeGreaterThan(60);
    expect(await where('transfers', 'amount > 0')).toBeGreaterThan(120);
    expect(await where('plans', 'price_monthly NOT BETWEEN 0 AND 499')).toBe(0);
    expect(await where('plans', 'price_yearly <> price_monthly * 10')).toBe(0);
    expect(
      await where('students', 'height_cm NOT BETWEEN 145 AND 205 OR weight_kg NOT BETWEEN 40 AND 150'),
    ).toBe(0);
    expect(await where('enrollments', 'final_grade NOT BETWEEN 0 AND 100')).toBe(0);
    expect(await where('coupons', 'discount_percent NOT IN (5, 10, 15, 20, 25, 30, 40, 50)')).toBe(0);
    expect(
      await where('books', 'pages NOT BETWEEN 24 AND 1500 OR years_experience NOT BETWEEN 0 AND 40'),
    ).toBe(0);
    expect(await where('books', 'renewals NOT BETWEEN 0 AND 3')).toBe(0);
    const sources = await planSources(MONEY, { generatorVersion: 24 });
    expect(sources.get('plans.price_monthly')).toContain("a plan's price");
    expect(sources.get('students.height_cm')).toContain("a person's height");
    const v23 = await loadGenerated(db, MONEY, { tables: rows, seed: 31, generatorVersion: 23 });
    expect(await count(v23.target, 'SELECT count(*) AS n FROM ledger_entries WHERE amount < 0')).toBe(0);
    expect(
      await count(v23.target, 'SELECT count(*) AS n FROM plans WHERE price_monthly > 1000'),
    ).toBeGreaterThan(10);
  });
});

const NAMED_STARTS = `CREATE TABLE applications (id serial PRIMARY KEY, candidate text NOT NULL, applied_at timestamptz NOT NULL);
CREATE TABLE offers (id serial PRIMARY KEY, application_id int NOT NULL REFERENCES applications(id), extended_at timestamptz NOT NULL);
CREATE TABLE copies (id serial PRIMARY KEY, barcode text NOT NULL, acquired_on date NOT NULL);
CREATE TABLE loans (id serial PRIMARY KEY, copy_id int NOT NULL REFERENCES copies(id), loaned_at timestamptz NOT NULL);
CREATE TABLE devices (id serial PRIMARY KEY, serial text NOT NULL, installed_at timestamptz NOT NULL);
CREATE TABLE sensors (id serial PRIMARY KEY, device_id int NOT NULL REFERENCES devices(id), created_at timestamptz NOT NULL);`;
const NAMED_ROWS = { applications: 200, offers: 400, copies: 100, loans: 400, devices: 100, sensors: 400 };

describe('generator version 24: a parent whose first moment is named for its first step', () => {
  it('offers after the application, loans after the copy was acquired, sensors after the device was installed', async () => {
    const before = `SELECT (SELECT count(*) FROM offers o JOIN applications a ON a.id = o.application_id WHERE o.extended_at < a.applied_at) AS offers,
      (SELECT count(*) FROM loans l JOIN copies c ON c.id = l.copy_id WHERE l.loaned_at::date < c.acquired_on) AS loans,
      (SELECT count(*) FROM sensors s JOIN devices d ON d.id = s.device_id WHERE s.created_at < d.installed_at) AS sensors`;
    const { target } = await loadGenerated(db, NAMED_STARTS, {
      tables: NAMED_ROWS,
      seed: 31,
      generatorVersion: 24,
    });
    expect(await queryNumbers(target, before)).toEqual({ offers: 0, loans: 0, sensors: 0 });
    const sources = await planSources(NAMED_STARTS, { generatorVersion: 24 });
    expect(sources.get('offers.extended_at')).toContain(
      "after its parent rows' public.applications.applied_at",
    );
    // Version 23 drew them apart: a third to nine tenths of the children before their parent's first moment.
    const v23 = await loadGenerated(db, NAMED_STARTS, { tables: NAMED_ROWS, seed: 31, generatorVersion: 23 });
    const old = await queryNumbers(v23.target, before);
    expect(Object.values(old).reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
  });
});
