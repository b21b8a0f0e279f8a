/**
 * Generator version 3: values a realism spot check on pagila, Rails apps and
 * the corpus found unreal, loaded into the real server with every
 * constraint: integer yes/no flags are 0/1, tries are small, `updated_at`
 * follows the row's `created_at` even where another start column comes
 * first. Version 2 keeps its values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIES, FIRST_NAMES } from '../../src/values/semantic/locale-data.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const FLAGS = `CREATE TABLE customer (customer_id serial PRIMARY KEY,
  active integer NOT NULL,
  is_deleted smallint NOT NULL,
  has_children int,
  enabled int2 NOT NULL,
  num_active integer NOT NULL,
  attempts integer NOT NULL,
  retry_count int NOT NULL,
  max_attempts int NOT NULL,
  failed_login_attempts smallint NOT NULL,
  priority integer NOT NULL);
CREATE TABLE farm_events (id serial PRIMARY KEY,
  start_time timestamp, end_time timestamp,
  created_at timestamp NOT NULL, updated_at timestamp NOT NULL);
CREATE TABLE statuses (id serial PRIMARY KEY, created_at timestamp NOT NULL, edited_at timestamp,
  reviewed_at timestamp, confirmation_sent_at timestamp, avatar_updated_at timestamp,
  current_sign_in_at timestamp NOT NULL, approved_on date);
CREATE TABLE attachments (id serial PRIMARY KEY,
  filename text NOT NULL, content_type varchar NOT NULL,
  avatar_file_name varchar(255), avatar_content_type varchar(255), mime_type varchar(20) NOT NULL);
CREATE TABLE schema_migrations (version character varying NOT NULL PRIMARY KEY);
CREATE TABLE labels (id serial PRIMARY KEY, kind text NOT NULL, base text NOT NULL, mode varchar(16) NOT NULL,
  source text NOT NULL, grp varchar(8) NOT NULL, tier text NOT NULL, channel varchar(12) NOT NULL);`;

const SIZED = `CREATE TABLE sized (id serial PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (length(code) >= 10),
  title text UNIQUE CHECK (length(title) BETWEEN 8 AND 30),
  d text UNIQUE CHECK (length(d) >= 40),
  sku varchar(20) NOT NULL UNIQUE CHECK (char_length(sku) >= 16),
  body text UNIQUE CHECK (length(body) BETWEEN 20 AND 24));`;

const APP = `CREATE TABLE accounts (id serial PRIMARY KEY, domain varchar(255), locale varchar NOT NULL,
  encrypted_password varchar(255) NOT NULL, password_digest varchar(40),
  avatar_file_size integer, byte_size bigint NOT NULL, weight numeric(8,2), height int, "position" int NOT NULL,
  source_type varchar NOT NULL, source_id int);
CREATE TABLE person (id serial PRIMARY KEY, first_name text CHECK (first_name ~ '[[:alnum:]_]') NOT NULL,
  last_name text CHECK (last_name ~ '[[:alnum:]_]') NOT NULL, city text CHECK (city ~ '[[:alnum:]_]') NOT NULL);`;

const LABEL_COLUMNS = ['kind', 'base', 'mode', 'source', 'grp', 'tier', 'channel'];

/** Extensions each MIME type's file names may have. */
const EXTENSIONS = `(VALUES ('image/jpeg', 'jpg'), ('image/png', 'png'), ('application/pdf', 'pdf'), ('image/gif', 'gif'),
  ('image/webp', 'webp'), ('image/svg+xml', 'svg'), ('text/plain', 'txt'), ('text/csv', 'csv'),
  ('application/zip', 'zip'), ('application/json', 'json'), ('video/mp4', 'mp4'), ('audio/mpeg', 'mp3'),
  ('application/msword', 'doc'), ('application/vnd.ms-excel', 'xls'), ('application/octet-stream', 'bin'),
  ('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'),
  ('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx')) AS e(mime, ext)`;

