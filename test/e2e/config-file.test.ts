/**
 * The configuration file: each key takes effect (as options, and through the
 * built CLI into output PostgreSQL loads), command-line options win, every
 * mistake is reported at its file:line:column, and the published JSON Schema
 * names exactly the keys the reader accepts.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGenerateOptions } from '../../src/cli/options.js';
import { isDatagenError } from '../../src/errors.js';
import { COLUMN_CONFIG_KEYS, FOREIGN_KEY_CONFIG_KEYS } from '../../src/input/spec/column-config.js';
import { CONFIG_KEYS, parseConfig, TABLE_CONFIG_KEYS } from '../../src/input/spec/config-file.js';
import { GENERATOR_VERSION } from '../../src/version.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const DDL = `
CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL, nickname text);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, note text);
CREATE TABLE audit_log (id serial PRIMARY KEY, message text NOT NULL);
`;

/** parseGenerateOptions with a configuration file written from `yaml`. */
function optionsWith(yaml: string, args: readonly string[] = []) {
  const dir = tempDir();
  const file = join(dir, 'settings.yaml');
  writeFileSync(file, yaml);
  return parseGenerateOptions(['--config', file, 'schema.sql', ...args]);
}

/** The message of the error `fn` throws (a DatagenError, never anything else). */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (!isDatagenError(error)) throw error;
    return error.message;
  }
  throw new Error('expected an error');
}

