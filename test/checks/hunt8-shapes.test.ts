import { describe, expect, it } from 'vitest';
import { readToc } from '../helpers/archive-toc.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { useTestDatabase } from '../helpers/database.js';
import { customArchive } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

const db = useTestDatabase('hunt8shapes');

describe('shapes of the sweep over earlier hunts', () => {
  it("pg_dump's dummy view: its RULE waits for the primary keys its GROUP BY needs under pg_restore -j (apflora)", async () => {
    const dump = await customArchive(
      `CREATE TABLE public.ap (id integer NOT NULL, proj_id integer);
       CREATE TABLE public.apber (id integer NOT NULL, ap_id integer, jahr integer);
       CREATE VIEW public.v_ohnejahr AS SELECT NULL::integer AS proj_id, NULL::integer AS ap_id;
       ALTER TABLE ONLY public.ap ADD CONSTRAINT ap_pkey PRIMARY KEY (id);
       ALTER TABLE ONLY public.apber ADD CONSTRAINT apber_pkey PRIMARY KEY (id);
       CREATE OR REPLACE VIEW public.v_ohnejahr AS
        SELECT ap.proj_id, ap.id AS ap_id FROM (public.ap JOIN public.apber ON ((ap.id = apber.ap_id)))
        GROUP BY ap.id, apber.id HAVING (apber.jahr IS NULL);`,
      300,
    );
    const toc = await readToc(db, dump);
    const id = (desc: string, tag: string) => toc.find((e) => e.desc === desc && e.tag === tag)?.id;
    const rule = toc.find((e) => e.desc === 'RULE' && e.tag === 'v_ohnejahr');
    expect(rule?.section).toBe('post-data');
    expect(rule?.deps).toEqual(
      expect.arrayContaining([
        id('VIEW', 'v_ohnejahr'),
        id('CONSTRAINT', 'ap ap_pkey'),
        id('CONSTRAINT', 'apber apber_pkey'),
      ]),
    );
    const restored = await db.createSibling();
    restored.run('pg_restore', ['-j', '2', '--exit-on-error', '-d', restored.name, dump]);
    expect((await userTableRowCounts(restored)).get('public.ap')).toBe(300);
    expect(await count(restored, 'SELECT count(*) AS n FROM v_ohnejahr WHERE ap_id IS NULL')).toBe(0);
  });

  it('an enum label renamed after a statement that names its old label: the rename is written where it stands (Lemmy)', async () => {
    const { target, counts, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE local_site (id serial PRIMARY KEY, name text NOT NULL);
       CREATE TYPE registration_mode_enum AS ENUM ('closed', 'require_application', 'open');
       ALTER TABLE local_site ADD COLUMN registration_mode registration_mode_enum NOT NULL DEFAULT 'require_application';
       ALTER TYPE registration_mode_enum ADD VALUE 'invite_only' BEFORE 'open';
       ALTER TYPE registration_mode_enum RENAME VALUE 'require_application' TO 'RequireApplication';
       ALTER TYPE registration_mode_enum RENAME VALUE 'invite_only' TO 'InviteOnly';
       ALTER TYPE registration_mode_enum ADD VALUE 'RequireInvitation';`,
      { defaultRows: 120, seed: 1 },
    );
    expect(counts.get('public.local_site')).toBe(120);
    for (const t of [target, restored]) {
      const labels = await t.query<{ l: string }>(
        `SELECT enumlabel AS l FROM pg_enum WHERE enumtypid = 'registration_mode_enum'::regtype ORDER BY enumsortorder`,
      );
      expect(labels.map((x) => x.l)).toEqual([
        'closed',
        'RequireApplication',
        'InviteOnly',
        'open',
        'RequireInvitation',
      ]);
      expect(await count(t, 'SELECT count(DISTINCT registration_mode) AS n FROM local_site')).toBeGreaterThan(
        2,
      );
    }
  });

  it('a materialized view dropped (and one made again) leaves no refresh of the dropped one after the data (Lemmy)', async () => {
    const { target, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE post (id serial PRIMARY KEY, score int NOT NULL);
       CREATE MATERIALIZED VIEW post_mview AS SELECT id, score FROM post;
       CREATE UNIQUE INDEX post_mview_id ON post_mview (id);
       CREATE MATERIALIZED VIEW user_mview AS SELECT count(*) AS n FROM post;
       DROP MATERIALIZED VIEW post_mview;
       CREATE MATERIALIZED VIEW post_mview AS SELECT id, score * 2 AS score FROM post;
       DROP MATERIALIZED VIEW user_mview;`,
      { defaultRows: 50, seed: 1 },
    );
    for (const t of [target, restored]) {
      expect(await count(t, 'SELECT count(*) AS n FROM post_mview')).toBe(50);
      expect(await count(t, "SELECT count(*) AS n FROM pg_matviews WHERE matviewname = 'user_mview'")).toBe(
        0,
      );
    }
  });

  it('a two-level partition tree: INDEX ATTACH waits for both keys under pg_restore -j (pg_dump 16 output)', async () => {
    const dump = await customArchive(
      `CREATE TABLE public.m (city_id integer NOT NULL, logdate date NOT NULL, region text NOT NULL, v integer)
         PARTITION BY LIST (region);
       CREATE TABLE public.m_north (city_id integer NOT NULL, logdate date NOT NULL, region text NOT NULL, v integer)
         PARTITION BY RANGE (logdate);
       CREATE TABLE public.m_north_2023 (city_id integer NOT NULL, logdate date NOT NULL, region text NOT NULL, v integer);
       CREATE TABLE public.m_north_rest (city_id integer NOT NULL, logdate date NOT NULL, region text NOT NULL, v integer);
       CREATE TABLE public.m_other (city_id integer NOT NULL, logdate date NOT NULL, region text NOT NULL, v integer);
       ALTER TABLE ONLY public.m ATTACH PARTITION public.m_north FOR VALUES IN ('north');
       ALTER TABLE ONLY public.m_north ATTACH PARTITION public.m_north_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
       ALTER TABLE ONLY public.m_north ATTACH PARTITION public.m_north_rest DEFAULT;
       ALTER TABLE ONLY public.m ATTACH PARTITION public.m_other DEFAULT;
       ALTER TABLE ONLY public.m ADD CONSTRAINT m_pkey PRIMARY KEY (city_id, logdate, region);
       ALTER TABLE ONLY public.m_north ADD CONSTRAINT m_north_pkey PRIMARY KEY (city_id, logdate, region);
       ALTER TABLE ONLY public.m_north_2023 ADD CONSTRAINT m_north_2023_pkey PRIMARY KEY (city_id, logdate, region);
       ALTER TABLE ONLY public.m_north_rest ADD CONSTRAINT m_north_rest_pkey PRIMARY KEY (city_id, logdate, region);
       ALTER TABLE ONLY public.m_other ADD CONSTRAINT m_other_pkey PRIMARY KEY (city_id, logdate, region);
       ALTER INDEX public.m_north_pkey ATTACH PARTITION public.m_north_2023_pkey;
       ALTER INDEX public.m_north_pkey ATTACH PARTITION public.m_north_rest_pkey;
       ALTER INDEX public.m_pkey ATTACH PARTITION public.m_north_pkey;
       ALTER INDEX public.m_pkey ATTACH PARTITION public.m_other_pkey;`,
      300,
    );
    const toc = await readToc(db, dump);
    const id = (desc: string, tag: string) => toc.find((e) => e.desc === desc && e.tag === tag)?.id;
    const attaches = toc.filter((e) => e.desc === 'INDEX ATTACH' && e.tag === 'm_north_pkey');
    expect(attaches).toHaveLength(2);
    for (const a of attaches) expect(a.deps).toContain(id('CONSTRAINT', 'm_north m_north_pkey'));
    expect(attaches.flatMap((a) => a.deps)).toEqual(
      expect.arrayContaining([
        id('CONSTRAINT', 'm_north_2023 m_north_2023_pkey'),
        id('CONSTRAINT', 'm_north_rest m_north_rest_pkey'),
      ]),
    );
    for (let round = 0; round < 3; round++) {
      const restored = await db.createSibling();
      restored.run('pg_restore', ['-j', '2', '--exit-on-error', '-d', restored.name, dump]);
      expect(await count(restored, 'SELECT count(*) AS n FROM m')).toBe(300);
      await restored.close();
    }
  });
});
