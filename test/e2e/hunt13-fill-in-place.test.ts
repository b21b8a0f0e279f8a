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

  it('a NOT NULL foreign key added twice (the same column and parent key) to a seeded table finds its rows (LedgerSMB entity.entity_class)', async () => {
    // Before: 'public.e gets no rows instead of 20: foreign key e_ec_fkey1 (ec) is NOT NULL and public.ec gets no
    // rows', and every table below it (LedgerSMB: 52 of 154) stayed empty: only the FK that fills the column found the
    // rows the schema seeded.
    const target = await db.createSibling();
    await target.query(`
      CREATE TABLE ec (id serial PRIMARY KEY, class text NOT NULL);
      CREATE TABLE e (id serial UNIQUE, name text, ec int NOT NULL REFERENCES ec (id), PRIMARY KEY (name, ec));
      ALTER TABLE e ADD FOREIGN KEY (ec) REFERENCES ec (id);
      CREATE TABLE person (id serial PRIMARY KEY, e_id int NOT NULL UNIQUE REFERENCES e (id));
      INSERT INTO ec (class) VALUES ('vendor'), ('customer'), ('employee');`);
    await generate({ connection: { dbname: target.connectionString }, defaultRows: 20, seed: 1 });
    const counts = Object.fromEntries(await userTableRowCounts(target));
    expect(counts).toMatchObject({ 'public.ec': 3, 'public.e': 20, 'public.person': 20 });
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });
});
