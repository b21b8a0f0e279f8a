/**
 * A direct load into partitioned tables whose partitions (nested ones too)
 * have triggers, and into an inheritance parent whose BEFORE INSERT trigger
 * routes rows into a child, with --disable-triggers: the rows land as
 * pg_restore --disable-triggers puts them (each partition's triggers off,
 * the parent's rows kept in it), and every trigger is on again after.
 * Without it the triggers fire (database-load-triggers.test.ts), and a
 * partition's trigger that refuses rows fails the load.
 * A trigger that does fire and fails (BEFORE TRUNCATE on a partition under
 * --truncate) gives one line and leaves the target as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const SCHEMA = `
CREATE TABLE event (id bigint NOT NULL, at date NOT NULL, kind text NOT NULL, PRIMARY KEY (id, at, kind)) PARTITION BY RANGE (at);
CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE event_2025 PARTITION OF event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (kind);
CREATE TABLE event_2025_a PARTITION OF event_2025 FOR VALUES IN ('a');
CREATE TABLE event_2025_b PARTITION OF event_2025 DEFAULT;
CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'trigger fired on %', TG_TABLE_NAME; END $$;
CREATE TRIGGER refuse_2024 BEFORE INSERT ON event_2024 FOR EACH ROW EXECUTE FUNCTION refuse();
CREATE TRIGGER refuse_2025_b AFTER INSERT ON event_2025_b FOR EACH ROW EXECUTE FUNCTION refuse();
CREATE TRIGGER refuse_event AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION refuse();
CREATE TABLE reading (id bigint NOT NULL, at date NOT NULL, v integer);
CREATE TABLE reading_2024 (CHECK (at >= '2024-01-01' AND at < '2025-01-01')) INHERITS (reading);
CREATE FUNCTION route() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO reading_2024 VALUES (NEW.*); RETURN NULL; END $$;
CREATE TRIGGER route BEFORE INSERT ON reading FOR EACH ROW EXECUTE FUNCTION route();
`;

let db: TestDatabase;

/** Rows per table they are stored in (partitions and inheritance children apart), and every trigger's state. */
async function state(target: TestDatabase): Promise<unknown> {
  const rows = await target.query(
    `SELECT tableoid::regclass::text AS t, count(*)::int AS n FROM event GROUP BY 1
     UNION ALL SELECT tableoid::regclass::text, count(*)::int FROM reading GROUP BY 1 ORDER BY 1`,
  );
  const triggers = await target.query(
    'SELECT tgrelid::regclass::text AS t, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2',
  );
  return { rows, triggers };
}

async function partitionedDatabase(): Promise<TestDatabase> {
  const target = await db.createSibling();
  await target.query(SCHEMA);
  return target;
}

describe('a direct load into partitions with triggers', () => {
  beforeAll(async () => {
    db = await createTestDatabase('partition_triggers');
    assertBuilt();
  });
  afterAll(async () => db.close());

  it('loads as pg_restore --disable-triggers does with --disable-triggers, triggers on after', async () => {
    const target = await partitionedDatabase();
    const load = runCli([
      'generate',
      '-d',
      target.connectionString,
      '-r',
      '200',
      '--seed',
      '3',
      '--disable-triggers',
    ]);
    expect(load.stderr).toBe('');
    expect(load.status).toBe(0);
    const once = (await state(target)) as { rows: { t: string; n: number }[]; triggers: unknown[] };
    const stored = Object.fromEntries(once.rows.map((r) => [r.t, r.n]));
    // Rows in the partitions whose triggers refuse any row, the parent's rows in the parent (not routed).
    expect(stored.event_2024).toBeGreaterThan(0);
    expect(stored.event_2025_b).toBeGreaterThan(0);
    expect(stored.reading).toBe(200);
    expect(stored.reading_2024).toBe(200);
    expect(once.triggers).toEqual([
      { t: 'event', tgname: 'refuse_event', tgenabled: 'O' },
      { t: 'event_2024', tgname: 'refuse_2024', tgenabled: 'O' },
      { t: 'event_2024', tgname: 'refuse_event', tgenabled: 'O' },
      { t: 'event_2025', tgname: 'refuse_event', tgenabled: 'O' },
      { t: 'event_2025_a', tgname: 'refuse_event', tgenabled: 'O' },
      { t: 'event_2025_b', tgname: 'refuse_2025_b', tgenabled: 'O' },
      { t: 'event_2025_b', tgname: 'refuse_event', tgenabled: 'O' },
      { t: 'reading', tgname: 'route', tgenabled: 'O' },
    ]);

    // pg_restore --disable-triggers of the same rows puts each row where the load did.
    const dir = mkdtempSync(join(tmpdir(), 'datagen-partition-triggers-'));
    try {
      const dump = join(dir, 'data.dump');
      target.run('pg_dump', ['-a', '-Fc', '-f', dump, target.name]);
      const restored = await partitionedDatabase();
      restored.run('pg_restore', ['--disable-triggers', '-d', restored.name, dump]);
      expect(await state(restored)).toEqual(once);
      await restored.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Again, with --disable-triggers and two workers: rows added the same way.
    const again = runCli([
      'generate',
      '-d',
      target.connectionString,
      '-r',
      '100',
      '--append',
      '--disable-triggers',
      '-j',
      '2',
    ]);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const twice = (await state(target)) as { rows: { t: string; n: number }[]; triggers: unknown[] };
    expect(twice.rows.reduce((a, r) => a + r.n, 0)).toBe(once.rows.reduce((a, r) => a + r.n, 0) + 300);
    expect(twice.triggers).toEqual(once.triggers);
    await target.close();
  });

  it('without --disable-triggers a partition’s trigger fires: one line naming it, the target unchanged', async () => {
    const target = await partitionedDatabase();
    const before = await state(target);
    const r = runCli(['generate', '-d', target.connectionString, '-r', '50']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^datagen: error: cannot copy rows into public\.event of .*: trigger refuse_event on public\.event or refuse_2024 on public\.event_2024 or refuse_2025_b on public\.event_2025_b \(function refuse\(\)\) failed: trigger fired on event_\w+, at the row \(id, at, kind\)=\(.*\) of public\.event; nothing was loaded\. .*--disable-triggers/,
    );
    expect(await state(target)).toEqual(before);
    await target.close();
  });

  it('a trigger that fires and fails (BEFORE TRUNCATE on a partition, --truncate): one line, the target unchanged', async () => {
    const target = await partitionedDatabase();
    expect(runCli(['generate', '-d', target.connectionString, '-r', '50', '--disable-triggers']).status).toBe(
      0,
    );
    await target.query(`
      CREATE FUNCTION keep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit: % may not be emptied', TG_TABLE_NAME; END $$;
      CREATE TRIGGER keep BEFORE TRUNCATE ON event_2025_b FOR EACH STATEMENT EXECUTE FUNCTION keep();`);
    const before = await state(target);
    const r = runCli([
      'generate',
      '-d',
      target.connectionString,
      '-r',
      '50',
      '--truncate',
      '--disable-triggers',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^datagen: error: cannot empty the tables of .*audit: event_2025_b may not be emptied/,
    );
    expect(r.stderr).not.toContain('    at ');
    expect(await state(target)).toEqual(before);
    await target.close();
  });
});
