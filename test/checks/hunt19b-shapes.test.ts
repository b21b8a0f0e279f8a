import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt19bshapes');

describe('shapes of hunt 19b (Go, Rust and TypeScript application migrations, benchmark kits)', () => {
  it("a unique key over replace(lower(name), '-', '_') gets its rows: names of letters and digits, never a '-' (crates.io's canon_crate_name)", async () => {
    // Before: 'unique values meeting its CHECKs cannot be constructed (value 'undefined-Infinity' ...)': the
    // readable unique words join with '-' and were sampled past their space; crates and 17 tables under it empty.
    const ddl = `CREATE FUNCTION canon_crate_name(text) RETURNS text AS $$ SELECT replace(lower($1), '-', '_') $$ LANGUAGE SQL;
      CREATE TABLE crates (id serial PRIMARY KEY, name varchar NOT NULL);
      CREATE UNIQUE INDEX index_crates_name ON crates (canon_crate_name(name));
      CREATE TABLE versions (id serial PRIMARY KEY, crate_id int NOT NULL REFERENCES crates, num varchar NOT NULL);
      CREATE TABLE reserved (username text PRIMARY KEY);
      CREATE UNIQUE INDEX ON reserved (replace(upper(username), '-', '_'));
      CREATE TABLE tags (id int PRIMARY KEY, tag varchar(6) NOT NULL);
      CREATE UNIQUE INDEX ON tags (replace(lower(tag), '-', ''));`;
    const { counts, script, archive } = await loadScriptAndArchive(db, ddl, { rows: 40, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({
      'public.crates': 40,
      'public.versions': 40,
      'public.reserved': 40,
      'public.tags': 40,
    });
    for (const target of [script, archive]) {
      const rows = await target.query(
        `SELECT (SELECT count(*) FROM crates WHERE name ~ '^[a-z]+[0-9]*$') AS crates,
                (SELECT count(*) FROM reserved WHERE username ~ '^[A-Z]+[0-9]*$') AS reserved,
                (SELECT count(*) FROM tags WHERE tag ~ '^[a-z0-9]{1,6}$') AS tags`,
      );
      expect(rows[0]).toEqual({ crates: '40', reserved: '40', tags: '40' });
    }
  });
  it("statements on a migration tool's history table the DDL never creates are left out, warned (Harbor's ALTER TABLE schema_migrations, Harness's on migrations, Lemmy's trigger on __diesel_schema_migrations)", async () => {
    // Before: the ALTER TABLE refused the run ('the table is not defined in the DDL'), and the trigger was kept
    // with a warning, so the script and archive stopped at 'relation "__diesel_schema_migrations" does not exist'.
    const ddl = `ALTER TABLE migrations ADD PRIMARY KEY (version);
      CREATE TABLE project (project_id serial PRIMARY KEY, name varchar(255) NOT NULL);
      ALTER TABLE schema_migrations ADD COLUMN data_version int;
      CREATE FUNCTION forbid_cli() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'no'; END $$;
      CREATE TRIGGER forbid_cli BEFORE INSERT OR UPDATE ON __diesel_schema_migrations EXECUTE FUNCTION forbid_cli();
      CREATE TABLE repository (id serial PRIMARY KEY, project_id int NOT NULL REFERENCES project);
      ALTER TABLE schema_migrations DROP COLUMN IF EXISTS data_version;`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, { rows: 20, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.project': 20, 'public.repository': 20 });
    const left = warnings.filter((w) => w.includes("is named as a migration tool's history table"));
    expect(left.map((w) => w.split(' at ')[0])).toEqual([
      'ALTER TABLE public.migrations',
      'ALTER TABLE public.schema_migrations',
      'TRIGGER forbid_cli on public.__diesel_schema_migrations',
      'ALTER TABLE public.schema_migrations',
    ]);
  });
  it('a CHECK on an array element (a[1] > 0, m[1][1] >= 0) is evaluated on every row instead of leaving its table empty', async () => {
    // Before: 'cannot be read by datagen (a field or element of a value)', the table got no rows (the
    // PostgreSQL regression suite's shapes: CHECK (a[1] > 0) beside CHECK (cardinality(a) BETWEEN 1 AND 4)).
    const ddl = `CREATE TABLE arr (id int PRIMARY KEY, a int[] NOT NULL CHECK (a[1] > 0),
        m int[][] CHECK (m[1][1] >= 0), tags text[] CHECK (tags[2] IS NULL OR tags[2] <> tags[1]),
        CHECK (cardinality(a) BETWEEN 1 AND 4));`;
    const { counts, script, archive } = await loadScriptAndArchive(db, ddl, { rows: 40, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.arr': 40 });
    for (const target of [script, archive]) {
      const rows = await target.query('SELECT count(*) AS n FROM arr WHERE a[1] > 0');
      expect(rows[0]).toEqual({ n: '40' });
    }
  });
});
