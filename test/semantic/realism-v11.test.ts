/**
 * Generator version 11 (issue 11), measured on minimal schemas loaded into
 * the real server: every pair of a row's lifecycle times in order whatever
 * the names' prefixes (auctionmark's `i_updated` was before `i_created`),
 * TPC-C's columns in the specification's ranges, a StackOverflow-like
 * schema's post types, badge classes, self references and badge dates after
 * the user's creation. Version 10, pinned, keeps what it made.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

/** What `datagen plan` says of a column's source. */
async function planSource(ddl: string, table: string, column: string): Promise<string> {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, ddl);
  const { plan, schema } = await planGeneration({ schema: [file], defaultRows: 10 });
  const tables = describePlan(plan, schema).tables;
  return (
    tables.find((t) => t.table === `public.${table}`)?.columns.find((c) => c.name === column)?.source ?? ''
  );
}

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realismv11');
}, 300_000);
afterAll(async () => db.close());

const LIFECYCLE = `CREATE TABLE useracct (u_id int PRIMARY KEY, u_created timestamp, u_updated timestamp);
CREATE TABLE item (i_id int PRIMARY KEY, i_u_id int NOT NULL REFERENCES useracct, i_start_date timestamp,
  i_end_date timestamp, i_created timestamp, i_updated timestamp);
CREATE TABLE config_profile (cfp_id int PRIMARY KEY, cfp_loader_start timestamp, cfp_loader_stop timestamp);
CREATE TABLE job (id int PRIMARY KEY, created_at timestamptz NOT NULL, started_at timestamptz, updated_at timestamptz,
  finished_at timestamptz, cancelled_at timestamptz, a_deleted timestamp, last_login date);
CREATE TABLE flight (f_id int PRIMARY KEY, f_depart_time timestamp NOT NULL, f_arrive_time timestamp NOT NULL);`;

/** Every pair [earlier, later] that version 11 orders in each row. */
const PAIRS: readonly (readonly [string, string, string])[] = [
  ['item', 'i_created', 'i_updated'],
  ['item', 'i_created', 'i_start_date'],
  ['item', 'i_start_date', 'i_end_date'],
  ['item', 'i_start_date', 'i_updated'],
  ['config_profile', 'cfp_loader_start', 'cfp_loader_stop'],
  ['job', 'created_at', 'started_at'],
  ['job', 'started_at', 'finished_at'],
  ['job', 'updated_at', 'cancelled_at'],
  ['job', 'started_at', 'cancelled_at'],
  ['job', 'updated_at', 'a_deleted'],
  ['job', 'created_at', 'last_login'],
  ['flight', 'f_depart_time', 'f_arrive_time'],
];
const TABLES = { useracct: 50, item: 300, config_profile: 200, job: 300, flight: 200 };

describe('generator version 11: a row lifecycle in order', () => {
  it('created <= start <= end, created <= updated <= deleted/cancelled, whatever the prefix', async () => {
    const { target } = await loadGenerated(db, LIFECYCLE, { tables: TABLES, seed: 21 });
    for (const [table, earlier, later] of PAIRS) {
      const both = await count(
        target,
        `SELECT count(*) AS n FROM ${table} WHERE ${earlier} IS NOT NULL AND ${later} IS NOT NULL`,
      );
      expect(both, `${table}.${earlier}, ${later} both set`).toBeGreaterThan(100);
      const out = await count(target, `SELECT count(*) AS n FROM ${table} WHERE ${later} < ${earlier}`);
      expect(out, `${table}.${later} before ${earlier}`).toBe(0);
    }
    // Still in the past, not all on the moment they follow.
    expect(await count(target, "SELECT count(*) AS n FROM item WHERE i_updated > '2026-01-01'")).toBe(0);
    expect(await count(target, 'SELECT count(*) AS n FROM item WHERE i_updated > i_created')).toBeGreaterThan(
      100,
    );
  });

  it('the plan says what a lifecycle time is never before', async () => {
    expect(await planSource(LIFECYCLE, 'item', 'i_updated')).toContain(
      'never before i_start_date, i_created in the row',
    );
    expect(await planSource(LIFECYCLE, 'config_profile', 'cfp_loader_stop')).toContain(
      'never before cfp_loader_start in the row',
    );
    expect(await planSource(QA, 'badges', 'date')).toContain(
      "after its parent rows' public.users.creation_date",
    );
  });

  it('version 10, pinned, drew i_created apart from i_updated and a stop apart from its start', async () => {
    const { target } = await loadGenerated(db, LIFECYCLE, { tables: TABLES, seed: 21, generatorVersion: 10 });
    expect(await count(target, 'SELECT count(*) AS n FROM item WHERE i_updated < i_created')).toBeGreaterThan(
      30,
    );
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM config_profile WHERE cfp_loader_stop < cfp_loader_start',
      ),
    ).toBeGreaterThan(30);
  });
});