describe('integers that are not magnitudes, and updates after creation', () => {
  beforeAll(async () => {
    db = await createTestDatabase('lookreal');
  });
  afterAll(async () => db.close());

  it('flags are 0/1 (mostly 1 for active), tries small, updated_at after created_at', async () => {
    const { target, counts } = await loadGenerated(db, FLAGS, { defaultRows: 1000, seed: 3 });
    expect(counts.get('public.customer')).toBe(1000);
    const q = (sql: string) => count(target, sql);
    for (const flag of ['active', 'is_deleted', 'has_children', 'enabled']) {
      expect(await q(`SELECT count(*) AS n FROM customer WHERE ${flag} NOT IN (0, 1)`)).toBe(0);
    }
    expect(await q('SELECT count(*) AS n FROM customer WHERE active = 1')).toBeGreaterThan(750);
    expect(await q('SELECT count(*) AS n FROM customer WHERE enabled = 1')).toBeGreaterThan(750);
    expect(await q('SELECT count(*) AS n FROM customer WHERE is_deleted = 1')).toBeLessThan(200);
    expect(await q('SELECT count(*) AS n FROM customer WHERE is_deleted = 1')).toBeGreaterThan(20);
    // A count of active things is a number, not a flag.
    expect(await q('SELECT count(*) AS n FROM customer WHERE num_active > 1')).toBeGreaterThan(100);
    for (const tries of ['attempts', 'retry_count', 'failed_login_attempts']) {
      expect(await q(`SELECT count(*) AS n FROM customer WHERE ${tries} NOT BETWEEN 0 AND 25`)).toBe(0);
      expect(await q(`SELECT count(*) AS n FROM customer WHERE ${tries} = 0`)).toBeGreaterThan(300);
    }
    expect(await q('SELECT count(*) AS n FROM customer WHERE max_attempts NOT IN (3, 5, 10, 20, 25)')).toBe(
      0,
    );
    expect(await q('SELECT count(*) AS n FROM customer WHERE priority NOT BETWEEN 0 AND 10')).toBe(0);
    expect(await q('SELECT count(*) AS n FROM farm_events WHERE updated_at < created_at')).toBe(0);
    expect(await q('SELECT count(*) AS n FROM farm_events WHERE end_time < start_time')).toBe(0);
    // Events named by a past participle happen after the row's creation, before the dataset's now.
    for (const event of [
      'edited_at',
      'reviewed_at',
      'confirmation_sent_at',
      'avatar_updated_at',
      'current_sign_in_at',
    ]) {
      const early = `SELECT count(*) AS n FROM statuses WHERE ${event} < created_at OR ${event} >= '2026-01-01'`;
      expect(await q(early), event).toBe(0);
    }
    expect(await q('SELECT count(*) AS n FROM statuses WHERE approved_on < created_at::date')).toBe(0);
  });

  it("MIME types are known ones, the common ones most often; file names have the row type's extension", async () => {
    const { target } = await loadGenerated(db, FLAGS.replace('TABLE customer', 'TABLE c3'), {
      defaultRows: 1000,
      seed: 4,
    });
    const q = (sql: string) => count(target, sql);
    for (const mime of ['content_type', 'avatar_content_type', 'mime_type']) {
      const unknown = `SELECT count(*) AS n FROM attachments WHERE ${mime} NOT IN (SELECT mime FROM ${EXTENSIONS})`;
      expect(await q(unknown)).toBe(0);
    }
    expect(
      await q("SELECT count(*) AS n FROM attachments WHERE content_type = 'image/jpeg'"),
    ).toBeGreaterThan(150);
    expect(await q('SELECT count(*) AS n FROM attachments WHERE length(mime_type) > 20')).toBe(0);
    const disagree = (name: string, mime: string) =>
      `SELECT count(*) AS n FROM attachments a JOIN ${EXTENSIONS} ON e.mime = a.${mime}
        WHERE a.${name} NOT LIKE '%.' || e.ext OR a.${name} !~ '^[A-Za-z0-9_-]+\\.[a-z0-9]+$'`;
    expect(await q(disagree('filename', 'content_type'))).toBe(0);
    expect(await q(disagree('avatar_file_name', 'avatar_content_type'))).toBe(0);
  });

  it("Rails' schema_migrations.version: 14-digit timestamps, increasing with the row, in the past", async () => {
    const { target, counts } = await loadGenerated(db, FLAGS.replace('TABLE customer', 'TABLE c4'), {
      defaultRows: 3000,
      seed: 5,
    });
    expect(counts.get('public.schema_migrations')).toBe(3000);
    const q = (sql: string) => count(target, sql);
    expect(await q("SELECT count(*) AS n FROM schema_migrations WHERE version !~ '^20[0-9]{12}$'")).toBe(0);
    // Each a real moment: the timestamp read back prints the same digits.
    const real = `SELECT count(*) AS n FROM schema_migrations
      WHERE to_char(to_timestamp(version, 'YYYYMMDDHH24MISS'), 'YYYYMMDDHH24MISS') <> version
         OR to_timestamp(version, 'YYYYMMDDHH24MISS') >= '2026-01-01'`;
    expect(await q(real)).toBe(0);
    const order = `SELECT count(*) AS n FROM (SELECT version, lag(version) OVER (ORDER BY ctid) AS before
      FROM schema_migrations) s WHERE version <= before`;
    expect(await q(order)).toBe(0);
  });

  it('unique text under a length minimum is readable words sized to it, unique by construction', async () => {
    const { target, counts } = await loadGenerated(db, SIZED, { defaultRows: 5000, seed: 7 });
    expect(counts.get('public.sized')).toBe(5000);
    for (const column of ['code', 'title', 'd', 'sku', 'body']) {
      const unreadable = `SELECT count(*) AS n FROM sized WHERE ${column} !~ '^[a-z]+-[a-z]+-[0-9]+(-[a-z]+)*$'`;
      expect(await count(target, unreadable), column).toBe(0);
      expect(await count(target, `SELECT count(DISTINCT ${column}) AS n FROM sized`), column).toBe(5000);
    }
  });

  it('application columns: hosts, locales, password hashes, sizes, dimensions, positions, model names', async () => {
    const { target } = await loadGenerated(db, APP, { defaultRows: 1000, seed: 8 });
    const q = (sql: string) => count(target, `SELECT count(*) AS n FROM accounts WHERE ${sql}`);
    expect(await q("domain !~ '^([a-z]+\\.)?[a-z]+\\.[a-z]+$'")).toBe(0);
    expect(await q("locale !~ '^[a-z]{2}(-[A-Z]{2})?$'")).toBe(0);
    expect(await q("encrypted_password !~ '^\\$2a\\$12\\$[./A-Za-z0-9]{53}$'")).toBe(0);
    expect(await q("password_digest !~ '^[0-9a-f]{40}$'")).toBe(0);
    expect(
      await q('avatar_file_size NOT BETWEEN 1024 AND 20000000 OR byte_size NOT BETWEEN 1024 AND 20000000'),
    ).toBe(0);
    expect(await q('weight NOT BETWEEN 0.1 AND 40 OR height NOT BETWEEN 1 AND 200')).toBe(0);
    expect(await q('"position" NOT BETWEEN 1 AND 20')).toBe(0);
    expect(await q("source_type !~ '^[A-Z][a-z]+$'")).toBe(0);
    const types = await count(target, 'SELECT count(DISTINCT source_type) AS n FROM accounts');
    expect(types).toBeGreaterThanOrEqual(2);
    expect(types).toBeLessThanOrEqual(4);
    // A CHECK that only asks for a letter keeps the meaning (LedgerSMB: was the pattern's own `X`).
    const names = await target.query<{ v: string }>(
      'SELECT first_name AS v FROM person UNION SELECT city FROM person',
    );
    const dictionary = new Set([...FIRST_NAMES, ...CITIES]);
    for (const { v } of names) expect(dictionary.has(v), v).toBe(true);
    expect(await count(target, 'SELECT count(*) AS n FROM person WHERE length(last_name) < 3')).toBe(0);
  });

  it('label vocabularies are skewed, but no word takes more than about 40% of the rows', async () => {
    const { target } = await loadGenerated(db, FLAGS.replace('TABLE customer', 'TABLE c5'), {
      defaultRows: 2000,
      seed: 6,
    });
    for (const column of LABEL_COLUMNS) {
      const rows = await target.query<{ head: string; even: string }>(
        `SELECT max(n)::float / sum(n) AS head, 1.0 / count(*) AS even
           FROM (SELECT count(*) AS n FROM labels GROUP BY ${column}) s`,
      );
      const head = Number(rows[0]?.head);
      const even = Number(rows[0]?.even);
      expect(head, column).toBeLessThanOrEqual(0.44);
      expect(head, column).toBeGreaterThan(even * 1.1);
    }
  });

  it('version 2 keeps its values: flags and tries over a wider range', async () => {
    const ddl = FLAGS.replace('TABLE customer', 'TABLE customer2').replace('TABLE farm_events', 'TABLE fe2');
    const { target } = await loadGenerated(db, ddl, { defaultRows: 1000, seed: 3, generatorVersion: 2 });
    expect(await count(target, 'SELECT count(*) AS n FROM customer2 WHERE active > 1')).toBeGreaterThan(500);
    expect(await count(target, 'SELECT count(*) AS n FROM customer2 WHERE attempts > 25')).toBeGreaterThan(
      500,
    );
  });
});
