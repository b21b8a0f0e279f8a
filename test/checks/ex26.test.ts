/**
 * Issue 8 (ex26): rows needlessly cut where constraints meet. Each shape generated at version 18 (as
 * before) and 19 (the fix), loaded as a plain script (psql ON_ERROR_STOP) and a custom archive
 * (pg_restore) with every constraint in place, rows counted.
 */
import { describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive, writeDdlFiles } from '../helpers/load-generated.js';

const db = useTestDatabase('ex26shapes');

const TAGS = `CREATE TABLE users (id int PRIMARY KEY);
  CREATE TABLE groups (id int PRIMARY KEY);
  CREATE TABLE tags (id serial PRIMARY KEY, user_id int REFERENCES users, group_id int REFERENCES groups,
    tag text NOT NULL CHECK (tag IN ('red', 'green', 'blue')), UNIQUE (user_id, tag),
    CHECK (num_nonnulls(user_id, group_id) = 1));
  CREATE TABLE tags2 (id serial PRIMARY KEY, user_id int REFERENCES users, group_id int REFERENCES groups,
    tag text NOT NULL CHECK (tag IN ('red', 'green', 'blue')), UNIQUE (user_id, tag),
    CHECK ((user_id IS NULL) <> (group_id IS NULL)));
  CREATE TABLE plain (id serial PRIMARY KEY, user_id int REFERENCES users,
    tag text NOT NULL CHECK (tag IN ('red', 'green', 'blue')), UNIQUE (user_id, tag));`;

const PERIODS = `CREATE EXTENSION IF NOT EXISTS btree_gist;
  CREATE TABLE rooms (id int PRIMARY KEY);
  CREATE TABLE booking (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms,
    start_at timestamp NOT NULL, end_at timestamp NOT NULL, CHECK (start_at < end_at),
    EXCLUDE USING gist (room_id WITH =, tsrange(start_at, end_at) WITH &&));
  CREATE TABLE stay (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms,
    arrives date NOT NULL, leaves date NOT NULL, CHECK (arrives <= leaves),
    EXCLUDE USING gist (room_id WITH =, daterange(arrives, leaves, '[]') WITH &&));
  CREATE TABLE hold (id serial PRIMARY KEY, room_id int REFERENCES rooms, starts timestamptz, ends timestamptz,
    CHECK (starts >= '2025-06-01'), EXCLUDE USING gist (room_id WITH =, tstzrange(starts, ends) WITH &&));
  CREATE TABLE slot (id serial PRIMARY KEY, a timestamp NOT NULL, b timestamp NOT NULL,
    EXCLUDE USING gist (tsrange(a, b) WITH &&));
  CREATE TABLE shared (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms,
    a timestamp NOT NULL, b timestamp NOT NULL UNIQUE,
    EXCLUDE USING gist (room_id WITH =, tsrange(a, b) WITH &&));`;

