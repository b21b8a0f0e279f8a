/**
 * Appending to a database in place (`--append`, issue 10), the known open
 * items of fix11: each shape created in a database first, filled by
 * datagen, then appended to, with every constraint in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { LOGTO_CORE } from '../helpers/logto-shape.js';

let db: TestDatabase;

describe('fix11: appending in place', () => {
  beforeAll(async () => {
    db = await createTestDatabase('fix11append');
  });
  afterAll(async () => db.close());

  it('--append to a table counting through a sequence with a small MAXVALUE: capped at the values left (Yota)', async () => {
    const target = await db.createSibling();
    await target.query(`
      CREATE SEQUENCE kinds_id_seq AS integer START WITH 1 INCREMENT BY 1 MAXVALUE 66;
      CREATE TABLE kinds (id integer NOT NULL DEFAULT nextval('kinds_id_seq') PRIMARY KEY, name text NOT NULL);
      ALTER SEQUENCE kinds_id_seq OWNED BY kinds.id;
      CREATE TABLE items (id bigserial PRIMARY KEY, kind_id integer NOT NULL REFERENCES kinds);`);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 50, seed: 1 });
    const result = await generate({ connection, defaultRows: 50, seed: 2, append: true });
    // Before: exit 1, "setval: value 100 is out of bounds for sequence "kinds_id_seq" (1..66)".
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'APPEND_KEY_FULL',
        where: 'public.kinds.id',
        message: expect.stringContaining('gets 16 new rows instead of 50'),
      }),
    );
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({
      'public.kinds': 66,
      'public.items': 100,
    });
    // Nothing left: no new rows, warned; children point at the rows there.
    const full = await generate({ connection, defaultRows: 50, seed: 3, append: true });
    expect(full.warnings).toContainEqual(
      expect.objectContaining({
        where: 'public.kinds.id',
        message: expect.stringContaining('gets 0 new rows'),
      }),
    );
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({
      'public.kinds': 66,
      'public.items': 150,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    const [last] = await target.query<{ n: string }>('SELECT last_value::text AS n FROM kinds_id_seq');
    expect(last?.n).toBe('66');
  });
  it('--append to a tenant-keyed schema: a key through an FK to new parent rows is not cut to 0 (Logto)', async () => {
    // Before: "public.cimd_grant_organizations: its key ... has 100 values and the table holds 100 of them, so it
    // gets 0 new rows": every held tuple was counted as taken, though they point at the old parent rows.
    const target = await db.createSibling();
    await target.query(LOGTO_CORE);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 100, seed: 1 });
    const result = await generate({ connection, defaultRows: 100, seed: 2, append: true });
    expect(result.warnings.map((w) => w.code)).not.toContain('APPEND_KEY_FULL');
    // The appended rows join the tenants there (test/e2e/append-held-tenants.test.ts): none new to tell.
    expect(result.warnings.map((w) => w.code)).not.toContain('APPEND_NEW_TENANTS');
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({
      'public.tenants': 200,
      'public.oidc_model_instances': 200,
      'public.cimd_grant_organizations': 200,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });
});
