/**
 * Filling a database in place (`-d`, issue 10), the known open items of
 * fix10: each shape created in a database first, then filled by datagen
 * (and appended to) with every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;

/** Logto's shape: a tenant column shared by overlapping composite FKs (a pinned class, its values in tenants). */
const TENANTS = `
CREATE TABLE tenants (id varchar(21) PRIMARY KEY, name varchar(128) NOT NULL);
CREATE TABLE users (tenant_id varchar(21) NOT NULL REFERENCES tenants(id), id varchar(12) PRIMARY KEY,
  UNIQUE (tenant_id, id));
CREATE TABLE organizations (tenant_id varchar(21) NOT NULL REFERENCES tenants(id), id varchar(21) PRIMARY KEY,
  UNIQUE (tenant_id, id));
CREATE TABLE org_users (tenant_id varchar(21) NOT NULL REFERENCES tenants(id),
  organization_id varchar(21) NOT NULL, user_id varchar(21) NOT NULL,
  PRIMARY KEY (tenant_id, organization_id, user_id),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations(tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id));`;

describe('fix10: filling a database in place', () => {
  beforeAll(async () => {
    db = await createTestDatabase('fix10fill');
  });
  afterAll(async () => db.close());

  it('--append with the seed of the first load: the tenant values are fresh ones, not refused (Logto)', async () => {
    // Before: "public.tenants: row 35 finds only keys the table already holds (tenants_pkey on id, 0 tried):
    // append with another --seed": the tenants' first rows held the class's values, which the first load made.
    const target = await db.createSibling();
    await target.query(TENANTS);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 100, seed: 1 });
    await generate({ connection, defaultRows: 100, seed: 1, append: true });
    const counts = Object.fromEntries(await userTableRowCounts(target));
    expect(counts).toMatchObject({
      'public.tenants': 200,
      'public.users': 200,
      'public.organizations': 200,
      'public.org_users': 200,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    const [tenants] = await target.query<{ n: string }>(
      'SELECT count(DISTINCT tenant_id) AS n FROM org_users',
    );
    expect(Number(tenants?.n)).toBeGreaterThan(16);
  });

  it('tables the schema seeded (a version row, lookup values) are kept and the others filled, not refused (icinga)', async () => {
    // Before: "public.icinga_dbversion already hold rows; generated keys would collide with them" (exit 1).
    const target = await db.createSibling();
    await target.query(`
      CREATE TABLE dbversion (id bigserial PRIMARY KEY, name text UNIQUE, version text);
      CREATE FUNCTION updatedbversion(v text) RETURNS void LANGUAGE sql
        AS $$ INSERT INTO dbversion (id, name, version) VALUES (1, 'idoutils', v) $$;
      SELECT updatedbversion('1.14.3');
      CREATE TABLE status (id int PRIMARY KEY, label text NOT NULL UNIQUE);
      INSERT INTO status VALUES (1, 'open'), (2, 'closed');
      CREATE TABLE hosts (id bigserial PRIMARY KEY, name text NOT NULL, status_id int NOT NULL REFERENCES status);`);
    const connection = { dbname: target.connectionString };
    const result = await generate({ connection, defaultRows: 80, seed: 1 });
    expect(result.warnings.map((w) => w.code)).toContain('SEEDED_TABLES');
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({
      'public.dbversion': 1,
      'public.status': 2,
      'public.hosts': 80,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    const [version] = await target.query<{ version: string }>('SELECT version FROM dbversion');
    expect(version?.version).toBe('1.14.3');
    // Every table holding rows (a second plain load): refused as before, the database untouched.
    await expect(generate({ connection, defaultRows: 80, seed: 2 })).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringContaining('already hold rows'),
    });
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({ 'public.hosts': 80 });
  });
});