describe('ex26: rows cut where constraints meet', () => {
  it('EXCLUDE (room_id WITH =, tsrange(start_at, end_at) WITH &&) and its kin: disjoint periods per room from both columns', async () => {
    const options = { defaultRows: 200, tables: { rooms: 5 }, seed: 26 };
    const tables = ['booking', 'stay', 'hold', 'slot', 'shared'];
    const counts = (c: Map<string, number>) => tables.map((t) => c.get(`public.${t}`));
    // Version 18 (as before): the range element left out, one row per room (one row without an = element).
    const before = await loadScriptAndArchive(db, PERIODS, { ...options, generatorVersion: 18 });
    expect(counts(before.counts)).toEqual([5, 5, 5, 1, 5]);
    // Version 19: every row, each room's periods one after another; `shared`'s upper column is a key of its
    // own, so the element stays left out there (one row per room, as before).
    const after = await loadScriptAndArchive(db, PERIODS, { ...options, generatorVersion: 19 });
    expect(counts(after.counts)).toEqual([200, 200, 200, 200, 5]);
    const [row] = await after.target.query<Record<string, number>>(
      `SELECT (SELECT count(DISTINCT room_id) FROM booking)::int AS rooms,
         (SELECT count(*) FROM booking b JOIN booking o ON o.id <> b.id AND o.room_id = b.room_id
            AND tsrange(o.start_at, o.end_at) && tsrange(b.start_at, b.end_at))::int AS overlaps,
         (SELECT count(*) FROM hold WHERE starts IS NULL OR ends IS NULL OR starts < '2025-06-01')::int AS holds,
         (SELECT count(*) FROM stay WHERE leaves < arrives)::int AS backwards,
         (SELECT count(DISTINCT (start_at, end_at)) FROM booking)::int AS periods`,
    );
    expect(row).toEqual({ rooms: 5, overlaps: 0, holds: 0, backwards: 0, periods: 200 });
    const narrowed = after.result.warnings.filter((w) => w.code === 'EXCLUSION_NARROWED').map((w) => w.where);
    expect(narrowed).toEqual(['public.shared']);
  });

  it("datagen plan tells both columns of a two-column period as the EXCLUDE's bounds, not as a history", async () => {
    const schema = writeDdlFiles(tempDir(), PERIODS);
    const { plan, schema: model } = await planGeneration({
      schema: [schema],
      defaultRows: 200,
      tables: { rooms: 5 },
      generatorVersion: 19,
    });
    const booking = describePlan(plan, model ?? undefined).tables.find((t) => t.table === 'public.booking');
    const source = (name: string) => booking?.columns.find((c) => c.name === name)?.source ?? '';
    expect(source('start_at')).toMatch(
      /^booking_room_id_tsrange_excl: the lower bound of each key's periods/,
    );
    expect(source('end_at')).toMatch(/^booking_room_id_tsrange_excl: the upper bound of each key's periods/);
    expect(source('start_at')).not.toContain('history');
  });

  it("daterange(a, b, '[]') with CHECK (a < b), 400 stays a room: each period two days or more, so the inclusive end stays after the start", async () => {
    // A slot of two days, its period one day long, gave a = b: the CHECK failed on row 0 and the table was empty.
    const ddl = `CREATE EXTENSION IF NOT EXISTS btree_gist;
      CREATE TABLE rooms (id int PRIMARY KEY);
      CREATE TABLE stay (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms,
        a date NOT NULL, b date NOT NULL, CHECK (a < b),
        EXCLUDE USING gist (room_id WITH =, daterange(a, b, '[]') WITH &&));`;
    const options = { defaultRows: 2000, tables: { rooms: 5 }, seed: 4 };
    const before = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 18 });
    expect(before.counts.get('public.stay')).toBe(5);
    const after = await loadScriptAndArchive(db, ddl, { ...options, generatorVersion: 19 });
    expect(after.counts.get('public.stay')).toBe(2000);
    expect(after.result.warnings).toEqual([]);
  });

  it('UNIQUE (user_id, tag) beside an exactly-one-of CHECK: rows with user_id NULL do not count against the room', async () => {
    const options = { defaultRows: 200, tables: { users: 5, groups: 5 }, seed: 26 };
    // Version 18 (as before): 5 users x 3 tags, 15 rows of 200.
    const before = await loadScriptAndArchive(db, TAGS, { ...options, generatorVersion: 18 });
    expect(before.counts.get('public.tags')).toBe(15);
    expect(before.counts.get('public.tags2')).toBe(15);
    expect(before.counts.get('public.plain')).toBe(15);
    // Version 19: every row; past the key's 15 tuples user_id is NULL, so the group is set.
    const after = await loadScriptAndArchive(db, TAGS, { ...options, generatorVersion: 19 });
    for (const table of ['tags', 'tags2', 'plain']) expect(after.counts.get(`public.${table}`)).toBe(200);
    for (const table of ['tags', 'tags2']) {
      const [row] = await after.target.query<{ users: number; groups: number; both: number; pairs: number }>(
        `SELECT count(user_id)::int AS users, count(group_id)::int AS groups,
           count(*) FILTER (WHERE (user_id IS NULL) = (group_id IS NULL))::int AS both,
           count(DISTINCT (user_id, tag)) FILTER (WHERE user_id IS NOT NULL)::int AS pairs FROM ${table}`,
      );
      expect(row?.both).toBe(0);
      expect(row?.users).toBeGreaterThan(0);
      expect((row?.users ?? 0) + (row?.groups ?? 0)).toBe(200);
      expect(row?.pairs).toBe(row?.users);
    }
    expect(after.result.warnings).toContainEqual(
      expect.objectContaining({ code: 'COLUMN_LEFT_NULL', where: 'public.tags.user_id' }),
    );
  });

  it("Boundary's iam_scope: primary_auth_method_id filled where the composite FK back to its own scope can be met", async () => {
    // The column has its own FK to auth_method (public_id) beside the composite one; the scope's key is a
    // domain's (length > 10 or 'global'), 'global' held for iam_scope_global.
    const ddl = `CREATE DOMAIN wt_scope_id AS text CHECK (length(trim(VALUE)) > 10 OR VALUE = 'global');
      CREATE DOMAIN wt_public_id AS text CHECK (length(trim(VALUE)) > 10);
      CREATE TABLE iam_scope (public_id wt_scope_id PRIMARY KEY, name text);
      CREATE TABLE iam_scope_global (
        scope_id wt_scope_id PRIMARY KEY REFERENCES iam_scope (public_id) CHECK (scope_id = 'global'));
      CREATE TABLE auth_method (public_id wt_public_id PRIMARY KEY,
        scope_id wt_scope_id NOT NULL REFERENCES iam_scope (public_id), UNIQUE (scope_id, public_id));
      ALTER TABLE iam_scope ADD COLUMN primary_auth_method_id wt_public_id
        CONSTRAINT auth_method_fkey REFERENCES auth_method (public_id) ON UPDATE CASCADE ON DELETE SET NULL;
      ALTER TABLE iam_scope ADD CONSTRAINT auth_method FOREIGN KEY (public_id, primary_auth_method_id)
        REFERENCES auth_method (scope_id, public_id);`;
    const filled = async (generatorVersion: number, methods: number) => {
      const loaded = await loadScriptAndArchive(db, ddl, {
        defaultRows: 60,
        tables: { auth_method: methods },
        seed: 3,
        generatorVersion,
      });
      expect(loaded.counts.get('public.iam_scope')).toBe(60);
      expect(loaded.counts.get('public.auth_method')).toBe(methods);
      const [row] = await loaded.target.query<{ n: number; own: number }>(
        `SELECT count(primary_auth_method_id)::int AS n, count(*) FILTER (WHERE m.scope_id = s.public_id)::int AS own
           FROM iam_scope s LEFT JOIN auth_method m ON m.public_id = s.primary_auth_method_id`,
      );
      return { n: row?.n, own: row?.own, warnings: loaded.result.warnings.map((w) => w.code) };
    };
    // Version 18 (as before): NULL in every row, warned.
    expect(await filled(18, 60)).toEqual({ n: 0, own: 0, warnings: ['COLUMN_LEFT_NULL', 'ROWS_REDUCED'] });
    // Version 19: each scope's primary method is one of its own; past the methods' rows NULL. (ROWS_REDUCED:
    // iam_scope_global's one 'global'.)
    expect(await filled(19, 60)).toEqual({ n: 60, own: 60, warnings: ['ROWS_REDUCED'] });
    expect(await filled(19, 40)).toEqual({ n: 40, own: 40, warnings: ['ROWS_REDUCED'] });
  });
});
