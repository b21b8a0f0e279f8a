import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('shapes of hunt 12 (real schemas never tried)', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt12shapes');
  });
  afterAll(async () => db.close());

  it('range constructors over two columns in a generated column, an index or an EXCLUDE element get their lower bound first (Prisma reservation, Easybox, parking kits)', async () => {
    // Before: exit 0, and the load stopped at 'range lower bound must be less than or equal to range upper bound'
    // (the COPY of the generated column, CREATE INDEX, ADD CONSTRAINT EXCLUDE): "startAt"/"endAt", opens/closes and
    // a/b carry no name datagen orders, and nothing read the constructor.
    const { counts, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE EXTENSION IF NOT EXISTS btree_gist;
       CREATE TABLE "Room" (id text PRIMARY KEY);
       CREATE TABLE "Reservation" (id text PRIMARY KEY, "roomId" text NOT NULL REFERENCES "Room" (id),
         "startAt" timestamp(3) NOT NULL, "endAt" timestamp(3) NOT NULL, status text NOT NULL);
       ALTER TABLE "Reservation" ADD COLUMN "timeRange" tsrange GENERATED ALWAYS AS (tsrange("startAt", "endAt", '[)')) STORED;
       ALTER TABLE "Reservation" ADD CONSTRAINT reservation_no_overlap
         EXCLUDE USING gist ("roomId" WITH =, "timeRange" WITH &&) WHERE (status IN ('CONFIRMED', 'BLOCKED'));
       CREATE TABLE slot (id int PRIMARY KEY, opens timestamptz, closes timestamptz, lo int, hi int);
       CREATE INDEX slot_span ON slot USING gist (tstzrange(opens, closes));
       CREATE INDEX slot_nums ON slot USING gist (int4range(lo, hi, '[]'));
       CREATE TABLE lease (id int PRIMARY KEY, car int NOT NULL, a date NOT NULL, b date NOT NULL,
         EXCLUDE USING gist (car WITH =, daterange(a, b) WITH &&));`,
      { defaultRows: 200, seed: 1 },
    );
    expect(counts.get('public.Reservation')).toBe(200);
    expect(counts.get('public.slot')).toBe(200);
    expect(counts.get('public.lease')).toBe(200);
    for (const t of [target, restored]) {
      const [row] = await t.query<{ n: string }>(
        `SELECT count(*) AS n FROM slot WHERE opens IS NOT NULL AND closes IS NOT NULL AND lo IS NOT NULL AND hi IS NOT NULL`,
      );
      expect(Number(row?.n)).toBeGreaterThan(100);
    }
  });

  it('a CHECK on a range a constructor makes of two columns is evaluated, not a reason to leave the table empty (NOT isempty(daterange(since, until)))', async () => {
    // Before: 'CHECK lease_check ... cannot be read by datagen (function daterange())', and the table got no rows.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE lease (id int PRIMARY KEY, since date NOT NULL, until date NOT NULL,
         lo int NOT NULL, hi int NOT NULL,
         CHECK (NOT isempty(daterange(since, until))),
         CHECK (NOT isempty(int4range(lo, hi, '(]'))));`,
      { defaultRows: 100, seed: 2 },
    );
    expect(counts.get('public.lease')).toBe(100);
    expect(result.warnings.map((w) => w.message)).toEqual([]);
  });

  it('expressions PostgreSQL computes on every row that refuse some values (make_date, sqrt, division) in a generated column or an index: rows made to compute them', async () => {
    // Before: exit 0, and the load stopped at 'date field value out of range: 13871-34096-26644' (the COPY of the
    // generated column) or 'cannot take square root of a negative number' (CREATE INDEX).
    const { counts, result, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE ev (id int PRIMARY KEY, y int NOT NULL, m int NOT NULL, d int NOT NULL,
         day date GENERATED ALWAYS AS (make_date(y, m, d)) STORED);
       CREATE TABLE stat (id int PRIMARY KEY, hits int NOT NULL, misses int NOT NULL);
       CREATE INDEX stat_ratio ON stat ((hits / misses));
       CREATE INDEX stat_sqrt ON stat ((sqrt(hits - misses)));
       CREATE TABLE line (id int PRIMARY KEY, total numeric(12,2) NOT NULL, qty int NOT NULL,
         unit numeric GENERATED ALWAYS AS (total / qty) STORED);`,
      { defaultRows: 150, seed: 3 },
    );
    expect(counts.get('public.ev')).toBe(150);
    expect(counts.get('public.stat')).toBe(150);
    expect(counts.get('public.line')).toBe(150);
    const [row] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM stat WHERE hits < misses OR misses = 0',
    );
    expect(row?.n).toBe('0');
    expect(result.warnings.map((w) => w.message)).toEqual([]);
  });

  it('--strict takes a DDL wrapped in BEGIN/COMMIT, with a LOCK or a closing SELECT: left out, they change nothing (employees-for-PostgreSQL, MusicBrainz)', async () => {
    // Before: exit 2, '--strict: 1 construct would be handled by a fallback ... Select statement ... is not DDL'.
    const dir = tempDir('datagen-hunt12-');
    const schema = join(dir, 'schema.sql');
    const output = join(dir, 'out.sql');
    writeFileSync(
      schema,
      `BEGIN;
       CREATE TABLE departments (dept_no char(4) PRIMARY KEY, dept_name varchar(40) NOT NULL UNIQUE);
       LOCK TABLE departments IN ACCESS EXCLUSIVE MODE;
       COMMIT;
       SELECT 'PostgreSQL schema created successfully' AS info;`,
    );
    const result = await generate({ schema: [schema], output, defaultRows: 20, strict: true });
    expect(result.warnings.map((w) => w.code)).toEqual([
      'STATEMENT_SKIPPED',
      'STATEMENT_SKIPPED',
      'STATEMENT_SKIPPED',
    ]);
    const target = await db.createSibling();
    target.psqlFile(output);
    const [row] = await target.query<{ n: string }>('SELECT count(*) AS n FROM departments');
    expect(row?.n).toBe('20');
    // An INSERT left out loses the rows it wrote: still a degradation.
    writeFileSync(schema, `CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);`);
    await expect(generate({ schema: [schema], output, defaultRows: 5, strict: true })).rejects.toThrow(
      /--strict: 1 construct .*\n {2}Insert statement at .* is not DDL and left out/,
    );
  });

  it("a table selection leaves out pg_dump's INDEX ATTACH of the indexes of partitioned tables it leaves out (pg_partman schema, -n partman / -t one partition)", async () => {
    // Before: exit 0, and the load stopped at 'relation "public.ledger_pkey" does not exist': ALTER INDEX ... ATTACH
    // PARTITION names only indexes, so it stayed when their tables (and their CREATE INDEX / ADD CONSTRAINT) went.
    const ddl = `CREATE SCHEMA partman;
       CREATE TABLE partman.template_public_events (id bigint, created_at timestamptz);
       CREATE TABLE public.events (id bigint NOT NULL, created_at timestamptz NOT NULL, kind text) PARTITION BY RANGE (created_at);
       CREATE TABLE public.events_p1 (id bigint NOT NULL, created_at timestamptz NOT NULL, kind text);
       ALTER TABLE ONLY public.events ATTACH PARTITION public.events_p1 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
       CREATE TABLE public.ledger (account_id int NOT NULL, seq bigint NOT NULL) PARTITION BY RANGE (account_id);
       CREATE TABLE public.ledger_p0 (account_id int NOT NULL, seq bigint NOT NULL);
       ALTER TABLE ONLY public.ledger ATTACH PARTITION public.ledger_p0 FOR VALUES FROM (0) TO (100);
       ALTER TABLE ONLY public.events ADD CONSTRAINT events_pkey PRIMARY KEY (id, created_at);
       ALTER TABLE ONLY public.events_p1 ADD CONSTRAINT events_p1_pkey PRIMARY KEY (id, created_at);
       ALTER TABLE ONLY public.ledger ADD CONSTRAINT ledger_pkey PRIMARY KEY (account_id, seq);
       ALTER TABLE ONLY public.ledger_p0 ADD CONSTRAINT ledger_p0_pkey PRIMARY KEY (account_id, seq);
       CREATE INDEX events_kind_idx ON ONLY public.events USING btree (kind);
       CREATE INDEX events_p1_kind_idx ON public.events_p1 USING btree (kind);
       ALTER INDEX public.events_pkey ATTACH PARTITION public.events_p1_pkey;
       ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_p1_kind_idx;
       ALTER INDEX public.ledger_pkey ATTACH PARTITION public.ledger_p0_pkey;`;
    const onlyPartman = await loadScriptAndArchive(db, ddl, {
      defaultRows: 10,
      seed: 4,
      selection: { schemas: ['partman'] },
    });
    expect(Object.fromEntries(onlyPartman.counts)).toEqual({ 'partman.template_public_events': 10 });
    const onePartition = await loadScriptAndArchive(db, ddl, {
      defaultRows: 10,
      seed: 4,
      selection: { tables: ['public.events_p1'] },
    });
    expect(onePartition.counts.get('public.events_p1')).toBe(10);
    expect(onePartition.counts.has('public.ledger')).toBe(false);
    const [row] = await onePartition.restored.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'i'",
    );
    expect(row?.n).toBe('2');
  });
});
