/**
 * --append with foreign keys that are not plain picks: a tree (a
 * self-reference, integer and uuid keys, a uniqueness over the FK column)
 * points at the rows the table already holds, an FK bounded by a CHECK
 * (`shop_id BETWEEN 11 AND 50`: a window of parent rows) at the existing
 * and new parents inside the bounds, and FK columns restricted to a list
 * (`status IN (...)`) at the listed parents the target holds, which are not
 * made again. Twice, every constraint enforced by the target during the
 * load, the same rows at -j 1 and -j 2.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary } from '../helpers/constraint-checks.js';
import { queryNumbers, siblingWith, type TestDatabase, useTestDatabase } from '../helpers/database.js';

const SCHEMA = `
CREATE TABLE category (id serial PRIMARY KEY, parent_id int REFERENCES category, name text NOT NULL, CHECK (parent_id < id));
CREATE TABLE folder (id uuid PRIMARY KEY, parent uuid REFERENCES folder, name text NOT NULL, UNIQUE (parent, name));
CREATE TABLE shop (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE item (id bigserial PRIMARY KEY, shop_id int NOT NULL REFERENCES shop CHECK (shop_id BETWEEN 11 AND 50), sku text);
CREATE TABLE status (code text PRIMARY KEY, label text);
CREATE TABLE prio (n int PRIMARY KEY, name text);
CREATE TABLE ticket (
  id serial PRIMARY KEY,
  status text NOT NULL REFERENCES status CHECK (status IN ('open', 'closed', 'pending')),
  prio int NOT NULL REFERENCES prio CHECK (prio IN (1, 3, 5))
);
`;

/** What the application made: a tree of 30 categories, 30 shops, the listed statuses and priorities among others. */
const EXISTING = `
INSERT INTO category (parent_id, name) SELECT CASE WHEN g > 1 THEN g / 2 END, 'c' || g FROM generate_series(1, 30) g;
INSERT INTO folder VALUES ('00000000-0000-0000-0000-000000000001', NULL, 'root');
INSERT INTO folder SELECT ('00000000-0000-0000-0000-0000000000' || lpad(g::text, 2, '0'))::uuid,
  '00000000-0000-0000-0000-000000000001', 'f' || g FROM generate_series(2, 20) g;
INSERT INTO shop (name) SELECT 'shop ' || g FROM generate_series(1, 30) g;
INSERT INTO status VALUES ('open', 'Open'), ('closed', 'Closed'), ('pending', 'Pending'), ('other', 'Other');
INSERT INTO prio SELECT g, 'p' || g FROM generate_series(1, 6) g;
`;

const db = useTestDatabase('append_trees');

async function digest(target: TestDatabase): Promise<string> {
  const [row] = await target.query<{ d: string }>(`
    SELECT md5(concat(
      (SELECT string_agg(format('%s|%s', id, parent_id), ',' ORDER BY id) FROM category),
      (SELECT string_agg(format('%s|%s', id, parent), ',' ORDER BY id) FROM folder),
      (SELECT string_agg(format('%s|%s', id, shop_id), ',' ORDER BY id) FROM item),
      (SELECT string_agg(format('%s|%s|%s', id, status, prio), ',' ORDER BY id) FROM ticket))) AS d`);
  return row?.d ?? '';
}

describe('--append with trees, windows and listed FK values', () => {
  it('points at the rows already there, twice, the same rows at -j 1 and -j 2', async () => {
    const digests: string[] = [];
    for (const workers of [1, 2]) {
      const target = await siblingWith(db, SCHEMA, EXISTING);
      const connection = { dbname: target.connectionString };
      const rows = { defaultRows: 40, tables: { category: 200, folder: 100, item: 300, ticket: 200 } };
      await generate({ connection, ...rows, seed: 7, workers, append: true });
      const once = await queryNumbers(
        target,
        `SELECT (SELECT count(*) FROM category WHERE id > 30 AND parent_id <= 30) AS cat_old,
                (SELECT count(*) FROM category WHERE id > 30 AND parent_id > 30) AS cat_new,
                (SELECT count(*) FROM folder f WHERE f.name NOT LIKE 'f%' AND f.name <> 'root'
                   AND f.parent::text LIKE '00000000-0000-0000-0000-0000000000%') AS folder_old,
                (SELECT count(*) FROM item WHERE shop_id <= 30) AS item_old,
                (SELECT count(*) FROM item WHERE shop_id > 30) AS item_new,
                (SELECT count(*) FROM status) AS statuses,
                (SELECT count(*) FROM ticket) AS tickets`,
      );
      // Trees grow from the existing rows and from the new ones; the window holds existing and new shops.
      for (const k of ['cat_old', 'cat_new', 'folder_old', 'item_old', 'item_new'])
        expect(once[k], k).toBeGreaterThan(10);
      // The listed statuses are the existing rows: 40 new ones besides, none made twice (the load would fail).
      expect(once).toMatchObject({ statuses: 44, tickets: 200 });
      // A second append: the first one's rows are existing parents now.
      await generate({ connection, ...rows, seed: 8, workers, append: true });
      const twice = await queryNumbers(
        target,
        `SELECT (SELECT count(*) FROM category WHERE id > 230 AND parent_id BETWEEN 31 AND 230) AS cat_first,
                (SELECT count(*) FROM item WHERE id > 300 AND shop_id <= 30) AS item_old,
                (SELECT count(*) FROM item WHERE id > 300 AND shop_id BETWEEN 31 AND 50) AS item_first,
                (SELECT count(*) FROM item WHERE shop_id NOT BETWEEN 11 AND 50) AS item_outside,
                (SELECT count(*) FROM ticket) AS tickets,
                (SELECT count(DISTINCT status) FROM ticket) AS statuses,
                (SELECT count(DISTINCT prio) FROM ticket) AS prios`,
      );
      expect(twice).toMatchObject({ item_outside: 0, tickets: 400, statuses: 3, prios: 3 });
      expect(twice.cat_first).toBeGreaterThan(50);
      expect((twice.item_old ?? 0) + (twice.item_first ?? 0)).toBe(300);
      expect(twice.item_old).toBeGreaterThan(10);
      expect((await constraintSummary(target)).notValid).toEqual([]);
      digests.push(await digest(target));
      await target.close();
    }
    expect(digests[1]).toBe(digests[0]);
  });
});
