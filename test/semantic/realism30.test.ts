import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism30');
}, 300_000);
afterAll(async () => db.close());

const LMS = `CREATE TABLE assignments (id serial PRIMARY KEY, title text NOT NULL, max_points numeric(6,2) NOT NULL);
CREATE TABLE quizzes (id serial PRIMARY KEY, title text NOT NULL, points_possible int NOT NULL);
CREATE TABLE submissions (id serial PRIMARY KEY, assignment_id int NOT NULL REFERENCES assignments(id),
  status text NOT NULL CHECK (status IN ('not_submitted','submitted','late','graded','returned')),
  submitted_at timestamptz, graded_at timestamptz, score numeric(6,2), feedback text, created_at timestamptz NOT NULL);
CREATE TABLE quiz_attempts (id serial PRIMARY KEY, quiz_id int NOT NULL REFERENCES quizzes(id), started_at timestamptz NOT NULL, score int);
CREATE TABLE enrollments (id serial PRIMARY KEY, status text NOT NULL CHECK (status IN ('active','completed','dropped')), final_grade numeric(5,2));`;
const LMS_ROWS = { assignments: 60, quizzes: 60, submissions: 600, quiz_attempts: 400, enrollments: 300 };

describe('generator version 23: a grading and its values', () => {
  it("a hand-in date, a score and feedback only once the row reached their step; a score within its task's points", async () => {
    const { target } = await loadGenerated(db, LMS, { tables: LMS_ROWS, seed: 30, generatorVersion: 23 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    const disagree = (table: string, column: string, statuses: string) =>
      where(table, `(${column} IS NOT NULL) <> (status IN (${statuses}))`);
    expect(await disagree('submissions', 'submitted_at', "'submitted', 'late', 'graded', 'returned'")).toBe(
      0,
    );
    expect(await disagree('submissions', 'score', "'graded', 'returned'")).toBe(0);
    expect(await disagree('submissions', 'feedback', "'graded', 'returned'")).toBe(0);
    expect(await disagree('enrollments', 'final_grade', "'completed'")).toBe(0);
    const over = (child: string, parent: string, fk: string, max: string) =>
      count(
        target,
        `SELECT count(*) AS n FROM ${child} c JOIN ${parent} p ON p.id = c.${fk} WHERE c.score > p.${max} OR c.score < 0`,
      );
    expect(await over('submissions', 'assignments', 'assignment_id', 'max_points')).toBe(0);
    expect(await over('quiz_attempts', 'quizzes', 'quiz_id', 'points_possible')).toBe(0);
    // Not all full marks: a share of the points, around 70%.
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM submissions c JOIN assignments p ON p.id = c.assignment_id WHERE c.score < p.max_points',
      ),
    ).toBeGreaterThan(150);
    const sources = await planSources(LMS, { generatorVersion: 23 });
    expect(sources.get('submissions.score')).toContain('set exactly when status has reached its step');
    expect(sources.get('submissions.submitted_at')).toContain('set exactly when status has reached its step');
    expect(sources.get('quiz_attempts.score')).toContain("out of its task's most points");
    // Version 22 scored rows not handed in, over the task's points.
    const v22 = await loadGenerated(db, LMS, { tables: LMS_ROWS, seed: 30, generatorVersion: 22 });
    expect(
      await count(
        v22.target,
        "SELECT count(*) AS n FROM submissions WHERE status = 'not_submitted' AND score IS NOT NULL",
      ),
    ).toBeGreaterThan(50);
  });
});

const STAYS = `CREATE TABLE room_types (id serial PRIMARY KEY, name text NOT NULL, capacity smallint NOT NULL);
CREATE TABLE rooms (id serial PRIMARY KEY, room_type_id int NOT NULL REFERENCES room_types(id), floor smallint NOT NULL);
CREATE TABLE bookings (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms(id), adults smallint NOT NULL, children smallint NOT NULL DEFAULT 0, nights int);
CREATE TABLE timesheets (id serial PRIMARY KEY, hours_worked numeric(5,2) NOT NULL, overtime_hours numeric(5,2) NOT NULL DEFAULT 0);
CREATE TABLE employees (id serial PRIMARY KEY, salary numeric(12,2), hourly_rate numeric(8,2));
CREATE TABLE telemetry (id bigserial PRIMARY KEY, temperature_c real, pressure_hpa real, co2_ppm int, battery_voltage numeric(4,2));`;
const STAY_ROWS = {
  room_types: 100,
  rooms: 300,
  bookings: 500,
  timesheets: 400,
  employees: 300,
  telemetry: 500,
};

