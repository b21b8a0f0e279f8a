/**
 * Shapes found by hunt 20 (install scripts of Java, PHP and infrastructure
 * tools: Apache Amoro, Bareos, DolphinScheduler, Kamailio, ...), each written
 * from its minimal form.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt20shapes');

describe('shapes of hunt 20 (install scripts of Java, PHP and infrastructure tools)', () => {
  it("comments the server takes still load: on a partition, a view's column, a table a DO block makes; those on a temporary table or a tool's history table are left out; pg_temp needs nothing (Bareos' pg_temp.exec)", async () => {
    // Before: the temporary table's comments were kept (the table is left out) and stopped the load; pg_temp was
    // listed among the schemas 'the database the output is loaded into must provide'.
    const ddl = `CREATE TABLE p (id int PRIMARY KEY, v text) PARTITION BY RANGE (id);
      CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (1000000);
      COMMENT ON TABLE p1 IS 'first';
      COMMENT ON COLUMN p1.v IS 'value';
      CREATE VIEW pv AS SELECT id FROM p;
      COMMENT ON COLUMN pv.id IS 'view column';
      CREATE TEMP TABLE scratch (a int);
      COMMENT ON TABLE scratch IS 'scratch';
      COMMENT ON COLUMN scratch.a IS 'scratch column';
      COMMENT ON TABLE schema_migrations IS 'the tool makes it';
      DO $$ BEGIN CREATE TABLE made_later (a int); END $$;
      COMMENT ON TABLE made_later IS 'made by the block';
      CREATE FUNCTION pg_temp.exec(q text) RETURNS boolean LANGUAGE plpgsql AS $f$ BEGIN EXECUTE q; RETURN true; END $f$;
      SELECT pg_temp.exec('SELECT 1');`;
    const { counts, warnings, script, archive } = await loadScriptAndArchive(db, ddl, { rows: 20, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.p': 0, 'public.p1': 20, 'public.made_later': 20 });
    expect(warnings.filter((w) => w.includes('does not create'))).toEqual([]);
    expect(warnings.some((w) => w.startsWith('COMMENT ON TABLE public.schema_migrations at '))).toBe(true);
    for (const target of [script, archive]) {
      const rows = await target.query(
        `SELECT obj_description('p1'::regclass, 'pg_class') AS t, col_description('p1'::regclass, 2) AS c,
                col_description('pv'::regclass, 1) AS v, obj_description('made_later'::regclass, 'pg_class') AS d`,
      );
      expect(rows[0]).toEqual({ t: 'first', c: 'value', v: 'view column', d: 'made by the block' });
    }
  });
});
