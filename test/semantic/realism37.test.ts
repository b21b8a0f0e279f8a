import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { planSources } from '../helpers/plan-sources.js';

/** Session 37's shapes (issue 11): a Q&A site and a shop whose parents count their children, voted scores. */
const SHAPES = `CREATE TABLE users (id serial PRIMARY KEY, display_name text NOT NULL, post_count int NOT NULL DEFAULT 0,
  comment_count int);
CREATE TABLE posts (id serial PRIMARY KEY, owner_user_id int NOT NULL REFERENCES users (id), title text NOT NULL,
  score int NOT NULL, answer_count int, comment_count int NOT NULL, creation_date timestamp NOT NULL);
CREATE TABLE answers (id serial PRIMARY KEY, post_id int NOT NULL REFERENCES posts (id), score int NOT NULL);
CREATE TABLE comments (id serial PRIMARY KEY, post_id int NOT NULL REFERENCES posts (id),
  user_id int REFERENCES users (id), text text NOT NULL, score smallint);
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, num_orders int NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id), item_count int NOT NULL);
CREATE TABLE order_items (id serial PRIMARY KEY, order_id int NOT NULL REFERENCES orders (id), quantity int NOT NULL);
CREATE TABLE reviews (id serial PRIMARY KEY, rating int NOT NULL CHECK (rating BETWEEN 1 AND 5));
CREATE TABLE tickets (id serial PRIMARY KEY, subject text NOT NULL);`;

const ROWS = {
  users: 60,
  posts: 150,
  answers: 200,
  comments: 400,
  customers: 40,
  orders: 100,
  order_items: 250,
  reviews: 30,
  tickets: 10,
};

let db: TestDatabase;
let target: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism37');
  ({ target } = await loadGenerated(db, SHAPES, { tables: ROWS, seed: 37, generatorVersion: 30 }));
}, 300_000);
afterAll(async () => db.close());

const where = (table: string, w: string) => count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
const children = (child: string, fk: string, parent = 'p') =>
  `(SELECT count(*) FROM ${child} c WHERE c.${fk} = ${parent}.id)`;

describe('generator version 30: data a person would take for real', () => {
  it("counts a parent's children exactly where one NOT NULL foreign key points at it", async () => {
    // Were unrelated numbers: 15 of 200 users', 69 of 400 posts' comment counts agreed.
    expect(await where('users p', `post_count <> ${children('posts', 'owner_user_id')}`)).toBe(0);
    expect(await where('posts p', `answer_count IS DISTINCT FROM ${children('answers', 'post_id')}`)).toBe(0);
    expect(await where('posts p', `comment_count <> ${children('comments', 'post_id')}`)).toBe(0);
    expect(await where('customers p', `num_orders <> ${children('orders', 'customer_id')}`)).toBe(0);
    expect(await where('orders p', `item_count <> ${children('order_items', 'order_id')}`)).toBe(0);
    // Still skewed: the top tenth of posts holds at least 30% of the comments, and some posts have none.
    const top = await count(
      target,
      'SELECT sum(comment_count) AS n FROM (SELECT comment_count FROM posts ORDER BY comment_count DESC LIMIT 15) t',
    );
    expect(top).toBeGreaterThanOrEqual(0.3 * 400);
    expect(await where('posts', 'comment_count = 0')).toBeGreaterThan(10);
    const sources = await planSources(SHAPES, { generatorVersion: 30 });
    expect(sources.get('posts.comment_count')).toContain('how many rows of public.comments point at it');
    expect(sources.get('posts.answer_count')).toContain('never NULL');
    // comments.user_id is nullable: users.comment_count keeps its values, and the plan says why.
    expect(sources.get('users.comment_count')).toContain('unknowable: its foreign key is nullable');
    const before = await planSources(SHAPES, { generatorVersion: 29 });
    expect(before.get('posts.comment_count')).not.toContain('point at it');
  });

  it("scores a post's and a comment's votes near zero, a rating still 1 to 5", async () => {
    const median = async (table: string) =>
      count(target, `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY score) AS n FROM ${table}`);
    // Were 30..100 around 70, an exam's.
    expect(await median('posts')).toBeLessThanOrEqual(3);
    expect(await median('answers')).toBeLessThanOrEqual(3);
    expect(await where('posts', 'score < 0')).toBeGreaterThan(0);
    expect(await where('posts', 'score > 10')).toBeGreaterThan(0);
    expect(await median('comments')).toBe(0);
    expect(await where('comments', 'score < 0')).toBe(0);
    expect(await where('reviews', 'rating NOT BETWEEN 1 AND 5')).toBe(0);
    const sources = await planSources(SHAPES, { generatorVersion: 30 });
    expect(sources.get('posts.score')).toContain('votes of a post');
  });

  it("tells a non-English run's ticket subjects in the locale's words, not a helpdesk's English", async () => {
    const en = await planSources(SHAPES, { generatorVersion: 30 });
    expect(en.get('tickets.subject')).toContain('Cannot export invoices');
    const de = await planSources(SHAPES, { generatorVersion: 30, locale: 'de' });
    expect(de.get('tickets.subject')).not.toContain('Cannot export invoices');
    expect(de.get('tickets.subject')).toContain('words of the locale');
  });
});
