/**
 * DDL shapes of the seventh hunt (pgAdmin exports, pg_dump 14–17 dumps of
 * Airflow, Superset, Directus, Strapi; benchmark kits), each reduced to a
 * minimal file: generated through the library, loaded as a script with
 * ON_ERROR_STOP and restored from a custom archive with pg_restore
 * --exit-on-error, every constraint in place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

let db: TestDatabase;

/** 30 rows per table as a script and as a custom archive, both loaded. */
const loadBoth = (ddl: string) => loadScriptAndArchive(db, ddl, { rows: 30, seed: 7 });

describe('DDL shapes of the seventh hunt', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt7');
  });
  afterAll(async () => db.close());

  it('an event trigger with its COMMENT and ALTER EVENT TRIGGER restores last, as pg_dump orders it (pgAdmin schema diff)', async () => {
    // Before: the archive's COMMENT ON EVENT TRIGGER (tagged by the bare name) and the ALTER were
    // restored before pg_restore's last pass made the trigger: "event trigger does not exist".
    const { counts, script, archive, scriptText } = await loadBoth(`
      CREATE TABLE t (id int PRIMARY KEY);
      CREATE FUNCTION public.evt_fn() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; END $$;
      CREATE EVENT TRIGGER evt_src ON ddl_command_start EXECUTE FUNCTION public.evt_fn();
      COMMENT ON EVENT TRIGGER evt_src IS 'Event Trigger Source';
      ALTER EVENT TRIGGER evt_src DISABLE;
      ALTER EVENT TRIGGER evt_src OWNER TO CURRENT_USER;
      CREATE EVENT TRIGGER evt_always ON sql_drop EXECUTE FUNCTION public.evt_fn();
      ALTER EVENT TRIGGER evt_always ENABLE ALWAYS;
      CREATE INDEX t_later ON t (id);`);
    expect(counts.get('public.t')).toBe(30);
    for (const target of [script, archive]) {
      const rows = await target.query<{ evtname: string; evtenabled: string; comment: string | null }>(
        `SELECT evtname, evtenabled, obj_description(oid, 'pg_event_trigger') AS comment
           FROM pg_event_trigger ORDER BY evtname`,
      );
      expect(rows).toEqual([
        { evtname: 'evt_always', evtenabled: 'A', comment: null },
        { evtname: 'evt_src', evtenabled: 'D', comment: 'Event Trigger Source' },
      ]);
    }
    // After the post-data DDL, as pg_dump writes event triggers (they would fire on it otherwise).
    expect(scriptText.indexOf('CREATE EVENT TRIGGER evt_src')).toBeGreaterThan(scriptText.indexOf('t_later'));
  });
  it('pg_dump --clean without --if-exists: the drops of what the script then creates are left out with one warning (Directus, pg_dump 17)', async () => {
    // Before: 119 problems ("ALTER TABLE public.directus_versions: the table is not defined in the DDL"), exit 2.
    const { counts, result } = await loadBoth(`
      ALTER TABLE ONLY public.item DROP CONSTRAINT item_owner_foreign;
      ALTER TABLE public.item ALTER COLUMN id DROP DEFAULT;
      ALTER TABLE ONLY public.log DETACH PARTITION public.log_2024;
      DROP INDEX public.item_name_index;
      DROP TABLE public.log_2024;
      DROP TABLE public.log;
      DROP SEQUENCE public.item_id_seq;
      DROP TABLE public.item;
      DROP TABLE public.owner;
      CREATE TABLE public.owner (id uuid NOT NULL);
      CREATE TABLE public.item (id integer NOT NULL, name text, owner uuid);
      CREATE SEQUENCE public.item_id_seq AS integer;
      ALTER SEQUENCE public.item_id_seq OWNED BY public.item.id;
      ALTER TABLE ONLY public.item ALTER COLUMN id SET DEFAULT nextval('public.item_id_seq'::regclass);
      CREATE TABLE public.log (at date NOT NULL) PARTITION BY RANGE (at);
      CREATE TABLE public.log_2024 (at date NOT NULL);
      ALTER TABLE ONLY public.log ATTACH PARTITION public.log_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      ALTER TABLE ONLY public.owner ADD CONSTRAINT owner_pkey PRIMARY KEY (id);
      ALTER TABLE ONLY public.item ADD CONSTRAINT item_pkey PRIMARY KEY (id);
      CREATE INDEX item_name_index ON public.item USING btree (name);
      ALTER TABLE ONLY public.item ADD CONSTRAINT item_owner_foreign FOREIGN KEY (owner) REFERENCES public.owner(id);`);
    expect(counts.get('public.item')).toBe(30);
    expect(counts.get('public.owner')).toBe(30);
    expect(counts.get('public.log_2024')).toBe(30);
    const clean = result.warnings.filter((w) => w.code === 'CLEAN_PROLOGUE');
    expect(clean).toHaveLength(1);
    expect(clean[0]?.message).toContain('9 DROP and ALTER ... DROP statements');
  });
  it('a DROP of an object never created, after the DDL has made tables, is still a located error', async () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, 'CREATE TABLE t (id int);\nDROP TABLE u;\n');
    await expect(
      generate({ schema: [schema], defaultRows: 5, output: join(dir, 'out.sql') }),
    ).rejects.toThrow(/schema\.sql:2:1: DROP TABLE: u is not created earlier in the DDL/);
  });
  it('LIST and RANGE partitions beside a DEFAULT partition get rows too, and sub-partitions under them', async () => {
    // Before: the key column stayed free beside a DEFAULT partition, so every row went to the DEFAULT.
    const { counts } = await loadScriptAndArchive(
      db,
      `
      CREATE TABLE m (id int NOT NULL, region text NOT NULL, d date NOT NULL) PARTITION BY LIST (region);
      CREATE TABLE m_n PARTITION OF m FOR VALUES IN ('north', 'arctic') PARTITION BY HASH (id);
      CREATE TABLE m_n0 PARTITION OF m_n FOR VALUES WITH (MODULUS 2, REMAINDER 0);
      CREATE TABLE m_n1 PARTITION OF m_n FOR VALUES WITH (MODULUS 2, REMAINDER 1);
      CREATE TABLE m_s PARTITION OF m FOR VALUES IN ('south') PARTITION BY RANGE (d);
      CREATE TABLE m_s23 PARTITION OF m_s FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
      CREATE TABLE m_s_rest PARTITION OF m_s DEFAULT;
      CREATE TABLE m_o PARTITION OF m DEFAULT;
      CREATE TABLE r (at date NOT NULL, v int) PARTITION BY RANGE (at);
      CREATE TABLE r_2024 PARTITION OF r FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE r_rest PARTITION OF r DEFAULT;`,
      { rows: 300, seed: 7 },
    );
    // m_s23: the sub-partition key d takes values inside the RANGE sub-partition's bounds too.
    for (const leaf of ['m_n0', 'm_n1', 'm_s23', 'm_s_rest', 'm_o', 'r_2024', 'r_rest'])
      expect(counts.get(`public.${leaf}`), leaf).toBeGreaterThan(20);
  });
  it('a composite FK implied by a wider one through its parent does not pin the key columns (Airflow task_reschedule)', async () => {
    // Before: dag_id and run_id were pinned to one tenant value, so UNIQUE (dag_id, run_id) let dag_run have 1 row.
    const { counts, script } = await loadBoth(`
      CREATE TABLE dag_run (id serial PRIMARY KEY, dag_id varchar(250) NOT NULL, run_id varchar(250) NOT NULL,
        execution_date timestamptz NOT NULL, UNIQUE (dag_id, execution_date), UNIQUE (dag_id, run_id));
      CREATE TABLE task_instance (task_id varchar(250) NOT NULL, dag_id varchar(250) NOT NULL,
        run_id varchar(250) NOT NULL, map_index int NOT NULL DEFAULT -1,
        PRIMARY KEY (dag_id, task_id, run_id, map_index),
        FOREIGN KEY (dag_id, run_id) REFERENCES dag_run (dag_id, run_id) ON DELETE CASCADE);
      CREATE TABLE task_reschedule (id serial PRIMARY KEY, task_id varchar(250) NOT NULL,
        dag_id varchar(250) NOT NULL, run_id varchar(40) NOT NULL, map_index int NOT NULL DEFAULT -1,
        FOREIGN KEY (dag_id, run_id) REFERENCES dag_run (dag_id, run_id) ON DELETE CASCADE,
        FOREIGN KEY (dag_id, task_id, run_id, map_index)
          REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE);`);
    expect(counts.get('public.dag_run')).toBe(30);
    expect(counts.get('public.task_instance')).toBe(30);
    expect(counts.get('public.task_reschedule')).toBe(30);
    const runs = await script.query<{ n: string }>(
      'SELECT count(DISTINCT (dag_id, run_id)) AS n FROM task_reschedule',
    );
    expect(Number(runs[0]?.n)).toBeGreaterThan(1);
  });
});
