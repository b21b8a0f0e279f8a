/**
 * Partial unique indexes: rows outside the WHERE need not be unique. A key
 * with fewer values than rows keeps its rows outside the predicate instead of
 * cutting the table; a key with room keeps rows inside it, unique.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('partial unique indexes', () => {
  beforeAll(async () => {
    db = await createTestDatabase('partial');
  });
  afterAll(async () => db.close());

  it('a key too small for the rows: every row outside its WHERE, no cut', async () => {
    const { target, counts, result } = await loadGenerated(
      db,
      `CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL,
         admin boolean NOT NULL DEFAULT false, deleted_at timestamptz);
       CREATE UNIQUE INDEX one_admin ON users (admin) WHERE admin AND deleted_at IS NULL;
       CREATE UNIQUE INDEX live_email ON users (email) WHERE deleted_at IS NULL;
       CREATE TABLE ticket (id serial PRIMARY KEY, status text NOT NULL CHECK (status IN ('open', 'closed', 'held')));
       CREATE UNIQUE INDEX one_open ON ticket (status) WHERE status = 'open';`,
      { defaultRows: 1000, seed: 4 },
    );
    expect(counts.get('public.users')).toBe(1000);
    expect(counts.get('public.ticket')).toBe(1000);
    expect(result.warnings).toEqual([]);
    const [users] = await target.query<{ admins: string; deleted: string; live: string }>(
      `SELECT count(*) FILTER (WHERE admin) AS admins, count(*) FILTER (WHERE admin AND deleted_at IS NOT NULL) AS deleted,
              count(*) FILTER (WHERE deleted_at IS NULL) AS live FROM users`,
    );
    // Both ways out of the predicate are used, and the roomy key keeps rows inside its WHERE.
    expect(Number(users?.admins)).toBeGreaterThan(0);
    expect(users?.admins).toBe(users?.deleted);
    expect(Number(users?.live)).toBeGreaterThan(0);
    const statuses = await target.query<{ status: string }>('SELECT DISTINCT status FROM ticket ORDER BY 1');
    expect(statuses.map((r) => r.status)).toEqual(['closed', 'held']);
  });

  it('datagen plan names the rule on the columns it steers', async () => {
    const { result } = await loadGenerated(
      db,
      `CREATE TABLE t (id int PRIMARY KEY, flag boolean NOT NULL, gone date);
       CREATE UNIQUE INDEX one_flag ON t (flag) WHERE flag AND gone IS NULL;`,
      { defaultRows: 50 },
    );
    expect(result.plan.tables[0]?.rows).toBe(50);
    const checks = describePlan(result.plan).tables[0]?.columns.map((c) => [c.name, c.checks]);
    const rule =
      "CHECK one_flag (rows kept outside its WHERE): per row, one branch of flag = 'false' | gone IS NOT NULL";
    expect(checks).toEqual([
      ['id', []],
      ['flag', [rule]],
      ['gone', [rule]],
    ]);
  });
});
