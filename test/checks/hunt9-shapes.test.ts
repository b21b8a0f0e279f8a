import { describe, expect, it } from 'vitest';
import { readToc } from '../helpers/archive-toc.js';
import { useTestDatabase } from '../helpers/database.js';
import { customArchive } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

const db = useTestDatabase('hunt9shapes');

describe('shapes of hunt 9', () => {
  it('GRANTs on one foreign data wrapper, and ON ALL TABLES IN SCHEMA beside a table GRANT, never run side by side under pg_restore -j (pgAdmin export)', async () => {
    const dump = await customArchive(
      `CREATE FOREIGN DATA WRAPPER w;
       CREATE SERVER s FOREIGN DATA WRAPPER w;
       CREATE TABLE public.t (id integer PRIMARY KEY, v text);
       GRANT USAGE ON FOREIGN DATA WRAPPER w TO PUBLIC;
       GRANT USAGE ON FOREIGN DATA WRAPPER w TO CURRENT_USER WITH GRANT OPTION;
       GRANT USAGE ON FOREIGN SERVER s TO PUBLIC;
       GRANT SELECT ON public.t TO PUBLIC;
       GRANT INSERT ON ALL TABLES IN SCHEMA public TO PUBLIC;
       GRANT UPDATE ON public.t TO PUBLIC;
       REVOKE USAGE ON FOREIGN DATA WRAPPER w FROM PUBLIC;`,
      40,
    );
    const toc = await readToc(db, dump);
    const acls = toc.filter((e) => e.desc === 'ACL');
    const of = (tag: string) => acls.filter((e) => e.tag === tag);
    // pg_dump's tags: one entry per object until an entry on unknown objects comes between.
    expect(of('FOREIGN DATA WRAPPER w')).toHaveLength(2);
    expect(of('FOREIGN SERVER s')).toHaveLength(1);
    expect(of('TABLE t')).toHaveLength(2);
    const schemaWide = acls.find((e) => e.tag === '');
    expect(schemaWide).toBeDefined();
    const [firstW, lastW] = of('FOREIGN DATA WRAPPER w');
    const [firstT, lastT] = of('TABLE t');
    // Everything before the schema-wide GRANT comes first; everything after waits for it.
    expect(schemaWide?.deps).toEqual(
      expect.arrayContaining([firstW?.id, of('FOREIGN SERVER s')[0]?.id, firstT?.id]),
    );
    expect(lastT?.deps).toContain(schemaWide?.id);
    expect(lastW?.deps).toContain(schemaWide?.id);
    for (let round = 0; round < 3; round++) {
      const restored = await db.createSibling();
      restored.run('pg_restore', ['-j', '2', '--exit-on-error', '-d', restored.name, dump]);
      expect(await count(restored, 'SELECT count(*) AS n FROM t')).toBe(40);
      const privileges = `SELECT count(*) AS n FROM information_schema.role_table_grants
         WHERE table_name = 't' AND grantee = 'PUBLIC' AND privilege_type IN ('SELECT', 'INSERT', 'UPDATE')`;
      expect(await count(restored, privileges)).toBe(3);
      const publicUsage = `SELECT count(*) AS n FROM pg_foreign_data_wrapper
         WHERE fdwname = 'w' AND array_to_string(fdwacl, ',') LIKE '%,=U/%'`;
      expect(await count(restored, publicUsage)).toBe(0);
      await restored.close();
    }
  });

  it('a domain with a pattern CHECK as a composite field, in a column of the composite and in an array of it: fields made to the pattern (yb-voyager datatypes)', async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN email_address AS text CHECK (VALUE ~* '^[A-Z0-9._%+-]+@[A-Z0-9.-]+\\.[A-Z]{2,}$');
       CREATE DOMAIN code AS text CHECK (VALUE ~ '^[A-Z]{3}-[0-9]{2}$') CHECK (VALUE <> 'AAA-00');
       CREATE TYPE employee_info AS (emp_name text, emp_email email_address, emp_code code);
       CREATE TABLE audit_log (
         id serial PRIMARY KEY,
         owner employee_info NOT NULL,
         involved employee_info[] NOT NULL
       );`,
      { defaultRows: 150, seed: 1 },
    );
    expect(counts.get('public.audit_log')).toBe(150);
    for (const t of [target, restored]) {
      expect(await count(t, 'SELECT count(*) AS n FROM audit_log WHERE (owner).emp_email IS NOT NULL')).toBe(
        150,
      );
      const fields = `SELECT count(*) AS n FROM audit_log, unnest(involved) AS e WHERE e.emp_code IS NOT NULL`;
      expect(await count(t, fields)).toBeGreaterThan(150);
    }
  });

  it('a DDL that drops schema public and makes it again, then queries a materialized view: both load (yb-voyager codependent schemas)', async () => {
    const { target, counts, restored, result } = await loadScriptAndArchive(
      db,
      `DROP SCHEMA IF EXISTS public CASCADE;
       CREATE SCHEMA public;
       CREATE TABLE a (id serial PRIMARY KEY, pid int UNIQUE);
       CREATE TABLE b (id serial PRIMARY KEY, pid int REFERENCES a (pid));
       SELECT * FROM a;
       CREATE MATERIALIZED VIEW mv1 AS SELECT a.id AS aid, b.id AS bid FROM a, b WHERE a.pid = b.pid WITH DATA;
       SELECT * FROM mv1;
       SELECT count(*) FROM mv1;
       SELECT setval('a_id_seq', 5);`,
      { defaultRows: 60, seed: 1 },
    );
    expect(counts.get('public.b')).toBe(60);
    for (const t of [target, restored]) {
      expect(await count(t, 'SELECT count(*) AS n FROM mv1')).toBe(
        await count(t, 'SELECT count(*) AS n FROM a JOIN b USING (pid)'),
      );
    }
    const skipped = result.warnings.find(
      (w) => w.code === 'STATEMENT_SKIPPED' && w.message.includes('Select'),
    );
    expect(skipped?.message).toMatch(/^3 Select statements \(the first at .*:5:\d+\) are not DDL/);
  });

  it("a partition whose element list held only a UNIQUE, and tables OF a composite type: written without an empty list, with the type's columns (yb-voyager perf-optimization)", async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE parent (id integer NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
       CREATE TABLE child_us PARTITION OF parent (UNIQUE (id, region)) FOR VALUES IN ('US');
       CREATE TABLE child_rest PARTITION OF parent DEFAULT;
       CREATE TYPE person AS (id integer, name text, born date);
       CREATE TABLE people OF person (id WITH OPTIONS PRIMARY KEY, name NOT NULL);
       CREATE TABLE visitors OF person (UNIQUE (name));
       CREATE TABLE guests OF person;`,
      { defaultRows: 80, seed: 1 },
    );
    for (const table of ['public.people', 'public.visitors', 'public.guests'])
      expect(counts.get(table)).toBe(80);
    for (const t of [target, restored]) {
      expect(await count(t, 'SELECT count(*) AS n FROM parent')).toBe(80);
      expect(await count(t, 'SELECT count(DISTINCT id) AS n FROM people WHERE name IS NOT NULL')).toBe(80);
      expect(
        await count(t, "SELECT count(*) AS n FROM pg_constraint WHERE conname = 'child_us_id_region_key'"),
      ).toBe(1);
    }
  });

  it('a policy read under SET search_path whose USING names an unqualified table, the path reset before the end: it runs under its path after the data (yb-voyager omnibus)', async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE SCHEMA app;
       SET search_path = app;
       CREATE TABLE uaccount (pguser name PRIMARY KEY, seclv int);
       CREATE TABLE document (did int PRIMARY KEY, dlevel int NOT NULL);
       ALTER TABLE document ENABLE ROW LEVEL SECURITY;
       CREATE POLICY p1 ON document USING (dlevel <= (SELECT seclv FROM uaccount WHERE pguser = current_user));
       RESET search_path;
       CREATE TABLE other (id int PRIMARY KEY);`,
      { defaultRows: 30, seed: 1 },
    );
    expect(counts.get('app.document')).toBe(30);
    expect(counts.get('public.other')).toBe(30);
    for (const t of [target, restored])
      expect(await count(t, "SELECT count(*) AS n FROM pg_policies WHERE policyname = 'p1'")).toBe(1);
  });

  it('a routine with %TYPE arguments, and one dropped for a new signature after its GRANTs: the archive restores (subspace-stats upgrade script)', async () => {
    const { restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE arena (arena_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, arena_name varchar(20) NOT NULL);
       CREATE FUNCTION get_arena(p_arena_name arena.arena_name%type) RETURNS arena.arena_id%type
         LANGUAGE sql AS $$ SELECT arena_id FROM arena WHERE arena_name = p_arena_name $$;
       ALTER FUNCTION get_arena OWNER TO CURRENT_USER;
       REVOKE ALL ON FUNCTION get_arena(arena.arena_name%type) FROM PUBLIC;
       CREATE FUNCTION save_game(p jsonb) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
       REVOKE ALL ON FUNCTION save_game(p jsonb) FROM PUBLIC;
       COMMENT ON FUNCTION save_game(jsonb) IS 'first version';
       DROP FUNCTION save_game(p jsonb);
       CREATE FUNCTION save_game(p jsonb, period bigint) RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;
       REVOKE ALL ON FUNCTION save_game(jsonb, bigint) FROM PUBLIC;`,
      { defaultRows: 20, seed: 1 },
    );
    expect(await count(restored, "SELECT count(*) AS n FROM pg_proc WHERE proname = 'save_game'")).toBe(1);
    expect(
      await count(
        restored,
        "SELECT count(*) AS n FROM pg_proc WHERE proname = 'get_arena' AND proacl IS NOT NULL",
      ),
    ).toBe(1);
  });

  it('a domain over a domain whose CHECKs call SQL functions of a name another schema also uses: inlined by schema, the table gets rows (yb-voyager omnibus)', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE SCHEMA d;
       CREATE SCHEMA f;
       CREATE FUNCTION d.is_positive(i integer) RETURNS boolean IMMUTABLE AS $$ SELECT i > 0 $$ LANGUAGE sql;
       CREATE DOMAIN d.positive_number AS integer CONSTRAINT should_be_positive CHECK (d.is_positive(VALUE));
       CREATE FUNCTION d.is_even(i d.positive_number) RETURNS boolean IMMUTABLE AS $$ SELECT (i % 2) = 0 $$ LANGUAGE sql;
       CREATE DOMAIN d.positive_even_number AS d.positive_number CONSTRAINT should_be_even CHECK (d.is_even(VALUE));
       CREATE FUNCTION f.is_even(i integer) RETURNS boolean LANGUAGE plpgsql AS $$
         BEGIN IF i % 2 = 0 THEN RETURN true; END IF; RAISE NOTICE 'odd'; RETURN false; END $$;
       CREATE TABLE d.even_numbers (e d.positive_even_number NOT NULL);`,
      { defaultRows: 60, seed: 1 },
    );
    expect(result.warnings.filter((w) => w.message.includes('is_even'))).toEqual([]);
    expect(counts.get('d.even_numbers')).toBe(60);
    expect(await count(target, 'SELECT count(*) AS n FROM d.even_numbers WHERE e % 2 = 0 AND e > 0')).toBe(
      60,
    );
  });
});
