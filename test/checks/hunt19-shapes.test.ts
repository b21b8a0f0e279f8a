import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt19shapes');

describe('shapes of hunt 19 (Rails, Django, Elixir and PHP applications)', () => {
  it("a LIST partition key in a composite FK to a parent LIST-partitioned on the column it references is filled (GitLab's p_ci_* tables)", async () => {
    // Before: p_ci_builds and p_ci_job_annotations got no rows ("its partition key partition_id is a foreign key
    // to ..., whose keys datagen cannot place inside the partitions' bounds"), though every parent row holds a
    // partition_id their partitions list.
    const ddl = `CREATE SCHEMA gitlab_partitions_dynamic;
      CREATE TABLE p_ci_pipelines (id bigint NOT NULL, partition_id bigint NOT NULL, ref text) PARTITION BY LIST (partition_id);
      CREATE TABLE ci_pipelines (id bigint NOT NULL, partition_id bigint NOT NULL, ref text);
      ALTER TABLE ONLY p_ci_pipelines ATTACH PARTITION ci_pipelines FOR VALUES IN ('100');
      ALTER TABLE p_ci_pipelines ADD CONSTRAINT p_ci_pipelines_pkey PRIMARY KEY (id, partition_id);
      CREATE TABLE p_ci_builds (id bigint NOT NULL, partition_id bigint NOT NULL, commit_id bigint, name text)
        PARTITION BY LIST (partition_id);
      CREATE TABLE ci_builds PARTITION OF p_ci_builds FOR VALUES IN ('100');
      CREATE TABLE gitlab_partitions_dynamic.ci_builds_101 PARTITION OF p_ci_builds FOR VALUES IN ('101');
      ALTER TABLE p_ci_builds ADD CONSTRAINT p_ci_builds_pkey PRIMARY KEY (id, partition_id);
      ALTER TABLE p_ci_builds ADD CONSTRAINT fk_d3130c9a7f FOREIGN KEY (partition_id, commit_id)
        REFERENCES p_ci_pipelines (partition_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
      CREATE TABLE p_ci_job_annotations (id bigint NOT NULL, partition_id bigint NOT NULL, job_id bigint NOT NULL,
        name text NOT NULL, CONSTRAINT check_bac9224e45 CHECK ((char_length(name) <= 255))) PARTITION BY LIST (partition_id);
      CREATE TABLE ci_job_annotations_100 PARTITION OF p_ci_job_annotations FOR VALUES IN ('100', '101');
      ALTER TABLE p_ci_job_annotations ADD CONSTRAINT p_ci_job_annotations_pkey PRIMARY KEY (id, partition_id);
      ALTER TABLE p_ci_job_annotations ADD CONSTRAINT fk_rails_bfe6c0 FOREIGN KEY (partition_id, job_id)
        REFERENCES p_ci_builds (partition_id, id) ON UPDATE CASCADE ON DELETE CASCADE;
      -- Its partitions list 100 only, its parent's 100 and 101: still no rows, warned.
      CREATE TABLE p_ci_job_variables (id bigint NOT NULL, partition_id bigint NOT NULL, job_id bigint NOT NULL)
        PARTITION BY LIST (partition_id);
      CREATE TABLE ci_job_variables PARTITION OF p_ci_job_variables FOR VALUES IN ('100');
      ALTER TABLE p_ci_job_variables ADD CONSTRAINT fk_job_variables FOREIGN KEY (partition_id, job_id)
        REFERENCES p_ci_builds (partition_id, id);`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 40, seed: 1 });
    expect(counts.get('public.ci_pipelines')).toBe(40);
    const builds =
      (counts.get('public.ci_builds') ?? 0) + (counts.get('gitlab_partitions_dynamic.ci_builds_101') ?? 0);
    expect(builds).toBe(40);
    expect(counts.get('public.ci_job_annotations_100')).toBe(40);
    // The builds point at pipelines of their own partition_id (100): the FK holds in every row.
    const spread = await script.query(
      'SELECT count(*)::int AS n FROM p_ci_builds b JOIN p_ci_pipelines p ON (p.partition_id, p.id) = (b.partition_id, b.commit_id)',
    );
    expect(spread[0]?.n).toBe(40);
    expect(counts.get('public.ci_job_variables') ?? 0).toBe(0);
    expect(warnings.filter((w) => /gets no rows/.test(w))).toEqual([
      expect.stringMatching(
        /^public\.p_ci_job_variables gets no rows .*a foreign key to public\.p_ci_builds, whose partitions list 101, .*a partition of public\.p_ci_job_variables for 101 or a DEFAULT partition gives it rows/,
      ),
    ]);
  });
  it("pg_dump 18's statistics (SELECT * FROM pg_restore_relation_stats(...), pg_restore_attribute_stats) are left out, warned once", async () => {
    // Before: kept before the data, so the script stopped before PostgreSQL 18 ('function
    // pg_catalog.pg_restore_relation_stats(...) does not exist'), exit 0 and no warning; on 18 they claimed the
    // source's row counts and histograms for datagen's rows.
    const ddl = `CREATE TABLE public.t (id integer NOT NULL, name text);
      ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
      SELECT * FROM pg_catalog.pg_restore_relation_stats(
        'version', '180000'::integer, 'schemaname', 'public', 'relname', 't',
        'relpages', '1'::integer, 'reltuples', '3'::real, 'relallvisible', '0'::integer, 'relallfrozen', '0'::integer);
      SELECT * FROM pg_catalog.pg_restore_attribute_stats(
        'version', '180000'::integer, 'schemaname', 'public', 'relname', 't', 'attname', 'id',
        'inherited', 'f'::boolean, 'null_frac', '0'::real, 'avg_width', '4'::integer, 'n_distinct', '-1'::real,
        'histogram_bounds', '{1,2,3}'::text, 'correlation', '1'::real);
      SELECT pg_catalog.pg_clear_relation_stats('public', 't');`;
    const { counts, warnings, scriptText } = await loadScriptAndArchive(db, ddl, { rows: 20, seed: 1 });
    expect(counts.get('public.t')).toBe(20);
    expect(scriptText).not.toMatch(/_stats/);
    expect(warnings.filter((w) => /statistics/.test(w))).toEqual([
      expect.stringMatching(
        /^3 SELECT pg_restore_relation_stats\(\) statements \(the first at .*\) are not DDL and left out of the output \(pg_dump's statistics describe/,
      ),
    ]);
  });
});
