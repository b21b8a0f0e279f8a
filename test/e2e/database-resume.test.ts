/**
 * --resume for a direct load: each table (a foreign-key cycle's tables
 * together) commits alone, so a load killed with SIGKILL keeps the tables it
 * finished; the same command with --resume loads the rest, no row twice.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exited, runCli, spawnCli } from '../helpers/cli-process.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const DDL = `
CREATE TABLE team (id serial PRIMARY KEY, name text NOT NULL, captain_id int NOT NULL);
CREATE TABLE player (id serial PRIMARY KEY, team_id int NOT NULL REFERENCES team, name text NOT NULL);
ALTER TABLE team ADD FOREIGN KEY (captain_id) REFERENCES player;
CREATE TABLE venue (code text PRIMARY KEY, city text NOT NULL);
CREATE TABLE event (id bigserial PRIMARY KEY, team_id int NOT NULL REFERENCES team, venue text REFERENCES venue,
  at timestamptz NOT NULL, score int CHECK (score >= 0));
`;

let db: TestDatabase;

/** A resumed load finished: every constraint valid, the event sequence past the largest id, no state record left. */
async function expectFinished(target: TestDatabase, dir: string): Promise<void> {
  expect((await constraintSummary(target)).notValid).toEqual([]);
  const [next] = await target.query<{ ok: boolean }>(
    "SELECT nextval('event_id_seq') > (SELECT max(id) FROM event) AS ok",
  );
  expect(next?.ok).toBe(true);
  expect(existsSync(join(dir, 'datagen-load-state.json'))).toBe(false);
}

async function copyRunning(target: TestDatabase, table: string): Promise<boolean> {
  const rows = await target.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE $2`,
    [target.name, `COPY public.${table} %`],
  );
  return rows[0]?.n !== '0';
}

describe('--resume for a direct load', () => {
  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase('load_resume');
  });
  afterAll(async () => db.close());

  it('after SIGKILL mid-load, keeps the committed tables and loads the rest once', async () => {
    const target = await db.createSibling();
    await target.query(DDL);
    const dir = tempDir('datagen-resume-');
    const args = ['generate', '-d', target.connectionString, '--resume', '-j', '1', '--seed', '9'];
    const rows = ['--rows', '300', '--rows', 'event=150000'];
    const child = spawnCli([...args, ...rows], { cwd: dir });
    const done = exited(child);
    const deadline = Date.now() + 60_000;
    while (!(await copyRunning(target, 'event'))) {
      if (Date.now() > deadline) throw new Error('the COPY into event never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    // The state record stays; the tables before event committed, event's rows were rolled back.
    expect(existsSync(join(dir, 'datagen-load-state.json'))).toBe(true);
    const killed = await userTableRowCounts(target);
    expect([killed.get('public.team'), killed.get('public.player'), killed.get('public.venue')]).toEqual([
      300, 300, 300,
    ]);
    expect(killed.get('public.event')).toBe(0);

    // Another command is refused: its rows would not match the ones kept.
    const other = runCli([...args, '--rows', '301', '--rows', 'event=150000'], { cwd: dir });
    expect(other.status).not.toBe(0);
    expect(other.stderr).toContain('records another load');

    const resumed = runCli([...args, ...rows], { cwd: dir });
    expect(resumed.status, resumed.stderr).toBe(0);
    const counts = await userTableRowCounts(target);
    expect(Object.fromEntries(counts)).toEqual({
      'public.team': 300,
      'public.player': 300,
      'public.venue': 300,
      'public.event': 150000,
    });
    const [fks] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'",
    );
    expect(fks?.n).toBe('4');
    await expectFinished(target, dir);
  });

  it('--append --resume: after SIGKILL mid-load, the continued run keeps the baseline (rows and keys held before) and adds each row once', async () => {
    const target = await db.createSibling();
    await target.query(DDL);
    const dir = tempDir('datagen-resume-');
    const first = runCli(
      ['generate', '-d', target.connectionString, '-j', '1', '--seed', '3', '--rows', '300'],
      {
        cwd: dir,
      },
    );
    expect(first.status, first.stderr).toBe(0);
    const args = [
      'generate',
      '-d',
      target.connectionString,
      '--append',
      '--resume',
      '-j',
      '1',
      '--seed',
      '9',
    ];
    const rows = ['--rows', '300', '--rows', 'event=150000'];
    const child = spawnCli([...args, ...rows], { cwd: dir });
    const done = exited(child);
    const deadline = Date.now() + 60_000;
    while (!(await copyRunning(target, 'event'))) {
      if (Date.now() > deadline) throw new Error('the COPY into event never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const state = JSON.parse(readFileSync(join(dir, 'datagen-load-state.json'), 'utf8'));
    expect(state.append.rows).toEqual({
      'public.team': 300,
      'public.player': 300,
      'public.venue': 300,
      'public.event': 300,
    });
    // venue's text key is held as its tuples, the serial keys as their maximum.
    const venue = state.append.held.find((t: { table: string }) => t.table === 'public.venue');
    expect(venue.drivers[0][1].tuples).toHaveLength(300);
    const killed = await userTableRowCounts(target);
    expect([killed.get('public.team'), killed.get('public.player'), killed.get('public.venue')]).toEqual([
      600, 600, 600,
    ]);
    expect(killed.get('public.event')).toBe(300);

    const resumed = runCli([...args, ...rows], { cwd: dir });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.team': 600,
      'public.player': 600,
      'public.venue': 600,
      'public.event': 150300,
    });
    await expectFinished(target, dir);
  });

  it('a second process on the same run is refused while the first loads (both would fill the same table)', async () => {
    const target = await db.createSibling();
    await target.query(DDL);
    const dir = tempDir('datagen-resume-');
    // The DDL as a file: the second run must not read the live schema (pg_dump would queue behind the held lock).
    const ddl = join(dir, 'schema.sql');
    writeFileSync(ddl, DDL);
    const args = [
      'generate',
      ddl,
      '-d',
      target.connectionString,
      '--resume',
      '-j',
      '1',
      '--seed',
      '4',
      '--rows',
      '50',
    ];
    // Hold the first run at event's unit: its ALTER TABLE waits for this lock.
    const holder = new pg.Client({ connectionString: target.connectionString });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE public.event IN SHARE MODE');
    const first = spawnCli(args, { cwd: dir });
    const done = exited(first);
    const deadline = Date.now() + 60_000;
    // (Not every table's count: a read of event would queue behind the first run's waiting ALTER TABLE.)
    const venueRows = async () =>
      (await target.query<{ n: string }>('SELECT count(*) AS n FROM venue'))[0]?.n;
    while ((await venueRows()) !== '50') {
      if (Date.now() > deadline) throw new Error('the first run never loaded venue');
      await new Promise((r) => setTimeout(r, 50));
    }
    const second = runCli(args, { cwd: dir });
    await holder.query('COMMIT');
    await holder.end();
    expect(second.status, second.stderr).toBe(1);
    expect(second.stderr).toContain('another datagen process is loading this run');
    expect((await done).status).toBe(0);
    const counts = await userTableRowCounts(target);
    expect(counts.get('public.event')).toBe(50);
    expect(existsSync(join(dir, 'datagen-load-state.json'))).toBe(false);
  });
});
