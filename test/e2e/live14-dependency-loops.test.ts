/**
 * Schemas whose dependencies form a loop through a function of a row type
 * or a domain, read from a live database: the script written from it (-d
 * and -f, no DDL file) breaks the loop as pg_dump does (the piece that
 * calls the function written apart, after it) and loads into an empty
 * database with ON_ERROR_STOP, which then holds the same objects. A table's
 * rules are written apart, after the tables, and tie no table to another.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { readLiveSchema } from '../../src/input/live-schema.js';
import { type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { structuralDiff } from '../helpers/schema-diff.js';

const db = useTestDatabase('live14_loops');

const SHAPES: Record<string, string> = {
  'a table and the function its CHECK calls, which takes its row type': `
    CREATE TABLE item (id integer PRIMARY KEY, qty integer NOT NULL);
    CREATE FUNCTION item_ok(i item) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1.qty >= 0';
    ALTER TABLE item ADD CONSTRAINT item_valid CHECK (item_ok(item));`,
  'a domain and the function its CHECK calls, which uses the domain': `
    CREATE DOMAIN even AS integer;
    CREATE FUNCTION is_even(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
      BEGIN ATOMIC SELECT v % 2 = 0 AND NULL::even IS NULL; END;
    ALTER DOMAIN even ADD CONSTRAINT even_check CHECK (is_even(VALUE));
    CREATE TABLE counter (id integer PRIMARY KEY, n even);`,
  "a table whose default calls a function returning the table's row type": `
    CREATE TABLE node (id integer PRIMARY KEY, label text NOT NULL DEFAULT 'n');
    CREATE FUNCTION blank_node() RETURNS node LANGUAGE sql AS 'SELECT 0, ''blank''';
    ALTER TABLE node ADD COLUMN template text DEFAULT (blank_node()).label;`,
  'a view whose query calls a function of its own row type (view and rule)': `
    CREATE TABLE base (id integer PRIMARY KEY, label text NOT NULL);
    CREATE VIEW summary AS SELECT id, label FROM base;
    CREATE FUNCTION summary_label(s summary) RETURNS text LANGUAGE sql AS 'SELECT $1.label';
    CREATE OR REPLACE VIEW summary AS SELECT id, label, summary_label(ROW(id, label)::summary) AS shown FROM base;`,
  'a rule on a parent table that inserts into its inheriting table (LedgerSMB file_secondary_attachment)': `
    CREATE TABLE file_order (id serial PRIMARY KEY, name text);
    CREATE TABLE file_secondary_attachment (file_id int NOT NULL, source_class int NOT NULL, ref_key int NOT NULL,
      dest_class int NOT NULL, attached_at timestamptz);
    CREATE TABLE file_order_to_order (PRIMARY KEY (file_id, source_class, dest_class, ref_key),
      FOREIGN KEY (file_id) REFERENCES file_order (id), CHECK (source_class = 2), CHECK (dest_class = 2))
      INHERITS (file_secondary_attachment);
    CREATE RULE file_sec_insert_oe_oe AS ON INSERT TO file_secondary_attachment
      WHERE source_class = 2 AND dest_class = 2 DO INSTEAD
      INSERT INTO file_order_to_order (file_id, source_class, ref_key, dest_class, attached_at)
      VALUES (new.file_id, 2, new.ref_key, 2, coalesce(new.attached_at, now()));
    CREATE RULE quiet AS ON DELETE TO file_order DO INSTEAD NOTHING;
    ALTER TABLE file_order DISABLE RULE quiet;
    COMMENT ON RULE quiet ON file_order IS 'kept, switched off';`,
};

async function catalogModel(target: TestDatabase) {
  return (await parseDdl([await readLiveSchema({ dbname: target.connectionString })])).schema;
}

describe('dependency loops in a live schema', () => {
  it.each(Object.entries(SHAPES))('%s: the script loads and holds the same objects', async (_, ddl) => {
    const source = await db.createSibling();
    await source.query(ddl);
    const file = join(tempDir('live14-loops-'), 'out.sql');
    await generate({ connection: { dbname: source.connectionString }, output: file, defaultRows: 20 });
    const copy = await db.createSibling();
    copy.psqlFile(file);
    expect(structuralDiff(await catalogModel(source), await catalogModel(copy))).toEqual([]);
    // A view's text as the server prints it: the NULL it pads ROW(id, label)::summary with reads
    // back as NULL::text once the view is made again (so it does after pg_dump and pg_restore).
    const objects = (target: TestDatabase) =>
      target.query<{ kind: string; name: string }>(
        `SELECT 'class' AS kind, relname::text AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace
         UNION ALL SELECT 'proc', proname::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace
         UNION ALL SELECT 'constraint', conname::text FROM pg_constraint WHERE connamespace = 'public'::regnamespace
         UNION ALL SELECT 'default', pg_get_expr(adbin, adrelid) FROM pg_attrdef
         UNION ALL SELECT 'rule', rulename || ' ' || ev_enabled::text || ' ' || coalesce(obj_description(oid, 'pg_rewrite'), '') FROM pg_rewrite WHERE rulename <> '_RETURN' AND ev_class >= 16384
         UNION ALL SELECT 'view', regexp_replace(pg_get_viewdef(c.oid), 'NULL::\\w+', 'NULL', 'g') FROM pg_class c WHERE relkind = 'v' AND relnamespace = 'public'::regnamespace
         ORDER BY 1, 2`,
      );
    expect(await objects(copy)).toEqual(await objects(source));
  });

  it('the rule on a parent that inserts into its inheriting table: filled in place (-d, no DDL file), every table', async () => {
    // Before: the rule tied the parent after its child, the child came first without its inherited columns, and
    // the run was refused ("column public.file_order_to_order.file_id does not exist").
    const target = await db.createSibling();
    await target.query(SHAPES[Object.keys(SHAPES).find((k) => k.startsWith('a rule')) as string] as string);
    await generate({ connection: { dbname: target.connectionString }, defaultRows: 20, seed: 2 });
    const counts = await target.query<{ t: string; n: number }>(
      `SELECT 'file_order' AS t, count(*)::int AS n FROM file_order
       UNION ALL SELECT 'parent only', count(*)::int FROM ONLY file_secondary_attachment
       UNION ALL SELECT 'child', count(*)::int FROM file_order_to_order`,
    );
    expect(counts).toEqual([
      { t: 'file_order', n: 20 },
      { t: 'parent only', n: 20 },
      { t: 'child', n: 20 },
    ]);
  });
});
