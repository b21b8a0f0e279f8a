/**
 * Shapes found by hunt 36 (real schemas never tried before), each written from
 * its minimal form and loaded into the real server with every constraint in
 * place. SCHEMAS-LIST
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt36shapes');

describe('shapes of hunt 36 (real schemas)', () => {
  it('TEKSI wastewater: a DO block altering tables by name at run time keeps a self-referencing FK after its key', async () => {
    const ddl = `CREATE SCHEMA od;
      CREATE TABLE od.organisation (obj_id varchar(16) NOT NULL, fk_dataowner varchar(16),
        CONSTRAINT pkey_organisation PRIMARY KEY (obj_id));
      ALTER TABLE od.organisation ADD CONSTRAINT rel_dataowner FOREIGN KEY (fk_dataowner)
        REFERENCES od.organisation(obj_id) DEFERRABLE;
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'od' AND c.relkind = 'r'
        LOOP
          EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN obj_id TYPE text', r.nspname, r.relname);
        END LOOP;
      END $$;`;
    const { target } = await loadScriptAndArchive(db, ddl, { defaultRows: 10, seed: 1 });
    // Before: the FK was written before the primary key it needs, and both loads stopped there.
    const constraints = await target.query(
      "SELECT conname FROM pg_constraint WHERE conrelid = 'od.organisation'::regclass ORDER BY conname",
    );
    expect(constraints).toEqual([{ conname: 'pkey_organisation' }, { conname: 'rel_dataowner' }]);
  });
});