describe('configuration file (.datagen.yaml)', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase('config');
    dir = tempDir();
    writeFileSync(join(dir, 'schema.sql'), DDL);
  });
  afterAll(async () => db.close());

  it('mistakes are reported at their line and column', () => {
    expect(errorOf(() => parseConfig('seed: 7\nrowz: 5\n', 'c.yaml'))).toBe(
      'c.yaml:2:1: unknown key "rowz" in the configuration; did you mean "rows"? The keys are: seed, locale, rows, batch_size, default_batch_size, jobs, null_rate, generator_version, vars, tables',
    );
    expect(errorOf(() => parseConfig('rows: many\n', 'c.yaml'))).toBe(
      'c.yaml:1:7: rows expects a whole number from 0 to 4503599627370496, got "many"',
    );
    expect(errorOf(() => parseConfig('tables:\n  orders:\n    rows: -1\n', 'c.yaml'))).toBe(
      'c.yaml:3:11: tables.orders.rows expects a whole number from 0 to 4503599627370496, got "-1"',
    );
    expect(errorOf(() => parseConfig('tables:\n  orders:\n    per_parnt: 2\n', 'c.yaml'))).toBe(
      'c.yaml:3:5: unknown key "per_parnt" in tables.orders; the keys are: rows, skip, fixed, columns, foreign_keys, trust_checks',
    );
    expect(errorOf(() => parseConfig('tables:\n  orders:\n    skip: maybe\n', 'c.yaml'))).toBe(
      'c.yaml:3:11: tables.orders.skip expects true or false',
    );
    expect(errorOf(() => parseConfig('locale: xx\n', 'c.yaml'))).toBe(
      'c.yaml:1:9: locale "xx" is not available; datagen has: en, de, fr, es, ja, pt_BR',
    );
    expect(errorOf(() => parseConfig('batch_size: 5\ndefault_batch_size: 6\n', 'c.yaml'))).toBe(
      'c.yaml:2:1: give batch_size or default_batch_size, not both',
    );
    const newer = GENERATOR_VERSION + 1;
    expect(errorOf(() => parseConfig(`generator_version: ${newer}\n`, 'c.yaml'))).toBe(
      `c.yaml:1:20: generator_version ${newer} is newer than this datagen's generators (version ${GENERATOR_VERSION}); upgrade datagen to generate this data`,
    );
    expect(errorOf(() => parseConfig('null_rate: 2\n', 'c.yaml'))).toBe(
      'c.yaml:1:12: null_rate expects a number from 0 to 1',
    );
    expect(errorOf(() => parseConfig('seed: [1\n', 'c.yaml'))).toMatch(/^c\.yaml:\d+:\d+: /);
    expect(errorOf(() => parseConfig('- seed\n', 'c.yaml'))).toBe(
      'c.yaml:1:1: the configuration is a map of keys (seed, rows, tables…)',
    );
    expect(errorOf(() => parseGenerateOptions(['--config', join(dir, 'none.yaml'), 'x.sql']))).toBe(
      `--config ${join(dir, 'none.yaml')}: no such file`,
    );
  });

  it('the CLI reads .datagen.yaml from the working directory: rows, per-table rows, skip, seed, batch_size', async () => {
    writeFileSync(
      join(dir, '.datagen.yaml'),
      'seed: 9\nrows: 30\nbatch_size: 7\ntables:\n  orders: { rows: 50 }\n  audit_log: { skip: true }\n',
    );
    const r = runCli(['generate', 'schema.sql', '--inserts', '-f', 'data.sql'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const sql = readFileSync(join(dir, 'data.sql'), 'utf8');
    // batch_size: at most 7 rows per INSERT.
    const statements = sql.split('\n').filter((l) => l.startsWith('INSERT INTO public.orders'));
    expect(statements.length).toBe(Math.ceil(50 / 7));
    const target = await db.createSibling();
    target.psqlFile(join(dir, 'data.sql'));
    const counts = await target.query<{ c: string; o: string; a: string }>(
      'SELECT (SELECT count(*) FROM customers) AS c, (SELECT count(*) FROM orders) AS o, (SELECT count(*) FROM audit_log) AS a',
    );
    expect(counts[0]).toEqual({ c: '30', o: '50', a: '0' });
    // seed: the same bytes as --seed 9 without the file.
    const other = tempDir();
    writeFileSync(join(other, 'schema.sql'), DDL);
    const plain = runCli(
      [
        'generate',
        'schema.sql',
        '--inserts',
        '--seed',
        '9',
        '-r',
        '30',
        '-r',
        'orders=50',
        '-r',
        'audit_log=0',
        '--rows-per-insert',
        '7',
        '-f',
        'data.sql',
      ],
      { cwd: other },
    );
    expect(plain.status, plain.stderr).toBe(0);
    expect(readFileSync(join(other, 'data.sql'), 'utf8')).toBe(sql);
  });

  it('tables.X.rows: {per_parent: N} gives N rows per row of its parent table, down a chain; --rows wins; mistakes located', async () => {
    const work = tempDir();
    writeFileSync(
      join(work, 'shop.sql'),
      `CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE products (id serial PRIMARY KEY, title text NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers);
CREATE TABLE order_items (order_id int NOT NULL REFERENCES orders, product_id int NOT NULL REFERENCES products,
  PRIMARY KEY (order_id, product_id));
`,
    );
    writeFileSync(
      join(work, '.datagen.yaml'),
      'rows: 20\ntables:\n  orders: { rows: { per_parent: 2.5 } }\n  order_items: { rows: { per_parent: 3, parent: orders } }\n',
    );
    const r = runCli(['generate', 'shop.sql', '-f', 'data.sql'], { cwd: work });
    expect(r.status, r.stderr).toBe(0);
    const target = await db.createSibling();
    target.psqlFile(join(work, 'data.sql'));
    const counts = await target.query<{ c: string; o: string; i: string; p: string }>(
      'SELECT (SELECT count(*) FROM customers) AS c, (SELECT count(*) FROM orders) AS o, (SELECT count(*) FROM order_items) AS i, (SELECT count(*) FROM products) AS p',
    );
    expect(counts[0]).toEqual({ c: '20', o: '50', i: '150', p: '20' });
    // --rows on the command line wins over the file; the chain follows it.
    const plan = runCli(['plan', 'shop.sql', '--json', '-r', 'customers=8'], { cwd: work });
    expect(plan.status, plan.stderr).toBe(0);
    const rows = Object.fromEntries(
      (JSON.parse(plan.stdout).tables as { table: string; rows: number }[]).map((t) => [t.table, t.rows]),
    );
    expect(rows).toEqual({
      'public.customers': 8,
      'public.orders': 20,
      'public.order_items': 60,
      'public.products': 20,
    });
    // Two parents and no parent: named: the message names them and the fix, at the file's place.
    writeFileSync(join(work, '.datagen.yaml'), 'tables:\n  order_items:\n    rows: { per_parent: 3 }\n');
    const two = runCli(['generate', 'shop.sql', '-f', 'two.sql'], { cwd: work });
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(
      /\.datagen\.yaml:3:11: tables\.public\.order_items\.rows: .*references .*public\.orders.*public\.products.*parent:/,
    );
    expect(existsSync(join(work, 'two.sql'))).toBe(false);
    writeFileSync(join(work, '.datagen.yaml'), 'tables:\n  orders:\n    rows: { parent: customers }\n');
    const none = runCli(['generate', 'shop.sql', '-f', 'none.sql'], { cwd: work });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(
      '.datagen.yaml:3:11: tables.orders.rows expects a whole number, or {per_parent: N}',
    );
  });
});

