/**
 * CHECK idioms found in real schemas (lago-api, sanbase2), each reduced to a
 * minimal table: generated, loaded into the real server with the CHECK in
 * place, warnings asserted, rows counted against the request.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { count } from './check-fixture.js';

let db: TestDatabase;

async function load(ddl: string, rows = 1000): Promise<TestDatabase> {
  const dir = tempDir();
  writeFileSync(join(dir, 'schema.sql'), ddl);
  const result = await generate({
    schema: [join(dir, 'schema.sql')],
    output: join(dir, 'data.sql'),
    defaultRows: rows,
    seed: 21,
  });
  expect(result.warnings).toEqual([]);
  const target = await db.createSibling();
  target.psqlFile(join(dir, 'data.sql'));
  for (const [table, n] of await userTableRowCounts(target)) {
    if (table.endsWith('.p') || table.endsWith('.q') || table.endsWith('.r')) continue;
    expect(n, table).toBe(rows);
  }
  return target;
}

describe('CHECK idioms of real schemas', () => {
  beforeAll(async () => {
    db = await createTestDatabase('idioms');
  });
  afterAll(async () => db.close());

  it('status matches a timestamp: (status = x) = (x_at IS NOT NULL), for an enum and for text', async () => {
    const target = await load(`
      CREATE TYPE st AS ENUM ('draft', 'approved', 'voided');
      CREATE TABLE qv (id int PRIMARY KEY, status st DEFAULT 'draft' NOT NULL,
        approved_at timestamp, voided_at timestamp, void_reason text,
        CONSTRAINT c1 CHECK ((status = 'approved'::st) = (approved_at IS NOT NULL)),
        CONSTRAINT c2 CHECK ((status = 'voided'::st) = ((void_reason IS NOT NULL) AND (voided_at IS NOT NULL))));
      CREATE TABLE qt (id int PRIMARY KEY, status text NOT NULL, approved_at timestamp,
        CONSTRAINT c1 CHECK ((status = 'approved') = (approved_at IS NOT NULL)));`);
    expect(await count(target, "SELECT count(*) AS n FROM qv WHERE status = 'approved'")).toBeGreaterThan(50);
    expect(await count(target, "SELECT count(*) AS n FROM qt WHERE status = 'approved'")).toBeGreaterThan(50);
  });

  it('patterns on char(n) are matched with the padding (MusicBrainz iswc CHARACTER(15) ~ ...$): values fill n', async () => {
    const target = await load(`
      CREATE TABLE iswc (id serial PRIMARY KEY,
        iswc CHARACTER(15) CHECK (iswc ~ E'^T-?\\\\d{3}.?\\\\d{3}.?\\\\d{3}[-.]?\\\\d$'),
        code char(6) UNIQUE CHECK (code ~ '^[A-Z]{2}[0-9]{2,4}$'), flag char(1) CHECK (flag ~ '^[YN]$'),
        pre char(8) CHECK (pre LIKE 'AB%'));`);
    expect(await count(target, 'SELECT count(DISTINCT iswc) AS n FROM iswc')).toBeGreaterThan(800);
    expect(await count(target, "SELECT count(*) AS n FROM iswc WHERE code !~ '^[A-Z]{2}[0-9]{4}$'")).toBe(0);
  });

  it('exactly one of N nullable FKs as a sum of CASE WHEN x IS NULL THEN 0 ELSE 1 END', async () => {
    const target = await load(`
      CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE q (id int PRIMARY KEY); CREATE TABLE r (id int PRIMARY KEY);
      CREATE TABLE fi (id int PRIMARY KEY,
        p_id int REFERENCES p, q_id int REFERENCES q, r_id int REFERENCES r,
        CONSTRAINT only_one_fk CHECK ((((CASE WHEN p_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN q_id IS NULL THEN 0 ELSE 1 END))
          + (CASE WHEN r_id IS NULL THEN 0 ELSE 1 END)) = 1));`);
    expect(await count(target, 'SELECT count(*) AS n FROM fi WHERE r_id IS NOT NULL')).toBeGreaterThan(100);
  });

  it('booleans cast to integers: (x IS NOT NULL)::integer sums, flag::integer = 1', async () => {
    await load(`
      CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE q (id int PRIMARY KEY); CREATE TABLE r (id int PRIMARY KEY);
      CREATE TABLE fi (id int PRIMARY KEY,
        p_id int REFERENCES p, q_id int REFERENCES q, r_id int REFERENCES r,
        CONSTRAINT only_one_fk CHECK ((p_id IS NOT NULL)::integer + (q_id IS NOT NULL)::integer + (r_id IS NOT NULL)::integer = 1));
      CREATE TABLE t (id int PRIMARY KEY, a int, b int, b2 boolean NOT NULL,
        CONSTRAINT c CHECK (b2::integer = 1),
        CONSTRAINT d CHECK ((a IS NOT NULL)::integer + (b IS NOT NULL)::integer <= 1),
        CONSTRAINT e CHECK ((a IS NULL)::integer + (b IS NULL)::integer >= 1));`);
  });

  it('a cast the evaluator cannot read fails the row, never passes it as unknown', async () => {
    // CAST(true AS integer) is 1: a CHECK the evaluator used to read as NULL (passing every row).
    const dir = tempDir();
    writeFileSync(
      join(dir, 's.sql'),
      'CREATE TABLE t (id int PRIMARY KEY, a int, b int, CHECK ((a > 0)::integer + (b > 0)::integer = 2));',
    );
    const out = join(dir, 'o.sql');
    // Either every row holds (a and b > 0) or the run refuses: never exit 0 with rows that fail to load.
    const outcome = await generate({
      schema: [join(dir, 's.sql')],
      output: out,
      defaultRows: 200,
      seed: 3,
    }).then(
      () => 'written',
      (e: { code?: string }) => e.code,
    );
    if (outcome === 'written') {
      const target = await db.createSibling();
      target.psqlFile(out);
      expect(await count(target, 'SELECT count(*) AS n FROM t')).toBe(200);
    } else expect(outcome).toBe('UNSATISFIABLE');
  });
});
