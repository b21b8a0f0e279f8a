import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { generateFile } from '../helpers/generate-file.js';

describe('example schemas load with every constraint in place', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.close());

  it('shop.sql: 500 rows per table, all constraints valid, triggers did not fire', async () => {
    const { file, result } = await generateFile({ schema: ['examples/shop.sql'], defaultRows: 500, seed: 7 });
    const target = await db.createSibling();
    target.psqlFile(file);
    const counts = await userTableRowCounts(target);
    // Rows go through the partitioned root into its partitions.
    expect(counts.get('shop.payment')).toBe(0);
    expect((counts.get('shop.payment_2025') ?? 0) + (counts.get('shop.payment_2026') ?? 0)).toBe(500);
    for (const t of result.tables) {
      if (t.name.startsWith('payment')) continue;
      expect(counts.get(`${t.schema}.${t.name}`), `${t.schema}.${t.name}`).toBe(t.rows);
    }
    expect(result.tables.find((t) => t.name === 'review')?.rows).toBe(500);
    const summary = await constraintSummary(target);
    expect(summary.notValid).toEqual([]);
    // 10 tables' FKs (payment's is on the root and each partition), PKs, uniques, CHECKs.
    expect(summary.byType.f).toBeGreaterThanOrEqual(11);
    expect(summary.byType.p).toBeGreaterThanOrEqual(9);
    // Values that must hold together.
    const [lineCheck] = await target.query<{ bad: string }>(
      'SELECT count(*) AS bad FROM shop.order_line WHERE line_no NOT BETWEEN 1 AND 500 OR quantity NOT BETWEEN 1 AND 100',
    );
    expect(lineCheck?.bad).toBe('0');
    const [emails] = await target.query<{ n: string; d: string }>(
      'SELECT count(*) AS n, count(DISTINCT lower(email)) AS d FROM shop.customer',
    );
    expect(emails?.d).toBe(emails?.n);
    // Unique emails are still made from the row's own names.
    const [fromNames] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM shop.customer WHERE email LIKE '%' || lower(regexp_replace(last_name, '[^A-Za-z]', '', 'g')) || '%'",
    );
    expect(Number(fromNames?.n)).toBeGreaterThan(0.95 * Number(emails?.n));
    // Sequences were moved past the generated keys: a default insert works.
    await target.query(
      "INSERT INTO shop.category (name) VALUES ('a brand new category') RETURNING category_id",
    );
    const [next] = await target.query<{ id: number }>(
      "SELECT category_id AS id FROM shop.category WHERE name = 'a brand new category'",
    );
    expect(next?.id).toBe(501);
  });

  it('awkward.sql: quoted/non-ASCII names, overlapping composite FKs, NOT NULL FK cycles, partitions, inheritance', async () => {
    const { file, result } = await generateFile({
      schema: ['examples/awkward.sql'],
      defaultRows: 300,
      seed: 3,
    });
    const target = await db.createSibling();
    target.psqlFile(file);
    const counts = await userTableRowCounts(target);
    for (const t of result.tables) {
      if (t.name.startsWith('payment')) continue;
      expect(counts.get(`${t.schema}.${t.name}`), `${t.schema}.${t.name}`).toBe(t.rows);
      expect(t.rows, `${t.schema}.${t.name} has rows`).toBeGreaterThan(0);
    }
    expect((counts.get('public.payment_p2022_01') ?? 0) + (counts.get('public.payment_p2022_02') ?? 0)).toBe(
      300,
    );
    const summary = await constraintSummary(target);
    // NOT VALID stays so (as in the source), but the data satisfies it: validating succeeds.
    expect(summary.notValid).toEqual(['account_owner_fkey']);
    await target.query('ALTER TABLE account VALIDATE CONSTRAINT account_owner_fkey');
    const [objects] = await target.query<{
      rls: boolean;
      policies: string;
      rules: string;
      mv: string;
      logins: string;
    }>(`
      SELECT (SELECT relrowsecurity FROM pg_class WHERE relname = 'account') AS rls,
             (SELECT count(*) FROM pg_policy) AS policies,
             (SELECT count(*) FROM pg_rules WHERE rulename = 'account_no_delete') AS rules,
             (SELECT sum(n) FROM emp_per_dept) AS mv,
             (SELECT count(DISTINCT login) FROM account) AS logins`);
    expect(objects).toEqual({ rls: true, policies: '1', rules: '1', mv: '300', logins: '300' });
    const [dims] = await target.query<{ d: number }>('SELECT min(array_ndims(matrix)) AS d FROM account');
    expect(dims?.d).toBe(2);
    const [user] = await target.query<{ n: string }>('SELECT count(DISTINCT "ID") AS n FROM "User"');
    expect(user?.n).toBe('300');
    // The generated column was computed by the server, not written.
    const [m] = await target.query<{ bad: string }>(
      'SELECT count(*) AS bad FROM measurement WHERE fahrenheit IS DISTINCT FROM celsius * 9 / 5 + 32',
    );
    expect(m?.bad).toBe('0');
    // The script is the source's statements, in pg_dump's order: FKs after data.
    const script = readFileSync(file, 'utf8');
    expect(script.indexOf('COPY public.emp')).toBeGreaterThan(0);
    expect(script.indexOf('COPY public.emp')).toBeLessThan(script.indexOf('ADD CONSTRAINT dept_head_fkey'));
  });

  it('--inserts loads the same data as COPY', async () => {
    const copy = await generateFile({ schema: ['examples/shop.sql'], defaultRows: 120, seed: 11 });
    const inserts = await generateFile({
      schema: ['examples/shop.sql'],
      defaultRows: 120,
      seed: 11,
      inserts: true,
      rowsPerInsert: 50,
    });
    const a = await db.createSibling();
    const b = await db.createSibling();
    a.psqlFile(copy.file);
    b.psqlFile(inserts.file);
    const dump = (t: TestDatabase) =>
      t.run('psql', [
        '-X',
        '-At',
        '-c',
        "SELECT md5(string_agg(c::text, '|' ORDER BY customer_id)) FROM shop.customer c",
      ]);
    expect(dump(b)).toBe(dump(a));
    expect(readFileSync(inserts.file, 'utf8')).toContain('OVERRIDING SYSTEM VALUE');
  });
});
