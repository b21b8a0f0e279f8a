/**
 * -t/-T/-n/-N shape the DDL as pg_dump's do: the selected tables with their
 * sequences, constraints, indexes, triggers, comments and grants; tables left
 * out take theirs (and views that read them) along. The output loads into an
 * empty database, plain or archive.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const DDL = `
CREATE SCHEMA app;
CREATE SCHEMA audit;
CREATE TYPE app.mood AS ENUM ('ok', 'meh');
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE app.customer (id serial PRIMARY KEY, name text NOT NULL, mood app.mood);
COMMENT ON TABLE app.customer IS 'people';
CREATE TABLE app.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id int NOT NULL REFERENCES app.customer, total numeric(8,2) CHECK (total >= 0));
CREATE INDEX orders_customer ON app.orders (customer_id);
CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE TABLE app.note (id serial PRIMARY KEY, order_id bigint REFERENCES app.orders, body text);
CREATE TABLE app.special_customer (vip boolean) INHERITS (app.customer);
CREATE VIEW app.big_orders AS SELECT * FROM app.orders WHERE total > 100;
CREATE VIEW app.noted AS SELECT n.body, o.total FROM app.note n JOIN app.orders o ON o.id = n.order_id;
CREATE VIEW app.noted_count AS SELECT count(*) FROM app.noted;
CREATE TABLE audit.log (id serial PRIMARY KEY, at timestamptz NOT NULL, what text);
GRANT SELECT ON audit.log TO PUBLIC;
`;

let db: TestDatabase;
let ddl: string;

async function relations(target: TestDatabase): Promise<string[]> {
  const rows = await target.query<{ r: string }>(`
    SELECT format('%s.%s', n.nspname, c.relname) AS r FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'v', 'S') AND n.nspname IN ('app', 'audit') ORDER BY 1`);
  return rows.map((r) => r.r);
}

describe('table selection selects the DDL too, as pg_dump does', () => {
  beforeAll(async () => {
    db = await createTestDatabase('select_ddl');
    ddl = join(tempDir(), 'select.sql');
    writeFileSync(ddl, DDL);
  });
  afterAll(async () => db.close());

  it('-t: a plain script with the selected tables, their sequences, index, trigger and comment; it loads into an empty database', async () => {
    const file = join(tempDir(), 't.sql');
    await generate({
      schema: [ddl],
      defaultRows: 30,
      output: file,
      selection: { tables: ['app.customer', 'app.orders'] },
    });
    const target = await db.createSibling();
    target.psqlFile(file);
    expect(await relations(target)).toEqual([
      'app.big_orders',
      'app.customer',
      'app.customer_id_seq',
      'app.orders',
      'app.orders_id_seq',
    ]);
    const counts = await userTableRowCounts(target);
    expect(counts.get('app.orders')).toBe(30);
    expect((await constraintSummary(target)).notValid).toEqual([]);
    const [t] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_trigger WHERE tgname = 'orders_touch'",
    );
    expect(t?.n).toBe('1');
    const [c] = await target.query<{ d: string }>("SELECT obj_description('app.customer'::regclass) AS d");
    expect(c?.d).toBe('people');
  });

  it('-n with -T, custom and directory archives: pg_restore lists and restores only the selected tables', async () => {
    for (const format of ['custom', 'directory'] as const) {
      const path = join(tempDir(), `n.${format}`);
      await generate({
        schema: [ddl],
        defaultRows: 20,
        output: path,
        format,
        selection: { schemas: ['app'], excludeTables: ['app.note'] },
      });
      const listing = db.run('pg_restore', ['-l', path]);
      expect(listing).not.toMatch(/ TABLE (DATA )?audit log /);
      expect(listing).not.toMatch(/ (TABLE|VIEW) app (note|noted|noted_count) /);
      expect(listing).toContain('TYPE app mood');
      const target = await db.createSibling();
      target.run('pg_restore', ['--exit-on-error', '-d', target.name, path]);
      expect(await relations(target)).toEqual([
        'app.big_orders',
        'app.customer',
        'app.customer_id_seq',
        'app.orders',
        'app.orders_id_seq',
        'app.special_customer',
      ]);
      expect((await userTableRowCounts(target)).get('app.special_customer')).toBe(20);
      expect((await constraintSummary(target)).notValid).toEqual([]);
    }
  });

  it('-t of an inheriting table keeps its parent as DDL (no rows), so the script loads', async () => {
    const file = join(tempDir(), 'inh.sql');
    await generate({
      schema: [ddl],
      defaultRows: 10,
      output: file,
      selection: { tables: ['app.special_customer'] },
    });
    const target = await db.createSibling();
    target.psqlFile(file);
    const counts = await userTableRowCounts(target);
    expect(counts.get('app.special_customer')).toBe(10);
    expect(counts.get('app.customer')).toBe(0);
  });
});
