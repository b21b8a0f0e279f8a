/**
 * DDL shapes of real applications' migration histories (Ory Hydra and
 * Kratos, Supabase Auth), each reduced to a minimal file: generated through
 * the library, loaded as a script with ON_ERROR_STOP and restored from a
 * custom archive with pg_restore --exit-on-error, every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

let db: TestDatabase;

/** 40 rows per table as a script and as a custom archive, both loaded. */
const loadBoth = (ddl: string) => loadScriptAndArchive(db, ddl, { rows: 40, seed: 9 });

describe('DDL shapes of application migration histories', () => {
  beforeAll(async () => {
    db = await createTestDatabase('migrations');
  });
  afterAll(async () => db.close());

  it('a dropped primary key frees its name: the next unnamed ADD PRIMARY KEY is t_pkey again (Ory Hydra)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE hc (id varchar(255) NOT NULL PRIMARY KEY, x int);
      ALTER TABLE hc DROP CONSTRAINT hc_pkey;
      ALTER TABLE hc ADD pk SERIAL;
      ALTER TABLE hc ADD PRIMARY KEY (pk);
      ALTER TABLE hc RENAME pk TO pk_deprecated;
      ALTER TABLE hc ADD COLUMN pk uuid;
      ALTER TABLE hc DROP CONSTRAINT hc_pkey;
      ALTER TABLE hc ADD PRIMARY KEY (pk);
      CREATE UNIQUE INDEX hc_u ON hc (id);
      DROP INDEX hc_u;
      CREATE UNIQUE INDEX ON hc (id);`);
    expect(counts.get('public.hc')).toBe(40);
    const keys = await script.query<{ conname: string; def: string }>(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'hc'::regclass`,
    );
    expect(keys).toEqual([{ conname: 'hc_pkey', def: 'PRIMARY KEY (pk)' }]);
  });

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
  it('an unnamed expression index is named as PostgreSQL names it, so a later DROP INDEX finds it (crates.io)', async () => {
    const { counts } = await loadBoth(`
      CREATE FUNCTION canon(text) RETURNS text AS $$ SELECT lower($1) $$ LANGUAGE sql IMMUTABLE;
      CREATE TABLE r (id serial PRIMARY KEY, name text NOT NULL, data jsonb, a int, b int);
      CREATE UNIQUE INDEX ON r (canon(name));
      CREATE INDEX ON r (lower(name), ((data->>'k')::int));
      CREATE INDEX ON r ((a + b));
      CREATE INDEX ON r ((name::varchar), (coalesce(a, 0)), (CASE WHEN a > 0 THEN b END));
      DROP INDEX r_canon_idx;
      DROP INDEX r_lower_int4_idx;
      DROP INDEX r_expr_idx;
      DROP INDEX r_name_coalesce_case_idx;`);
    expect(counts.get('public.r')).toBe(40);
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
  it('ADD CONSTRAINT ... PRIMARY KEY / UNIQUE USING INDEX is written over the index columns, as pg_dump does (crates.io)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE vd (id serial, version_id int NOT NULL, date date NOT NULL, n int);
      CREATE UNIQUE INDEX vd_unique ON vd (version_id, date);
      CREATE UNIQUE INDEX vd_n ON vd (n) NULLS NOT DISTINCT;
      ALTER TABLE vd
        DROP CONSTRAINT IF EXISTS vd_pkey,
        ADD CONSTRAINT vd_pkey PRIMARY KEY USING INDEX vd_unique;
      ALTER TABLE ONLY public.vd ADD CONSTRAINT vd_n_key UNIQUE USING INDEX vd_n;`);
    expect(counts.get('public.vd')).toBe(40);
    const keys = await script.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'vd'::regclass ORDER BY conname`,
    );
    expect(keys.map((k) => k.def)).toEqual([
      'UNIQUE NULLS NOT DISTINCT (n)',
      'PRIMARY KEY (version_id, date)',
    ]);
  });
  it('DO blocks that only guard DDL (drizzle-kit) are that DDL, or nothing where the guard fires: the enum is known, the FK goes after the keys', async () => {
    const { counts, warnings, script } = await loadBoth(`
      DO $$ BEGIN
       CREATE TYPE "public"."role" AS ENUM('admin', 'user');
      EXCEPTION
       WHEN duplicate_object THEN null;
      END $$;
      --> statement-breakpoint
      CREATE TABLE IF NOT EXISTS "users" ("id" serial PRIMARY KEY NOT NULL, "role" "role" DEFAULT 'user' NOT NULL);
      CREATE TABLE IF NOT EXISTS "posts" ("id" serial PRIMARY KEY NOT NULL, "author_id" integer NOT NULL);
      DO $$ BEGIN
       ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id")
         REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
      EXCEPTION
       WHEN duplicate_object THEN null;
      END $$;
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
          CREATE TYPE mood AS ENUM ('sad', 'happy');
        END IF;
      END$$;
      CREATE TABLE feelings (id int PRIMARY KEY, m mood NOT NULL);
      CREATE SCHEMA IF NOT EXISTS storage;
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = 'storage') THEN
          CREATE SCHEMA storage;
        END IF;
      END $$;
      DO $$ BEGIN
        CREATE TYPE "public"."role" AS ENUM('admin', 'user', 'guest');
      EXCEPTION WHEN duplicate_object THEN null;
      END $$;
      DO $$ DECLARE n int; BEGIN SELECT count(*) INTO n FROM users; END $$;`);
    expect(counts.get('public.users')).toBe(40);
    expect(counts.get('public.posts')).toBe(40);
    expect(counts.get('public.feelings')).toBe(40);
    const roles = await script.query<{ n: string }>('SELECT count(DISTINCT role) AS n FROM users');
    expect(Number(roles[0]?.n)).toBe(2);
    const fks = await script.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'",
    );
    expect(Number(fks[0]?.n)).toBe(1);
    // Only the block that is more than a guard is still reported as one datagen cannot see into.
    expect(warnings.filter((w) => w.startsWith('DO block'))).toHaveLength(1);
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

  it('ALTER CONSTRAINT on a foreign key goes into the FK written post-data (Lemmy)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE p (id serial PRIMARY KEY);
      CREATE TABLE c (id serial PRIMARY KEY, p_id int NOT NULL REFERENCES p);
      CREATE TABLE d (id serial PRIMARY KEY, p_id int);
      ALTER TABLE d ADD CONSTRAINT d_p_fkey FOREIGN KEY (p_id) REFERENCES p DEFERRABLE;
      ALTER TABLE c
          ALTER CONSTRAINT c_p_id_fkey INITIALLY DEFERRED;
      ALTER TABLE d ALTER CONSTRAINT d_p_fkey NOT DEFERRABLE, ADD COLUMN x int;`);
    expect(counts.get('public.c')).toBe(40);
    const fks = await script.query<{ conname: string; condeferrable: boolean; condeferred: boolean }>(
      `SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE contype = 'f' ORDER BY conname`,
    );
    expect(fks).toEqual([
      { conname: 'c_p_id_fkey', condeferrable: true, condeferred: true },
      { conname: 'd_p_fkey', condeferrable: false, condeferred: false },
    ]);
  });
  it('DROP INDEX ... CASCADE and DROP CONSTRAINT ... CASCADE drop the foreign keys over that key (Ory Hydra)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE hc (id varchar(255) NOT NULL, nid uuid, pk serial PRIMARY KEY);
      CREATE UNIQUE INDEX hc_id_uq ON hc (id);
      CREATE TABLE s (subject text PRIMARY KEY, client_id varchar(255) NOT NULL, nid uuid);
      ALTER TABLE s ADD CONSTRAINT s_client_id_fk FOREIGN KEY (client_id) REFERENCES hc(id) ON DELETE CASCADE;
      DROP INDEX hc_id_uq CASCADE;
      CREATE UNIQUE INDEX hc_id_uq ON hc (id ASC, nid ASC);
      ALTER TABLE s ADD CONSTRAINT s_client_id_fk FOREIGN KEY (client_id, nid) REFERENCES hc(id, nid);
      CREATE TABLE p (id int PRIMARY KEY, code text CONSTRAINT p_code_key UNIQUE);
      CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, code text REFERENCES p (code));
      ALTER TABLE p DROP CONSTRAINT p_pkey CASCADE;
      ALTER TABLE p DROP CONSTRAINT p_code_key CASCADE;
      ALTER TABLE p ADD PRIMARY KEY (code);`);
    expect(counts.get('public.s')).toBe(40);
    expect(counts.get('public.c')).toBe(40);
    const fks = await script.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f'`,
    );
    expect(fks).toEqual([{ def: 'FOREIGN KEY (client_id, nid) REFERENCES hc(id, nid)' }]);
  });
  it('DROP MATERIALIZED VIEW takes its indexes with it: the view re-created with the same index loads (crates.io)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE d (crate_id int NOT NULL, n int NOT NULL);
      CREATE MATERIALIZED VIEW rd (crate_id, downloads) AS SELECT crate_id, sum(n) FROM d GROUP BY crate_id;
      CREATE UNIQUE INDEX rd_crate_id ON rd (crate_id);
      DROP MATERIALIZED VIEW rd;
      CREATE MATERIALIZED VIEW rd (crate_id, downloads) AS SELECT crate_id, sum(n) + 1 FROM d GROUP BY crate_id;
      CREATE UNIQUE INDEX rd_crate_id ON rd (crate_id);`);
    expect(counts.get('public.d')).toBe(40);
    const indexes = await script.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'rd'`,
    );
    expect(indexes).toEqual([{ n: '1' }]);
  });
  it('two constraints added by one ALTER TABLE are dropped or renamed one by one later (Authelia)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE u (identifier char(36) PRIMARY KEY);
      CREATE TABLE pre (id serial PRIMARY KEY);
      CREATE TABLE cs (id serial PRIMARY KEY, subject char(36), preconfiguration int);
      ALTER TABLE cs
          ADD CONSTRAINT cs_subject_fkey FOREIGN KEY (subject) REFERENCES u (identifier),
          ADD CONSTRAINT cs_pre_fkey FOREIGN KEY (preconfiguration) REFERENCES pre (id) ON DELETE CASCADE;
      ALTER TABLE cs
          DROP CONSTRAINT cs_subject_fkey,
          DROP CONSTRAINT cs_pre_fkey;
      ALTER TABLE cs ADD CONSTRAINT cs_subject_fkey FOREIGN KEY (subject) REFERENCES u (identifier),
          ADD CONSTRAINT cs_u UNIQUE (subject, preconfiguration);
      ALTER TABLE cs RENAME CONSTRAINT cs_u TO cs_subject_pre_key;`);
    expect(counts.get('public.cs')).toBe(40);
    const names = await script.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'cs'::regclass ORDER BY conname`,
    );
    expect(names.map((n) => n.conname)).toEqual(['cs_pkey', 'cs_subject_fkey', 'cs_subject_pre_key']);
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
  it("Prisma's enum rewrite (new type, column retyped, old renamed away, new renamed in) generates the new type's values (Rallly)", async () => {
    const { counts, script } = await loadBoth(`
      CREATE TYPE "Role" AS ENUM ('OWNER', 'ADMIN', 'MEMBER');
      CREATE TABLE sm (id serial PRIMARY KEY, "role" "Role" NOT NULL DEFAULT 'MEMBER');
      UPDATE sm SET "role" = 'ADMIN' WHERE "role" = 'OWNER';
      CREATE TYPE "Role_new" AS ENUM ('ADMIN', 'MEMBER');
      ALTER TABLE sm ALTER COLUMN "role" DROP DEFAULT;
      ALTER TABLE sm ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
      ALTER TYPE "Role" RENAME TO "Role_old";
      ALTER TYPE "Role_new" RENAME TO "Role";
      DROP TYPE "Role_old";
      ALTER TABLE sm ALTER COLUMN "role" SET DEFAULT 'MEMBER';`);
    expect(counts.get('public.sm')).toBe(40);
    const roles = await script.query<{ role: string }>(
      'SELECT DISTINCT "role"::text AS role FROM sm ORDER BY 1',
    );
    expect(roles.map((r) => r.role)).toEqual(['ADMIN', 'MEMBER']);
  });
  it('ALTER SEQUENCE ... RENAME TO: the sequence set after the data is the renamed one (Lemmy)', async () => {
    const { counts, script } = await loadBoth(`
      CREATE TABLE user_ (id serial PRIMARY KEY, name text NOT NULL);
      ALTER TABLE user_ RENAME TO person;
      ALTER SEQUENCE user__id_seq RENAME TO person_id_seq;`);
    expect(counts.get('public.person')).toBe(40);
    const next = await script.query<{ n: string }>(`SELECT nextval('person_id_seq') AS n`);
    expect(next).toEqual([{ n: '41' }]);
  });
  it('migration files with Up and Down sections (goose, dbmate, sql-migrate, Play): the Down sections are left out, warned', async () => {
    // Before: the Down section ran as DDL and dropped the tables the Up section made ("no tables found", exit 0).
    const { counts, warnings } = await loadBoth(`
-- +goose Up
-- +goose StatementBegin
CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- +goose Down (inside a body: not a marker)
  RETURN NEW;
END $$;
-- +goose StatementEnd

-- +goose Down
DROP TABLE users;
DROP FUNCTION touch();

-- +goose Up
CREATE TABLE posts (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users(id));
-- +goose Down
DROP TABLE posts;

-- migrate:up
CREATE TABLE sessions (id uuid PRIMARY KEY, user_id bigint REFERENCES users(id));
-- migrate:down
DROP TABLE sessions;
# --- !Ups
CREATE TABLE evolutions (id int PRIMARY KEY);
# --- !Downs
DROP TABLE evolutions;
`);
    expect(Object.fromEntries(counts)).toEqual({
      'public.users': 40,
      'public.posts': 40,
      'public.sessions': 40,
      'public.evolutions': 40,
    });
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^left out what undoes a migration: the goose\/dbmate\/Play evolutions Down sections of \S*schema\.sql \(lines 12-14, 18-19, 23-24, 27-28\)\. Run as DDL it would drop/,
      ),
    );
  });

  it('whole down migrations by their names (golang-migrate, diesel, Flyway undo, sqitch revert) are left out, warned once', async () => {
    const file = (name: string, text: string) => ({ file: name, text });
    const { schema, warnings } = await parseDdl([
      file('migrations/000001_init.up.sql', 'CREATE TABLE t (id int PRIMARY KEY);'),
      file('migrations/000001_init.down.sql', 'DROP TABLE t;'),
      file('diesel/2020-01-01_u/up.sql', 'CREATE TABLE u (id int PRIMARY KEY);'),
      file('diesel/2020-01-01_u/down.sql', 'DROP TABLE u;'),
      file('flyway/V2__v.sql', 'CREATE TABLE v (id int PRIMARY KEY);'),
      file('flyway/U2__v.sql', 'DROP TABLE v;'),
      file('sqitch/deploy/w.sql', 'BEGIN; CREATE TABLE w (id int PRIMARY KEY); COMMIT;'),
      file('sqitch/revert/w.sql', 'BEGIN; DROP TABLE w; COMMIT;'),
      file('countdown.sql', 'CREATE TABLE countdown (id int PRIMARY KEY);'),
    ]);
    expect(schema.tables.map((t) => t.name)).toEqual(['t', 'u', 'v', 'w', 'countdown']);
    expect(warnings.filter((w) => w.code === 'DOWN_MIGRATION').map((w) => [w.where, w.message])).toEqual([
      [
        'migrations/000001_init.down.sql:1:1',
        'left out what undoes a migration: migrations/000001_init.down.sql (a down migration (*.down.sql, down.sql)); diesel/2020-01-01_u/down.sql (a down migration (*.down.sql, down.sql)); flyway/U2__v.sql (a Flyway undo migration (U<version>__*.sql)); sqitch/revert/w.sql (a sqitch revert script (revert/*.sql)). Run as DDL it would drop what the up migrations made; the schema is what those make',
      ],
    ]);
  });
  it("Django's AlterField on a foreign key (SET CONSTRAINTS ... IMMEDIATE, DROP and re-ADD the FK) loads", async () => {
    // Before: SET CONSTRAINTS was kept pre-data, where the post-data FK does not exist yet: the load stopped there.
    const { counts, warnings } = await loadBoth(`
BEGIN;
--
-- Create model Choice
--
CREATE TABLE "polls_question" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "slug" varchar(50) NOT NULL UNIQUE);
CREATE TABLE "polls_choice" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "votes" integer NOT NULL, "question_id" bigint NOT NULL);
ALTER TABLE "polls_choice" ADD CONSTRAINT "polls_choice_question_id_c5b4b260_fk_polls_question_id" FOREIGN KEY ("question_id") REFERENCES "polls_question" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "polls_question_slug_like" ON "polls_question" ("slug" varchar_pattern_ops);
--
-- Alter field question on choice
--
SET CONSTRAINTS "polls_choice_question_id_c5b4b260_fk_polls_question_id" IMMEDIATE; ALTER TABLE "polls_choice" DROP CONSTRAINT "polls_choice_question_id_c5b4b260_fk_polls_question_id";
ALTER TABLE "polls_choice" ADD CONSTRAINT "polls_choice_question_id_c5b4b260_fk_polls_question_id" FOREIGN KEY ("question_id") REFERENCES "polls_question" ("id") DEFERRABLE INITIALLY DEFERRED;
COMMIT;
`);
    expect(Object.fromEntries(counts)).toEqual({ 'public.polls_question': 40, 'public.polls_choice': 40 });
    expect(warnings).toContainEqual(
      expect.stringMatching(/^ConstraintsSet statement at \S*schema\.sql:13:1 is not DDL and left out/),
    );
  });

  it("an extension's function in a column default (TypeORM's uuid_generate_v4()) without CREATE EXTENSION is named", async () => {
    const { warnings } = await parseDdl([
      {
        file: 'typeorm.sql',
        text: 'CREATE TABLE "user" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "pw" text DEFAULT crypt(\'x\', gen_salt(\'bf\')), CONSTRAINT "PK_user" PRIMARY KEY ("id"));',
      },
    ]);
    expect(warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^the DDL uses objects it does not create \(first at typeorm\.sql:1:1\): extensions uuid-ossp, pgcrypto\./,
      ),
    );
    const created = await parseDdl([
      {
        file: 'typeorm.sql',
        text: 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp"; CREATE TABLE t (id uuid DEFAULT uuid_generate_v4());',
      },
    ]);
    expect(created.warnings).toEqual([]);
    // A function of that name the DDL defines itself needs no extension.
    const own = await parseDdl([
      {
        file: 'own.sql',
        text: "CREATE FUNCTION crypt(text, text) RETURNS text LANGUAGE sql AS $$ SELECT md5($1 || $2) $$; CREATE TABLE u (id int, pw text DEFAULT crypt('x', 'y'));",
      },
    ]);
    expect(own.warnings).toEqual([]);
  });
  it("Hibernate's hbm2ddl export with a table named system_user (reserved since PostgreSQL 16) is read as PostgreSQL 15 read it", async () => {
    // Before: a syntax error at "system_user" (datagen reads DDL with PostgreSQL 18's parser): a wrong refusal.
    const { counts, scriptText } = await loadBoth(`
create sequence hibernate_sequence start 1 increment 1;
create table person (id int8 not null, forename varchar(255) not null, system_user_id int8, primary key (id));
create table system_user (id int8 not null, user_name varchar(255) not null, staff_id int8, primary key (id));
create table audit (id int8 not null, note text default 'system_user', primary key (id)); -- system_user
alter table system_user add constraint UK_204b9ercidw1baj3s3m9lnr33 unique (user_name);
alter table person add constraint FK61rvdbphuu5b0ptt7rjbqw3nv foreign key (system_user_id) references system_user;
alter table system_user add constraint FK8aa3l6bgfcnuu5h7as4kp2iba foreign key (staff_id) references person;
`);
    expect(Object.fromEntries(counts)).toEqual({
      'public.person': 40,
      'public.system_user': 40,
      'public.audit': 40,
    });
    // Written qualified or quoted, as PostgreSQL 16 and later read it too; the string default is untouched.
    expect(scriptText).toContain('CREATE TABLE public.system_user (');
    expect(scriptText).toContain('COPY public."system_user" (id, user_name, staff_id) FROM stdin;');
    expect(scriptText).toContain("note text DEFAULT 'system_user'");
  });
});
