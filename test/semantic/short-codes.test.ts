/**
 * Generator version 3: short unique codes without a length minimum read as
 * codes, not base-36 letter soup (`q8fxhx2o`): the table's stem and a number
 * counting up (`PRD-0042`) where its numbers cover the rows, else letters and
 * digits in fixed places (`ABC-1234`, `AB12CD`, `AB12`), a word and digits
 * for slugs and tags (`harbor42`); within the length, unique (the server's
 * unique indexes judge), for script and archive alike. Version 2 keeps its
 * values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated, loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

const DDL = `CREATE TABLE product (id serial PRIMARY KEY, code varchar(8) NOT NULL UNIQUE, ref char(6) UNIQUE,
  slug varchar(10) UNIQUE, tag varchar(8) UNIQUE, short_code varchar(4) UNIQUE, sku varchar(10) UNIQUE);
CREATE TABLE invoices (id serial PRIMARY KEY, code varchar(7) NOT NULL UNIQUE, ref varchar(5) UNIQUE);`;

const FORMS: Readonly<Record<string, RegExp>> = {
  'product.code': /^PRD-\d{4}$/,
  'product.ref': /^[A-Z]{2}\d{2}[A-Z]{2}$/,
  'product.slug': /^[a-z]{2,}\d{2,6}$/,
  'product.tag': /^[a-z]{2,}\d{2,6}$/,
  'product.short_code': /^[A-Z]{2}\d{2}$/,
  'product.sku': /^[A-Z]{3}-\d{5}$/,
  'invoices.code': /^INV-\d{3}$/,
  'invoices.ref': /^[A-Z]{2}\d{3}$/,
};

async function values(target: TestDatabase, table: string, column: string): Promise<string[]> {
  const rows = await target.query<{ v: string | null }>(`SELECT ${column} AS v FROM ${table} ORDER BY id`);
  return rows.flatMap((r) => (r.v === null ? [] : [r.v.trimEnd()]));
}

describe('short unique codes read as codes', () => {
  beforeAll(async () => {
    db = await createTestDatabase('shortcodes');
  });
  afterAll(async () => db.close());

  it('stem and number, letters and digits in places, words and digits (version 3)', async () => {
    const { target, restored } = await loadScriptAndArchive(db, DDL, {
      tables: { product: 3000, invoices: 900 },
      seed: 4,
    });
    for (const [name, form] of Object.entries(FORMS)) {
      const [table, column] = name.split('.') as [string, string];
      const found = await values(target, table, column);
      expect(found.length, name).toBeGreaterThan(700);
      expect(found.filter((v) => !form.test(v)).slice(0, 5), name).toEqual([]);
      expect(await values(restored, table, column), name).toEqual(found);
    }
    // The stem's numbers count up with the row.
    expect((await values(target, 'product', 'code')).slice(0, 3)).toEqual([
      'PRD-0001',
      'PRD-0002',
      'PRD-0003',
    ]);
  });

  it('more rows than the stem has numbers: letters and digits (ABC-1234)', async () => {
    const { target } = await loadGenerated(db, DDL, { tables: { product: 12000, invoices: 2000 }, seed: 4 });
    const codes = await values(target, 'product', 'code');
    expect(codes).toHaveLength(12000);
    expect(codes.filter((v) => !/^[A-Z]{3}-\d{4}$/.test(v)).slice(0, 5)).toEqual([]);
    const invoices = await values(target, 'invoices', 'code');
    expect(invoices.filter((v) => !/^[A-Z]{3}-\d{3}$/.test(v)).slice(0, 5)).toEqual([]);
  });

  it('version 2 keeps its codes', async () => {
    const { target } = await loadGenerated(db, DDL, {
      tables: { product: 500, invoices: 100 },
      seed: 4,
      generatorVersion: 2,
    });
    const codes = await values(target, 'product', 'code');
    expect(codes.some((v) => /^PRD-/.test(v))).toBe(false);
  });
});
