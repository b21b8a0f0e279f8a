/**
 * Data-only output (`-F copy`, `-a`) loads into a database that already has
 * the schema, every foreign key in place: parents' rows come first, as in
 * pg_dump's data-only dumps; a foreign-key cycle gets pg_dump's warning, and
 * loads with --disable-triggers. Each script loaded by the real psql with
 * ON_ERROR_STOP into a database where the DDL was applied by psql.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateOptions, generate } from '../../src/index.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { generateFile, tempDir } from '../helpers/generate-file.js';
import { schemaOnlyDatabase } from '../helpers/schema-database.js';

// Defined children first (and named so alphabetical order is children first too): a_line → b_order → c_customer.
const CHAIN = `
CREATE SCHEMA app;
CREATE TABLE app.a_line (id integer PRIMARY KEY, order_id integer NOT NULL, qty integer NOT NULL);
CREATE TABLE app.b_order (id integer PRIMARY KEY, customer_id integer NOT NULL, parent_id integer);
CREATE TABLE app.c_customer (id integer PRIMARY KEY, name text NOT NULL);
ALTER TABLE app.a_line ADD FOREIGN KEY (order_id) REFERENCES app.b_order (id);
ALTER TABLE app.b_order ADD FOREIGN KEY (customer_id) REFERENCES app.c_customer (id);
ALTER TABLE app.b_order ADD FOREIGN KEY (parent_id) REFERENCES app.b_order (id);
`;

// The chain, and a cycle d_team ⇄ e_person (both NOT NULL) with a child f_badge.
const CYCLE = `${CHAIN}
CREATE TABLE app.f_badge (id integer PRIMARY KEY, person_id integer NOT NULL);
CREATE TABLE app.d_team (id integer PRIMARY KEY, lead_id integer NOT NULL);
CREATE TABLE app.e_person (id integer PRIMARY KEY, team_id integer NOT NULL);
ALTER TABLE app.f_badge ADD FOREIGN KEY (person_id) REFERENCES app.e_person (id);
ALTER TABLE app.d_team ADD FOREIGN KEY (lead_id) REFERENCES app.e_person (id);
ALTER TABLE app.e_person ADD FOREIGN KEY (team_id) REFERENCES app.d_team (id);
`;

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase('data_only_order');
  dir = tempDir();
});
afterAll(async () => db.close());

function schemaFile(name: string, ddl: string): string {
  const file = join(dir, name);
  writeFileSync(file, ddl);
  return file;
}

/** A database with the DDL applied by psql, then the data-only output loaded into it with ON_ERROR_STOP. */
async function loadDataOnly(ddl: string, options: Omit<GenerateOptions, 'output'>) {
  const file = schemaFile(`schema-${Math.random().toString(36).slice(2)}.sql`, ddl);
  const target = await db.createSibling();
  target.psqlFile(file);
  const data = await generateFile({ schema: [file], defaultRows: 40, seed: 11, ...options });
  const script = readFileSync(data.file, 'utf8');
  return { target, script, result: data.result, load: () => target.psqlFile(data.file) };
}

/** The tables in the order their COPY statements appear. */
function copyOrder(script: string): string[] {
  return [...script.matchAll(/^COPY app\.(\w+) /gm)].map((m) => m[1] ?? '');
}

