/**
 * DDL files and `-d` on a database that has none of the tables: datagen
 * creates the schema there as pg_restore restores an archive (pre-data DDL,
 * the rows, then keys, indexes, foreign keys and triggers built over them),
 * in one transaction: a statement the server refuses leaves the database
 * as it was, with one line naming the statement's place in the DDL. `-O`
 * leaves ownership out; a database with some of the tables is refused.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const SHOP = join(import.meta.dirname, '../../examples/shop.sql');

let db: TestDatabase;

async function relations(target: TestDatabase): Promise<string[]> {
  const rows = await target.query<{ r: string }>(
    `SELECT c.oid::regclass::text AS r FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1`,
  );
  return rows.map((x) => x.r);
}

describe('DDL files and -d on an empty database', () => {
  beforeAll(async () => {
    db = await createTestDatabase('database_create');
  });
  afterAll(async () => db.close());

  it('creates the schema, loads the rows and builds the constraints after them, as the script would', async () => {
    const direct = await db.createSibling();
    const load = await runCliInProcess([
      'generate',
      SHOP,
      '-d',
      direct.connectionString,
      '-r',
      '300',
      '--seed',
      '5',
    ]);
    expect(load.status, load.stderr).toBe(0);
    const fromScript = await db.createSibling();
    const script = join(tempDir(), 'shop.sql');
    expect((await runCliInProcess(['generate', SHOP, '-f', script, '-r', '300', '--seed', '5'])).status).toBe(
      0,
    );
    fromScript.psqlFile(script);
    // The same objects and constraints, and the same rows, as psql -f of the script gives.
    expect(await relations(direct)).toEqual(await relations(fromScript));
    const constraints = (t: TestDatabase) =>
      t.query(
        `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE connamespace <> 'pg_catalog'::regnamespace ORDER BY 1, 2`,
      );
    expect(await constraints(direct)).toEqual(await constraints(fromScript));
    // Rows compared as sets: a table's physical order may differ (rows updated after the load sit at its end).
    const dump = (t: TestDatabase) =>
      t
        .run('pg_dump', ['-a', '--inserts', t.name], { stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n')
        .filter((line) => line.startsWith('INSERT '))
        .sort();
    expect(dump(direct)).toEqual(dump(fromScript));
    // Loaded again: the tables are there now, and hold rows.
    const again = await runCliInProcess(['generate', SHOP, '-d', direct.connectionString, '-r', '10']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already hold rows');
    await direct.close();
    await fromScript.close();
  });

  it('ownership and grants to roles the database lacks are left out, warned; -O -x leave them out silently', async () => {
    const ddl = join(tempDir(), 'owned.sql');
    writeFileSync(
      ddl,
      'CREATE TABLE a (id int PRIMARY KEY, n text);\nALTER TABLE a OWNER TO no_such_role_here;\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);\nGRANT SELECT ON b TO no_such_role_here;\n',
    );
    const target = await db.createSibling();
    // As pg_restore goes on past a missing role: the objects are the loading user's, one warning says so.
    const r = await runCliInProcess(['generate', ddl, '-d', target.connectionString, '-r', '5']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'warning: the database has no role no_such_role_here: 2 ownership and privilege statements naming it left out, so the loading user owns those objects',
    );
    expect(await target.query('SELECT count(*)::int AS n FROM b')).toEqual([{ n: 5 }]);
    const [owner] = await target.query<{ owner: string }>(
      "SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'a'::regclass",
    );
    expect(owner?.owner).toBe(target.env.PGUSER);
    const bare = await db.createSibling();
    const noOwner = await runCliInProcess([
      'generate',
      ddl,
      '-d',
      bare.connectionString,
      '-r',
      '5',
      '-O',
      '-x',
    ]);
    expect(noOwner.status, noOwner.stderr).toBe(0);
    expect(noOwner.stderr).not.toContain('has no role');
    // Nor does the warning on what the DDL uses name roles only the left-out statements named.
    expect(noOwner.stderr).not.toContain('no_such_role_here');
    const policy = join(tempDir(), 'policy.sql');
    writeFileSync(
      policy,
      'CREATE TABLE a (id int PRIMARY KEY);\nALTER TABLE a OWNER TO app_owner;\nCREATE POLICY p ON a TO app_reader USING (true);\nGRANT SELECT ON a TO app_reader, app_auditor;\n',
    );
    const warned = async (flags: string[]) =>
      (await runCliInProcess(['generate', policy, '-r', '2', '-s', '-f', '-', ...flags])).stderr.match(
        /roles ([\w, ]+)\./,
      )?.[1];
    expect(await warned([])).toBe('app_owner, app_reader, app_auditor');
    expect(await warned(['-O'])).toBe('app_reader, app_auditor');
    expect(await warned(['-x'])).toBe('app_owner, app_reader');
    expect(await warned(['-O', '-x'])).toBe('app_reader');
    expect(await bare.query('SELECT count(*)::int AS n FROM b')).toEqual([{ n: 5 }]);
    await target.close();
    await bare.close();
  });

  it('a statement the server refuses: one line at its place, nothing created', async () => {
    const ddl = join(tempDir(), 'extension.sql');
    writeFileSync(
      ddl,
      'CREATE TABLE a (id int PRIMARY KEY, n text);\nCREATE EXTENSION no_such_extension_here;\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);\n',
    );
    const target = await db.createSibling();
    const r = await runCliInProcess(['generate', ddl, '-d', target.connectionString, '-r', '5']);
    expect(r.status).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('datagen: error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${ddl}:2:1: `);
    expect(errors[0]).toContain(
      'refused CREATE EXTENSION no_such_extension_here: extension "no_such_extension_here" is not available',
    );
    expect(errors[0]).toContain('nothing was created. Install the extension on the server');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await relations(target)).toEqual([]);
    await target.close();
  });

  it('a database with some of the tables is refused, naming the missing ones', async () => {
    const target = await db.createSibling();
    await target.query('CREATE TABLE a (id int PRIMARY KEY, n text)');
    const ddl = join(tempDir(), 'two.sql');
    writeFileSync(
      ddl,
      'CREATE TABLE a (id int PRIMARY KEY, n text);\nCREATE TABLE b (id int PRIMARY KEY);\n',
    );
    const r = await runCliInProcess(['generate', ddl, '-d', target.connectionString, '-r', '5']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("has no table public.b: it has 1 of the schema's tables but not these");
    expect(await relations(target)).toEqual(['a', 'a_pkey']);
    await target.close();
  });
});