const TPCC = `CREATE TABLE warehouse (w_id int PRIMARY KEY, w_ytd decimal(12,2) NOT NULL, w_tax decimal(4,4) NOT NULL);
CREATE TABLE customer (c_w_id int NOT NULL REFERENCES warehouse, c_id int NOT NULL, c_credit char(2) NOT NULL,
  c_credit_lim decimal(12,2) NOT NULL, c_balance decimal(12,2) NOT NULL, c_ytd_payment float NOT NULL,
  c_discount decimal(4,4) NOT NULL, PRIMARY KEY (c_w_id, c_id));
CREATE TABLE stock (s_w_id int NOT NULL REFERENCES warehouse, s_i_id int NOT NULL, s_quantity int NOT NULL,
  PRIMARY KEY (s_w_id, s_i_id));
CREATE TABLE oorder (o_w_id int NOT NULL, o_id int NOT NULL, o_c_id int NOT NULL, o_carrier_id int DEFAULT NULL,
  o_ol_cnt int NOT NULL, o_all_local int NOT NULL, PRIMARY KEY (o_w_id, o_id),
  FOREIGN KEY (o_w_id, o_c_id) REFERENCES customer (c_w_id, c_id));`;
const TPCC_ROWS = { warehouse: 10, customer: 200, stock: 200, oorder: 300 };

describe('generator version 11: TPC-C in the specification ranges', () => {
  it('carriers 1-10, all-local 0/1, tax 0-0.2, credit GC/BC, money to date as money, stock on hand', async () => {
    const { target } = await loadGenerated(db, TPCC, { tables: TPCC_ROWS, seed: 22 });
    const rows = (table: string, where: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${where}`);
    expect(await rows('oorder', 'o_carrier_id NOT BETWEEN 1 AND 10')).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT o_carrier_id) AS n FROM oorder')).toBe(10);
    expect(await rows('oorder', 'o_all_local NOT IN (0, 1)')).toBe(0);
    expect(await rows('oorder', 'o_all_local = 1')).toBeGreaterThan(280);
    expect(await rows('oorder', 'o_ol_cnt NOT BETWEEN 1 AND 15')).toBe(0);
    expect(await rows('warehouse', 'w_tax > 0.2 OR w_tax < 0')).toBe(0);
    expect(await rows('customer', "c_credit NOT IN ('GC', 'BC')")).toBe(0);
    expect(await rows('customer', "c_credit = 'GC'")).toBeGreaterThan(150);
    expect(await rows('customer', 'c_discount > 0.5')).toBe(0);
    expect(await rows('customer', 'greatest(c_credit_lim, c_balance, c_ytd_payment) > 100000')).toBe(0);
    expect(await rows('stock', 's_quantity < 0 OR s_quantity > 5000')).toBe(0);
  });

  it('version 10, pinned, drew carriers and all-local flags over the integers', async () => {
    const { target } = await loadGenerated(db, TPCC, { tables: TPCC_ROWS, seed: 22, generatorVersion: 10 });
    expect(await count(target, 'SELECT count(*) AS n FROM oorder WHERE o_carrier_id > 10')).toBeGreaterThan(
      100,
    );
    expect(await count(target, 'SELECT count(*) AS n FROM oorder WHERE o_all_local > 1')).toBeGreaterThan(
      100,
    );
  });
});

const QA = `CREATE TABLE users (id int PRIMARY KEY, display_name varchar(40), creation_date timestamp NOT NULL);
CREATE TABLE posts (id int PRIMARY KEY, post_type_id smallint NOT NULL, accepted_answer_id int, parent_id int,
  owner_user_id int REFERENCES users, creation_date timestamp NOT NULL);
CREATE TABLE badges (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users, name varchar(50) NOT NULL,
  class smallint NOT NULL, date timestamp NOT NULL);`;
const QA_ROWS = { users: 100, posts: 300, badges: 300 };

describe('generator version 11: a Q&A site (StackOverflow-like)', () => {
  it('post types 1-8, questions and answers most; answers and parents are posts; badges after the user', async () => {
    const { target } = await loadGenerated(db, QA, { tables: QA_ROWS, seed: 23 });
    const rows = (table: string, where: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${where}`);
    expect(await rows('posts', 'post_type_id NOT BETWEEN 1 AND 8')).toBe(0);
    expect(await rows('posts', 'post_type_id IN (1, 2)')).toBeGreaterThan(200);
    expect(await rows('posts', 'accepted_answer_id IS NOT NULL')).toBeGreaterThan(200);
    expect(await rows('posts', 'accepted_answer_id NOT IN (SELECT id FROM posts)')).toBe(0);
    expect(await rows('posts', 'parent_id NOT IN (SELECT id FROM posts)')).toBe(0);
    expect(await rows('badges', 'class NOT BETWEEN 1 AND 3')).toBe(0);
    expect(await rows('badges b JOIN users u ON u.id = b.user_id', 'b.date < u.creation_date')).toBe(0);
    expect(await rows('badges', "date > '2026-01-01'")).toBe(0);
  });

  it('version 10, pinned, dated badges before their user and pointed answers at no post', async () => {
    const { target } = await loadGenerated(db, QA, { tables: QA_ROWS, seed: 23, generatorVersion: 10 });
    const rows = (table: string, where: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${where}`);
    expect(
      await rows('badges b JOIN users u ON u.id = b.user_id', 'b.date < u.creation_date'),
    ).toBeGreaterThan(50);
    expect(await rows('posts', 'accepted_answer_id NOT IN (SELECT id FROM posts)')).toBeGreaterThan(100);
  });
});
