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
CREATE TABLE user_visits (user_id integer NOT NULL, visited_at date NOT NULL, UNIQUE (user_id, visited_at));`;

const ORDER = `CREATE TABLE jobs (id serial PRIMARY KEY, created_at timestamptz NOT NULL,
  started_at timestamptz, updated_at timestamptz NOT NULL, finished_at timestamptz,
  ended_at timestamptz, completed_at timestamp);
CREATE TABLE articles (id serial PRIMARY KEY, created_at timestamp NOT NULL, published_at timestamp NOT NULL,
  modified_at timestamp NOT NULL, start_date date);`;

describe('generator version 4', () => {
  beforeAll(async () => {
    db = await createTestDatabase('realismv4');
  });
  afterAll(async () => db.close());

  it('draws an implied reference within the keys of the table it names', async () => {
    const { target } = await loadGenerated(db, IMPLIED, {
      tables: { users: 300, categories: 20, topics: 2000, posts: 5000, user_visits: 400 },
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
  });

  it('leaves version 3 as it was', async () => {
    const { target } = await loadGenerated(db, `${IMPLIED}\n${ORDER}`, {
      defaultRows: 400,
      seed: 3,
      generatorVersion: 3,
    });
    expect(await count(target, 'SELECT max(topic_id) AS n FROM posts')).toBeGreaterThan(400);
    expect(
      await count(target, 'SELECT count(*) AS n FROM jobs WHERE started_at < created_at'),
    ).toBeGreaterThan(50);
  });
});
