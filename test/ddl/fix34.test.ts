/**
 * Issue 8 (fix 34), each from its minimal shape, loaded as a script (psql ON_ERROR_STOP) and a custom archive
 * (pg_restore --exit-on-error) with every constraint: defects earlier sessions found and left.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
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
