/**
 * Issue 8 (fix 34), each from its minimal shape, loaded as a script (psql ON_ERROR_STOP) and a custom archive
 * (pg_restore --exit-on-error) with every constraint: defects earlier sessions found and left.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('fix34');

/** A serial key whose CHECK moves it (the keys 1000, 1001, …) and a child of it. */
const movedSerial = `CREATE TABLE t (id serial PRIMARY KEY CHECK (id >= 1000), name text);
CREATE TABLE c (id serial PRIMARY KEY, t_id int REFERENCES t);
`;

describe('fix 34: sequences', () => {
  it.each([25, 27])(
    'version %i: a serial CHECK (id >= 1000) moves the keys; setval leaves the sequence past them, so an INSERT after the load takes the next one (it took 11: the CHECK failed)',
    async (generatorVersion) => {
      const { target, restored } = await loadScriptAndArchive(db, movedSerial, {
        defaultRows: 8,
        seed: 1,
        generatorVersion,
      });
      for (const loaded of [target, restored]) {
        const [row] = await loaded.query<{ id: string; last: string }>(
          "INSERT INTO t (name) VALUES ('new') RETURNING id::text, (SELECT max(id) FROM t)::text AS last",
        );
        expect(row).toEqual({ id: '1008', last: '1007' });
        const [child] = await loaded.query<{ id: string }>('INSERT INTO c DEFAULT VALUES RETURNING id::text');
        expect(child?.id).toBe('9');
      }
    },
  );
});

/** koji's versioned tables: `active` true or NULL, UNIQUE with the row's target, a revoked row's columns by CHECK. */
const versioned = `CREATE TABLE events (id serial PRIMARY KEY);
CREATE TABLE users (id serial PRIMARY KEY);
CREATE TABLE build_target (id serial PRIMARY KEY, name text UNIQUE NOT NULL);
CREATE TABLE build_target_config (
  build_target_id int NOT NULL REFERENCES build_target (id),
  create_event int NOT NULL REFERENCES events (id),
  revoke_event int REFERENCES events (id),
  creator_id int NOT NULL REFERENCES users (id),
  revoker_id int REFERENCES users (id),
  active boolean DEFAULT 'true' CHECK (active),
  CONSTRAINT active_revoke_sane CHECK (
    (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
    OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
  PRIMARY KEY (create_event, build_target_id),
  UNIQUE (build_target_id, active)
);
`;

describe('fix 34: --append', () => {
  it("version 27: koji's versioned table appended to: the rows its key and CHECK cannot take are left out, warned (it stopped: row 29 still fails CHECK active_revoke_sane; version 28 appends them, do35)", async () => {
    const target = await siblingWith(db, versioned);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 30, seed: 1, generatorVersion: 27 });
    const result = await generate({
      connection,
      defaultRows: 30,
      seed: 2,
      append: true,
      generatorVersion: 27,
    });
    const [row] = await target.query<{ n: number; events: number }>(
      'SELECT (SELECT count(*)::int FROM build_target_config) AS n, (SELECT count(*)::int FROM events) AS events',
    );
    expect(row?.events).toBe(60);
    expect(row?.n).toBeGreaterThanOrEqual(30);
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^public\.build_target_config: its key build_target_config_build_target_id_active_key/,
      ),
    );
  });
});

/** AppFlowy's migrations: a type made under a handler for "exists already" beside one that only re-raises. */
const reRaised = `DO $$ BEGIN
  CREATE TYPE ticket_status AS ENUM ('open', 'closed');
EXCEPTION
  WHEN duplicate_object THEN NULL;
  WHEN OTHERS THEN RAISE;
END $$;
CREATE TABLE ticket (id serial PRIMARY KEY, status ticket_status NOT NULL);
`;

describe('fix 34: DO blocks', () => {
  it('version 27: a handler that only re-raises (WHEN OTHERS THEN RAISE) leaves the block read as its DDL: the table of its type gets rows (it was opaque)', async () => {
    const { counts, target } = await loadScriptAndArchive(db, reRaised, {
      defaultRows: 10,
      seed: 3,
      generatorVersion: 27,
    });
    expect(counts.get('public.ticket')).toBe(10);
    const statuses = await target.query<{ status: string }>('SELECT DISTINCT status::text FROM ticket');
    expect(statuses.every((r) => ['open', 'closed'].includes(r.status))).toBe(true);
  });
});

/** A generated column that is also a foreign key: its values are computed, never picked from the parent. */
const generatedKey = `CREATE TABLE p (id int PRIMARY KEY, name text);
CREATE TABLE c (id serial PRIMARY KEY, a int NOT NULL, b int GENERATED ALWAYS AS (a * 2) STORED REFERENCES p (id));
`;

describe('fix 34: generated foreign keys', () => {
  it('version 23 too: b GENERATED ALWAYS AS (a * 2) STORED REFERENCES p leaves c without rows, warned, and the output loads (it failed: b not in p)', async () => {
    const { counts, result } = await loadScriptAndArchive(db, generatedKey, {
      defaultRows: 10,
      seed: 4,
      generatorVersion: 23,
    });
    expect(counts.get('public.p')).toBe(10);
    expect(counts.get('public.c') ?? 0).toBe(0);
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^public\.c gets no rows instead of 10: foreign key c_b_fkey \(b\) is on the generated column b/,
      ),
    );
  });
});
