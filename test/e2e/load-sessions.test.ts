/**
 * A run into a database opens one session there for everything it reads
 * and loads (the tables there, a seed's rows, --append's parents and held
 * keys, the COPY): before, every look opened a connection of its own (a plain
 * fill in place 2 + pg_dump's, an --append 3 + pg_dump's). Counted by the
 * server: pg_stat_database.sessions of the target database, before and after
 * the run, once every other backend on it has gone (a backend's counts reach
 * the statistics when it exits). The schema of a fill in place is read from
 * the catalog over that same session (no pg_dump's).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('loadsessions');

const SCHEMA = `
  CREATE TABLE owners (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
  CREATE TABLE pets (id uuid PRIMARY KEY, owner_id bigint NOT NULL REFERENCES owners, name text NOT NULL);`;

/** The sessions the server has counted on the database, every other backend on it gone first. */
async function sessionsOf(target: TestDatabase): Promise<number> {
  for (let tries = 0; ; tries++) {
    const [others] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    if (Number(others?.n) === 0) break;
    if (tries > 200) throw new Error(`${others?.n} other sessions stay on ${target.name}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // This session's own counts reach the statistics at its next idle moment; then a fresh snapshot.
  await target.query('SELECT pg_stat_force_next_flush()');
  await target.query('SELECT pg_stat_clear_snapshot()');
  const [row] = await target.query<{ n: string }>(
    'SELECT sessions AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return Number(row?.n);
}

/** The sessions a run opens on the target. */
async function sessionsOpenedBy(target: TestDatabase, run: () => Promise<unknown>): Promise<number> {
  const before = await sessionsOf(target);
  await run();
  return (await sessionsOf(target)) - before;
}

describe('a run opens one session on its target', () => {
  it('DDL files into an empty database: one session creates and loads', async () => {
    const target = await db.createSibling();
    const file = join(tempDir(), 'load-sessions.sql');
    writeFileSync(file, SCHEMA);
    const connection = { dbname: target.connectionString };
    expect(
      await sessionsOpenedBy(target, () => generate({ schema: [file], connection, defaultRows: 30 })),
    ).toBe(1);
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.owners': 30,
      'public.pets': 30,
    });
  });

  it('fill in place and --append twice: one session each (the schema read from the catalog over it)', async () => {
    const target = await db.createSibling();
    await target.query(SCHEMA);
    const connection = { dbname: target.connectionString };
    expect(await sessionsOpenedBy(target, () => generate({ connection, defaultRows: 30, seed: 1 }))).toBe(1);
    for (const seed of [2, 3]) {
      const appended = () => generate({ connection, defaultRows: 30, seed, append: true });
      expect(await sessionsOpenedBy(target, appended)).toBe(1);
    }
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.owners': 90,
      'public.pets': 90,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });

  it('two runs at once with the same connection options: a session each, both loaded', async () => {
    const target = await db.createSibling();
    await target.query(`${SCHEMA}
      CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL);`);
    const connection = { dbname: target.connectionString };
    const opened = await sessionsOpenedBy(target, () =>
      Promise.all([
        generate({ connection, defaultRows: 40, selection: { tables: ['owners', 'pets'] } }),
        generate({ connection, defaultRows: 25, selection: { tables: ['notes'] } }),
      ]),
    );
    expect(opened).toBe(2);
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.owners': 40,
      'public.pets': 40,
      'public.notes': 25,
    });
  });

  it('a load that fails leaves nothing and its session is ended', async () => {
    const target = await db.createSibling();
    await target.query(`${SCHEMA}
      CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no pets'; END $$;
      CREATE TRIGGER refuse BEFORE INSERT ON pets FOR EACH ROW EXECUTE FUNCTION refuse();`);
    const connection = { dbname: target.connectionString };
    let failure: unknown;
    const opened = await sessionsOpenedBy(target, () =>
      generate({ connection, defaultRows: 30 }).catch((error: unknown) => {
        failure = error;
      }),
    );
    expect(String(failure)).toContain('no pets');
    expect(opened).toBe(1);
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.owners': 0,
      'public.pets': 0,
    });
  });
});
