import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt16shapes');

describe('shapes of hunt 16 (real pg_dump output never tried)', () => {
  it('REFRESH MATERIALIZED VIEW, as a pg_dump with data ends, runs after the rows (the views hold them)', async () => {
    // Before: the REFRESH stayed where it stood, before the COPY of t, and the loaded views held 0 rows.
    const { counts, script, archive, scriptText } = await loadScriptAndArchive(
      db,
      `CREATE TABLE public.t (id bigint PRIMARY KEY, n smallint NOT NULL);
       CREATE MATERIALIZED VIEW public.mv AS SELECT n, count(*) AS c FROM public.t GROUP BY n WITH NO DATA;
       CREATE UNIQUE INDEX mv_n ON public.mv (n);
       CREATE MATERIALIZED VIEW public.ids AS SELECT id FROM public.t WITH NO DATA;
       CREATE MATERIALIZED VIEW public.kept_empty AS SELECT id FROM public.t;
       REFRESH MATERIALIZED VIEW public.mv;
       REFRESH MATERIALIZED VIEW CONCURRENTLY ids;
       REFRESH MATERIALIZED VIEW public.kept_empty WITH NO DATA;`,
      { rows: 40, seed: 1 },
    );
    expect(counts.get('public.t')).toBe(40);
    expect(scriptText.indexOf('REFRESH MATERIALIZED VIEW public.mv;')).toBeGreaterThan(
      scriptText.indexOf('COPY public.t'),
    );
    expect(scriptText).not.toContain('CONCURRENTLY');
    for (const t of [script, archive]) {
      const [row] = await t.query<{ total: number; ids: number; populated: boolean }>(
        `SELECT (SELECT sum(c)::int FROM public.mv) AS total, (SELECT count(*)::int FROM public.ids) AS ids,
                (SELECT ispopulated FROM pg_matviews WHERE matviewname = 'kept_empty') AS populated`,
      );
      expect(row).toEqual({ total: 40, ids: 40, populated: false });
    }
  });
  it('tables WITH OIDS, as pg_dump before 12 wrote them (SET default_with_oids = true) or WITH (OIDS=TRUE), are made without oids', async () => {
    // Before: exit 0, and the script stopped at 'tables declared WITH OIDS are not supported' (Noalyss' dump).
    const { counts, result, scriptText } = await loadScriptAndArchive(
      db,
      `SET default_with_oids = true;
       CREATE TABLE public.jrn (j_id integer NOT NULL, j_label text);
       SET default_with_oids = false;
       CREATE TABLE public.tag (t_id integer PRIMARY KEY, jrn integer REFERENCES public.jrn) WITH (OIDS=TRUE, fillfactor=90);
       ALTER TABLE ONLY public.jrn ADD CONSTRAINT jrn_pkey PRIMARY KEY (j_id);`,
      { rows: 30, seed: 1 },
    );
    expect(counts.get('public.jrn')).toBe(30);
    expect(counts.get('public.tag')).toBe(30);
    expect(scriptText).not.toMatch(/default_with_oids = true|oids=true/i);
    expect(scriptText).toContain('fillfactor=90');
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toContain('WITH_OIDS');
    expect(result.warnings.some((w) => w.message.includes('SET default_with_oids = true statement'))).toBe(
      true,
    );
  });
  it('a DO block that grants only where a role exists (IF EXISTS (SELECT 1 FROM pg_roles ...)) stays as written (OpenDota)', async () => {
    // Before: read as a plain GRANT ... TO the role, so the script and archive stopped at 'role ... does not
    // exist' where the DDL itself loads (the block does nothing there), with a warning asking for the role.
    const { counts, result, scriptText } = await loadScriptAndArchive(
      db,
      `CREATE TABLE public.matches (match_id bigint PRIMARY KEY, radiant_win boolean);
       DO $$
       BEGIN
           IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hunt16_absent_reader') THEN
               GRANT SELECT ON matches TO hunt16_absent_reader;
           END IF;
       END
       $$;`,
      { rows: 30, seed: 1 },
    );
    expect(counts.get('public.matches')).toBe(30);
    expect(scriptText).toMatch(/DO \$\$[\s\S]*IF EXISTS \(SELECT 1 FROM pg_roles/);
    // The role is named only where the block is told (shapes17), not as something the target must provide.
    expect(
      result.warnings.filter((w) => w.message.includes('hunt16_absent_reader')).map((w) => w.code),
    ).toEqual(['DO_BLOCK']);
    expect(result.warnings.find((w) => w.code === 'DO_BLOCK')?.message).toContain(
      'if role hunt16_absent_reader exists, grants SELECT on table matches to hunt16_absent_reader',
    );
  });
  it('SECURITY LABEL FOR a provider (PostgreSQL Anonymizer) names the provider the target server must load', async () => {
    // Before: exit 0 and no warning; the script stopped at 'security label provider "anon" is not loaded'.
    const dir = tempDir();
    writeFileSync(
      join(dir, 'schema.sql'),
      `CREATE TABLE public.people (id integer PRIMARY KEY, last_name text);
       SECURITY LABEL FOR anon ON COLUMN public.people.last_name IS 'MASKED WITH FUNCTION anon.fake_last_name()';`,
    );
    const output = join(dir, 'out.sql');
    const result = await generate({ schema: [join(dir, 'schema.sql')], output, defaultRows: 5, seed: 1 });
    const warning = result.warnings.find((w) => w.code === 'EXTERNAL_OBJECTS');
    expect(warning?.message).toContain(
      'security label providers (loaded on the server: shared_preload_libraries) anon',
    );
    expect(readFileSync(output, 'utf8')).toContain(
      'SECURITY LABEL FOR anon ON COLUMN public.people.last_name',
    );
  });
});
