/**
 * Generator version 10 (issue 11), measured on minimal schemas loaded into
 * the real server: daily prices as candles (low ≤ open, close ≤ high, a
 * series of consecutive trading days per security, each day opening near
 * the last close), a clinic's drugs, doses and ICD-10 codes with their
 * titles, nothing paid on a denied claim, an order line at its product's
 * price and its amount the price times the quantity, an order's line count
 * 1 to 15. Version 9, pinned, keeps what it made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

const PRICES = `CREATE TABLE security (security_id serial PRIMARY KEY, ticker varchar(8) NOT NULL);
CREATE TABLE daily_price (security_id int NOT NULL REFERENCES security, trade_date date NOT NULL,
  open numeric(14,4) NOT NULL CHECK (open > 0), high numeric(14,4) NOT NULL CHECK (high > 0),
  low numeric(14,4) NOT NULL CHECK (low > 0), close numeric(14,4) NOT NULL CHECK (close > 0),
  volume bigint NOT NULL CHECK (volume >= 0), PRIMARY KEY (security_id, trade_date));`;

const CLINIC = `CREATE TABLE appointment (appointment_id serial PRIMARY KEY, scheduled_at timestamptz NOT NULL);
CREATE TABLE diagnosis (diagnosis_id serial PRIMARY KEY, appointment_id int NOT NULL REFERENCES appointment,
  icd_code varchar(8) NOT NULL CHECK (icd_code ~ '^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?$'), description varchar(200) NOT NULL);
CREATE TABLE prescription (prescription_id serial PRIMARY KEY, appointment_id int NOT NULL REFERENCES appointment,
  drug_name varchar(80) NOT NULL, dose_mg numeric(8,2) NOT NULL CHECK (dose_mg > 0));
CREATE TABLE claim (claim_id serial PRIMARY KEY, amount_billed numeric(12,2) NOT NULL CHECK (amount_billed > 0),
  amount_paid numeric(12,2) CHECK (amount_paid >= 0),
  status varchar(12) NOT NULL CHECK (status IN ('submitted', 'approved', 'denied', 'paid')));`;

const ORDERS = `CREATE TABLE product (product_id serial PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL CHECK (price > 0));
CREATE TABLE orders (order_id serial PRIMARY KEY, o_ol_cnt int NOT NULL);
CREATE TABLE order_item (order_id int NOT NULL REFERENCES orders, line_no int NOT NULL,
  product_id int NOT NULL REFERENCES product, quantity int NOT NULL CHECK (quantity BETWEEN 1 AND 20),
  unit_price numeric(10,2) NOT NULL CHECK (unit_price > 0), line_amount numeric(12,2) NOT NULL, PRIMARY KEY (order_id, line_no));`;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realismv10');
}, 300_000);
afterAll(async () => db.close());

describe('generator version 10: daily prices', () => {
  let prices: TestDatabase;
  beforeAll(async () => {
    ({ target: prices } = await loadGenerated(db, PRICES, {
      tables: { security: 10, daily_price: 600 },
      seed: 10,
    }));
  }, 300_000);
  const rows = (where: string) => count(prices, `SELECT count(*) AS n FROM daily_price WHERE ${where}`);

  it('every row is a candle: low <= open, close <= high; volumes of a traded stock', async () => {
    expect(await rows('true')).toBe(600);
    expect(await rows('NOT (low <= open AND low <= close AND open <= high AND close <= high)')).toBe(0);
    expect(await rows('volume < 1 OR volume > 1e9')).toBe(0);
    // Prices, not the type's whole range (version 9 reached 9,947,720,715).
    expect(await rows('high > 100000')).toBe(0);
  });

  it('each security trades on the same consecutive weekdays, the last on 2025-12-31', async () => {
    expect(await count(prices, 'SELECT count(DISTINCT trade_date) AS n FROM daily_price')).toBe(60);
    expect(await count(prices, 'SELECT count(DISTINCT security_id) AS n FROM daily_price')).toBe(10);
    expect(await rows("extract(isodow FROM trade_date) > 5 OR trade_date > '2025-12-31'")).toBe(0);
    expect(await rows("trade_date < '2025-09-01'")).toBe(0);
  });

  it('a random walk: each day opens near the last close and moves a few percent at most', async () => {
    const sql = `SELECT count(*) AS n FROM (SELECT open, lag(close) OVER w AS last FROM daily_price
      WINDOW w AS (PARTITION BY security_id ORDER BY trade_date)) d WHERE last IS NOT NULL`;
    const days = await count(prices, sql);
    expect(days).toBe(590);
    expect(await count(prices, `${sql} AND abs(open / last - 1) < 0.03`)).toBeGreaterThanOrEqual(days * 0.99);
  });

  it('a series key under NULLS NOT DISTINCT with a nullable parent keeps its dates distinct alone (rows with no parent)', async () => {
    const ddl = `CREATE TABLE sensor (id int PRIMARY KEY);
      CREATE TABLE reading (sensor_id int REFERENCES sensor, reading_date date NOT NULL,
        UNIQUE NULLS NOT DISTINCT (sensor_id, reading_date));`;
    const { target } = await loadGenerated(db, ddl, { tables: { sensor: 10, reading: 300 }, seed: 10 });
    expect(await count(target, 'SELECT count(*) AS n FROM reading WHERE sensor_id IS NULL')).toBeGreaterThan(
      0,
    );
    expect(await count(target, 'SELECT count(DISTINCT reading_date) AS n FROM reading')).toBe(300);
    expect(await count(target, "SELECT count(*) AS n FROM reading WHERE reading_date > '2025-12-31'")).toBe(
      0,
    );
  });

  it('version 9, pinned, made a date of its own for each row and prices that are no candle', async () => {
    const { target } = await loadGenerated(db, PRICES, {
      tables: { security: 10, daily_price: 600 },
      seed: 10,
      generatorVersion: 9,
    });
    expect(await count(target, 'SELECT count(DISTINCT trade_date) AS n FROM daily_price')).toBe(600);
    expect(await count(target, 'SELECT count(*) AS n FROM daily_price WHERE low > high')).toBeGreaterThan(
      100,
    );
  });
});

describe('generator version 10: a clinic', () => {
  it('drugs by name at one of their strengths, ICD-10 codes with their titles, nothing paid when denied', async () => {
    const { target } = await loadGenerated(db, CLINIC, {
      tables: { appointment: 50, diagnosis: 300, prescription: 300, claim: 300 },
      seed: 11,
    });
    const rows = (table: string, where: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${where}`);
    expect(await rows('prescription', "drug_name !~ '^[a-z]+$'")).toBe(0);
    expect(await rows('prescription', 'dose_mg > 1000')).toBe(0);
    expect(await rows('prescription', "drug_name = 'metformin' AND dose_mg NOT IN (500, 850, 1000)")).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT drug_name) AS n FROM prescription')).toBeGreaterThan(
      20,
    );
    // One code, one title: E11.9 is always its diabetes.
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM (SELECT icd_code FROM diagnosis GROUP BY 1 HAVING count(DISTINCT description) > 1) c',
      ),
    ).toBe(0);
    expect(
      await rows('diagnosis', "icd_code = 'I10' AND description <> 'Essential (primary) hypertension'"),
    ).toBe(0);
    expect(await rows('diagnosis', "description ~ '^[A-Z][a-z]' ")).toBe(300);
    expect(await rows('claim', "status IN ('denied', 'submitted') AND amount_paid > 0")).toBe(0);
    expect(await rows('claim', "status = 'paid' AND amount_paid > 0")).toBeGreaterThan(30);
  });
});

describe('generator version 10: order lines', () => {
  it("a line's unit price is its product's, its amount the price times the quantity; 1 to 15 lines an order", async () => {
    const { target } = await loadGenerated(db, ORDERS, {
      tables: { product: 40, orders: 100, order_item: 300 },
      seed: 12,
    });
    const lines = 'SELECT count(*) AS n FROM order_item i JOIN product p USING (product_id)';
    expect(await count(target, `${lines} WHERE i.unit_price = p.price`)).toBe(300);
    expect(await count(target, `${lines} WHERE i.line_amount = i.unit_price * i.quantity`)).toBe(300);
    expect(await count(target, 'SELECT count(*) AS n FROM orders WHERE o_ol_cnt NOT BETWEEN 1 AND 15')).toBe(
      0,
    );
  });

  it('version 9, pinned, drew the unit price and the amount alone', async () => {
    const { target } = await loadGenerated(db, ORDERS, {
      tables: { product: 40, orders: 100, order_item: 300 },
      seed: 12,
      generatorVersion: 9,
    });
    const lines = 'SELECT count(*) AS n FROM order_item i JOIN product p USING (product_id)';
    expect(await count(target, `${lines} WHERE i.unit_price = p.price`)).toBeLessThan(30);
  });
});

const AUCTION = `CREATE TABLE item (i_id int PRIMARY KEY, i_initial_price float NOT NULL, i_current_price float NOT NULL,
  i_num_bids bigint, i_created timestamp, i_updated timestamp);
CREATE TABLE item_bid (ib_id int PRIMARY KEY, ib_i_id int NOT NULL REFERENCES item, ib_bid float NOT NULL,
  ib_max_bid float NOT NULL);`;

describe('generator version 10: an auction (BenchBase auctionmark)', () => {
  it('bids are money, a maximum bid at or above the bid; names behind the table prefix keep their meaning', async () => {
    const { target } = await loadGenerated(db, AUCTION, { tables: { item: 100, item_bid: 300 }, seed: 13 });
    const bids = (where: string) => count(target, `SELECT count(*) AS n FROM item_bid WHERE ${where}`);
    expect(await bids('ib_max_bid < ib_bid')).toBe(0);
    expect(await bids('ib_bid > 100000 OR ib_bid <= 0')).toBe(0);
    const items = (where: string) => count(target, `SELECT count(*) AS n FROM item WHERE ${where}`);
    expect(await items('i_current_price < i_initial_price')).toBe(0);
    // i_updated after i_created (version 9 read i_created as no creation, drawn apart from i_updated).
    expect(await items('i_updated < i_created')).toBe(0);
    expect(await items('i_num_bids > 1000')).toBe(0);
  });
});

const TRADES = `CREATE TABLE trade (t_id bigint PRIMARY KEY, t_chrg numeric(10,2) NOT NULL, t_comm numeric(10,2) NOT NULL,
  t_tax numeric(10,2) NOT NULL, exchange_rate numeric(18,6) NOT NULL, rate numeric(14,2) NOT NULL);`;

describe('generator version 10: magnitudes from name and type', () => {
  it("a trade's charge, commission and tax are money; an exchange rate is near 1", async () => {
    const { target } = await loadGenerated(db, TRADES, { tables: { trade: 300 }, seed: 14 });
    const rows = (where: string) => count(target, `SELECT count(*) AS n FROM trade WHERE ${where}`);
    // Version 9 drew them over the type (numeric(10,2) up to 99,999,999.99).
    expect(await rows('greatest(t_chrg, t_comm, t_tax, rate) > 100000')).toBe(0);
    expect(await rows('exchange_rate NOT BETWEEN 0.0001 AND 10000')).toBe(0);
    expect(await rows('exchange_rate BETWEEN 0.05 AND 20')).toBeGreaterThan(240);
  });
});

const QA = `CREATE TABLE users (id int PRIMARY KEY, display_name varchar(40), location varchar(100));
CREATE TABLE posts (id int PRIMARY KEY, owner_user_id int REFERENCES users, content_license varchar(12));
CREATE TABLE badges (id int PRIMARY KEY, user_id int REFERENCES users, name varchar(50) NOT NULL, class smallint);`;

describe('generator version 10: a Q&A site (StackOverflow-like)', () => {
  it("a user's location is a place, badges are the site's, a post's licence a licence", async () => {
    const { target } = await loadGenerated(db, QA, {
      tables: { users: 100, posts: 200, badges: 200 },
      seed: 15,
    });
    // Version 9: words ("Sentimental guidance avow heroine fatal ferret croon synergy caring", "Warped Giggle", "majestic").
    expect(
      await count(target, "SELECT count(*) AS n FROM users WHERE location !~ '^[A-Z][A-Za-z.'' -]+$'"),
    ).toBe(0);
    expect(await count(target, "SELECT count(*) AS n FROM badges WHERE name !~ '^[A-Z]'")).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT name) AS n FROM badges')).toBeLessThanOrEqual(36);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM posts WHERE content_license !~ '^(CC BY|MIT|Apache|GPL|BSD)'",
      ),
    ).toBe(0);
  });
});
