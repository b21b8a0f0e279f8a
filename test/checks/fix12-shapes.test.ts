/**
 * The known open items of issue 8 (fix12), each reduced to a minimal shape,
 * generated and loaded into the real server with every constraint in place
 * (a plain script with psql ON_ERROR_STOP and a custom archive through
 * pg_restore --exit-on-error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

/** A boolean function datagen cannot read (a loop in plpgsql) that the server has. */
const OPAQUE = `CREATE FUNCTION opaque_ok(v text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
  DECLARE n int := 0;
  BEGIN
    FOR i IN 1..2 LOOP n := n + i; END LOOP;
    RETURN length(v) > n;
  END $$;`;

describe('fix12: known open items of issue 8', () => {
  beforeAll(async () => {
    db = await createTestDatabase('fix12shapes');
  });
  afterAll(async () => db.close());

  it('one cause, one warning: a table emptied by a CHECK it cannot read, one that never holds, a NOT NULL column without values', async () => {
    // Before: each of these tables had its cause's warning and then "public.x gets no rows instead of 40: <the same cause>".
    const { counts, result } = await loadScriptAndArchive(
      db,
      `${OPAQUE}
       CREATE TABLE unread (id int PRIMARY KEY, code text NOT NULL CHECK (opaque_ok(code)));
       CREATE TABLE never (id int PRIMARY KEY, k int CHECK (1 = 0));
       CREATE TABLE novalue (id int PRIMARY KEY, n int NOT NULL CHECK (n > 5 AND n < 3));
       CREATE TABLE child (id int PRIMARY KEY, unread_id int NOT NULL REFERENCES unread);
       CREATE TABLE fine (id int PRIMARY KEY, note text);`,
      { defaultRows: 40, seed: 1 },
    );
    for (const table of ['unread', 'never', 'novalue', 'child'])
      expect(counts.get(`public.${table}`)).toBe(0);
    expect(counts.get('public.fine')).toBe(40);
    const on = (table: string) =>
      result.warnings.filter((w) => w.where === `public.${table}` || w.where.startsWith(`public.${table}.`));
    expect(on('unread').map((w) => w.code)).toEqual(['CHECK_NOT_COMPILED']);
    expect(on('never').map((w) => w.code)).toEqual(['CHECK_UNSATISFIABLE']);
    expect(on('novalue').map((w) => w.code)).toEqual(['TABLE_LEFT_EMPTY']);
    for (const table of ['unread', 'never', 'novalue'])
      expect(on(table)[0]?.message, table).toContain(`public.${table} gets no rows`);
    // The child's own cause (its NOT NULL FK to an empty parent) is its one warning.
    expect(on('child')).toHaveLength(1);
    expect(on('child')[0]?.message).toContain('public.child gets no rows');
  });

  it('CHECKs grouped into one warning (one function, many tables) still leave each table a line saying it is empty', async () => {
    const { counts, result } = await loadScriptAndArchive(
      db,
      `${OPAQUE}
       CREATE TABLE a (id int PRIMARY KEY, code text NOT NULL CHECK (opaque_ok(code)));
       CREATE TABLE b (id int PRIMARY KEY, code text NOT NULL CHECK (opaque_ok(code)));
       CREATE TABLE c (id int PRIMARY KEY, code text NOT NULL CHECK (opaque_ok(code)));`,
      { defaultRows: 10, seed: 1 },
    );
    const grouped = result.warnings.filter((w) => w.code === 'CHECK_NOT_COMPILED');
    expect(grouped).toHaveLength(1);
    expect(grouped[0]?.message).toMatch(
      /^3 CHECKs on 3 tables cannot be read by datagen \(function opaque_ok\(\)\)/,
    );
    for (const table of ['a', 'b', 'c']) {
      expect(counts.get(`public.${table}`)).toBe(0);
      const told = result.warnings.filter((w) => w.where === `public.${table}` && w.code === 'TABLE_EMPTY');
      expect(told, table).toHaveLength(1);
    }
  });

  it('a composite FK sharing the table key is never left NULL in a column whose domain is NOT NULL (Boundary)', async () => {
    // Before: "auth_password_method.password_conf_id is left NULL in every row", exit 0, and the load stopped at
    // "domain wt_private_id does not allow null values".
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN wt_private_id AS text NOT NULL CHECK (length(trim(value)) > 10);
       CREATE TABLE auth_method (public_id wt_private_id PRIMARY KEY);
       CREATE TABLE pw_method (public_id wt_private_id PRIMARY KEY REFERENCES auth_method, conf_id wt_private_id);
       CREATE TABLE pw_conf (private_id wt_private_id PRIMARY KEY,
         method_id wt_private_id NOT NULL REFERENCES pw_method (public_id), UNIQUE (method_id, private_id));
       ALTER TABLE pw_method ADD CONSTRAINT current_conf_fkey FOREIGN KEY (public_id, conf_id)
         REFERENCES pw_conf (method_id, private_id);`,
      { defaultRows: 30, seed: 1 },
    );
    expect(result.warnings.filter((w) => w.where === 'public.pw_method.conf_id')).toEqual([]);
    expect(counts.get('public.pw_method')).toBeGreaterThan(0);
  });
});
