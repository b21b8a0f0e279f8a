/**
 * Straight into PostgreSQL: the schema read from the live database with the
 * real pg_dump, rows loaded over COPY in one transaction, foreign keys set
 * aside and checked again by the server, user triggers off while loading
 * with --disable-triggers (database-load-triggers.test.ts: they fire without).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const SHOP = join(import.meta.dirname, '../../examples/shop.sql');

let db: TestDatabase;

/** A fresh database holding the shop schema (no rows). */
async function shopDatabase(): Promise<TestDatabase> {
  const target = await db.createSibling();
  target.psqlFile(SHOP);
  return target;
}

async function fkCount(target: TestDatabase): Promise<number> {
  const [row] = await target.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'",
  );
  return Number(row?.n);
}

describe('loading straight into a database', () => {
  beforeAll(async () => {
    db = await createTestDatabase('direct_load');
  });
  afterAll(async () => db.close());

  it('reads the schema with pg_dump, loads every table, and leaves keys, FKs and triggers as they were (--disable-triggers)', async () => {
    const target = await shopDatabase();
    await target.query(`
      CREATE FUNCTION reject() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END $$;
      CREATE TRIGGER no_insert BEFORE INSERT ON shop.customer FOR EACH ROW EXECUTE FUNCTION reject();`);
    const fksBefore = await fkCount(target);
    const result = await generate({
      connection: { dbname: target.connectionString },
      defaultRows: 300,
      seed: 3,
      disableTriggers: true,
    });
    expect(result.bytes).toBeGreaterThan(0);
    const counts = await userTableRowCounts(target);
    for (const t of result.tables) {
      const planned = result.plan.tables.find((p) => p.table.name === t.name && p.table.schema === t.schema);
      // Partitions are filled through their root, which counts no rows of its own.
      if (planned?.filledThrough || planned?.table.partitionBy) continue;
      expect(counts.get(`${t.schema}.${t.name}`), `${t.schema}.${t.name}`).toBe(t.rows);
    }
    expect(await fkCount(target)).toBe(fksBefore);
    expect((await constraintSummary(target)).notValid).toEqual([]);
    const [trigger] = await target.query<{ tgenabled: string }>(
      "SELECT tgenabled FROM pg_trigger WHERE tgname = 'no_insert'",
    );
    expect(trigger?.tgenabled).toBe('O');
  });

  it('loads in a bulk session: synchronous_commit off, maintenance_work_mem raised to 256MB (never lowered)', async () => {
    const target = await db.createSibling();
    // A trigger records the loading session's settings (triggers fire during a direct load).
    await target.query(`
      CREATE TABLE seen (sync text, mwm text);
      CREATE TABLE t (id int PRIMARY KEY, v text);
      CREATE FUNCTION note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO seen VALUES (current_setting('synchronous_commit'), current_setting('maintenance_work_mem'));
        RETURN NEW; END $$;
      CREATE TRIGGER note AFTER INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION note();`);
    await generate({ connection: { dbname: target.connectionString }, tables: { t: 10, seen: 0 }, seed: 1 });
    expect(await target.query('SELECT sync, mwm FROM seen')).toEqual([{ sync: 'off', mwm: '256MB' }]);
    // A database set higher keeps its value.
    await target.query(`ALTER DATABASE ${target.name} SET maintenance_work_mem = '1GB'; TRUNCATE seen, t`);
    await generate({ connection: { dbname: target.connectionString }, tables: { t: 10, seen: 0 }, seed: 1 });
    expect(await target.query('SELECT sync, mwm FROM seen')).toEqual([{ sync: 'off', mwm: '1GB' }]);
    await target.close();
  });

  it('--unlogged-during-load: the tables are UNLOGGED while their rows go in, LOGGED after; one a publication holds stays logged', async () => {
    const target = await db.createSibling();
    // A statement trigger records each table's persistence while its rows go in.
    await target.query(`
      CREATE TABLE seen (tab text, persistence "char");
      CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE child (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                          parent_id int NOT NULL REFERENCES parent, note text);
      CREATE INDEX child_parent ON child (parent_id);
      CREATE TABLE published (id int PRIMARY KEY);
      CREATE PUBLICATION pub FOR TABLE published;
      CREATE FUNCTION note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO seen SELECT TG_TABLE_NAME, relpersistence FROM pg_class WHERE oid = TG_RELID;
        RETURN NULL; END $$;
      CREATE TRIGGER note AFTER INSERT ON parent FOR EACH STATEMENT EXECUTE FUNCTION note();
      CREATE TRIGGER note AFTER INSERT ON child FOR EACH STATEMENT EXECUTE FUNCTION note();
      CREATE TRIGGER note AFTER INSERT ON published FOR EACH STATEMENT EXECUTE FUNCTION note();`);
    const r = await runCliInProcess([
      'generate',
      '-d',
      target.connectionString,
      '--rows',
      '500',
      '--rows',
      'seen=0',
      '--unlogged-during-load',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(await target.query('SELECT tab, persistence FROM seen ORDER BY tab')).toEqual([
      { tab: 'child', persistence: 'u' },
      { tab: 'parent', persistence: 'u' },
      { tab: 'published', persistence: 'p' },
    ]);
    const after = await target.query<{ relname: string; relpersistence: string }>(
      `SELECT relname, relpersistence FROM pg_class WHERE relnamespace = 'public'::regnamespace
        AND relkind IN ('r', 'i', 'S') AND relpersistence <> 'p'`,
    );
    expect(after).toEqual([]);
    expect(await target.query('SELECT count(*)::int AS n FROM child')).toEqual([{ n: 500 }]);
    expect((await constraintSummary(target)).notValid).toEqual([]);
    // Only with a load in one transaction into a database.
    const resume = await runCliInProcess([
      'generate',
      '-d',
      target.connectionString,
      '--unlogged-during-load',
      '--resume',
    ]);
    expect(resume.status).toBe(2);
    expect(resume.stderr).toContain('not with --resume');
    const file = await runCliInProcess(['generate', SHOP, '-f', '-', '--truncate']);
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('--truncate applies to loading into a database');
    await target.close();
  });

  it('refuses tables that already hold rows (database untouched), and --truncate replaces them', async () => {
    const target = await shopDatabase();
    await generate({ connection: { dbname: target.connectionString }, defaultRows: 50, seed: 1 });
    const before = await userTableRowCounts(target);
    await expect(
      generate({ connection: { dbname: target.connectionString }, defaultRows: 80, seed: 2 }),
    ).rejects.toMatchObject({ code: 'DATABASE', message: expect.stringContaining('--truncate') });
    expect(await userTableRowCounts(target)).toEqual(before);
    await generate({
      connection: { dbname: target.connectionString },
      defaultRows: 80,
      seed: 2,
      truncate: true,
    });
    const after = await userTableRowCounts(target);
    expect([...after.values()].some((n) => n === 80)).toBe(true);
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });

  it('a row the database rejects rolls everything back, and the error names the table', async () => {
    const target = await shopDatabase();
    // A constraint the DDL file does not know: generating from the file, the load must fail as one.
    await target.query('ALTER TABLE shop.customer ADD CONSTRAINT never CHECK (customer_id < 0)');
    await expect(
      generate({ schema: [SHOP], connection: { dbname: target.connectionString }, defaultRows: 40, seed: 1 }),
    ).rejects.toMatchObject({ code: 'DATABASE', message: expect.stringContaining('shop.customer') });
    const counts = await userTableRowCounts(target);
    expect([...counts.values()].every((n) => n === 0)).toBe(true);
  });

  it('works as the tables’ owner without superuser rights', async () => {
    const target = await shopDatabase();
    const role = `owner_${target.name}`;
    await target.query(`CREATE ROLE ${role} LOGIN`);
    await target.query(`GRANT ALL ON SCHEMA shop TO ${role}`);
    for (const t of await target.query<{ t: string }>(
      "SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE schemaname = 'shop'",
    )) {
      await target.query(`ALTER TABLE ${t.t} OWNER TO ${role}`);
    }
    const url = new URL(target.connectionString);
    url.username = role;
    await generate({ schema: [SHOP], connection: { dbname: url.toString() }, defaultRows: 60, seed: 4 });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    const counts = await userTableRowCounts(target);
    expect([...counts.values()].some((n) => n === 60)).toBe(true);
  });

  it('the CLI: generate -d fills the database, plan -d reads it, DDL files as arguments; a second run needs --truncate', async () => {
    const target = await shopDatabase();
    const url = target.connectionString;
    const plan = await runCliInProcess(['plan', '-d', url, '-r', '3']);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('shop.customer: 3 rows');
    const load = await runCliInProcess(['generate', SHOP, '-d', url, '-r', '25', '-q']);
    expect(load.status, load.stderr).toBe(0);
    const [row] = await target.query<{ n: string }>('SELECT count(*) AS n FROM shop.customer');
    expect(row?.n).toBe('25');
    const again = await runCliInProcess(['generate', '-d', url, '-r', '25']);
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already hold rows.*--truncate/);
    const truncated = await runCliInProcess(['generate', '-d', url, '-r', '40', '--truncate', '-q']);
    expect(truncated.status, truncated.stderr).toBe(0);
    expect((await userTableRowCounts(target)).get('shop.customer')).toBe(40);
  });

  it('connection problems are one clear line naming the database, never with its password', async () => {
    const error = await generate({
      schema: [SHOP],
      connection: { dbname: 'postgresql://someone:secret@127.0.0.1:1/nowhere' },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DATABASE' });
    expect((error as Error).message).toMatch(
      /^cannot connect to postgresql:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere/,
    );
    expect((error as Error).message).not.toContain('secret');
  });
});
