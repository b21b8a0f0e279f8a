/**
 * --append with foreign keys to parent rows the target already holds: a
 * child appended alone (-t) points at the existing parents, a full append
 * at existing ∪ new ones (composite keys too), the same rows for any -j; a
 * 1:1 foreign key whose existing parents are all taken gets only the free
 * ones, and a selected child whose left-out parent holds nothing is refused.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { constraintSummary } from '../helpers/constraint-checks.js';
import { queryNumbers, siblingWith, useTestDatabase } from '../helpers/database.js';

const SCHEMA = `
CREATE TABLE shop (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE region (country char(2) NOT NULL, code text NOT NULL, PRIMARY KEY (country, code));
CREATE TABLE item (
  id bigserial PRIMARY KEY,
  shop_id integer NOT NULL REFERENCES shop,
  country char(2) NOT NULL,
  region_code text NOT NULL,
  FOREIGN KEY (country, region_code) REFERENCES region
);
CREATE TABLE shop_profile (shop_id integer PRIMARY KEY REFERENCES shop, motto text);
`;

/** The target as the application left it: 40 shops with gaps in their ids, 12 regions, every shop with a profile. */
const EXISTING = `
INSERT INTO shop (name) SELECT 'shop ' || g FROM generate_series(1, 45) g;
DELETE FROM shop WHERE id IN (7, 14, 21, 28, 35);
INSERT INTO region SELECT c, 'R' || g FROM unnest(ARRAY['US', 'FR', 'DE']) c, generate_series(1, 4) g;
INSERT INTO shop_profile SELECT id, 'existing' FROM shop;
`;

const db = useTestDatabase('append_parents');

describe('--append with FKs to existing parents', () => {
  it('-t item alone: its rows point at the shops and regions already there (no new parents)', async () => {
    const target = await siblingWith(db, SCHEMA, EXISTING);
    const result = await generate({
      connection: { dbname: target.connectionString },
      selection: { tables: ['item'] },
      defaultRows: 300,
      seed: 3,
      append: true,
    });
    expect(result.tables.find((t) => t.name === 'item')?.rows).toBe(300);
    const n = await queryNumbers(
      target,
      `SELECT count(*) AS items, count(DISTINCT shop_id) AS shops, count(DISTINCT (country, region_code)) AS regions,
              (SELECT count(*) FROM shop) AS all_shops FROM item`,
    );
    expect(n).toMatchObject({ items: 300, all_shops: 40 });
    // Spread over the existing parents (skewed, so not every one), gaps in the ids never picked (the FK holds).
    expect(n.shops).toBeGreaterThan(20);
    expect(n.regions).toBeGreaterThan(6);
    expect((await constraintSummary(target)).notValid).toEqual([]);
    await target.close();
  });

  it('a full append: children point at existing and new parents, composite FKs too, the same rows at -j 1 and -j 2', async () => {
    const digests: string[] = [];
    for (const workers of [1, 2]) {
      const target = await siblingWith(db, SCHEMA, EXISTING);
      await generate({
        connection: { dbname: target.connectionString },
        defaultRows: 60,
        tables: { item: 600, shop_profile: 30 },
        seed: 9,
        workers,
        append: true,
      });
      const n = await queryNumbers(
        target,
        `SELECT count(*) AS items,
                count(*) FILTER (WHERE shop_id <= 45) AS to_old_shops,
                count(*) FILTER (WHERE shop_id > 45) AS to_new_shops,
                count(*) FILTER (WHERE region_code ~ '^R[1-4]$') AS to_old_regions,
                count(*) FILTER (WHERE region_code !~ '^R[1-4]$') AS to_new_regions
         FROM item`,
      );
      expect(n.items).toBe(600);
      for (const k of ['to_old_shops', 'to_new_shops', 'to_old_regions', 'to_new_regions'])
        expect(n[k], k).toBeGreaterThan(30);
      expect((await constraintSummary(target)).notValid).toEqual([]);
      const [digest] = await target.query<{ d: string }>(
        `SELECT md5(string_agg(format('%s|%s|%s|%s', id, shop_id, country, region_code), ',' ORDER BY id)) AS d FROM item`,
      );
      digests.push(digest?.d ?? '');
      await target.close();
    }
    expect(digests[1]).toBe(digests[0]);
  });

  it('a 1:1 FK whose existing parents are all taken: only new parents, cut to them with a warning', async () => {
    const target = await siblingWith(db, SCHEMA, EXISTING);
    const connection = { dbname: target.connectionString };
    // 20 new shops, 50 profiles asked: 60 shops for 40 held profiles leave 20.
    const result = await generate({
      connection,
      defaultRows: 20,
      tables: { shop_profile: 50 },
      seed: 4,
      append: true,
    });
    const cut = result.warnings.find(
      (w) => w.code === 'APPEND_KEY_FULL' && w.where === 'public.shop_profile',
    );
    expect(cut?.message).toContain('holds 40 of them, so it gets 20 new rows, not 50');
    const n = await queryNumbers(
      target,
      `SELECT count(*) AS profiles, count(*) FILTER (WHERE shop_id > 45) AS new_ones,
              (SELECT count(*) FROM shop s WHERE NOT EXISTS (SELECT FROM shop_profile p WHERE p.shop_id = s.id)) AS bare
       FROM shop_profile`,
    );
    expect(n).toEqual({ profiles: 60, new_ones: 20, bare: 0 });
    // No shop left without a profile and none added: -t shop_profile gets no rows, said; --strict refuses.
    const none = await generate({
      connection,
      selection: { tables: ['shop_profile'] },
      defaultRows: 5,
      seed: 4,
      append: true,
    });
    expect(none.warnings.map((w) => w.code)).toContain('APPEND_KEY_FULL');
    expect(none.tables.find((t) => t.name === 'shop_profile')?.rows).toBe(0);
    await expect(
      generate({
        connection,
        selection: { tables: ['shop_profile'] },
        defaultRows: 5,
        append: true,
        strict: true,
      }),
    ).rejects.toThrow(/--strict: .*shop_profile_pkey \(shop_id\) has 60 values and the table holds 60/s);
    expect((await constraintSummary(target)).notValid).toEqual([]);
    await target.close();
  });

  it('a selected child whose left-out parent holds no rows: one line naming both', async () => {
    assertBuilt();
    const target = await siblingWith(db, SCHEMA);
    const run = runCli(['generate', '-d', target.connectionString, '--append', '-t', 'item', '--rows', '5']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      'public.item references public.shop (item_shop_id_fkey), which the table selection leaves out and which holds no rows in the target',
    );
    expect(run.stderr).not.toContain('    at ');
    await target.close();
  });
});
