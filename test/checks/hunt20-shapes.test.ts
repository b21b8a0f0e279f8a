/**
 * Shapes found by hunt 20 (install scripts of Java, PHP and infrastructure
 * tools: Apache Amoro, Bareos, DolphinScheduler, Kamailio, ...), each written
 * from its minimal form.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
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

  it("filling in place, an FK whose column a composite FK fills from its parent row does not leave its table empty when its own parent is a seeded table kept as it is (Ory Hydra's networks)", async () => {
    // Before: 'public.flow gets no rows instead of 20: foreign key flow_nid_fkey (nid) is NOT NULL and
    // public.networks gets no rows', while networks held its seeded row and client 20 rows pointing at it;
    // Hydra's 10 tables under hydra_client (nid -> networks beside (client_id, nid) -> hydra_client) were empty.
    const target = await siblingWith(
      db,
      `CREATE TABLE networks (id uuid PRIMARY KEY, created_at timestamp NOT NULL DEFAULT now());
       INSERT INTO networks (id) VALUES ('8c6e8a2a-9f0e-4b8e-9a55-0d1f5c3e7b21');
       CREATE TABLE client (id varchar(255) NOT NULL, nid uuid NOT NULL REFERENCES networks, PRIMARY KEY (id, nid));
       CREATE TABLE flow (challenge varchar(40) PRIMARY KEY, client_id varchar(255) NOT NULL,
         nid uuid NOT NULL REFERENCES networks, FOREIGN KEY (client_id, nid) REFERENCES client (id, nid));`,
    );
    const result = await generate({
      connection: { dbname: target.connectionString },
      defaultRows: 20,
      seed: 1,
    });
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.networks': 1,
      'public.client': 20,
      'public.flow': 20,
    });
    expect(result.warnings.map((w) => w.message).filter((m) => m.includes('gets no rows'))).toEqual([]);
    await target.close();
  });
});
