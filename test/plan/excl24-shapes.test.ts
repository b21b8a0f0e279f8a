/**
 * Issue 8 (excl24): EXCLUDE constraints over ranges, boxes and circles, loaded with every constraint in place
 * as a plain script (psql) and a custom archive (pg_restore -j 2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GenerateOptions, generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('excl24shapes');

/** The DDL as a script (psql) and a custom archive (pg_restore -j 2): the same rows in both, every constraint valid. */
async function loadBoth(
  ddl: string,
  options: Omit<GenerateOptions, 'schema' | 'output'>,
): Promise<{ counts: Record<string, number>; warnings: string[]; script: TestDatabase }> {
  const { counts, result, target } = await loadScriptAndArchive(db, ddl, options, { jobs: 2 });
  return {
    counts: Object.fromEntries(counts),
    warnings: result.warnings.map((w) => w.message),
    script: target,
  };
}

const BOOKINGS = `CREATE EXTENSION IF NOT EXISTS btree_gist;
  CREATE TABLE rooms (id int PRIMARY KEY);
  CREATE TABLE booking (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms, during tsrange NOT NULL,
    EXCLUDE USING gist (room_id WITH =, during WITH &&));`;

describe('excl24: EXCLUDE shapes', () => {
  it('EXCLUDE (room_id WITH =, during WITH &&) over each range type: every row, each room its own recent periods one after another', async () => {
    // Before: every row loaded, but with one-second ranges spread over the years 2000-9999 and rooms picked by
    // the FK's fan-out (a room with 962 bookings, another with none).
    const ranges = { tsrange: 'tsrange', tstzrange: 'tstzrange', dates: 'daterange', seats: 'int4range' };
    const more = Object.entries({ ...ranges, big: 'int8range', amounts: 'numrange' })
      .filter(([name]) => name !== 'tsrange')
      .map(
        ([name, type]) => `CREATE TABLE ${name} (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms,
          during ${type} NOT NULL, EXCLUDE USING gist (room_id WITH =, during WITH &&));`,
      )
      .join('\n');
    const { counts, warnings, script } = await loadBoth(`${BOOKINGS}\n${more}`, {
      defaultRows: 2000,
      tables: { rooms: 5 },
      seed: 1,
    });
    expect(counts).toEqual({
      'public.rooms': 5,
      'public.booking': 2000,
      'public.tstzrange': 2000,
      'public.dates': 2000,
      'public.seats': 2000,
      'public.big': 2000,
      'public.amounts': 2000,
    });
    expect(warnings).toEqual([]);
    const perRoom = await script.query<{ room_id: number; n: number }>(
      'SELECT room_id, count(*)::int AS n FROM booking GROUP BY room_id ORDER BY room_id',
    );
    expect(perRoom.map((r) => [r.room_id, r.n])).toEqual([1, 2, 3, 4, 5].map((r) => [r, 400]));
    // Each room's periods follow one another over the last three years: no gap of a week between a booking
    // and the room's next; the dates likewise.
    const [gaps] = await script.query<{ close: boolean; span: boolean; dates: string }>(
      `SELECT (SELECT max(next_start - upper(during)) < interval '1 week' FROM (SELECT during,
                lead(lower(during)) OVER (PARTITION BY room_id ORDER BY lower(during)) AS next_start FROM booking) g) AS close,
              (SELECT min(lower(during)) >= '2023-01-01' AND max(upper(during)) <= '2026-01-01' FROM booking) AS span,
              (SELECT min(lower(during))::text || ' ' || max(upper(during))::text FROM dates) AS dates`,
    );
    expect(gaps).toMatchObject({ close: true, span: true });
    expect(gaps?.dates).toMatch(/^202[0-5]-\d\d-\d\d 202[56]-\d\d-\d\d$/);
  });

  it('EXCLUDE with && alone, = alone, a WHERE, CHECKs on the bounds; boxes and circles apart', async () => {
    // Before: the CHECKed table got no rows ('row 0 still fails CHECK ... lower(during) >= 2020-01-01'), boxes and
    // circles 1 row each (EXCLUSION_NOT_PLANNED).
    const ddl = `${BOOKINGS}
      CREATE TABLE slot (id serial PRIMARY KEY, during tstzrange NOT NULL, EXCLUDE USING gist (during WITH &&));
      CREATE TABLE coded (id serial PRIMARY KEY, code int NOT NULL, EXCLUDE USING gist (code WITH =));
      CREATE TABLE partial (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms, during tsrange NOT NULL,
        cancelled boolean NOT NULL, EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE (NOT cancelled));
      CREATE TABLE checked (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms, during tstzrange NOT NULL,
        EXCLUDE USING gist (room_id WITH =, during WITH &&), CHECK (lower(during) >= '2025-10-01'),
        CHECK (NOT isempty(during)), CHECK (NOT upper_inf(during)));
      CREATE TABLE boxes (id serial PRIMARY KEY, b box NOT NULL, EXCLUDE USING gist (b WITH &&));
      CREATE TABLE circles (id serial PRIMARY KEY, c circle NOT NULL, EXCLUDE USING gist (c WITH &&));`;
    const { counts, warnings, script } = await loadBoth(ddl, {
      defaultRows: 400,
      tables: { rooms: 5 },
      seed: 2,
    });
    expect(counts).toEqual({
      'public.rooms': 5,
      'public.booking': 400,
      'public.slot': 400,
      'public.coded': 400,
      'public.partial': 400,
      'public.checked': 400,
      'public.boxes': 400,
      'public.circles': 400,
    });
    expect(warnings).toEqual([]);
    const [bounds] = await script.query<{ first: string; last: string }>(
      'SELECT min(lower(during))::text AS first, max(upper(during))::text AS last FROM checked',
    );
    expect((bounds?.first ?? '') >= '2025-10-01', bounds?.first).toBe(true);
    expect((bounds?.last ?? 'z') <= '2026-01-01 00:00:00+00', bounds?.last).toBe(true);
  });

  it('ranges a CHECK makes unbounded above (upper_inf) all overlap: one row per room, told, at version 16 too', async () => {
    // Before: exit 0, and the load stopped at 'could not create exclusion constraint "open_room_id_during_excl"'.
    const ddl = `${BOOKINGS}
      CREATE TABLE open (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms, during tstzrange NOT NULL,
        EXCLUDE USING gist (room_id WITH =, during WITH &&), CHECK (upper_inf(during)));`;
    for (const generatorVersion of [16, 17]) {
      const { counts, warnings } = await loadBoth(ddl, {
        defaultRows: 50,
        tables: { rooms: 5 },
        seed: 3,
        generatorVersion,
      });
      expect(counts).toEqual({ 'public.rooms': 5, 'public.booking': 50, 'public.open': 5 });
      expect(warnings.join('\n')).toMatch(
        /public\.open: EXCLUDE open_room_id_during_excl \(room_id, during\) allows only 5 distinct values .*public\.open\.during: its ranges have an infinite bound, so any two overlap/,
      );
    }
  });

  it("PostgreSQL 18's PRIMARY KEY (room_id, during WITHOUT OVERLAPS): the same periods, checked on 15 by the EXCLUDE it stands for", async () => {
    const dir = tempDir('excl24-temporal-');
    const schema = join(dir, 'schema.sql');
    writeFileSync(
      schema,
      `CREATE TABLE rooms (id int PRIMARY KEY);
       CREATE TABLE booking (room_id int NOT NULL REFERENCES rooms, during tstzrange NOT NULL,
         PRIMARY KEY (room_id, during WITHOUT OVERLAPS));`,
    );
    const output = join(dir, 'data.copy');
    await generate({
      schema: [schema],
      output,
      format: 'copy',
      defaultRows: 2000,
      tables: { rooms: 5 },
      seed: 6,
    });
    const target = await db.createSibling();
    await target.query(`CREATE EXTENSION btree_gist; CREATE TABLE rooms (id int PRIMARY KEY);
      CREATE TABLE booking (room_id int NOT NULL REFERENCES rooms, during tstzrange NOT NULL CHECK (NOT isempty(during)),
        EXCLUDE USING gist (room_id WITH =, during WITH &&))`);
    await target.psqlFileAsync(output);
    const rooms = await target.query<{ n: number; recent: boolean }>(
      `SELECT count(*)::int AS n, min(lower(during)) >= '2023-01-01' AS recent FROM booking GROUP BY room_id`,
    );
    expect(rooms).toEqual([1, 2, 3, 4, 5].map(() => ({ n: 400, recent: true })));
  });

  it('the booking shape at 25,000 rows: the same bytes with -j 2 as with -j 1', async () => {
    const dir = tempDir('excl24-jobs-');
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, BOOKINGS);
    const run = async (workers: number) => {
      const output = join(dir, `j${workers}.sql`);
      await generate({
        schema: [schema],
        output,
        defaultRows: 25_000,
        tables: { rooms: 5 },
        seed: 4,
        workers,
        ...(workers > 1 ? { blockRows: 2000 } : {}),
      });
      return readFileSync(output);
    };
    const one = await run(1);
    const two = await run(2);
    expect(two.equals(one)).toBe(true);
    const target = await db.createSibling();
    await target.psqlFileAsync(join(dir, 'j2.sql'));
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.rooms': 5,
      'public.booking': 25_000,
    });
  });

  it('a YAML spec says exclude: and indexes: (partial, unique, on an expression); a mistake is told at its place', async () => {
    // Before: a spec had no key for an EXCLUDE constraint or an index ("unknown key exclude").
    const spec = `extensions: [btree_gist]
tables:
  rooms:
    columns:
      id: {type: int, primary_key: true}
  booking:
    columns:
      id: {type: serial, primary_key: true}
      room_id: {type: int, not_null: true, references: rooms}
      during: {type: tstzrange, not_null: true}
      cancelled: {type: boolean, not_null: true}
      email: text
    exclude:
      - with: {room_id: "=", during: "&&"}
        where: NOT cancelled
        name: no_double_booking
    indexes:
      - {columns: ["lower(email)"], unique: true, where: NOT cancelled}
      - {columns: [room_id, cancelled], name: booking_room}
`;
    const dir = tempDir('excl24-spec-');
    const file = join(dir, 'booking.yaml');
    writeFileSync(file, spec);
    const output = join(dir, 'data.sql');
    await generate({ schema: [file], output, seed: 5, tables: { rooms: 5, booking: 300 } });
    const target = await db.createSibling();
    await target.psqlFileAsync(output);
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.rooms': 5,
      'public.booking': 300,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    const made = await target.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'no_double_booking'
       UNION ALL SELECT indexdef FROM pg_indexes WHERE tablename = 'booking' AND indexname <> 'booking_pkey'
       ORDER BY 1`,
    );
    expect(made.map((m) => m.def)).toEqual([
      'CREATE INDEX booking_room ON public.booking USING btree (room_id, cancelled)',
      'CREATE INDEX no_double_booking ON public.booking USING gist (room_id, during) WHERE (NOT cancelled)',
      'CREATE UNIQUE INDEX booking_lower_idx ON public.booking USING btree (lower(email)) WHERE (NOT cancelled)',
      'EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE ((NOT cancelled))',
    ]);
    writeFileSync(file, spec.replace('during: "&&"', 'during: overlaps'));
    await expect(generate({ schema: [file], output, seed: 5 })).rejects.toThrow(
      /booking\.yaml:14:\d+: tables\.booking\.exclude\[0\]\.with\.during expects an operator/,
    );
  });
});
