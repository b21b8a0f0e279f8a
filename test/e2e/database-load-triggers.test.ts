/**
 * A direct load fires the tables' user triggers unless --disable-triggers is
 * given: a BEFORE trigger that normalises values changes the rows stored, an
 * AFTER trigger writes its audit rows into a table datagen fills too (their
 * serial keys past the generated ones, the sequence past both), a counter
 * trigger finds its parent rows (parents load first), an inheritance
 * parent's trigger routes rows into its child. A trigger that raises, or
 * rows a trigger wrote or changed that break a key, fail the load as one
 * line naming the trigger, and leave the database as it was (sequences
 * too). With --disable-triggers none of them fires.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const SCHEMA = `
CREATE TABLE account (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  updated_at timestamptz,
  orders_count integer NOT NULL CHECK (orders_count BETWEEN 0 AND 1000)
);
CREATE TABLE orders (id serial PRIMARY KEY, account_id integer NOT NULL REFERENCES account, total numeric(10,2) NOT NULL);
CREATE TABLE audit_log (id serial PRIMARY KEY, table_name text NOT NULL, row_id integer NOT NULL);
CREATE FUNCTION normalise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.email := upper(NEW.email); NEW.updated_at := '2001-02-03 04:05:06+00'; RETURN NEW; END $$;
CREATE TRIGGER account_normalise BEFORE INSERT ON account FOR EACH ROW EXECUTE FUNCTION normalise();
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO audit_log (table_name, row_id) VALUES ('trigger:' || TG_TABLE_NAME, NEW.id); RETURN NULL; END $$;
CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit();
CREATE FUNCTION count_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE account SET orders_count = orders_count + 1 WHERE id = NEW.account_id;
  IF NOT FOUND THEN RAISE EXCEPTION 'order % before its account %', NEW.id, NEW.account_id; END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orders_count AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION count_order();
CREATE TABLE reading (id bigint NOT NULL, at date NOT NULL, v integer);
CREATE TABLE reading_2024 (CHECK (at >= '2024-01-01' AND at < '2025-01-01')) INHERITS (reading);
CREATE FUNCTION route() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.at >= '2024-01-01' AND NEW.at < '2025-01-01' THEN INSERT INTO reading_2024 VALUES (NEW.*); RETURN NULL; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER route BEFORE INSERT ON reading FOR EACH ROW EXECUTE FUNCTION route();
`;

const ROWS = 60;
let db: TestDatabase;

async function triggerDatabase(): Promise<TestDatabase> {
  const target = await db.createSibling();
  await target.query(SCHEMA);
  return target;
}

/** Everything a failed load must leave as it found: rows, constraints, triggers, sequences. */
async function state(target: TestDatabase): Promise<unknown> {
  return {
    rows: await target.query(
      `SELECT 'account' AS t, count(*)::int AS n FROM account UNION ALL SELECT 'orders', count(*)::int FROM orders
       UNION ALL SELECT 'audit_log', count(*)::int FROM audit_log UNION ALL SELECT 'reading', count(*)::int FROM ONLY reading
       UNION ALL SELECT 'reading_2024', count(*)::int FROM reading_2024`,
    ),
    constraints: await target.query('SELECT conname FROM pg_constraint ORDER BY 1'),
    triggers: await target.query(
      'SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1',
    ),
    sequences: await target.query('SELECT sequencename, last_value FROM pg_sequences ORDER BY 1'),
  };
}