describe('data-only output in foreign-key order', () => {
  it.each([
    ['-F copy', { format: 'copy' }],
    ['-a', { dataOnly: true }],
    ['-a --inserts', { dataOnly: true, inserts: true }],
  ] as const)('%s: parents first; loads with every foreign key in place', async (_name, options) => {
    const { target, script, result, load } = await loadDataOnly(CHAIN, options);
    if (!('inserts' in options)) expect(copyOrder(script)).toEqual(['c_customer', 'b_order', 'a_line']);
    expect(result.warnings.filter((w) => w.code === 'CIRCULAR_FOREIGN_KEYS')).toEqual([]);
    load();
    const counts = await userTableRowCounts(target);
    for (const t of ['a_line', 'b_order', 'c_customer']) expect(counts.get(`app.${t}`), t).toBe(40);
  });

  it('a full plain script keeps definition order (its foreign keys come after the data)', async () => {
    const { script, load } = await loadDataOnly('', { schema: [schemaFile('chain.sql', CHAIN)] });
    expect(copyOrder(script)).toEqual(['a_line', 'b_order', 'c_customer']);
    load();
  });

  it('a cycle: pg_dump warning without --disable-triggers (the load does fail), loads with it', async () => {
    const plain = await loadDataOnly(CYCLE, { format: 'copy' });
    expect(copyOrder(plain.script)).toEqual([
      'c_customer',
      'b_order',
      'a_line',
      'd_team',
      'e_person',
      'f_badge',
    ]);
    expect(plain.result.warnings.filter((w) => w.code === 'CIRCULAR_FOREIGN_KEYS')).toEqual([
      {
        code: 'CIRCULAR_FOREIGN_KEYS',
        where: 'app.d_team, app.e_person',
        message:
          'there are circular foreign-key constraints among these tables: app.d_team, app.e_person; ' +
          'the data-only output may not load into a database that has these foreign keys: ' +
          'add --disable-triggers (the script then turns their triggers off while loading; needs a superuser), ' +
          'or write a full dump instead of a data-only one',
      },
    ]);
    expect(plain.load).toThrow(/violates foreign key constraint "d_team_lead_id_fkey"/);

    for (const options of [{ format: 'copy' }, { dataOnly: true }] as const) {
      const off = await loadDataOnly(CYCLE, { ...options, disableTriggers: true });
      expect(off.result.warnings.filter((w) => w.code === 'CIRCULAR_FOREIGN_KEYS')).toEqual([]);
      off.load();
      const counts = await userTableRowCounts(off.target);
      for (const t of ['d_team', 'e_person', 'f_badge', 'a_line']) expect(counts.get(`app.${t}`), t).toBe(40);
      const broken = await off.target.query(
        'SELECT count(*)::int AS n FROM app.d_team d LEFT JOIN app.e_person p ON p.id = d.lead_id WHERE p.id IS NULL',
      );
      expect(broken).toEqual([{ n: 0 }]);
    }
  });

  it('--strict refuses a data-only cycle without --disable-triggers, before writing', async () => {
    const file = schemaFile('cycle.sql', CYCLE);
    const output = join(dir, 'strict.sql');
    await expect(
      generate({ schema: [file], format: 'copy', strict: true, defaultRows: 5, output }),
    ).rejects.toThrow(
      /--strict: 1 construct would be handled by a fallback.*\n.*circular foreign-key constraints among these tables: app.d_team, app.e_person/,
    );
    expect(() => readFileSync(output)).toThrow();
  });
});

describeCorpus(
  '-F copy without --disable-triggers, every corpus schema without a foreign-key cycle',
  (files) => {
    // Concurrent (three at a time): each case waits mostly on psql and the server. The schema's database
    // is copied only for a schema without a cycle.
    it.concurrent.for(files)('%s', async (name, { expect }) => {
      const file = join(corpusDir, name);
      const data = await generateFile({ schema: [file], format: 'copy', defaultRows: 30, seed: 4 });
      const cycles = data.result.warnings.filter((w) => w.code === 'CIRCULAR_FOREIGN_KEYS');
      if (cycles.length > 0) return;
      const target = await schemaOnlyDatabase(db, file);
      await target.psqlFileAsync(data.file);
      const counts = await userTableRowCounts(target);
      for (const t of data.result.plan.tables.filter(
        (p) => !p.filledThrough && !p.table.partitionBy && p.rows > 0,
      ))
        expect(counts.get(`${t.table.schema}.${t.table.name}`), t.table.name).toBe(t.rows);
      await target.close();
    });
  },
);
