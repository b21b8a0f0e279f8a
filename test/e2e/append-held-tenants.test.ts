/**
 * --append into a tenant-keyed schema (Logto: tables keyed by (tenant_id,
 * id), composite FKs (tenant_id, x_id) → parent (tenant_id, id)): the
 * appended rows join the tenants the database holds. Before, the tenant
 * class took new tenant values (APPEND_NEW_TENANTS): every appended row
 * belonged to a new tenant. New tenants now only when the tenant table's
 * rows are asked for by name.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { LOGTO_CORE, LOGTO_ROLES } from '../helpers/logto-shape.js';

const db = useTestDatabase('heldtenants');

const LOGTO = `${LOGTO_CORE}\n${LOGTO_ROLES}`;

const TENANT_KEYED = [
  'users',
  'organizations',
  'organization_user_relations',
  'oidc_model_instances',
  'cimd_grant_organizations',
  'roles',
  'users_roles',
];

/** Per tenant-keyed table: its rows whose tenant is not one of `tenants`. */
async function tenantsOfRows(target: TestDatabase, tenants: readonly string[]) {
  const out: Record<string, { outside: number }> = {};
  for (const t of TENANT_KEYED) {
    const [row] = await target.query<{ outside: string }>(
      `SELECT count(*) FILTER (WHERE NOT tenant_id = ANY($1)) AS outside FROM ${t}`,
      [tenants],
    );
    out[t] = { outside: Number(row?.outside) };
  }
  return out;
}

describe('--append into a tenant-keyed schema', () => {
  it('fill in place, then --append twice: every appended row belongs to a tenant there, no collision', async () => {
    const target = await db.createSibling();
    await target.query(LOGTO);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 100, seed: 1 });
    const counts = Object.fromEntries(await userTableRowCounts(target));
    for (const seed of [2, 3]) {
      const before = (await target.query<{ id: string }>('SELECT id FROM tenants')).map((r) => r.id);
      const result = await generate({ connection, defaultRows: 100, seed, append: true });
      expect(result.warnings.map((w) => w.code)).not.toContain('APPEND_NEW_TENANTS');
      expect(result.warnings.map((w) => w.code)).not.toContain('APPEND_KEY_FULL');
      // Every row of every tenant-keyed table, the appended ones too, belongs to a tenant there before the run
      // (one tenant per run here: keys decide the FKs of cimd_grant_organizations, as in a plain fill).
      const rows = await tenantsOfRows(target, before);
      for (const t of TENANT_KEYED) expect(rows[t]?.outside, t).toBe(0);
    }
    // Each run added its rows (the tenant table too: tenants with no rows yet), every constraint holds.
    const after = Object.fromEntries(await userTableRowCounts(target));
    for (const [t, n] of Object.entries(counts)) expect(after[t], t).toBe(n + 200);
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });

  it('an integer tenant key (organization_id bigint): appended rows join the organizations there', async () => {
    const target = await db.createSibling();
    await target.query(`
      CREATE TABLE orgs (id bigint PRIMARY KEY, name text NOT NULL);
      CREATE TABLE projects (organization_id bigint NOT NULL REFERENCES orgs, id bigserial,
        PRIMARY KEY (organization_id, id));
      CREATE TABLE members (organization_id bigint NOT NULL REFERENCES orgs, id bigserial,
        PRIMARY KEY (organization_id, id));
      CREATE TABLE assignments (organization_id bigint NOT NULL REFERENCES orgs, project_id bigint NOT NULL,
        member_id bigint NOT NULL, PRIMARY KEY (organization_id, project_id, member_id),
        FOREIGN KEY (organization_id, project_id) REFERENCES projects,
        FOREIGN KEY (organization_id, member_id) REFERENCES members);`);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 60, seed: 1 });
    for (const seed of [2, 3]) {
      const before = (await target.query<{ id: string }>('SELECT id::text FROM orgs')).map((r) => r.id);
      await target.query('CREATE TEMPORARY TABLE held AS SELECT * FROM assignments');
      const result = await generate({ connection, defaultRows: 60, seed, append: true });
      expect(result.warnings.map((w) => w.code)).not.toContain('APPEND_NEW_TENANTS');
      // The run's rows: each in an organization there before it, spread over several of them.
      const [row] = await target.query<{ outside: string; distinct: string }>(
        `SELECT count(*) FILTER (WHERE NOT organization_id::text = ANY($1)) AS outside,
                count(DISTINCT organization_id) AS distinct
           FROM (SELECT * FROM assignments EXCEPT ALL SELECT * FROM held) AS added`,
        [before],
      );
      await target.query('DROP TABLE held');
      expect(Number(row?.outside)).toBe(0);
      expect(Number(row?.distinct)).toBeGreaterThan(1);
    }
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({
      'public.orgs': 180,
      'public.assignments': 180,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });

  it('the tenant table asked for by name: the appended rows take its new tenants (warned)', async () => {
    const target = await db.createSibling();
    await target.query(LOGTO);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 50, seed: 1 });
    const first = (await target.query<{ id: string }>('SELECT id FROM tenants')).map((r) => r.id);
    const result = await generate({
      connection,
      defaultRows: 50,
      tables: { tenants: 5 },
      seed: 2,
      append: true,
    });
    expect(result.warnings.map((w) => w.code)).toContain('APPEND_NEW_TENANTS');
    const rows = await tenantsOfRows(target, first);
    expect(rows.users?.outside).toBe(50);
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });
});
