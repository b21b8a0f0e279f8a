/**
 * A script written from a live database (-d and -f, no DDL file) holds what
 * pg_dump writes about each object: owners (the public schema's when not
 * the default), COMMENT ON for every kind the reader writes, GRANT/REVOKE
 * (a revoked default, grant options, column privileges, a grant made by
 * another role) and ALTER DEFAULT PRIVILEGES. Loaded into an empty
 * database with ON_ERROR_STOP, pg_dump of that database writes the same
 * lines as pg_dump of the source. -O, -x and --no-comments leave them out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { readSchemaWithPgDump } from '../helpers/pg-dump-schema.js';

const tag = Math.random().toString(36).slice(2, 8);
const reader = `reader_${tag}`;
const writer = `Writer ${tag}`;

const SCHEMA = `
ALTER SCHEMA public OWNER TO "${writer}";
COMMENT ON SCHEMA public IS 'the public one';
CREATE SCHEMA s; COMMENT ON SCHEMA s IS 'it''s s';
CREATE TYPE mood AS ENUM ('a', 'b'); COMMENT ON TYPE mood IS 'moods';
CREATE DOMAIN pos AS integer CHECK (VALUE > 0); COMMENT ON DOMAIN pos IS 'positive';
COMMENT ON CONSTRAINT pos_check ON DOMAIN pos IS 'above zero';
CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x'; COMMENT ON FUNCTION f(integer) IS 'same';
CREATE TABLE s.t (id serial PRIMARY KEY, name text CHECK (name <> ''), m mood, p pos);
COMMENT ON TABLE s.t IS 'a table'; COMMENT ON COLUMN s.t.name IS 'a name\\with backslash';
COMMENT ON CONSTRAINT t_pkey ON s.t IS 'the key'; COMMENT ON CONSTRAINT t_name_check ON s.t IS 'not empty';
COMMENT ON SEQUENCE s.t_id_seq IS 'ids';
CREATE TABLE u (id integer GENERATED ALWAYS AS IDENTITY, t_id integer REFERENCES s.t);
ALTER TABLE u OWNER TO ${reader};
COMMENT ON CONSTRAINT u_t_id_fkey ON u IS 'to t';
CREATE INDEX u_t ON u (t_id); COMMENT ON INDEX u_t IS 'by t';
CREATE VIEW v AS SELECT id, name FROM s.t; COMMENT ON VIEW v IS 'a view'; COMMENT ON COLUMN v.name IS 'its name';
CREATE TRIGGER tr BEFORE UPDATE ON s.t FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();
COMMENT ON TRIGGER tr ON s.t IS 'no-op updates';
CREATE POLICY p ON s.t USING (true); COMMENT ON POLICY p ON s.t IS 'all rows';
GRANT USAGE ON SCHEMA s TO ${reader}, "${writer}";
GRANT CREATE ON SCHEMA s TO "${writer}";
REVOKE ALL ON FUNCTION f(integer) FROM PUBLIC; GRANT EXECUTE ON FUNCTION f(integer) TO ${reader};
REVOKE ALL ON TYPE mood FROM PUBLIC; GRANT USAGE ON DOMAIN pos TO ${reader};
GRANT SELECT ON s.t TO ${reader}; GRANT INSERT, UPDATE ON s.t TO "${writer}" WITH GRANT OPTION;
GRANT SELECT (name), UPDATE (name) ON s.t TO ${reader};
GRANT SELECT ON v TO PUBLIC; GRANT USAGE ON SEQUENCE s.t_id_seq TO "${writer}";
SET ROLE "${writer}"; GRANT INSERT ON s.t TO ${reader}; RESET ROLE;
ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO ${reader};
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;`;

/** The lines pg_dump writes about objects (owners, comments, privileges), in its order. */
function annotationLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) =>
      /^(COMMENT ON|GRANT|REVOKE|ALTER DEFAULT|SET SESSION|RESET SESSION|ALTER .* OWNER TO)/.test(l),
    )
    .map((l) => l.replace(/^ALTER VIEW /, 'ALTER TABLE '));
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('live14_notes');
  await db.query(`CREATE ROLE ${reader}; CREATE ROLE "${writer}"`);
});
afterAll(async () => {
  // Roles are the cluster's: each test drops what depends on them first.
  await db.query(`DROP ROLE ${reader}; DROP ROLE "${writer}"`);
  await db.close();
});

describe('owners, comments and privileges of a live schema', () => {
  it('are written as pg_dump writes them, load, and dump the same again', async () => {
    const source = await db.createSibling();
    await source.query(SCHEMA);
    const file = join(tempDir('live14-'), 'schema.sql');
    await generate({ connection: { dbname: source.connectionString }, output: file, schemaOnly: true });
    const script = readFileSync(file, 'utf8');
    const copy = await db.createSibling();
    copy.psqlFile(file);
    const original = annotationLines((await readSchemaWithPgDump({ dbname: source.connectionString })).text);
    const again = annotationLines((await readSchemaWithPgDump({ dbname: copy.connectionString })).text);
    expect(again).toEqual(original);
    expect(original).toContain(`ALTER SCHEMA public OWNER TO "${writer}";`);
    expect(original).toContain(`COMMENT ON COLUMN s.t.name IS 'a name\\with backslash';`);
    expect(original).toContain(`GRANT SELECT(name),UPDATE(name) ON TABLE s.t TO ${reader};`);
    expect(original).toContain(`SET SESSION AUTHORIZATION "${writer}";`);
    expect(original.filter((l) => l.startsWith('ALTER DEFAULT PRIVILEGES FOR ROLE '))).toHaveLength(2);
    // The script's own lines are pg_dump's; the plain script writes privileges with the
    // pre-data, not after the post-data as pg_dump, so they are compared as sets.
    expect(annotationLines(script).sort()).toEqual([...original].sort());
    // Dropped before the roles are: nothing may still depend on them.
    for (const d of [source, copy]) await d.query(`DROP OWNED BY ${reader}, "${writer}" CASCADE`);
  });

  it('-O, -x and --no-comments leave them out', async () => {
    const source = await db.createSibling();
    await source.query(SCHEMA);
    const file = join(tempDir('live14-'), 'bare.sql');
    const result = await generate({
      connection: { dbname: source.connectionString },
      output: file,
      schemaOnly: true,
      noOwner: true,
      noPrivileges: true,
      noComments: true,
    });
    expect(result.warnings.map((w) => w.code)).not.toContain('EXTERNAL_OBJECTS');
    const script = readFileSync(file, 'utf8');
    expect(annotationLines(script)).toEqual([]);
    expect(script).toContain('CREATE TABLE s.t');
    const copy = await db.createSibling();
    copy.psqlFile(file);
    await source.query(`DROP OWNED BY ${reader}, "${writer}" CASCADE`);
  });
});
