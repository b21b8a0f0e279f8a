/**
 * DDL shapes of real applications' migration histories (Ory Hydra and
 * Kratos, Supabase Auth, Documenso, Lemmy, Langfuse), each reduced to a
 * minimal file: statements written otherwise than read, or left out, so the
 * output loads. Generated through the library, loaded as a script with
 * ON_ERROR_STOP and restored from a custom archive with pg_restore
 * --exit-on-error, every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('migrations');

/** 40 rows per table as a script and as a custom archive, both loaded. */
const loadBoth = (ddl: string) => loadScriptAndArchive(db, ddl, { rows: 40, seed: 9 });

describe('DDL shapes of application migration histories: statements rewritten or left out', () => {
  it('CREATE INDEX CONCURRENTLY is written as a plain CREATE INDEX, which pg_restore can run (Ory Kratos)', async () => {
    const { counts } = await loadBoth(`
      CREATE TABLE m (id int PRIMARY KEY, nid uuid, created_at timestamp);
      CREATE INDEX CONCURRENTLY IF NOT EXISTS m_idx ON m (nid ASC, created_at DESC, id ASC);
      CREATE UNIQUE INDEX CONCURRENTLY m_u ON public.m (created_at, id) WHERE nid IS NOT NULL;`);
    expect(counts.get('public.m')).toBe(40);
  });

  it('a column a guarded DO block renames, then indexed: the block is read as its RENAME, the table gets rows (Supabase Auth)', async () => {
    const { counts, warnings } = await loadBoth(`
      CREATE TABLE users (id uuid PRIMARY KEY, email_change_token varchar(255), name text);
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT * FROM information_schema.columns
          WHERE table_name = 'users' AND column_name = 'email_change_token_new')
        THEN ALTER TABLE users RENAME COLUMN email_change_token TO email_change_token_new;
        END IF;
      END $$;
      CREATE UNIQUE INDEX email_change_token_new_idx ON users (email_change_token_new)
        WHERE email_change_token_new !~ '^[0-9 ]*$';
      ALTER TABLE users ALTER COLUMN email_change_token_new SET DEFAULT '';
      ALTER TABLE users ADD CONSTRAINT users_token_key UNIQUE (email_change_token_new, name);
      CREATE TABLE audit (id serial PRIMARY KEY, note text);`);
    expect(counts.get('public.users')).toBe(40);
    expect(counts.get('public.audit')).toBe(40);
    expect(warnings).toEqual([]);
  });

  it('a DO block that only inserts rows is left out, as INSERTs are: a later SET NOT NULL after a left-out UPDATE loads (Documenso)', async () => {
    const { counts, warnings } = await loadBoth(`
      CREATE TABLE "User" (id serial PRIMARY KEY, email text NOT NULL UNIQUE);
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM "User" WHERE email = 'deleted@example.com') THEN
          INSERT INTO "User" (email) VALUES ('deleted@example.com');
        END IF;
      END $$;
      ALTER TABLE "User" ADD COLUMN url text;
      UPDATE "User" SET url = 'u' || id WHERE url IS NULL;
      ALTER TABLE "User" ALTER COLUMN url SET NOT NULL;`);
    expect(counts.get('public.User')).toBe(40);
    expect(warnings.join('\n')).toMatch(/DO block at .*schema\.sql:3:7 writes rows: it is left out/);
  });

  it('a table made by CREATE TABLE AS is kept as written, with its later ALTER, RENAME, index and DROP (Lemmy)', async () => {
    const { counts, warnings } = await loadBoth(`
      CREATE TABLE person (id serial PRIMARY KEY, name text NOT NULL);
      CREATE TABLE person_fast AS SELECT * FROM person;
      ALTER TABLE person_fast ADD PRIMARY KEY (id);
      CREATE INDEX idx_person_fast_name ON person_fast (name) WHERE name IS NOT NULL;
      ALTER TABLE person_fast RENAME COLUMN name TO display_name;
      CREATE TABLE person_actions AS SELECT id AS person_id, now() AS saved FROM person;
      CREATE INDEX idx_person_actions_saved ON person_actions (person_id) WHERE saved IS NOT NULL;
      ALTER TABLE person_actions RENAME COLUMN saved TO saved_at;
      ALTER TABLE person_actions RENAME TO person_saves;
      ALTER TABLE person_saves ADD CONSTRAINT person_saves_fkey FOREIGN KEY (person_id) REFERENCES person;
      ALTER TABLE person_saves ADD CONSTRAINT person_saves_key UNIQUE (person_id, saved_at);
      ALTER TABLE person_saves ADD COLUMN note text,
        DROP CONSTRAINT person_saves_key, DROP CONSTRAINT person_saves_fkey;
      ALTER TABLE person_saves ADD CONSTRAINT person_saves_person_fkey FOREIGN KEY (person_id) REFERENCES person;
      DROP TABLE person_fast;`);
    expect(counts.get('public.person')).toBe(40);
    expect(counts.get('public.person_saves')).toBe(0);
    expect(warnings.join('\n')).toMatch(
      /CREATE TABLE public.person_actions AS at \S+ is written as it is: the table holds what its query selects at load time/,
    );
  });

  it('a CREATE TABLE AS over an aggregate without GROUP BY (string_agg, stddev, count) makes its one row at load time', async () => {
    const { counts, warnings } = await loadBoth(`
      CREATE TABLE person (id serial PRIMARY KEY, name text NOT NULL, age int);
      CREATE TABLE person_names AS SELECT string_agg(name, ',') AS names FROM person;
      CREATE TABLE person_ages AS SELECT stddev(age) AS spread, count(*) AS n FROM person;`);
    expect(counts.get('public.person')).toBe(40);
    expect(counts.get('public.person_names')).toBe(1);
    expect(counts.get('public.person_ages')).toBe(1);
    for (const t of ['person_names', 'person_ages'])
      expect(warnings.join('\n')).toContain(`CREATE TABLE public.${t} AS at`);
  });

  it('a statement whose last line ends in a -- comment, its semicolon on the next line, is written with a working terminator (Lemmy, crates.io)', async () => {
    const { counts, script } = await loadBoth(
      [
        'CREATE TABLE t (id int PRIMARY KEY);',
        'ALTER TABLE t',
        "  ADD COLUMN a text DEFAULT '--x' -- note; here",
        ';',
        'ALTER TABLE t ADD COLUMN b text DEFAULT $$ -- $$ /* c */',
        '-- trailing',
        ';',
        "ALTER TABLE t ADD COLUMN c text DEFAULT E'it\\'s -- no' -- yes",
        ';',
        'CREATE TABLE u (id int PRIMARY KEY) -- last',
      ].join('\n'),
    );
    expect(counts.get('public.t')).toBe(40);
    expect(counts.get('public.u')).toBe(40);
    const defaults = await script.query<{ d: string }>(
      `SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = 't'::regclass ORDER BY adnum`,
    );
    expect(defaults.map((r) => r.d)).toEqual(["'--x'::text", "' -- '::text", "'it''s -- no'::text"]);
  });

  it('an ALTER TABLE whose DROP CONSTRAINT is left out (its ADD CHECK was taken out) is written without it (Ory Hydra)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE f (id int PRIMARY KEY, state int NOT NULL, a text, b text NOT NULL,
        CHECK (state = 1 OR a IS NOT NULL));
      ALTER TABLE f DROP COLUMN a;
      ALTER TABLE f ADD COLUMN a text;
      ALTER TABLE f ADD CHECK (state = 1 OR a IS NOT NULL);
      ALTER TABLE f
        DROP CONSTRAINT f_check,
        ALTER COLUMN b DROP NOT NULL;`);
    expect(counts.get('public.f')).toBe(40);
    const constraints = await script.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'f'::regclass`,
    );
    expect(constraints).toEqual([{ conname: 'f_pkey' }]);
    const nullable = await script.query<{ attnotnull: boolean }>(
      `SELECT attnotnull FROM pg_attribute WHERE attrelid = 'f'::regclass AND attname = 'b'`,
    );
    expect(nullable).toEqual([{ attnotnull: false }]);
  });

  it('a trigger follows its function: ALTER FUNCTION ... RENAME, DROP FUNCTION ... CASCADE (Lemmy)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE t (id int PRIMARY KEY);
      CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE f();
      ALTER FUNCTION f() RENAME TO g;
      CREATE FUNCTION h() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER tr2 BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE h();
      ALTER FUNCTION h() RENAME TO k;
      DROP FUNCTION g, k CASCADE;
      CREATE FUNCTION g() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER tr3 BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE g();`);
    expect(counts.get('public.t')).toBe(40);
    const triggers = await script.query<{ tgname: string }>(
      "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = 't'::regclass ORDER BY 1",
    );
    expect(triggers.map((t) => t.tgname)).toEqual(['tr3']);
  });

  it('temporary tables of data migrations are left out with the statements on them (Langfuse)', async () => {
    const { counts, warnings } = await loadBoth(`
      CREATE TABLE j (id serial PRIMARY KEY, g int);
      CREATE TEMP TABLE "map" ON COMMIT DROP AS SELECT id, g FROM j;
      CREATE UNIQUE INDEX ON "map" (id);
      CREATE TEMP TABLE t2 (id int PRIMARY KEY);
      CREATE INDEX t2_idx ON t2 (id);
      ALTER TABLE t2 ADD COLUMN x int;
      DROP TABLE t2;
      CREATE TABLE t2 (id int PRIMARY KEY, y text);`);
    expect(counts.get('public.j')).toBe(40);
    expect(counts.get('public.t2')).toBe(40);
    expect(warnings.filter((w) => w.startsWith('CREATE TEMP TABLE'))).toHaveLength(2);
  });
});
