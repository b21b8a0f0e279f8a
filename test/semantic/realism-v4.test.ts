/**
 * Generator version 4, from real schemas (issue 11): integer `*_id` columns
 * with no declared FK (Discourse's `topic_id`, `user_id`) hold keys of the
 * table they name; a row's start of work (`started_at`) falls between its
 * creation and its last change. Version 3 keeps its values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const IMPLIED = `CREATE TABLE users (id serial PRIMARY KEY, username text NOT NULL);
CREATE TABLE categories (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE topics (id serial PRIMARY KEY, title text NOT NULL, user_id integer NOT NULL,
  category_id integer, last_post_user_id integer);
CREATE TABLE posts (id bigserial PRIMARY KEY, topic_id integer NOT NULL, user_id integer,
  reply_to_post_id bigint, "ownerId" integer NOT NULL REFERENCES users,
  checked_user_id integer CHECK (checked_user_id > 500), widget_id integer);
CREATE TABLE user_visits (user_id integer NOT NULL, visited_at date NOT NULL, UNIQUE (user_id, visited_at));
CREATE TABLE badges (id serial PRIMARY KEY, user_id integer NOT NULL, post_id integer NOT NULL);
CREATE UNIQUE INDEX ON badges ((user_id + 0));`;

const ORDER = `CREATE TABLE jobs (id serial PRIMARY KEY, created_at timestamptz NOT NULL,
  started_at timestamptz, updated_at timestamptz NOT NULL, finished_at timestamptz,
  ended_at timestamptz, completed_at timestamp);
CREATE TABLE articles (id serial PRIMARY KEY, created_at timestamp NOT NULL, published_at timestamp NOT NULL,
  modified_at timestamp NOT NULL, start_date date);
CREATE TABLE tickets (id serial PRIMARY KEY, created timestamp NOT NULL, start_time timestamp, begin_date date,
  end_date date, opened_at timestamp, started_at timestamp, closed_at timestamp, sent_at timestamp,
  read_at timestamp);`;

const MEANINGS = `CREATE TABLE device_queue_item (id serial PRIMARY KEY, dr smallint NOT NULL, f_port smallint NOT NULL,
  tx_dr integer, battery_level numeric(5,2), battery smallint, rssi integer NOT NULL, snr real NOT NULL);
CREATE TABLE user_stats (id serial PRIMARY KEY, posts_day integer NOT NULL, likes_per_week integer NOT NULL,
  daily_posts_count integer NOT NULL, likes_given integer NOT NULL, days_visited integer NOT NULL);
CREATE TABLE accounts (id serial PRIMARY KEY, type text NOT NULL, provider text NOT NULL,
  "providerAccountId" text NOT NULL, access_token text, token_type text, scope text, session_state text);
CREATE TABLE oauth_grants (id serial PRIMARY KEY, tenant_id varchar(21) NOT NULL, grant_type varchar(64) NOT NULL,
  code_challenge_method varchar(10));
CREATE TABLE payments (id serial PRIMARY KEY, provider text NOT NULL, amount numeric(10,2));`;

const PLACES = `CREATE TABLE country (country_id serial PRIMARY KEY, country text NOT NULL);
CREATE TABLE contact (id serial PRIMARY KEY, city text NOT NULL, state text NOT NULL, state_code varchar(4) NOT NULL,
  country_id integer NOT NULL REFERENCES country);
CREATE TABLE address (id serial PRIMARY KEY, street text NOT NULL, city text NOT NULL, state varchar(40) NOT NULL,
  state_code char(3) NOT NULL);`;

const US_CODES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(
    ' ',
  ),
);

describe('generator version 4', () => {
  beforeAll(async () => {
    db = await createTestDatabase('realismv4');
  });
  afterAll(async () => db.close());

  it('draws an implied reference within the keys of the table it names', async () => {
    const { target } = await loadGenerated(db, IMPLIED, {
      tables: { users: 300, categories: 20, topics: 2000, posts: 5000, user_visits: 400, badges: 600 },
      seed: 3,
    });
    const outside = (table: string, column: string, parent: string) =>
      count(
        target,
        `SELECT count(*) AS n FROM ${table} c WHERE c.${column} IS NOT NULL AND NOT EXISTS (SELECT FROM ${parent} p WHERE p.id = c.${column})`,
      );
    expect(await outside('topics', 'user_id', 'users')).toBe(0);
    expect(await outside('topics', 'category_id', 'categories')).toBe(0);
    expect(await outside('topics', 'last_post_user_id', 'users')).toBe(0);
    expect(await outside('posts', 'topic_id', 'topics')).toBe(0);
    expect(await outside('posts', 'user_id', 'users')).toBe(0);
    expect(await outside('posts', 'reply_to_post_id', 'posts')).toBe(0);
    // Skewed like a free FK: the busiest tenth of the users hold at least 30% of the posts.
    const top = await count(
      target,
      'SELECT sum(n) AS n FROM (SELECT count(*) AS n FROM posts WHERE user_id IS NOT NULL GROUP BY user_id ORDER BY 1 DESC LIMIT 30) s',
    );
    expect(top / (await count(target, 'SELECT count(user_id) AS n FROM posts'))).toBeGreaterThan(0.3);
    // A CHECK on the column, a unique key over it, or a name no table has: left as they were.
    expect(await count(target, 'SELECT count(*) AS n FROM posts WHERE checked_user_id <= 500')).toBe(0);
    expect(await count(target, 'SELECT count(DISTINCT user_id) AS n FROM user_visits')).toBeGreaterThan(300);
    expect(await count(target, 'SELECT max(widget_id) AS n FROM posts')).toBeGreaterThan(5000);
    // A unique expression over the column keeps it unique (600 users for 300 user rows: not keys of users).
    expect(await count(target, 'SELECT count(DISTINCT user_id) AS n FROM badges')).toBe(600);
    expect(await outside('badges', 'post_id', 'posts')).toBe(0);
  });

  it('keeps created <= started <= updated, finished, ended in a row', async () => {
    const { target } = await loadGenerated(db, ORDER, { defaultRows: 3000, seed: 8 });
    const jobs = (where: string) => count(target, `SELECT count(*) AS n FROM jobs WHERE ${where}`);
    expect(await jobs('started_at < created_at')).toBe(0);
    expect(await jobs('updated_at < started_at')).toBe(0);
    expect(await jobs('updated_at < created_at')).toBe(0);
    expect(await jobs('finished_at < started_at OR ended_at < started_at')).toBe(0);
    expect(await jobs("completed_at < started_at - interval '14 hours'")).toBe(0);
    expect(await jobs('started_at > created_at')).toBeGreaterThan(1000);
    const articles = (where: string) => count(target, `SELECT count(*) AS n FROM articles WHERE ${where}`);
    expect(await articles('published_at < created_at OR modified_at < published_at')).toBe(0);
    expect(await articles('start_date < created_at::date')).toBe(0);
    // An end after its own pair's start (not the table's first start); after the creation where that start is NULL.
    const tickets = (where: string) => count(target, `SELECT count(*) AS n FROM tickets WHERE ${where}`);
    expect(await tickets('end_date < begin_date OR closed_at < opened_at OR read_at < sent_at')).toBe(0);
    expect(await tickets('closed_at < created OR read_at < created OR end_date < created::date')).toBe(0);
    expect(await jobs('finished_at < created_at OR ended_at < created_at')).toBe(0);
  });

  it('gives radio measures and counters their magnitudes', async () => {
    const { target } = await loadGenerated(db, MEANINGS, { defaultRows: 2000, seed: 5 });
    const q = (sql: string) => count(target, sql);
    const radio = 'SELECT count(*) AS n FROM device_queue_item WHERE';
    expect(await q(`${radio} dr NOT BETWEEN 0 AND 15 OR tx_dr NOT BETWEEN 0 AND 15`)).toBe(0);
    expect(await q(`${radio} f_port NOT BETWEEN 1 AND 223`)).toBe(0);
    expect(await q(`${radio} battery_level NOT BETWEEN 0 AND 100 OR battery NOT BETWEEN 0 AND 100`)).toBe(0);
    expect(await q(`${radio} rssi NOT BETWEEN -120 AND -30 OR snr NOT BETWEEN -20 AND 12`)).toBe(0);
    expect(await q('SELECT count(DISTINCT dr) AS n FROM device_queue_item')).toBeGreaterThan(4);
    const stats = 'SELECT count(*) AS n FROM user_stats WHERE';
    expect(await q(`${stats} posts_day NOT BETWEEN 0 AND 20 OR daily_posts_count NOT BETWEEN 0 AND 20`)).toBe(
      0,
    );
    expect(await q(`${stats} likes_per_week NOT BETWEEN 0 AND 60`)).toBe(0);
    expect(await q(`${stats} likes_given NOT BETWEEN 0 AND 500 OR days_visited NOT BETWEEN 0 AND 500`)).toBe(
      0,
    );
    expect(await q(`${stats} posts_day > 3`)).toBeGreaterThan(100);
  });

  it('fills sign-in columns with OAuth terms and tenants with slugs', async () => {
    const { target } = await loadGenerated(db, MEANINGS, { defaultRows: 1000, seed: 6 });
    const values = async (sql: string) => (await target.query<{ v: string }>(sql)).map((r) => r.v);
    const providers = new Set(await values('SELECT DISTINCT provider AS v FROM accounts'));
    expect(providers.has('github') && providers.has('google')).toBe(true);
    expect([...providers].filter((p) => !/^[a-z0-9-]+$/.test(p))).toEqual([]);
    expect(
      new Set(
        await values('SELECT DISTINCT lower(token_type) AS v FROM accounts WHERE token_type IS NOT NULL'),
      ),
    ).toEqual(new Set(['bearer', 'dpop']));
    const scopes = await values('SELECT DISTINCT scope AS v FROM accounts WHERE scope IS NOT NULL');
    expect(scopes.filter((s) => !/^[a-z:_]+( [a-z:_]+)*$/.test(s))).toEqual([]);
    expect(scopes.some((s) => s.includes('openid'))).toBe(true);
    const types = new Set(await values('SELECT DISTINCT type AS v FROM accounts'));
    expect(
      [...types].filter((t) => !['oauth', 'oidc', 'email', 'credentials', 'webauthn'].includes(t)),
    ).toEqual([]);
    const states = await values('SELECT session_state AS v FROM accounts WHERE session_state IS NOT NULL');
    expect(
      states.filter((s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(s)),
    ).toEqual([]);
    const tenants = await values('SELECT DISTINCT tenant_id AS v FROM oauth_grants');
    expect(tenants.length).toBeLessThanOrEqual(12);
    expect(tenants.filter((t) => !/^[a-z0-9]{1,12}$/.test(t))).toEqual([]);
    const grants = await values('SELECT DISTINCT grant_type AS v FROM oauth_grants');
    expect(grants).toContain('authorization_code');
    expect(grants.filter((g) => !/^[a-z_:.-]+$/.test(g))).toEqual([]);
    expect(
      await values(
        'SELECT DISTINCT code_challenge_method AS v FROM oauth_grants WHERE code_challenge_method IS NOT NULL',
      ),
    ).toEqual(expect.arrayContaining(['S256']));
    // A payment provider is no OAuth provider.
    expect(
      await count(target, "SELECT count(*) AS n FROM payments WHERE provider IN ('github', 'google')"),
    ).toBe(0);
  });

  it("gives region codes of the row's own region and country, and of the locale", async () => {
    const { target } = await loadGenerated(db, PLACES, {
      tables: { country: 400, contact: 6000, address: 500 },
      seed: 4,
    });
    const rows = await target.query<{ country: string; state: string; state_code: string }>(
      'SELECT country, state, state_code FROM contact JOIN country USING (country_id)',
    );
    const foreign = rows.filter((r) => !r.country.startsWith('United States'));
    expect(foreign.length).toBeGreaterThan(3000);
    // Not US postal codes beside another country (a made code may meet one by chance: a few).
    expect(foreign.filter((r) => US_CODES.has(r.state_code)).length).toBeLessThan(foreign.length / 20);
    expect(foreign.filter((r) => !/^[A-Z0-9]{1,3}$/.test(r.state_code)).slice(0, 5)).toEqual([]);
    // A listed region's code: Saxony is SN, Madrid MD, Kanagawa 14 (ISO 3166-2).
    const listed = rows.filter((r) => ['Germany', 'Spain', 'Japan'].includes(r.country));
    expect(listed.length).toBeGreaterThan(10);
    const iso = new Set('BY BE HH HE SN BW NW NI BB TH RP SH HB MD CT AN VC GA PV CL AR CN IB'.split(' '));
    const japan = (r: { state_code: string }) => /^\d\d$/.test(r.state_code);
    expect(listed.filter((r) => !(iso.has(r.state_code) || (r.country === 'Japan' && japan(r))))).toEqual([]);
    // One code per region of a country (Valencia, Spain and Valencia, Venezuela apart).
    const codesOf = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = `${r.country}|${r.state}`;
      codesOf.set(key, (codesOf.get(key) ?? new Set()).add(r.state_code));
    }
    expect([...codesOf].filter(([, codes]) => codes.size > 1).slice(0, 5)).toEqual([]);
    // No country column (en): a US state's own postal code (Texas, TX).
    const home = await target.query<{ state: string; state_code: string }>(
      'SELECT state, state_code FROM address',
    );
    expect(home.filter((r) => !US_CODES.has(r.state_code.trim())).slice(0, 5)).toEqual([]);
    const texas = new Set(home.filter((r) => r.state === 'Texas').map((r) => r.state_code.trim()));
    expect(texas).toEqual(new Set(['TX']));
    const pairs = new Set(home.map((r) => `${r.state}|${r.state_code}`));
    expect(pairs.size).toBe(new Set(home.map((r) => r.state)).size);
    // With --locale fr and no country: codes of the locale's regions' letters, never cut names (`Al`).
    const { target: fr } = await loadGenerated(db, PLACES, {
      tables: { country: 0, contact: 0, address: 800 },
      seed: 4,
      locale: 'fr',
    });
    const french = await fr.query<{ state: string; state_code: string }>(
      'SELECT state, state_code FROM address',
    );
    expect(french.filter((r) => !/^[A-Z]{2,3}$/.test(r.state_code.trim())).slice(0, 5)).toEqual([]);
    expect(
      new Set(french.filter((r) => r.state === "Provence-Alpes-Côte d'Azur").map((r) => r.state_code)),
    ).toEqual(new Set(['PAC']));
  });

  it('leaves version 3 as it was', async () => {
    const { target } = await loadGenerated(db, `${IMPLIED}\n${ORDER}\n${MEANINGS}\n${PLACES}`, {
      defaultRows: 400,
      seed: 3,
      generatorVersion: 3,
    });
    expect(await count(target, 'SELECT max(topic_id) AS n FROM posts')).toBeGreaterThan(400);
    expect(
      await count(target, 'SELECT count(*) AS n FROM jobs WHERE started_at < created_at'),
    ).toBeGreaterThan(50);
    expect(await count(target, 'SELECT max(f_port) AS n FROM device_queue_item')).toBeGreaterThan(223);
    const oauth = "SELECT count(*) AS n FROM accounts WHERE provider IN ('github', 'google')";
    expect(await count(target, oauth)).toBe(0);
    // Codes beside names drawn apart: many more pairs than names.
    const pairs = 'SELECT count(*) AS n FROM (SELECT DISTINCT state, state_code FROM address) p';
    const names = 'SELECT count(DISTINCT state) AS n FROM address';
    expect(await count(target, pairs)).toBeGreaterThan(2 * (await count(target, names)));
  });
});