describe('configuration file (.datagen.yaml): options, a bad file, the JSON Schema, datagen init', () => {
  beforeAll(() => assertBuilt());

  it('each key becomes its option', () => {
    expect(optionsWith('seed: 7').seed).toBe(7);
    expect(optionsWith('generator_version: 1').generatorVersion).toBe(1);
    expect(optionsWith('generator_version: 1', ['--generator-version', '2']).generatorVersion).toBe(2);
    expect(optionsWith('seed: 7').generatorVersion).toBeUndefined();
    const newer = GENERATOR_VERSION + 1;
    expect(errorOf(() => optionsWith('seed: 7', ['--generator-version', String(newer)]))).toContain(
      `--generator-version ${newer} is not a version of this datagen's generators; expected 1 to ${GENERATOR_VERSION}\n`,
    );
    expect(optionsWith('rows: 25').defaultRows).toBe(25);
    // batch_size is the rows per INSERT when INSERTs are asked for (pg_dump's --rows-per-insert).
    expect(optionsWith('batch_size: 50', ['--inserts']).rowsPerInsert).toBe(50);
    expect(optionsWith('default_batch_size: 60', ['--inserts']).rowsPerInsert).toBe(60);
    expect(optionsWith('batch_size: 50').inserts).toBe(false);
    expect(optionsWith('jobs: 3').workers).toBe(3);
    expect(optionsWith('null_rate: 0.5').nullRate).toBe(0.5);
    expect(optionsWith('locale: en').seed).toBeUndefined();
    expect(optionsWith('locale: de').locale).toBe('de');
    expect(optionsWith('locale: de', ['--locale', 'ja']).locale).toBe('ja');
    expect(parseConfig('generator_version: 1\n', 'c.yaml').generatorVersion).toBe(1);
    expect(optionsWith('tables:\n  orders: { rows: 40 }\n  audit_log:\n    skip: true\n').tables).toEqual({
      orders: 40,
      audit_log: 0,
    });
    // An empty file is no settings.
    expect(optionsWith('').tables).toEqual({});
  });

  it('options on the command line win over the file', () => {
    const options = optionsWith('seed: 7\nrows: 25\ntables:\n  orders: { rows: 40 }\njobs: 3\n', [
      '--seed',
      '8',
      '--rows',
      '5',
      '--rows',
      'orders=9',
      '-j',
      '2',
    ]);
    expect(options.seed).toBe(8);
    expect(options.defaultRows).toBe(5);
    expect(options.tables).toEqual({ orders: 9 });
    expect(options.workers).toBe(2);
  });

  it('a bad file stops the CLI with its location, exit 2, nothing written', () => {
    const bad = tempDir();
    writeFileSync(join(bad, 'schema.sql'), DDL);
    writeFileSync(join(bad, '.datagen.yaml'), 'rows: 10\ntables:\n  orders:\n    rows: lots\n');
    const r = runCli(['generate', 'schema.sql', '-f', 'data.sql'], { cwd: bad });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('.datagen.yaml:4:11: tables.orders.rows expects a whole number');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(bad, 'data.sql'))).toBe(false);
  });

  it('the published JSON Schema names exactly the keys the reader takes', () => {
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../schema/datagen-config.schema.json'), 'utf8'),
    );
    expect(Object.keys(schema.properties).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(Object.keys(schema.properties.tables.additionalProperties.properties).sort()).toEqual(
      [...TABLE_CONFIG_KEYS].sort(),
    );
    const table = schema.properties.tables.additionalProperties.properties;
    expect(Object.keys(table.columns.additionalProperties.properties).sort()).toEqual(
      [...COLUMN_CONFIG_KEYS].sort(),
    );
    expect(Object.keys(table.foreign_keys.additionalProperties.properties).sort()).toEqual(
      [...FOREIGN_KEY_CONFIG_KEYS].sort(),
    );
    expect(schema.additionalProperties).toBe(false);
  });

  it('datagen init writes a starter file listing every column; generating with it is generating without it', () => {
    const work = tempDir();
    const shop = join(import.meta.dirname, '../../examples/shop.sql');
    const init = runCli(['init', shop], { cwd: work });
    expect(init.status, init.stderr).toBe(0);
    const text = readFileSync(join(work, '.datagen.yaml'), 'utf8');
    // Every table and column is named with its generator and why.
    expect(text).toContain('  # shop.customer:\n  #   rows: 1000\n');
    expect(text).toMatch(/# {3}# email [^\n]*: [^\n]*realistic email/);
    expect(parseConfig(text, '.datagen.yaml')).toEqual({
      file: '.datagen.yaml',
      seed: 42,
      // Pinned, so a later datagen with newer generators still makes these rows.
      generatorVersion: GENERATOR_VERSION,
      rows: 1000,
      tables: {},
    });
    // An older version asked for is the one pinned.
    const older = runCli(['init', shop, '--generator-version', '4', '-f', '-'], { cwd: work });
    expect(older.stdout).toContain('\ngenerator_version: 4\n');
    // Round trip: the same bytes with the file (read from the working directory) as without it.
    const withFile = runCli(['generate', shop, '-f', 'with.sql'], { cwd: work });
    expect(withFile.status, withFile.stderr).toBe(0);
    const bare = tempDir();
    const without = runCli(['generate', shop, '-f', 'without.sql'], { cwd: bare });
    expect(without.status, without.stderr).toBe(0);
    expect(readFileSync(join(work, 'with.sql'), 'utf8')).toBe(
      readFileSync(join(bare, 'without.sql'), 'utf8'),
    );
    // Never overwritten.
    const again = runCli(['init', shop], { cwd: work });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('.datagen.yaml: already exists; remove it or name another file with -f');
    // Written under a temporary name and linked into place: none is left beside it, written or refused.
    expect(readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Uncommenting a table's lines takes effect.
    writeFileSync(
      join(work, '.datagen.yaml'),
      text.replace('  # shop.customer:\n  #   rows: 1000\n', '  shop.customer:\n    rows: 7\n'),
    );
    const plan = runCli(['plan', shop], { cwd: work });
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('shop.customer: 7 rows');
  });
});