describe('a direct load fires the user triggers unless --disable-triggers', () => {
  beforeAll(async () => {
    db = await createTestDatabase('load_triggers');
    assertBuilt();
  });
  afterAll(async () => db.close());

  it('BEFORE, AFTER (audit, counter) and routing triggers fire; with --disable-triggers none does', async () => {
    const fired = await triggerDatabase();
    const off = await triggerDatabase();
    const options = { defaultRows: ROWS, seed: 5 };
    await generate({ connection: { dbname: fired.connectionString }, ...options });
    await generate({ connection: { dbname: off.connectionString }, ...options, disableTriggers: true });

    // The BEFORE trigger changed every row stored; off, the generated values are there.
    const [account] = await fired.query<{ n: number; upper: number; stamped: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE email = upper(email))::int AS upper,
              count(*) FILTER (WHERE updated_at = '2001-02-03 04:05:06+00')::int AS stamped FROM account`,
    );
    expect(account).toEqual({ n: ROWS, upper: ROWS, stamped: ROWS });
    const [plain] = await off.query<{ lower: number }>(
      "SELECT count(*) FILTER (WHERE email <> upper(email))::int AS lower FROM account WHERE updated_at IS DISTINCT FROM '2001-02-03 04:05:06+00'",
    );
    expect(plain?.lower).toBeGreaterThan(ROWS / 2);

    // The audit trigger's rows beside the generated ones: keys past them, the sequence past both.
    const generatedAudit = await off.query('SELECT id, table_name, row_id FROM audit_log ORDER BY id');
    expect(generatedAudit).toHaveLength(ROWS);
    expect(
      await fired.query(`SELECT id, table_name, row_id FROM audit_log WHERE id <= ${ROWS} ORDER BY id`),
    ).toEqual(generatedAudit);
    const [audit] = await fired.query<{ n: number; first: number; last: number; orders: number }>(
      `SELECT count(*)::int AS n, min(id) AS first, max(id) AS last,
              count(DISTINCT row_id)::int AS orders FROM audit_log WHERE table_name = 'trigger:orders'`,
    );
    expect(audit).toEqual({ n: ROWS, first: ROWS + 1, last: 2 * ROWS, orders: ROWS });
    const [next] = await fired.query<{ id: number }>(
      "INSERT INTO audit_log (table_name, row_id) VALUES ('app', 0) RETURNING id",
    );
    expect(next?.id).toBe(2 * ROWS + 1);
    const [nextOrder] = await fired.query<{ id: number }>(
      'INSERT INTO orders (account_id, total) VALUES (1, 1) RETURNING id',
    );
    expect(nextOrder?.id).toBe(ROWS + 1);

    // The counter trigger found each order's account (accounts loaded first): one more per order than generated.
    const counted = await fired.query<{ id: number; n: number }>(
      'SELECT id, orders_count AS n FROM account ORDER BY id',
    );
    const generated = new Map(
      (await off.query<{ id: number; n: number }>('SELECT id, orders_count AS n FROM account')).map((r) => [
        r.id,
        r.n,
      ]),
    );
    const orders = new Map(
      (
        await off.query<{ id: number; n: number }>(
          'SELECT account_id AS id, count(*)::int AS n FROM orders GROUP BY 1',
        )
      ).map((r) => [r.id, r.n]),
    );
    for (const { id, n } of counted) {
      // The row inserted above by hand counted too.
      const extra = id === 1 ? 1 : 0;
      expect(n, `account ${id}`).toBe((generated.get(id) ?? 0) + (orders.get(id) ?? 0) + extra);
    }

    // The routing trigger moved the parent's 2024 rows into the child; off, they stay in the parent.
    const placed = async (target: TestDatabase) =>
      target.query<{ t: string; n: number; in2024: number }>(
        `SELECT tableoid::regclass::text AS t, count(*)::int AS n,
                count(*) FILTER (WHERE at >= '2024-01-01' AND at < '2025-01-01')::int AS in2024
           FROM reading GROUP BY 1 ORDER BY 1`,
      );
    const routed = await placed(fired);
    const kept = await placed(off);
    const parentIn2024 = kept.find((r) => r.t === 'reading')?.in2024 ?? 0;
    expect(parentIn2024).toBeGreaterThan(0);
    expect(routed.find((r) => r.t === 'reading')?.in2024 ?? 0).toBe(0);
    expect(routed.find((r) => r.t === 'reading_2024')?.n).toBe(ROWS + parentIn2024);
    expect(kept.find((r) => r.t === 'reading_2024')?.n).toBe(ROWS);

    // Every trigger on after either load.
    for (const target of [fired, off]) {
      const triggers = await target.query<{ tgenabled: string }>(
        'SELECT tgenabled FROM pg_trigger WHERE NOT tgisinternal',
      );
      expect(triggers.map((t) => t.tgenabled)).toEqual(['O', 'O', 'O', 'O']);
    }
    await fired.close();
    await off.close();
  });

  it('a trigger that raises: one line naming it, its table, function and message; the database unchanged', async () => {
    const target = await triggerDatabase();
    await target.query(`
      CREATE OR REPLACE FUNCTION normalise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id > 10 THEN RAISE EXCEPTION 'account % refused', NEW.id USING HINT = 'accounts are closed'; END IF;
      RETURN NEW; END $$;`);
    const before = await state(target);
    const r = await runCliInProcess(['generate', '-d', target.connectionString, '-r', String(ROWS)]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^datagen: error: cannot copy rows into public\.account of .*: trigger account_normalise on public\.account \(function normalise\(\)\) failed: account 11 refused \(accounts are closed\), at the row \(id\)=\(11\) of public\.account; nothing was loaded\. .*either give --disable-triggers/,
    );
    expect(r.stderr).not.toContain('    at ');
    expect(await state(target)).toEqual(before);
    // --disable-triggers loads it.
    expect(
      (
        await runCliInProcess([
          'generate',
          '-d',
          target.connectionString,
          '-r',
          String(ROWS),
          '--disable-triggers',
        ])
      ).status,
    ).toBe(0);
    await target.close();
  });

  it('a BEFORE INSERT trigger refusing values out of a range: trigger, table, row key, message and both ways out; a CHECK datagen reads then loads', async () => {
    const target = await triggerDatabase();
    await target.query(`
      CREATE FUNCTION total_in_range() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.total > 20 THEN RAISE EXCEPTION 'order %: total % out of range', NEW.id, NEW.total; END IF;
      RETURN NEW; END $$;
      CREATE TRIGGER orders_total BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION total_in_range();`);
    const before = await state(target);
    const r = await runCliInProcess(['generate', '-d', target.connectionString, '-r', String(ROWS)]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const said =
      /: trigger orders_total on public\.orders \(function total_in_range\(\)\) failed: order (\d+): total [\d.]+ out of range, at the row \(id\)=\((\d+)\) of public\.orders; nothing was loaded\. .*either give --disable-triggers .*or, if the trigger checks the values, .*a CHECK on public\.orders .*min, max or values in \.datagen\.yaml$/.exec(
        r.stderr.trim(),
      );
    expect(said, r.stderr).not.toBeNull();
    // The key told is the row the trigger refused.
    expect(said?.[1]).toBe(said?.[2]);
    expect(await state(target)).toEqual(before);
    // The second way out: the rule as a CHECK in the database, which datagen reads; the trigger still fires.
    await target.query('ALTER TABLE orders ADD CONSTRAINT total_in_range CHECK (total <= 20)');
    const ok = await runCliInProcess(['generate', '-d', target.connectionString, '-r', String(ROWS)]);
    expect(ok.status, ok.stderr).toBe(0);
    const [loaded] = await target.query<{ n: number; over: number }>(
      'SELECT count(*)::int AS n, count(*) FILTER (WHERE total > 20)::int AS over FROM orders',
    );
    expect(loaded).toEqual({ n: ROWS, over: 0 });
    await target.close();
  });

  it('rows a BEFORE trigger changed into a duplicate key: the trigger named, nothing kept', async () => {
    const target = await triggerDatabase();
    await target.query(`
      CREATE OR REPLACE FUNCTION normalise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.email := left(NEW.email, 1); RETURN NEW; END $$;`);
    const before = await state(target);
    const r = await runCliInProcess(['generate', '-d', target.connectionString, '-r', String(ROWS)]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /: the rows as trigger account_normalise on public\.account \(function normalise\(\)\) changed them before they were stored: duplicate key value violates unique constraint "account_email_key" \(Key \(email\)=\(.+\) already exists\.\), at the row \(id\)=\(\d+\) of public\.account; nothing was loaded\. .*--disable-triggers/,
    );
    expect(await state(target)).toEqual(before);
    await target.close();
  });

  it('an audit trigger whose explicit keys collide with the rows datagen writes: the trigger and the table named', async () => {
    const target = await triggerDatabase();
    // Audit ids taken from the audited row, not from the sequence: the generated audit rows hold them too.
    await target.query(`
      CREATE OR REPLACE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO public.audit_log (id, table_name, row_id) VALUES (NEW.id, TG_TABLE_NAME, NEW.id); RETURN NULL; END $$;`);
    const before = await state(target);
    await expect(
      generate({ connection: { dbname: target.connectionString }, defaultRows: ROWS }),
    ).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /(trigger orders_audit on public\.orders \(function audit\(\)\) failed \(it writes rows into public\.audit_log, which the load fills too\)|public\.audit_log also holds rows that trigger orders_audit on public\.orders \(function audit\(\)\) wrote during the load): duplicate key value violates unique constraint "audit_log_pkey"/,
      ),
    });
    expect(await state(target)).toEqual(before);
    await target.close();
  });

  it('--resume: a table an earlier table’s trigger wrote into is still loaded; continued after a failure, no row twice', async () => {
    const target = await triggerDatabase();
    // The routing trigger's rows fail in reading_2024 the first time (the units before reading commit).
    await target.query(`
      CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'not yet'; END $$;
      CREATE TRIGGER refuse BEFORE INSERT ON reading_2024 FOR EACH ROW EXECUTE FUNCTION refuse();`);
    const dir = mkdtempSync(join(tmpdir(), 'datagen-load-triggers-'));
    try {
      const args = ['generate', '-d', target.connectionString, '-r', String(ROWS), '--resume'];
      const first = runCli(args, { cwd: dir });
      expect(first.status).toBe(1);
      expect(first.stderr).toMatch(
        /^datagen: error: cannot copy rows into public\.reading of .*: trigger refuse on public\.reading_2024 \(function refuse\(\)\) failed: not yet, at the row on COPY line \d+ of public\.reading; the failing table’s rows were rolled back, the tables loaded before it are kept/,
      );
      const [partial] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
      expect(partial?.n).toBe(2 * ROWS);
      await target.query('DROP TRIGGER refuse ON reading_2024');
      const again = runCli(args, { cwd: dir });
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const [audit] = await target.query<{ n: number; triggered: number }>(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE table_name = 'trigger:orders')::int AS triggered FROM audit_log",
    );
    expect(audit).toEqual({ n: 2 * ROWS, triggered: ROWS });
    const counts = await target.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM account UNION ALL SELECT count(*)::int FROM orders UNION ALL SELECT count(*)::int FROM reading',
    );
    expect(counts.map((c) => c.n)).toEqual([ROWS, ROWS, 2 * ROWS]);
    await target.close();
  });
});
