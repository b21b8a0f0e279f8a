/**
 * Awkward constructs, one schema each, generated with a few thousand rows and
 * loaded into the real server with every constraint in place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateOptions, generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

let db: TestDatabase;

/** Generate and load; the warnings must be exactly `warnings` (messages, in order). */
async function load(
  ddl: string,
  options: Omit<GenerateOptions, 'schema' | 'output'> = {},
  warnings: readonly string[] = [],
) {
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const output = join(dir, 'data.sql');
  const result = await generate({ schema: [schema], output, defaultRows: 2000, seed: 9, ...options });
  expect(result.warnings.map((w) => w.message)).toEqual(warnings);
  const target = await db.createSibling();
  target.psqlFile(output);
  const counts = await userTableRowCounts(target);
  const summary = await constraintSummary(target);
  expect(summary.notValid).toEqual([]);
  return { target, counts, result };
}

describe('constructs real schemas use', () => {
  beforeAll(async () => {
    db = await createTestDatabase('constructs');
  });
  afterAll(async () => db.close());

  it('exclusion constraints on ranges: no overlap per key', async () => {
    const { target, counts } = await load(`
      CREATE EXTENSION btree_gist;
      CREATE TABLE room (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE booking (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        room_id int NOT NULL REFERENCES room,
        during tstzrange NOT NULL,
        EXCLUDE USING gist (room_id WITH =, during WITH &&)
      );
      CREATE TABLE holiday (d daterange NOT NULL, EXCLUDE USING gist (d WITH &&));`);
    expect(counts.get('public.booking')).toBe(2000);
    expect(counts.get('public.holiday')).toBe(2000);
    const [x] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_constraint WHERE contype = 'x'",
    );
    expect(x?.n).toBe('2');
  });

  it('a singleton table (CHECK (lock = X) + UNIQUE) gets one row, with a warning', async () => {
    const { counts } = await load(
      `CREATE TABLE settings (lock char(1) NOT NULL DEFAULT 'X' UNIQUE CHECK (lock = 'X'), theme text NOT NULL);`,
      {},
      [
        'public.settings: UNIQUE settings_lock_key (lock) allows only 1 distinct value, so it gets 1 row instead of 2000.',
      ],
    );
    expect(counts.get('public.settings')).toBe(1);
  });

  it('asking explicitly for more rows than a unique key allows fails before writing', async () => {
    const dir = tempDir();
    const schema = join(dir, 's.sql');
    writeFileSync(schema, 'CREATE TABLE t (flag boolean NOT NULL, UNIQUE (flag));');
    await expect(
      generate({ schema: [schema], output: join(dir, 'o.sql'), tables: { t: 3 } }),
    ).rejects.toMatchObject({ code: 'UNIQUE_SPACE_TOO_SMALL', data: { requested: 3, capacity: 2 } });
  });

  it('NOT NULL self-reference: a tree whose root points to itself', async () => {
    const { target } = await load(`
      CREATE TABLE node (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES node (id), label text);`);
    const [roots] = await target.query<{ n: string }>('SELECT count(*) AS n FROM node WHERE id = parent_id');
    expect(roots?.n).toBe('1');
    // Every chain reaches the root: a tree, not cycles.
    const [reach] = await target.query<{ n: string }>(`
      WITH RECURSIVE up AS (SELECT id, parent_id FROM node WHERE id = parent_id
        UNION ALL SELECT n.id, n.parent_id FROM node n JOIN up ON n.parent_id = up.id AND n.id <> n.parent_id)
      SELECT count(*) AS n FROM up`);
    expect(reach?.n).toBe('2000');
  });

  it('FKs to a partitioned table; HASH and LIST partitions; every row lands in a partition', async () => {
    const { counts } = await load(`
      CREATE TABLE customer (id bigint PRIMARY KEY, region text NOT NULL) PARTITION BY HASH (id);
      CREATE TABLE customer_0 PARTITION OF customer FOR VALUES WITH (MODULUS 2, REMAINDER 0);
      CREATE TABLE customer_1 PARTITION OF customer FOR VALUES WITH (MODULUS 2, REMAINDER 1);
      CREATE TABLE event (id bigint NOT NULL, kind text NOT NULL, customer_id bigint REFERENCES customer,
        PRIMARY KEY (kind, id)) PARTITION BY LIST (kind);
      CREATE TABLE event_a PARTITION OF event FOR VALUES IN ('signup', 'login');
      CREATE TABLE event_b PARTITION OF event FOR VALUES IN ('purchase');`);
    expect((counts.get('public.customer_0') ?? 0) + (counts.get('public.customer_1') ?? 0)).toBe(2000);
    expect((counts.get('public.event_a') ?? 0) + (counts.get('public.event_b') ?? 0)).toBe(2000);
    expect(counts.get('public.event_a')).toBeGreaterThan(0);
    expect(counts.get('public.event_b')).toBeGreaterThan(0);
  });

  it('junction tables: the pair is unique and both sides are valid FKs, up to the pair space', async () => {
    const { target, counts } = await load(
      `CREATE TABLE a (id int PRIMARY KEY);
       CREATE TABLE b (id uuid PRIMARY KEY);
       CREATE TABLE a_b (a_id int NOT NULL REFERENCES a, b_id uuid NOT NULL REFERENCES b, PRIMARY KEY (a_id, b_id));`,
      { tables: { a: 40, b: 50, a_b: 2000 } },
    );
    expect(counts.get('public.a_b')).toBe(2000);
    const [spread] = await target.query<{ a: string; b: string }>(
      'SELECT count(DISTINCT a_id) AS a, count(DISTINCT b_id) AS b FROM a_b',
    );
    expect(Number(spread?.a)).toBeGreaterThan(35);
    expect(Number(spread?.b)).toBeGreaterThan(45);
  });

  it('partial, NULLS NOT DISTINCT and expression uniques; a session-setting DEFAULT; FK to a UNIQUE non-PK column; no PK; inheritance', async () => {
    const { target, counts } = await load(`
      CREATE TABLE tenant (id int PRIMARY KEY, slug varchar(30) NOT NULL UNIQUE);
      CREATE TABLE member (
        tenant_slug varchar(30) NOT NULL REFERENCES tenant (slug) ON UPDATE CASCADE ON DELETE CASCADE,
        email text NOT NULL,
        nickname text,
        deleted_at timestamptz,
        owner text NOT NULL DEFAULT current_setting('app.current_user'),
        UNIQUE NULLS NOT DISTINCT (tenant_slug, nickname)
      );
      CREATE UNIQUE INDEX member_live_email ON member (lower(email)) WHERE deleted_at IS NULL;
      CREATE UNIQUE INDEX member_nick ON member (tenant_slug, coalesce(nickname, ''));
      CREATE TABLE log (at timestamptz NOT NULL, line text);
      CREATE TABLE log_2026 (CHECK (at >= '2026-01-01')) INHERITS (log);`);
    expect(counts.get('public.member')).toBe(2000);
    expect(counts.get('public.log_2026')).toBe(2000);
    const [m] = await target.query<{ n: string; emails: string; nicks: string }>(`
      SELECT count(*) AS n, count(DISTINCT lower(email)) AS emails,
             count(DISTINCT (tenant_slug, coalesce(nickname, ''))) AS nicks FROM member`);
    expect(m).toEqual({ n: '2000', emails: '2000', nicks: '2000' });
    const [idx] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'member' AND indexdef LIKE '%UNIQUE%'",
    );
    expect(idx?.n).toBe('3');
  });

  it('identity ALWAYS and generated columns with --inserts; DEFERRABLE INITIALLY DEFERRED cycles', async () => {
    const { counts } = await load(
      `CREATE TABLE p (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, c int NOT NULL,
         doubled int GENERATED ALWAYS AS (id * 2) STORED);
       CREATE TABLE c (id int PRIMARY KEY, p_id int NOT NULL REFERENCES p DEFERRABLE INITIALLY DEFERRED);
       ALTER TABLE p ADD CONSTRAINT p_c_fkey FOREIGN KEY (c) REFERENCES c DEFERRABLE INITIALLY DEFERRED;`,
      { inserts: true, rowsPerInsert: 333 },
    );
    expect(counts.get('public.p')).toBe(2000);
    expect(counts.get('public.c')).toBe(2000);
  });
});
