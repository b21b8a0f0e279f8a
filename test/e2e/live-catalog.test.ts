/**
 * The catalog reader (src/input/catalog) on what a DDL file may not show and
 * on every kind of object it writes: a table made by EXECUTE in a DO block,
 * names that need quoting, domains (a NOT VALID CHECK), enum, composite and
 * range types, identity, serial, generated and collated columns, INHERITS,
 * LIST partitions with a default, NOT VALID and EXCLUDE constraints, partial
 * and expression unique indexes, a DEFERRABLE foreign key, a function used
 * by a CHECK, triggers (one disabled), RLS with a policy, views, an
 * aggregate. The database is filled in place; then the plain script written
 * from it (-d and -f) loads into an empty database with ON_ERROR_STOP, and
 * that database's catalog gives the same model again.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { readCatalogDdl } from '../../src/input/catalog/index.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { readLiveSchema } from '../../src/input/live-schema.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { siblingWith, type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { structuralDiff } from '../helpers/schema-diff.js';

const db = useTestDatabase('livecatalog');

const SCHEMA = `
CREATE SCHEMA "Odd ""Schema""";
CREATE DOMAIN "Odd ""Schema""".positive AS integer CHECK (VALUE > 0);
ALTER DOMAIN "Odd ""Schema""".positive ADD CONSTRAINT small CHECK (VALUE < 1000000) NOT VALID;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE pair AS (a integer, b text);
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE FUNCTION is_slug(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t ~ '^[a-z0-9-]+$' $$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE AGGREGATE longest(text) (SFUNC = pg_catalog.textcat, STYPE = text, INITCOND = '');
CREATE TABLE "Odd ""Schema""".owner (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  "E-mail" text COLLATE "C" NOT NULL UNIQUE,
  slug text NOT NULL CHECK (is_slug(slug)),
  score "Odd ""Schema""".positive,
  feeling mood NOT NULL DEFAULT 'ok',
  shape pair,
  span floatrange,
  updated_at timestamptz,
  slug_len integer GENERATED ALWAYS AS (length(slug)) STORED
);
CREATE UNIQUE INDEX owner_slug_lower ON "Odd ""Schema""".owner (lower(slug)) WHERE feeling <> 'sad';
CREATE TABLE animal (id serial PRIMARY KEY, name text NOT NULL, owner_id integer);
CREATE TABLE dog (good boolean NOT NULL DEFAULT true) INHERITS (animal);
ALTER TABLE animal ADD CONSTRAINT animal_owner_fk FOREIGN KEY (owner_id) REFERENCES "Odd ""Schema""".owner (id)
  DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE animal ADD CONSTRAINT name_short CHECK (length(name) < 200) NOT VALID;
CREATE TABLE booking (room integer NOT NULL, at tstzrange NOT NULL, EXCLUDE USING gist (room WITH =, at WITH &&));
CREATE TABLE event (id bigint NOT NULL, region text NOT NULL, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE event_eu PARTITION OF event FOR VALUES IN ('eu');
CREATE TABLE event_other PARTITION OF event DEFAULT;
CREATE TRIGGER owner_touch BEFORE UPDATE ON "Odd ""Schema""".owner FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER animal_touch BEFORE UPDATE ON animal FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE animal DISABLE TRIGGER animal_touch;
ALTER TABLE animal ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON animal FOR SELECT TO PUBLIC USING (owner_id IS NOT NULL);
CREATE VIEW named_animal AS SELECT a.name, o."E-mail" FROM animal a JOIN "Odd ""Schema""".owner o ON o.id = a.owner_id;
CREATE MATERIALIZED VIEW animal_count AS SELECT count(*) AS n FROM animal;
DO $$ BEGIN EXECUTE 'CREATE TABLE made_' || 'late (id integer PRIMARY KEY, note text NOT NULL)'; END $$;`;

const EXTENSION = 'CREATE EXTENSION IF NOT EXISTS btree_gist;';

async function catalogModel(target: TestDatabase) {
  return (await parseDdl([await readLiveSchema({ dbname: target.connectionString })])).schema;
}

describe('the catalog reader', () => {
  it('reads what the DDL does not show, fills it in place, and writes a script that loads and reads back the same', async () => {
    const source = await db.createSibling();
    await source.query(EXTENSION + SCHEMA);
    const model = await catalogModel(source);
    expect(model.tables.map((t) => `${t.schema}.${t.name}`).sort()).toEqual([
      'Odd "Schema".owner',
      'public.animal',
      'public.booking',
      'public.dog',
      'public.event',
      'public.event_eu',
      'public.event_other',
      'public.made_late',
    ]);
    const connection = { dbname: source.connectionString };
    await generate({ connection, defaultRows: 40, seed: 5 });
    const counts = Object.fromEntries(await userTableRowCounts(source));
    expect(counts['public.made_late']).toBe(40);
    expect(counts['Odd "Schema".owner']).toBe(40);

    const script = join(tempDir('live-catalog-'), 'script.sql');
    const emptyCopy = await db.createSibling();
    await emptyCopy.query(EXTENSION);
    await generate({ connection, defaultRows: 25, seed: 6, output: script, noOwner: true });
    emptyCopy.psqlFile(script);
    expect(structuralDiff(model, await catalogModel(emptyCopy))).toEqual([]);
    expect(Object.fromEntries(await userTableRowCounts(emptyCopy))['public.made_late']).toBe(25);
  });

  it('reads with JIT off in its snapshot only: the session keeps its setting', async () => {
    // With the server's default (jit on), danbooru's dependency query took 10-20 s of LLVM compilation to run in 0.2 s.
    const target = await siblingWith(db, 'CREATE TABLE animal (id integer PRIMARY KEY)');
    const seen: string[] = [];
    const client = {
      async query(text: string) {
        if (text.startsWith('WITH m AS ('))
          seen.push(String((await target.query("SELECT current_setting('jit') AS jit"))[0]?.jit));
        return { rows: await target.query(text) };
      },
    };
    expect(await readCatalogDdl(client)).toContain('CREATE TABLE public.animal');
    expect(seen).toEqual(['off']);
    const [session] = await target.query(
      "SELECT current_setting('jit') AS jit, reset_val FROM pg_catalog.pg_settings WHERE name = 'jit'",
    );
    expect(session?.jit).toBe(session?.reset_val);
  });

  it('names the database and the reason in one line when it cannot read', async () => {
    const error = await readLiveSchema({
      dbname: `${db.connectionString.replace(/\/[^/?]*(\?|$)/, '/no_such_db$1')}`,
    })
      .then(() => undefined)
      .catch((e: unknown) => e as Error);
    expect(String(error?.message)).toMatch(/^cannot connect to .*no_such_db.*does not exist/);
  });
});
