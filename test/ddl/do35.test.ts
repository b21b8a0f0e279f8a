/**
 * Issue 8 (do 35), each from its minimal shape: what datagen writes loads (a script with psql ON_ERROR_STOP and
 * a custom archive with pg_restore), and a construct it cannot read costs only that construct.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
import { generateDdlFile } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('do35');

/** Loops over constants making a table per name, and a branch on the server's version. */
const loops = `DO $$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['a', 'b'] LOOP
    EXECUTE format('CREATE TABLE %I (id int PRIMARY KEY, name text NOT NULL)', t);
  END LOOP;
END $$;
DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT unnest(ARRAY['c']) LOOP EXECUTE 'CREATE TABLE ' || quote_ident(t) || ' (id int PRIMARY KEY)'; END LOOP;
END $$;
DO $$ BEGIN
  FOR i IN 1..2 LOOP EXECUTE 'CREATE TABLE arc' || i || ' (ts timestamp PRIMARY KEY, a_id int REFERENCES a)'; END LOOP;
END $$;
CREATE TABLE q (id int PRIMARY KEY);
DO $$ BEGIN
  IF (SELECT current_setting('server_version_num')::int) >= 120000 THEN
    ALTER TABLE q ADD COLUMN g int GENERATED ALWAYS AS (id * 2) STORED;
  ELSE
    ALTER TABLE q ADD COLUMN g int;
  END IF;
END $$;
DO $$ BEGIN
  IF current_setting('server_version_num')::int >= 170000 THEN CREATE TABLE newer (id int); END IF;
END $$;
`;

describe('do 35: DO blocks over constants', () => {
  it('version 28: FOREACH / FOR ... unnest / FOR i IN a..b loops are their EXECUTEd DDL once per value, and a server-version IF that every server from 15 decides alike takes its branch; one the release decides stays opaque, warned', async () => {
    const { counts, result, target } = await loadScriptAndArchive(db, loops, {
      defaultRows: 5,
      seed: 1,
      generatorVersion: 28,
    });
    for (const t of ['a', 'b', 'c', 'arc1', 'arc2', 'q']) expect(counts.get(`public.${t}`)).toBe(5);
    const [g] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM q WHERE g = id * 2');
    expect(g?.n).toBe(5);
    const opaque = result.warnings.map((w) => w.message).filter((m) => m.startsWith('DO block at'));
    expect(opaque).toHaveLength(1);
    // fix37: the warning says which branch the output assumes (neither) and why.
    expect(opaque[0]).toMatch(
      /schema\.sql:20:1: its IF on server_version_num >= 170000 depends on the server's release \(PostgreSQL 15 gives false, later releases may not\), so the output assumes neither branch/,
    );
  });

  it('version 27 keeps such blocks opaque (its bytes are unchanged): the tables they make get no rows', async () => {
    const { counts } = await loadScriptAndArchive(db, loops, {
      defaultRows: 5,
      seed: 1,
      generatorVersion: 27,
    });
    expect(counts.get('public.a')).toBe(0);
    expect(counts.get('public.arc1')).toBe(0);
  });
});

/** A table renamed after its CREATE, with a serial: its DEFAULT is written before the rename. */
const renamedSerial = `CREATE TABLE t (id serial PRIMARY KEY, name text);
ALTER TABLE t RENAME TO t2;
`;

describe('do 35: --clean over a table renamed after its CREATE', () => {
  it("the serial's DEFAULT entry is tagged by the table's final name, as pg_dump's (DEFAULT public t2 id), so -c drops it there: the archive and the --clean script reload over themselves", async () => {
    const archive = await generateDdlFile(renamedSerial, { format: 'custom' });
    expect(db.run('pg_restore', ['-l', archive.output]).toString()).toMatch(/DEFAULT public t2 id/);
    const restored = await db.createSibling();
    // Before: DROP SEQUENCE public.t_id_seq failed (the default of t2.id depends on it): the drop named public.t.
    for (const clean of [[], ['--clean', '--if-exists'], ['--clean']])
      restored.run('pg_restore', ['--exit-on-error', ...clean, '-d', restored.name, archive.output]);
    const script = await generateDdlFile(renamedSerial, { clean: true, ifExists: true });
    restored.psqlFile(script.output);
    const [row] = await restored.query<{ n: number }>('SELECT count(*)::int AS n FROM t2');
    expect(row?.n).toBe(5);
  });
});

/** A schema that makes its own role, owns a table by it and grants on it. */
const ownRole = `CREATE ROLE do35_app;
CREATE TABLE t (id int PRIMARY KEY, name text);
ALTER TABLE t OWNER TO do35_app;
GRANT SELECT ON t TO do35_app;
`;

describe('do 35: a schema that makes its own role', () => {
  it('CREATE ROLE is written to load where the role exists already too (a DO block that skips it with a notice), warned: the script and the archive load on a server with and without the role', async () => {
    await db.query('DROP ROLE IF EXISTS do35_app');
    // The script first (the role made), then the archive (the role there): before, pg_restore stopped at
    // CREATE ROLE (role "do35_app" already exists).
    const { result, target, restored, counts } = await loadScriptAndArchive(db, ownRole, {
      defaultRows: 5,
      seed: 1,
    });
    expect(counts.get('public.t')).toBe(5);
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^CREATE ROLE do35_app at .*schema\.sql:1:1: roles belong to the server, not the database/,
      ),
    );
    for (const loaded of [target, restored]) {
      const [owner] = await loaded.query<{ o: string }>(
        "SELECT tableowner AS o FROM pg_tables WHERE tablename = 't'",
      );
      expect(owner?.o).toBe('do35_app');
    }
  });
});

/** koji's versioned tables: `active` true or NULL, UNIQUE with foreign keys, a revoked row's columns by CHECK. */
const versioned = `CREATE TABLE events (id serial PRIMARY KEY);
CREATE TABLE users (id serial PRIMARY KEY);
CREATE TABLE permissions (id serial PRIMARY KEY, name text UNIQUE NOT NULL);
CREATE TABLE user_perms (
  user_id int NOT NULL REFERENCES users (id),
  perm_id int NOT NULL REFERENCES permissions (id),
  create_event int NOT NULL REFERENCES events (id),
  revoke_event int REFERENCES events (id),
  revoker_id int REFERENCES users (id),
  active boolean DEFAULT 'true' CHECK (active),
  CONSTRAINT active_revoke_sane CHECK (
    (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
    OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
  PRIMARY KEY (create_event, user_id, perm_id),
  UNIQUE (user_id, perm_id, active)
);
`;

describe('do 35: --append past a key the held rows fill', () => {
  it("version 28: koji's versioned table gets its new rows, `active` NULL past the key's room (a revoked row, as its CHECK asks), where the table was cut to 0 ('key full')", async () => {
    const target = await siblingWith(db, versioned);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 10, seed: 1, generatorVersion: 28 });
    const result = await generate({
      connection,
      defaultRows: 10,
      seed: 2,
      append: true,
      generatorVersion: 28,
    });
    const [row] = await target.query<{ n: number; revoked: number }>(
      'SELECT count(*)::int AS n, count(*) FILTER (WHERE active IS NULL AND revoke_event IS NOT NULL)::int AS revoked FROM user_perms',
    );
    expect(row?.n).toBe(20);
    expect(row?.revoked).toBeGreaterThanOrEqual(10);
    expect(result.warnings.map((w) => w.code)).not.toContain('APPEND_KEY_FULL');
  });
});