describe('generator version 23: counts of people, rooms and hours; readings in their units', () => {
  it("a booking's party, a room's capacity and floor, overtime, hourly rates and a sensor's readings", async () => {
    const { target } = await loadGenerated(db, STAYS, { tables: STAY_ROWS, seed: 30, generatorVersion: 23 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    expect(await where('bookings', 'adults NOT BETWEEN 1 AND 4 OR children NOT BETWEEN 0 AND 3')).toBe(0);
    expect(await where('bookings', 'nights NOT BETWEEN 1 AND 14')).toBe(0);
    expect(await where('bookings', 'children = 0')).toBeGreaterThan(300);
    expect(await where('room_types', 'capacity NOT BETWEEN 1 AND 6')).toBe(0);
    expect(await where('rooms', 'floor NOT BETWEEN 0 AND 30')).toBe(0);
    expect(await where('timesheets', 'overtime_hours NOT BETWEEN 0 AND 20')).toBe(0);
    expect(await where('timesheets', 'overtime_hours = 0')).toBeGreaterThan(200);
    expect(await where('employees', 'hourly_rate NOT BETWEEN 15 AND 120')).toBe(0);
    expect(await where('telemetry', 'temperature_c NOT BETWEEN -30 AND 60')).toBe(0);
    expect(await where('telemetry', 'pressure_hpa NOT BETWEEN 950 AND 1050')).toBe(0);
    expect(await where('telemetry', 'co2_ppm NOT BETWEEN 350 AND 5000')).toBe(0);
    expect(await where('telemetry', 'battery_voltage NOT BETWEEN 2.8 AND 4.2')).toBe(0);
    const sources = await planSources(STAYS, { generatorVersion: 23 });
    expect(sources.get('bookings.adults')).toContain("a booking's adults");
    expect(sources.get('timesheets.overtime_hours')).toContain("a week's overtime hours");
    expect(sources.get('telemetry.pressure_hpa')).toContain("a sensor's reading (around 1013");
    // Version 22 drew any number of the type.
    const v22 = await loadGenerated(db, STAYS, { tables: STAY_ROWS, seed: 30, generatorVersion: 22 });
    expect(await count(v22.target, 'SELECT count(*) AS n FROM bookings WHERE adults > 100')).toBeGreaterThan(
      300,
    );
    expect((await planSources(STAYS, { generatorVersion: 22 })).get('bookings.adults')).not.toContain(
      'adults',
    );
  });
});

const BILLED = `CREATE TABLE subscriptions (id serial PRIMARY KEY, started_at timestamptz NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE invoices (id serial PRIMARY KEY, subscription_id int NOT NULL REFERENCES subscriptions(id), issued_at timestamptz NOT NULL);
CREATE TABLE payments (id serial PRIMARY KEY, invoice_id int NOT NULL REFERENCES invoices(id), created_at timestamptz NOT NULL);`;
const BILLED_ROWS = { subscriptions: 200, invoices: 500, payments: 500 };

describe('generator version 23: what follows its parent row closely', () => {
  it("an invoice days after its subscription's start, a payment days after its invoice", async () => {
    const { target } = await loadGenerated(db, BILLED, {
      tables: BILLED_ROWS,
      seed: 30,
      generatorVersion: 23,
    });
    const gaps = (child: string, parent: string, fk: string, at: string, start: string) =>
      target.query<{ p50: number; p90: number; before: string }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.${at} - p.${start}) / 86400) AS p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.${at} - p.${start}) / 86400) AS p90,
                count(*) FILTER (WHERE c.${at} < p.${start}) AS before
         FROM ${child} c JOIN ${parent} p ON p.id = c.${fk}`,
      );
    const invoices = (
      await gaps('invoices', 'subscriptions', 'subscription_id', 'issued_at', 'started_at')
    )[0];
    expect(Number(invoices?.before)).toBe(0);
    expect(Number(invoices?.p50)).toBeLessThan(8);
    expect(Number(invoices?.p90)).toBeLessThan(30);
    const payments = (await gaps('payments', 'invoices', 'invoice_id', 'created_at', 'issued_at'))[0];
    expect(Number(payments?.before)).toBe(0);
    expect(Number(payments?.p90)).toBeLessThan(30);
    const sources = await planSources(BILLED, { generatorVersion: 23 });
    expect(sources.get('invoices.issued_at')).toContain('within days of them');
    // Version 22 drew them anywhere up to the reference date: months after.
    const v22 = await loadGenerated(db, BILLED, { tables: BILLED_ROWS, seed: 30, generatorVersion: 22 });
    const [late] = await v22.target.query<{ n: string }>(
      `SELECT count(*) AS n FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id WHERE i.issued_at > s.started_at + interval '60 days'`,
    );
    expect(Number(late?.n)).toBeGreaterThan(150);
  });
});

const NAMED = `CREATE TABLE plans (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE teams (id serial PRIMARY KEY, name varchar(40) NOT NULL UNIQUE);
CREATE TABLE projects (id serial PRIMARY KEY, team_id int REFERENCES teams(id), name text NOT NULL UNIQUE);
CREATE TABLE hotels (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE room_types (id serial PRIMARY KEY, hotel_id int REFERENCES hotels(id), name text NOT NULL);`;

describe('generator version 23: names of their kind', () => {
  it("a plan's, a team's, a project's, a hotel's and a room type's names, numbered only past the vocabulary", async () => {
    const rows = { plans: 30, teams: 400, projects: 500, hotels: 200, room_types: 200 };
    const { target } = await loadGenerated(db, NAMED, { tables: rows, seed: 30, generatorVersion: 23 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    // Thirty plans fit the tiers: none numbered, none a word pair.
    expect(await where('plans', "name ~ '[0-9-]'")).toBe(0);
    expect(
      await where(
        'plans',
        "split_part(name, ' ', 1) NOT IN ('Free', 'Starter', 'Basic', 'Standard', 'Plus', 'Pro', 'Professional', 'Team', 'Business', 'Premium', 'Growth', 'Scale', 'Enterprise', 'Ultimate', 'Essentials', 'Advanced', 'Lite', 'Startup', 'Agency', 'Unlimited')",
      ),
    ).toBe(0);
    // 400 teams past the names that fit 40 characters with room for a number: the rest numbered.
    expect(await where('teams', "name ~ ' [0-9]+$'")).toBeGreaterThan(100);
    expect(await where('teams', "name ~ ' [0-9]+$'")).toBeLessThan(150);
    expect(await where('projects', "name !~ '^[A-Z][A-Za-z ]+ [A-Z][a-z]+( [0-9]+)?$'")).toBe(0);
    expect(await where('hotels', "name !~ '(Hotel|Inn|Suites|Resort|Lodge|Spa|Guesthouse)$'")).toBe(0);
    expect(await where('room_types', "name !~ '^[A-Z][a-z]+ [A-Z][a-z]+$'")).toBe(0);
    const sources = await planSources(NAMED, { generatorVersion: 23 });
    expect(sources.get('plans.name')).toContain('a name of its kind (Free, Starter, Basic');
    // Version 22 wrote word pairs.
    const v22 = await loadGenerated(db, NAMED, { tables: rows, seed: 30, generatorVersion: 22 });
    expect(await count(v22.target, "SELECT count(*) AS n FROM plans WHERE name ~ '^[a-z]+-[a-z]+$'")).toBe(
      30,
    );
  });
});

const HELPDESK = `CREATE TABLE tickets (id serial PRIMARY KEY, subject text NOT NULL, status text NOT NULL CHECK (status IN ('new','open','solved')));
CREATE TABLE comments (id serial PRIMARY KEY, ticket_id int NOT NULL REFERENCES tickets(id), body text NOT NULL);
CREATE TABLE messages (id serial PRIMARY KEY, ticket_id int NOT NULL REFERENCES tickets(id), body varchar(200) NOT NULL);`;

describe("generator version 23: a helpdesk's words", () => {
  it("a ticket's subject is a problem, a comment's and a message's body support sentences", async () => {
    const rows = { tickets: 300, comments: 400, messages: 400 };
    const { target } = await loadGenerated(db, HELPDESK, { tables: rows, seed: 30, generatorVersion: 23 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    expect(
      await where(
        'tickets',
        "subject !~ '^(Cannot |Question about|Request to|Help with|Feedback on|Billing question|How do I|Refund request)' AND subject !~ ' (not loading|not working|showing an error|very slow|missing data|stuck on loading|out of date|returning 500 errors|showing the wrong totals|not updating)$'",
      ),
    ).toBe(0);
    // Sentences: each ends in a stop, a question or an exclamation mark, and opens with a capital.
    for (const table of ['comments', 'messages'])
      expect(await where(table, "body !~ '^[A-Z][^.!?]*[.!?]( [A-Z][^.!?]*[.!?])*$'")).toBe(0);
    expect(await where('messages', 'length(body) > 200')).toBe(0);
    const sources = await planSources(HELPDESK, { generatorVersion: 23 });
    expect(sources.get('tickets.subject')).toContain("a ticket's subject as a customer writes it");
    expect(sources.get('comments.body')).toContain('support sentences');
    const v22 = await loadGenerated(db, HELPDESK, { tables: rows, seed: 30, generatorVersion: 22 });
    expect(await count(v22.target, "SELECT count(*) AS n FROM tickets WHERE subject ~ '^Cannot '")).toBe(0);
  });
});

const PERIODS = `CREATE TABLE pay_periods (id serial PRIMARY KEY, start_date date NOT NULL, end_date date NOT NULL, closed_at timestamptz,
  status text NOT NULL CHECK (status IN ('open', 'closed')));
CREATE TABLE prices (id serial PRIMARY KEY, currency char(3) NOT NULL, unit_amount numeric(12,2) NOT NULL);`;

describe('generator version 23: a period closes after it ends; currencies businesses bill in', () => {
  it("a pay period's closed_at on or after its end_date; currencies by how often they are used", async () => {
    const rows = { pay_periods: 500, prices: 500 };
    const { target } = await loadGenerated(db, PERIODS, { tables: rows, seed: 30, generatorVersion: 23 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    expect(await where('pay_periods', 'closed_at::date < end_date')).toBe(0);
    expect(await where('pay_periods', "(closed_at IS NOT NULL) <> (status = 'closed')")).toBe(0);
    expect(
      await where(
        'prices',
        "currency NOT IN ('USD','EUR','GBP','CAD','AUD','JPY','INR','CHF','SEK','BRL','MXN','CNY','SGD','NZD')",
      ),
    ).toBe(0);
    expect(await where('prices', "currency = 'USD'")).toBeGreaterThan(150);
    const sources = await planSources(PERIODS, { generatorVersion: 23 });
    expect(sources.get('pay_periods.closed_at')).toContain('never before start_date, end_date');
    expect(sources.get('prices.currency')).toContain('a currency businesses bill in');
    // Version 22 closed a tenth of the periods before they ended, in any of ISO 4217's currencies.
    const v22 = await loadGenerated(db, PERIODS, { tables: rows, seed: 30, generatorVersion: 22 });
    expect(
      await count(v22.target, 'SELECT count(*) AS n FROM pay_periods WHERE closed_at::date < end_date'),
    ).toBeGreaterThan(20);
  });
});

const DEVICES = `CREATE TABLE devices (id serial PRIMARY KEY, installed_at timestamptz NOT NULL, last_seen_at timestamptz);
CREATE TABLE alerts (id serial PRIMARY KEY, device_id int NOT NULL REFERENCES devices(id), raised_at timestamptz NOT NULL, acknowledged_at timestamptz, resolved_at timestamptz);`;

describe("generator version 23: a device's and an alert's moments in order", () => {
  it('last seen after the installation, acknowledged and resolved after the alert was raised', async () => {
    const rows = { devices: 300, alerts: 500 };
    const { target } = await loadGenerated(db, DEVICES, { tables: rows, seed: 30, generatorVersion: 23 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    expect(await where('devices', 'last_seen_at < installed_at')).toBe(0);
    expect(await where('alerts', 'acknowledged_at < raised_at OR resolved_at < raised_at')).toBe(0);
    const sources = await planSources(DEVICES, { generatorVersion: 23 });
    expect(sources.get('alerts.acknowledged_at')).toContain('never before raised_at');
    const v22 = await loadGenerated(db, DEVICES, { tables: rows, seed: 30, generatorVersion: 22 });
    expect(
      await count(v22.target, 'SELECT count(*) AS n FROM alerts WHERE acknowledged_at < raised_at'),
    ).toBeGreaterThan(100);
  });
});
