import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
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
});
