/**
 * Filling a database in place (`-d`) on shapes of real schemas hunt 13 met.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let db: TestDatabase;

describe('hunt13: filling a database in place', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt13fill');
  });
  afterAll(async () => db.close());

  it("a seeded row whose key lies below its sequence (DolphinScheduler's default tenant, id -1) leaves the sequence as it is", async () => {
    // Before: exit 1, 'cannot set the sequences of database ...: setval: value -1 is out of bounds for sequence
    // "t_ds_tenant_id_sequence" (1..9223372036854775807)': the seeded table was kept and setval got max(id) = -1
    // (GREATEST(-1, NULL) of a sequence never called).
    const target = await db.createSibling();
    await target.query(`
      CREATE SEQUENCE t_ds_tenant_id_sequence;
      CREATE TABLE t_ds_tenant (id int NOT NULL DEFAULT nextval('t_ds_tenant_id_sequence') PRIMARY KEY,
        tenant_code varchar(64) UNIQUE);
      CREATE TABLE t_ds_user (id serial PRIMARY KEY, user_name varchar(64) UNIQUE,
        tenant_id int REFERENCES t_ds_tenant (id));
      INSERT INTO t_ds_tenant (id, tenant_code) VALUES (-1, 'default');`);
    await generate({ connection: { dbname: target.connectionString }, defaultRows: 30, seed: 1 });
    const counts = Object.fromEntries(await userTableRowCounts(target));
    expect(counts).toMatchObject({ 'public.t_ds_tenant': 1, 'public.t_ds_user': 30 });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    // The sequence still gives keys the table can take.
    await target.query(`INSERT INTO t_ds_tenant (tenant_code) VALUES ('next')`);
    const [row] = await target.query<{ id: number }>(`SELECT id FROM t_ds_tenant WHERE tenant_code = 'next'`);
    expect(row?.id).toBe(1);
  });
});
