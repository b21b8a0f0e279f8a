/**
 * Shapes found by hunt 25 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. Schemas tried, as a new user runs them (-F c into pg_restore, -F p
 * into psql ON_ERROR_STOP, -d direct load, 200 rows):
 * - loaded all three ways, no table empty: ejabberd (pg.sql, pg.new.sql),
 *   Roundcube, TPC-DS (tpcds-kit), the Join Order Benchmark (IMDB), Fathom's
 *   sql-migrate and OpenFGA's goose migrations, Panoptikum and hex.pm (Phoenix
 *   structure.sql), facet-vm and gisia (Rails structure.sql), Hoppscotch, AFFiNE,
 *   Teable and Rallly (Prisma migrations), Koji, supa_audit, Openfire, Seata,
 *   Spring Batch, Atuin and Svix (sqlx), soft-serve, jOOQ's Sakila (with and
 *   without its COPY data), SQLBoiler's and Bob's test schemas, MIMIC-IV and
 *   MIMIC-IV-ED, eICU (create + indexes, its Makefile's order);
 * - Plume's diesel migrations: exit 0, loads failed (tags.is_hashtag), fixed;
 * - sqlc's examples: refused ('NOW()' default), fixed;
 * - respriter's structure.sql: exit 0 with no warning for uuid-ossp (fixed: now
 *   named), app.certificates.file NULL in every row (fixed from version 18); it
 *   still needs its dump's missing `triggers` schema, as warned;
 * - OpenStreetMap, Safecast, pgstac, Bob (pgvector): extensions the test server
 *   lacks (PostGIS, vector), warned as what to install;
 * - SMF's install_3-0_PostgreSQL.sql: refused at its `####` lines, as psql does.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt25shapes');

describe('shapes of hunt 25 (real schemas)', () => {
  it("pg_dump's schema-qualified call of an extension's function (public.uuid_generate_v4()) names the extension", async () => {
    // Before: no warning at all (exit 0), and both outputs stopped at 'function public.uuid_generate_v4() does not
    // exist': respriter's structure.sql calls it in 15 DEFAULTs and never creates uuid-ossp.
    const ddl = `CREATE TABLE t (id uuid DEFAULT public.uuid_generate_v4() NOT NULL PRIMARY KEY, n int);`;
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, ddl);
    const output = join(dir, 'out.sql');
    const result = await generate({ schema: [schema], output, defaultRows: 30, seed: 1 });
    const external = result.warnings.find((w) => w.code === 'EXTERNAL_OBJECTS');
    expect(external?.message).toMatch(/schema\.sql:1:1\): extensions uuid-ossp\. The database/);
    // Where the user provides the extension, as the warning says, the output loads.
    const target = await db.createSibling();
    await target.query('CREATE EXTENSION "uuid-ossp"');
    target.psqlFile(output);
    const [row] = await target.query<{ n: string }>('SELECT count(*) AS n FROM t');
    expect(Number(row?.n)).toBe(30);
  });

  it('a pattern tested on a folded column (lower(file) ~ p, upper(code) LIKE p, btrim) is met from version 18', async () => {
    // Before: 'still fails CHECK valid_file_format (lower(file::text) ~ ...) after every attempt': the column NULL in
    // every row (respriter's app.certificates), or the table left empty where it is NOT NULL.
    const ddl = `CREATE TABLE certificates (id serial PRIMARY KEY,
        file varchar NOT NULL CONSTRAINT valid_file_format CHECK (lower(file::text) ~ '.(gif|jpg|jpeg|png|pdf)$'),
        code text NOT NULL CHECK (upper(btrim(code)) LIKE 'AB%'),
        note text CHECK (lower(note) !~ '\\s'));`;
    const { target, counts, result } = await loadScriptAndArchive(db, ddl, {
      defaultRows: 60,
      seed: 3,
      generatorVersion: 18,
    });
    expect(counts.get('public.certificates')).toBe(60);
    expect(result.warnings.map((w) => w.message).filter((m) => m.includes('certificates'))).toEqual([]);
    const [row] = await target.query<{ files: string; notes: string }>(
      'SELECT count(DISTINCT file) AS files, count(note) AS notes FROM certificates',
    );
    expect(Number(row?.files)).toBeGreaterThan(30);
    expect(Number(row?.notes)).toBeGreaterThan(0);
  });
  it("a boolean, numeric or date column named as tags (Plume's tags.is_hashtag) keeps its type's values", async () => {
    // Before (version 17): exit 0, and both outputs stopped at 'invalid input syntax for type boolean: "linux"': a
    // column whose name ends in tag/hashtag was given tag words whatever its type. Plume's diesel migrations.
    const ddl = `CREATE TABLE posts (id serial PRIMARY KEY);
      CREATE TABLE tags (id SERIAL PRIMARY KEY, tag TEXT NOT NULL DEFAULT '', is_hastag BOOLEAN NOT NULL DEFAULT 'f',
        post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE NOT NULL, price_tag numeric(8, 2), date_tag date);
      ALTER TABLE tags RENAME COLUMN is_hastag TO is_hashtag;
      ALTER TABLE tags ADD CONSTRAINT tags_unique UNIQUE (tag, post_id, is_hashtag);`;
    const { target, counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 40, seed: 1 });
    expect(counts.get('public.tags')).toBe(40);
    const [row] = await target.query<{ hashtags: string; tags: string }>(
      'SELECT count(DISTINCT is_hashtag) AS hashtags, count(DISTINCT tag) AS tags FROM tags',
    );
    expect(Number(row?.hashtags)).toBe(2);
    expect(Number(row?.tags)).toBeGreaterThan(5);
  });
  it("a date or time DEFAULT written 'NOW()' is read as PostgreSQL reads it (sqlc's booktest example), and 'nope' is still refused", async () => {
    // Before: refused, exit 2: 'DEFAULT of column public.books.available: invalid input syntax for type timestamp with
    // time zone: "NOW()"', which PostgreSQL reads as now (its date parser skips the parentheses).
    const ddl = `CREATE TABLE books (book_id serial PRIMARY KEY,
      available timestamp with time zone NOT NULL DEFAULT 'NOW()', added date DEFAULT '(today)');`;
    const { counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 });
    expect(counts.get('public.books')).toBe(10);
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, `CREATE TABLE b (id int, at timestamptz DEFAULT 'nope()');`);
    await expect(
      generate({ schema: [schema], output: join(dir, 'out.sql'), defaultRows: 1 }),
    ).rejects.toThrow(/invalid input syntax for type timestamp with time zone: "nope\(\)"/);
  });
});
