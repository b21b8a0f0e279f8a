/**
 * pg_dump's option language, checked with the real psql: -a with
 * --disable-triggers loads into a database holding the schema (every corpus
 * schema and the examples), -c/--if-exists and -C scripts run twice, -x, -s,
 * --inserts/--rows-per-insert, -t into a live database; and every option
 * whose meaning changed says what to write now.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGenerateOptions } from '../../src/cli/options.js';
import { generate } from '../../src/index.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { generateFile, tempDir } from '../helpers/generate-file.js';
import { schemaOnlyDatabase } from '../helpers/schema-database.js';

const SHOP = join(import.meta.dirname, '../../examples/shop.sql');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('pgdump_options');
});
afterAll(async () => db.close());

/** Every foreign key re-checked by the server (added again inside a transaction that is rolled back). */
async function foreignKeysHold(target: TestDatabase): Promise<void> {
  const fks = await target.query<{ t: string; name: string; def: string }>(`
    SELECT conrelid::regclass::text AS t, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE contype = 'f' AND conparentid = 0`);
  if (fks.length === 0) return;
  const sql = fks.map(
    (f) =>
      `ALTER TABLE ${f.t} DROP CONSTRAINT ${f.name}; ALTER TABLE ${f.t} ADD CONSTRAINT ${f.name} ${f.def};`,
  );
  await target.query(`BEGIN; ${sql.join('\n')} ROLLBACK;`);
}

/**
 * A database holding the schema only (from datagen -s, which writes no COPY: schema-database.ts checks it),
 * then the -a --disable-triggers script loaded into it.
 */
async function dataOnlyInto(schemaFile: string, rows: number, seed: number) {
  const target = await schemaOnlyDatabase(db, schemaFile);
  const data = await generateFile({
    schema: [schemaFile],
    dataOnly: true,
    disableTriggers: true,
    defaultRows: rows,
    seed,
  });
  const script = readFileSync(data.file, 'utf8');
  expect(script).not.toMatch(/^CREATE /m);
  await target.psqlFileAsync(data.file);
  await foreignKeysHold(target);
  expect((await constraintSummary(target)).notValid).toEqual([]);
  return { target, script, result: data.result };
}

describe('-a --disable-triggers loads into a database holding the schema', () => {
  it('shop: triggers fire on nothing, and are on again after', async () => {
    const { target, script } = await dataOnlyInto(SHOP, 200, 5);
    expect(script).toContain(
      '--\n-- Data for Name: customer; Type: TABLE DATA; Schema: shop\n--\n\nSET SESSION AUTHORIZATION DEFAULT;\n\nALTER TABLE shop.customer DISABLE TRIGGER ALL;\n\nCOPY shop.customer',
    );
    expect(script).toContain('\\.\n\n\nALTER TABLE shop.customer ENABLE TRIGGER ALL;\n\n');
    expect(script.match(/SET SESSION AUTHORIZATION/g)).toHaveLength(1);
    expect((await userTableRowCounts(target)).get('shop.customer')).toBe(200);
    const disabled = await target.query("SELECT tgname FROM pg_trigger WHERE tgenabled = 'D'");
    expect(disabled).toEqual([]);
  });
});

describeCorpus('-a --disable-triggers, every corpus schema', (files) => {
  // Concurrent (three at a time): each case waits mostly on psql and the server.
  it.concurrent.for(files)('%s', async (file, { expect }) => {
    const { target, result } = await dataOnlyInto(join(corpusDir, file), 150, 3);
    const counts = await userTableRowCounts(target);
    const written = result.plan.tables.filter((t) => !t.filledThrough && !t.table.partitionBy && t.rows > 0);
    expect(written.length).toBeGreaterThan(0);
    for (const t of written)
      expect(counts.get(`${t.table.schema}.${t.table.name}`), t.table.name).toBe(t.rows);
    await target.close();
  });
});

