/**
 * A load into a database leaves the migration tools' history tables as the
 * database has them: invented entries in Rails' schema_migrations or
 * Flyway's flyway_schema_history make the tool believe migrations ran that do
 * not exist, and emptying them (--truncate) makes it run them all again.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { parseDdl } from '../../src/input/ddl/parse-ddl.js';
import { migrationHistoryTool } from '../../src/schema/migration-history.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const SCHEMA = `
CREATE TABLE schema_migrations (version varchar PRIMARY KEY);
CREATE TABLE ar_internal_metadata (key varchar PRIMARY KEY, value varchar, created_at timestamp NOT NULL, updated_at timestamp NOT NULL);
CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL,
  type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL,
  installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL);
CREATE TABLE migrations (id serial PRIMARY KEY, migration varchar(255) NOT NULL, batch int NOT NULL);
CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
`;

let db: TestDatabase;

describe('migration history tables', () => {
  beforeAll(async () => {
    db = await createTestDatabase('migration_history');
  });
  afterAll(async () => db.close());

  it('are known by name, and a shared name by its columns', async () => {
    const { schema } = await parseDdl([
      {
        file: 'm.sql',
        text: `${SCHEMA} CREATE SCHEMA app; CREATE TABLE app.migrations (id int PRIMARY KEY, title text);`,
      },
    ]);
    const tools = Object.fromEntries(
      schema.tables.map((t) => [`${t.schema}.${t.name}`, migrationHistoryTool(t)]),
    );
    expect(tools).toEqual({
      'public.schema_migrations': 'Rails, Ecto, golang-migrate or dbmate',
      'public.ar_internal_metadata': 'Rails',
      'public.flyway_schema_history': 'Flyway',
      'public.migrations': 'Laravel',
      'public.users': null,
      'app.migrations': null,
    });
  });

  it('keep their rows through a load with --truncate, unless -t names them', async () => {
    const target = await db.createSibling();
    await target.query(SCHEMA);
    await target.query(`INSERT INTO schema_migrations VALUES ('20240101000000'), ('20240202000000');
      INSERT INTO users (email) VALUES ('a@example.com');`);
    const connection = { dbname: target.connectionString };
    const result = await generate({ connection, defaultRows: 50, truncate: true });
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({
      'public.schema_migrations': 2,
      'public.ar_internal_metadata': 0,
      'public.flyway_schema_history': 0,
      'public.migrations': 0,
      'public.users': 50,
    });
    const warning = result.warnings.find((w) => w.code === 'MIGRATION_HISTORY');
    expect(warning?.where.split(', ').sort()).toEqual([
      'public.ar_internal_metadata',
      'public.flyway_schema_history',
      'public.migrations',
      'public.schema_migrations',
    ]);
    expect(warning?.message).toContain('name them with -t to fill them anyway');
    // --strict: informing, not a degradation.
    await generate({ connection, defaultRows: 5, append: true, strict: true });
    const versions = await target.query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY 1',
    );
    expect(versions.map((r) => r.version)).toEqual(['20240101000000', '20240202000000']);
    // datagen plan -d: the load it describes leaves them alone too.
    assertBuilt();
    const plan = runCli(['plan', '-d', target.connectionString, '--rows', '5']);
    expect(plan.status).toBe(0);
    expect(plan.stdout).toContain('public.schema_migrations: 0 rows');
    expect(plan.stdout).toContain('public.users: 5 rows');
    expect(plan.stderr).toContain('record which migrations ran');
    // Named: filled as any table.
    await generate({
      connection,
      defaultRows: 5,
      append: true,
      selection: { tables: ['schema_migrations'] },
    });
    const [count] = await target.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
    expect(count?.n).toBe('7');
  });

  it('get the rows the DDL records (a structure.sql INSERT) in a script and an archive', async () => {
    const ddl = `
      CREATE TABLE public.schema_migrations (version character varying NOT NULL);
      ALTER TABLE ONLY public.schema_migrations ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);
      CREATE TABLE ecto.schema_migrations (version bigint PRIMARY KEY, inserted_at timestamp(0));
      CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
      SET search_path TO "$user", public;
      INSERT INTO "schema_migrations" (version) VALUES
      ('20160101000000'),
      ('20170202000000'),
      ('20180303000000');
      INSERT INTO "schema_migrations" (version) VALUES ('20190404000000');
      INSERT INTO ecto."schema_migrations" (version) VALUES (20200101000000), (20210101000000);
      INSERT INTO users (email) VALUES ('a@example.com');`;
    const loaded = await loadScriptAndArchive(db, `CREATE SCHEMA ecto; ${ddl}`, { rows: 20, seed: 4 });
    for (const target of [loaded.script, loaded.archive]) {
      const rails = await target.query<{ version: string }>(
        'SELECT version FROM public.schema_migrations ORDER BY 1',
      );
      expect(rails.map((r) => r.version)).toEqual([
        '20160101000000',
        '20170202000000',
        '20180303000000',
        '20190404000000',
      ]);
      const ecto = await target.query<{ version: string }>(
        'SELECT version FROM ecto.schema_migrations ORDER BY 1',
      );
      expect(ecto.map((r) => r.version)).toEqual(['20200101000000', '20210101000000']);
    }
    expect(loaded.counts.get('public.users')).toBe(20);
    // -d with the DDL into an empty database creates the tables: the recorded rows go in; filled again, kept.
    const created = await db.createSibling();
    const file = join(tempDir(), 'structure.sql');
    writeFileSync(file, `CREATE SCHEMA ecto; ${ddl}`);
    expect((await runCliInProcess(['plan', file, '--rows', '5'])).stdout).toContain(
      'version varchar: schema_migrations_pkey: unique by a keyed bijection of the row; the 4 values the DDL records (INSERT at',
    );
    const connection = { dbname: created.connectionString };
    await generate({ schema: [file], connection, defaultRows: 5 });
    const count = async () =>
      (await created.query<{ n: string }>('SELECT count(*) AS n FROM public.schema_migrations'))[0]?.n;
    expect(await count()).toBe('4');
    const again = await generate({ schema: [file], connection, defaultRows: 5, truncate: true });
    expect(again.warnings.map((w) => w.code)).toContain('MIGRATION_HISTORY');
    expect(await count()).toBe('4');
    // Only the users INSERT is left out (and said so).
    expect(loaded.warnings.filter((w) => w.includes('not DDL'))).toEqual([
      expect.stringContaining('Insert statement at'),
    ]);
  });

  it('a load that creates them from DDL recording no rows leaves them empty, warned (Supabase auth.schema_migrations)', async () => {
    const target = await db.createSibling();
    const file = join(tempDir(), 'auth.sql');
    writeFileSync(
      file,
      `CREATE SCHEMA auth;
       CREATE TABLE auth.schema_migrations (version varchar(255) PRIMARY KEY);
       CREATE TABLE auth.users (id uuid PRIMARY KEY, email varchar(255));`,
    );
    const result = await generate({
      schema: [file],
      connection: { dbname: target.connectionString },
      defaultRows: 6,
    });
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'auth.schema_migrations': 0,
      'auth.users': 6,
    });
    expect(result.warnings.find((w) => w.code === 'MIGRATION_HISTORY')?.where).toBe('auth.schema_migrations');
  });

  it('get rows in a script, which makes a new database', async () => {
    const { schema } = await parseDdl([{ file: 'm.sql', text: SCHEMA }]);
    const sink = new PassThrough();
    sink.resume();
    const result = await generate({ schema, defaultRows: 3, output: sink, format: 'plain' });
    expect(result.warnings.map((w) => w.code)).not.toContain('MIGRATION_HISTORY');
    expect(result.tables.find((t) => t.name === 'schema_migrations')?.rows).toBe(3);
  });
});
