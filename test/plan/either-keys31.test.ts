/**
 * Version 24: either-keys (plan/either-keys.ts) over composite foreign keys. Two UNIQUE keys
 * `(tenant_id, user_id)` and `(tenant_id, group_id)`, each a whole FK to a table keyed by
 * `(tenant_id, id)`, under `num_nonnulls(user_id, group_id) = 1`: a row sets one arm, the tenant
 * column follows it (the other FK's value where its own is NULL), so the arms' rooms add up, as they
 * did for one-column FKs from version 20. Before, the table was cut to one arm's parent rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queryNumbers, useTestDatabase } from '../helpers/database.js';
import { outputsByWorkers } from '../helpers/generate-file.js';
import { loadGenerated, loadScriptAndArchive } from '../helpers/load-generated.js';

const DDL = `CREATE TABLE tenant (id int PRIMARY KEY);
CREATE TABLE users (tenant_id int NOT NULL REFERENCES tenant, id int NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE TABLE groups (tenant_id int NOT NULL REFERENCES tenant, id int NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE TABLE owner (id serial PRIMARY KEY, tenant_id int NOT NULL, user_id int, group_id int,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, group_id) REFERENCES groups (tenant_id, id),
  CHECK (num_nonnulls(user_id, group_id) = 1),
  UNIQUE (tenant_id, user_id), UNIQUE (tenant_id, group_id));
`;
const OPTIONS = { defaultRows: 180, seed: 31, tables: { users: 100, groups: 100, tenant: 3 } } as const;

describe('version 24: either-keys over composite foreign keys', () => {
  const db = useTestDatabase('eitherkeys31');

  it('both arms’ rooms add up: every row, one arm set, script and archive load', async () => {
    const { target, restored } = await loadScriptAndArchive(db, DDL, { ...OPTIONS, generatorVersion: 24 });
    const sql = `SELECT count(*) AS n, count(user_id) AS users, count(group_id) AS groups,
      count(*) FILTER (WHERE num_nonnulls(user_id, group_id) <> 1) AS not_one,
      count(DISTINCT (tenant_id, user_id)) AS user_keys, count(DISTINCT (tenant_id, group_id)) AS group_keys FROM owner`;
    const n = await queryNumbers(target, sql);
    expect(n.n).toBe(180);
    expect(n.not_one).toBe(0);
    expect(n.users).toBeGreaterThan(50);
    expect(n.groups).toBeGreaterThan(50);
    expect((n.users ?? 0) + (n.groups ?? 0)).toBe(180);
    expect(await queryNumbers(restored, sql)).toEqual(n);
  });

  it('-j 2 writes the bytes -j 1 does', async () => {
    const [one, two] = await outputsByWorkers(
      DDL,
      { ...OPTIONS, generatorVersion: 24, blockRows: 32 },
      [1, 2],
    );
    expect(readFileSync(two as string, 'utf8')).toBe(readFileSync(one as string, 'utf8'));
  });

  it('version 23 keeps one arm’s rooms: the table cut to 100 rows, warned', async () => {
    const { counts, result } = await loadGenerated(db, DDL, { ...OPTIONS, generatorVersion: 23 });
    expect(counts.get('public.owner')).toBe(100);
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^public\.owner: UNIQUE owner_tenant_id_user_id_key .* gets 100 rows instead of 180/,
      ),
    );
  });
});