describe('plain scripts as pg_dump writes them', () => {
  it('-c --if-exists runs twice into the same database; -C -c creates the database (run twice)', async () => {
    const target = await db.createSibling();
    const clean = await generateFile({ schema: [SHOP], clean: true, ifExists: true, defaultRows: 30 });
    const text = readFileSync(clean.file, 'utf8');
    expect(text).toContain(
      'ALTER TABLE IF EXISTS ONLY shop.customer DROP CONSTRAINT IF EXISTS customer_pkey;\n',
    );
    expect(text).toContain('DROP TABLE IF EXISTS shop.customer;\n');
    target.psqlFile(clean.file);
    target.psqlFile(clean.file);
    expect((await userTableRowCounts(target)).get('shop.customer')).toBe(30);

    const name = `${target.name}_created`;
    const create = await generateFile({
      schema: [SHOP],
      create: true,
      clean: true,
      ifExists: true,
      dbname: name,
      defaultRows: 20,
    });
    expect(readFileSync(create.file, 'utf8')).toContain(
      `DROP DATABASE IF EXISTS ${name};\n--\n-- Name: ${name}; Type: DATABASE; Schema: -\n--\n\nCREATE DATABASE ${name} WITH TEMPLATE = template0 ENCODING = 'UTF8';\n\n\n\\connect ${name}\n`,
    );
    target.psqlFile(create.file);
    target.psqlFile(create.file);
    const [row] = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_database WHERE datname = '${name}'`,
    );
    expect(row?.n).toBe('1');
    await target.query(`DROP DATABASE ${name}`);
  });

  it('-x leaves out GRANT/REVOKE; --inserts writes one row per INSERT, --rows-per-insert N rows', async () => {
    const ddl = join(tempDir(), 'grants.sql');
    writeFileSync(ddl, 'CREATE TABLE t (id int PRIMARY KEY, v text);\nGRANT SELECT ON t TO PUBLIC;\n');
    const withGrants = readFileSync((await generateFile({ schema: [ddl], defaultRows: 5 })).file, 'utf8');
    expect(withGrants).toContain('GRANT SELECT ON t TO PUBLIC;');
    const without = readFileSync(
      (await generateFile({ schema: [ddl], defaultRows: 5, noPrivileges: true })).file,
      'utf8',
    );
    expect(without).not.toContain('GRANT');
    const one = readFileSync(
      (await generateFile({ schema: [ddl], defaultRows: 5, inserts: true })).file,
      'utf8',
    );
    expect(one.match(/^INSERT INTO public\.t \(id, v\) VALUES \(\d+, .*\);$/gm)).toHaveLength(5);
    const three = readFileSync(
      (await generateFile({ schema: [ddl], defaultRows: 5, rowsPerInsert: 3 })).file,
      'utf8',
    );
    expect(three.match(/^INSERT INTO public\.t \(id, v\) VALUES$/gm)).toHaveLength(2);
    const target = await db.createSibling();
    target.psqlFile((await generateFile({ schema: [ddl], defaultRows: 5, rowsPerInsert: 3 })).file);
    expect((await userTableRowCounts(target)).get('public.t')).toBe(5);
  });
});

describe('--no-publications, --no-subscriptions, --no-security-labels as pg_dump', () => {
  it('leave out those statements and their comments; the script then loads', async () => {
    const ddl = join(tempDir(), 'replication.sql');
    writeFileSync(
      ddl,
      `CREATE TABLE t (id int PRIMARY KEY, v text);
CREATE PUBLICATION pub FOR TABLE t;
ALTER PUBLICATION pub SET (publish = 'insert');
COMMENT ON PUBLICATION pub IS 'p';
CREATE SUBSCRIPTION sub CONNECTION 'dbname=none' PUBLICATION pub WITH (connect = false, slot_name = NONE);
COMMENT ON SUBSCRIPTION sub IS 's';
SECURITY LABEL FOR no_such_provider ON TABLE t IS 'secret';
`,
    );
    const whole = await generateFile({ schema: [ddl], defaultRows: 5 });
    const all = readFileSync(whole.file, 'utf8');
    for (const kept of ['CREATE PUBLICATION', 'COMMENT ON SUBSCRIPTION', 'SECURITY LABEL FOR'])
      expect(all).toContain(kept);
    const external = (r: { warnings: readonly { code: string; message: string }[] }) =>
      r.warnings.filter((w) => w.code === 'EXTERNAL_OBJECTS').map((w) => w.message);
    expect(external(whole.result).join()).toContain('security label providers');
    const { file, result } = await generateFile({
      schema: [ddl],
      defaultRows: 5,
      noPublications: true,
      noSubscriptions: true,
      noSecurityLabels: true,
    });
    expect(readFileSync(file, 'utf8')).not.toMatch(/PUBLICATION|SUBSCRIPTION|SECURITY LABEL/);
    // The labels left out, their provider is no longer needed: no warning asks for it.
    expect(external(result)).toEqual([]);
    const target = await db.createSibling();
    target.psqlFile(file);
    expect((await userTableRowCounts(target)).get('public.t')).toBe(5);
  });
});

describe('-C with -d names the database as pg_dump does', () => {
  it('the -d database, unless --archive-dbname says otherwise', async () => {
    const target = await db.createSibling();
    target.psqlFile(SHOP);
    const script = await generateFile({
      connection: { dbname: target.connectionString },
      schemaOnly: true,
      create: true,
    });
    expect(readFileSync(script.file, 'utf8')).toContain(`CREATE DATABASE ${target.name} WITH`);
  });
});

describe('-t/-T/-n/-N into a live database', () => {
  it('only the selected tables are checked, filled and their sequences set', async () => {
    const target = await db.createSibling();
    target.psqlFile(SHOP);
    // Rows already in a table left out do not stop the load, and stay as they were.
    await target.query("INSERT INTO shop.category (name) VALUES ('kept')");
    await generate({
      connection: { dbname: target.connectionString },
      defaultRows: 40,
      selection: { tables: ['shop.cust*', 'address'] },
    });
    const counts = await userTableRowCounts(target);
    expect(counts.get('shop.customer')).toBe(40);
    expect(counts.get('shop.address')).toBe(40);
    expect(counts.get('shop.category')).toBe(1);
    expect(counts.get('shop.order')).toBe(0);
    const [seq] = await target.query<{ v: string }>(
      'SELECT last_value AS v FROM shop.category_category_id_seq',
    );
    expect(seq?.v).toBe('1');
  });
});

describe('options whose meaning changed say what to write now (one line, exit 2)', () => {
  beforeAll(assertBuilt);
  it.each([
    [
      ['generate', '-s', SHOP],
      `-s now means --schema-only, as in pg_dump; DDL files are plain arguments. Write \`datagen generate ${SHOP}\``,
    ],
    [
      ['generate', '--schema', SHOP],
      `--schema ${SHOP}: -n/--schema now selects PostgreSQL schemas by name pattern`,
    ],
    [['plan', '-n', SHOP], `--schema ${SHOP}: -n/--schema now selects PostgreSQL schemas by name pattern`],
    [['generate', SHOP, '--batch-size', '5'], '--batch-size is now --rows-per-insert N'],
    [
      ['generate', SHOP, '-h'],
      '-h is --host, as in psql and pg_dump, and needs a value; help is --help or -?',
    ],
    [['generate', SHOP, '-a', '-s'], '-s/--schema-only and -a/--data-only cannot be used together'],
    [['generate', SHOP, '--if-exists'], '--if-exists requires -c/--clean'],
    [['generate', SHOP, '-F', 'c', '-c'], '--clean applies to plain output'],
    [['generate', SHOP, '-d', 'x', '-s'], '--schema-only shapes a script'],
  ])('%j', (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`datagen: error: ${message}`);
    expect(r.stderr.trim().split('\n')).toHaveLength(2); // the message, then the pointer to --help
  });

  it("pg_dump's and pg_restore's options datagen does not have: refused, saying what to do instead", () => {
    for (const [option, instead] of [
      ['--single-transaction', 'psql --single-transaction'],
      ['--exit-on-error', 'ON_ERROR_STOP=1'],
      ['--section=data', '-a/--data-only the data'],
      ['--no-tablespaces', 'CREATE TABLESPACE'],
      ['--lock-wait-timeout=10s', "PGOPTIONS='-c lock_timeout=10s'"],
      ['--role=app', "PGOPTIONS='-c role=ROLE'"],
      ['--no-acl', '-x/--no-privileges'],
      ['--superuser=postgres', 'needs no superuser'],
      ['--use-set-session-authorization', 'ALTER ... OWNER TO'],
    ] as const) {
      const name = option.split('=')[0] as string;
      expect(() => parseGenerateOptions([SHOP, '-d', 'x', option]), option).toThrow(
        `${name}: datagen does not have this pg_`,
      );
      expect(() => parseGenerateOptions([SHOP, option]), option).toThrow(instead);
    }
    // pg_dump's -E/--encoding is datagen's too (output-encoding.ts; loaded in live19-load.test.ts).
    expect(parseGenerateOptions([SHOP, '-E', 'LATIN1']).encoding).toBe('LATIN1');
    expect(parseGenerateOptions([SHOP, '--encoding=win1252']).encoding).toBe('win1252');
    const r = runCli(['generate', SHOP, '-d', 'x', '--single-transaction']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(runCli(['generate', SHOP, '-d', 'x', '-c']).stderr).toContain(
      "to empty the database's tables before the load, use --truncate",
    );
  });

  it('-v says what is done, a line per step', () => {
    const r = runCli(['generate', SHOP, '-r', '7', '-v', '-f', join(tempDir(), 'v.sql')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('datagen: wrote 7 rows into shop.customer\n');
    expect(r.stderr.trim().split('\n').at(-1)).toBe('datagen: done');
  });

  it("-? is help; --help lists the options in pg_dump's groups", () => {
    const r = runCli(['generate', '-?']);
    expect(r.status).toBe(0);
    for (const group of [
      'General options:',
      'Options controlling the output content:',
      'Connection options:',
    ])
      expect(r.stdout).toContain(group);
  });
});
