/**
 * `CREATE SCHEMA s CREATE VIEW v AS SELECT ... FROM t CREATE TABLE t (...)`: PostgreSQL (12-18) runs a CREATE
 * SCHEMA's elements by kind (sequences, tables, views, indexes, triggers, grants), so a view may be written
 * before the table it reads. datagen wrote the elements in the order written: the script stopped at the view
 * (relation "t" does not exist) after exit 0. Both outputs now load, with every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('schemaelts');

describe('CREATE SCHEMA elements in the order the server runs them', () => {
  it('a view, an index and a trigger written before their table load as PostgreSQL runs them', async () => {
    const ddl = `CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE SCHEMA s
  CREATE VIEW v AS SELECT id, name FROM t
  CREATE INDEX t_name ON t (name)
  CREATE TRIGGER t_noop BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION public.noop()
  CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL, n bigint DEFAULT nextval('q'))
  CREATE SEQUENCE q;
`;
    // The DDL itself is what the server accepts.
    expect(
      db.tryRun('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', '-'], Buffer.from(ddl)).status,
    ).toBe(0);
    const { counts, script, archive, warnings } = await loadScriptAndArchive(db, ddl, { rows: 12, seed: 1 });
    expect(warnings).toEqual([]);
    expect(counts.get('s.t')).toBe(12);
    for (const target of [script, archive]) {
      const [v] = await target.query<{ n: string }>('SELECT count(*) AS n FROM s.v');
      expect(v?.n).toBe('12');
      const [i] = await target.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 's' AND indexname = 't_name'",
      );
      expect(i?.n).toBe('1');
    }
  });
});
