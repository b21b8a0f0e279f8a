/**
 * Leftovers of issue 8 (fix 23) in the planner, each from its minimal shape, loaded as a script and a custom
 * archive into the real server with every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix23plan');

describe('fix 23: planner shapes', () => {
  it("a unique key over a CASE whose branch another column's IS NULL chooses keeps its rows (soft-deleted emails)", async () => {
    // Before: 'UNIQUE INDEX u (CASE WHEN deleted_at IS NULL THEN email ELSE id::text END) allows only 1 distinct value', cut to 1 row.
    const ddl = `CREATE TABLE account (id int PRIMARY KEY, email text NOT NULL, deleted_at timestamp);
      CREATE UNIQUE INDEX u ON account ((CASE WHEN deleted_at IS NULL THEN email ELSE id::text END));
      CREATE TABLE token (id int PRIMARY KEY, code text NOT NULL, revoked_at timestamp);
      CREATE UNIQUE INDEX v ON token ((CASE WHEN revoked_at IS NOT NULL THEN id::text ELSE lower(code) END));
      CREATE TABLE tenant (id int PRIMARY KEY);
      CREATE TABLE member (id int PRIMARY KEY, tenant_id int NOT NULL REFERENCES tenant, email text,
        deleted_at timestamp);
      CREATE UNIQUE INDEX w ON member (tenant_id, (CASE WHEN deleted_at IS NULL THEN email END));
      CREATE TABLE seat (id int PRIMARY KEY, org int, deleted_at timestamp);
      CREATE UNIQUE INDEX x ON seat (org, (CASE WHEN deleted_at IS NULL THEN 1 ELSE id END));`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 40, seed: 1 });
    for (const t of ['account', 'token', 'member', 'seat']) expect(counts.get(`public.${t}`), t).toBe(40);
    expect(warnings.filter((w) => w.includes('allows only'))).toEqual([]);
    const [live] = await script.query<{ n: number; deleted: number }>(
      'SELECT count(DISTINCT email)::int AS n, count(deleted_at)::int AS deleted FROM account',
    );
    expect(live).toEqual({ n: 40, deleted: 0 });
    const [revoked] = await script.query<{ n: number }>('SELECT count(revoked_at)::int AS n FROM token');
    expect(revoked?.n).toBe(40);
    // A free column beside the CASE makes the rows distinct alone: deleted_at keeps its own values.
    const [seats] = await script.query<{ orgs: number; deleted: number }>(
      'SELECT count(DISTINCT org)::int AS orgs, count(deleted_at)::int AS deleted FROM seat',
    );
    expect(seats?.orgs).toBe(40);
    expect(seats?.deleted).toBeLessThan(40);
  });
});
