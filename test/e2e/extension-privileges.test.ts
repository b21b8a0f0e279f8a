/**
 * Privileges changed on an extension's own objects after CREATE EXTENSION
 * (input/catalog/extension-privileges.ts) are read from a live database, as
 * pg_dump writes them against pg_init_privs: the same GRANT/REVOKE lines as
 * pg_dump -s, and a script that loads with the same privileges. Unchanged
 * members write nothing. A load refused for want of USAGE on an
 * extension's own schema names it, its extension, the columns and the GRANT.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const ROLE = 'ext_priv_reader';
const db = useTestDatabase('extension_privileges');

const privilegeLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^(GRANT|REVOKE) /.test(l))
    .sort();

describe("an extension member's changed privileges", () => {
  it('are read from the catalog as pg_dump writes them, and load', async () => {
    await db.query(`DO $$ BEGIN CREATE ROLE ${ROLE}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    const source = await siblingWith(
      db,
      'CREATE EXTENSION pg_stat_statements',
      'CREATE EXTENSION pgcrypto',
      'CREATE EXTENSION hstore',
      'REVOKE USAGE ON TYPE hstore FROM PUBLIC',
      `GRANT USAGE ON TYPE hstore TO ${ROLE}`,
      `GRANT SELECT ON pg_stat_statements TO ${ROLE}`,
      'REVOKE EXECUTE ON FUNCTION gen_random_bytes(integer) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION gen_random_bytes(integer) TO ${ROLE}`,
      'CREATE TABLE t (id int PRIMARY KEY, b bytea)',
    );
    const output = join(tempDir(), 'schema.sql');
    await generate({ connection: { dbname: source.connectionString }, output, schemaOnly: true });
    const text = readFileSync(output, 'utf8');
    const dumped = source.run('pg_dump', ['-s', '-d', source.name]);
    expect(privilegeLines(text)).toEqual(privilegeLines(dumped));
    expect(privilegeLines(text)).toEqual([
      'GRANT ALL ON FUNCTION public.gen_random_bytes(integer) TO ext_priv_reader;',
      'GRANT ALL ON TYPE public.hstore TO ext_priv_reader;',
      'GRANT SELECT ON TABLE public.pg_stat_statements TO ext_priv_reader;',
      'REVOKE ALL ON FUNCTION public.gen_random_bytes(integer) FROM PUBLIC;',
      'REVOKE ALL ON TYPE public.hstore FROM PUBLIC;',
    ]);
    // After the extensions are made (the ACL pass, at the end).
    expect(text.indexOf('GRANT SELECT ON TABLE public.pg_stat_statements')).toBeGreaterThan(
      text.indexOf('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'),
    );
    const target = await db.createSibling();
    target.psqlFile(output);
    const [row] = await target.query<Record<string, boolean>>(
      `SELECT has_table_privilege('${ROLE}', 'pg_stat_statements', 'SELECT') AS view,
              has_function_privilege('${ROLE}', 'gen_random_bytes(integer)', 'EXECUTE') AS granted,
              has_function_privilege('public', 'gen_random_bytes(integer)', 'EXECUTE') AS public,
              has_function_privilege('public', 'digest(text, text)', 'EXECUTE') AS untouched,
              has_type_privilege('${ROLE}', 'hstore', 'USAGE') AS type_granted,
              has_type_privilege('public', 'hstore', 'USAGE') AS type_public`,
    );
    expect(row).toEqual({
      view: true,
      granted: true,
      public: false,
      untouched: true,
      type_granted: true,
      type_public: false,
    });
  });
});

describe("an extension's schema the loading role cannot use", () => {
  it('the refusal names the schema, its extension, the columns and the GRANT; after that GRANT the load goes in', async () => {
    const owner = 'ext_schema_loader';
    await db.query(
      `DO $$ BEGIN CREATE ROLE ${owner} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    );
    const target = await siblingWith(
      db,
      'CREATE SCHEMA extensions',
      'CREATE EXTENSION citext SCHEMA extensions',
      `CREATE SCHEMA app AUTHORIZATION ${owner}`,
      'CREATE TABLE app.account (email extensions.citext PRIMARY KEY)',
      'CREATE TABLE app.login (id int PRIMARY KEY, email extensions.citext NOT NULL REFERENCES app.account)',
      `ALTER TABLE app.account OWNER TO ${owner}`,
      `ALTER TABLE app.login OWNER TO ${owner}`,
    );
    const url = new URL(target.connectionString);
    url.username = owner;
    const load = () => generate({ connection: { dbname: url.toString() }, defaultRows: 5 });
    await expect(load()).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringContaining(
        `permission denied for schema extensions (the schema of extension citext): the columns app.account.email, app.login.email have its types (extensions.citext), whose operators the keys and foreign keys look up there: GRANT USAGE ON SCHEMA extensions TO ${owner} (run by the schema's owner or a superuser)`,
      ),
    });
    expect(await target.query('SELECT * FROM app.login')).toEqual([]);
    await target.query(`GRANT USAGE ON SCHEMA extensions TO ${owner}`);
    await load();
    expect(await target.query('SELECT count(*)::int AS n FROM app.login')).toEqual([{ n: 5 }]);
  });
});
