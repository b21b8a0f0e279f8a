/**
 * Shapes found by hunt 21 (Fider's migrations, MIMIC-III's build scripts,
 * civitai's 690 Prisma migrations), each written from its minimal form. Each
 * exited 0 with output that failed to load, or was refused, before.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt21shapes');

describe('shapes of hunt 21 (migrations of Fider and civitai, MIMIC-III)', () => {
  it("a key's index renamed, renamed back and renamed again keeps its name known (Fider's signin_requests)", async () => {
    // Before: the second ALTER INDEX was written before the key it names, 'relation "u_pkey" does not exist'.
    const ddl = `CREATE TABLE t (id serial PRIMARY KEY, k varchar(32) NOT NULL);
      CREATE UNIQUE INDEX t_k_idx ON t (k);
      ALTER TABLE t RENAME TO u;
      ALTER INDEX t_pkey RENAME TO u_pkey;
      ALTER INDEX t_k_idx RENAME TO u_k_idx;
      ALTER TABLE u RENAME TO t;
      ALTER INDEX u_pkey RENAME TO t_pkey;
      ALTER INDEX u_k_idx RENAME TO t_k_idx;
      ALTER TABLE t RENAME CONSTRAINT t_pkey TO t_primary;
      ALTER INDEX t_primary RENAME TO t_id_key;`;
    const { counts, script, archive } = await loadScriptAndArchive(db, ddl, { rows: 20, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 20 });
    for (const target of [script, archive]) {
      const rows = await target.query(
        `SELECT relname FROM pg_class WHERE relkind = 'i' AND relnamespace = 'public'::regnamespace ORDER BY 1`,
      );
      expect(rows.map((r) => r.relname)).toEqual(['t_id_key', 't_k_idx']);
    }
  });

  it('a nullable foreign key that is the RANGE partition key is never NULL where no DEFAULT partition takes NULL (MIMIC-III chartevents.itemid)', async () => {
    // Before: 'no partition of relation "events" found for row', itemid NULL in some rows.
    const ddl = `CREATE TABLE items (row_id int PRIMARY KEY, itemid int NOT NULL UNIQUE);
      CREATE TABLE events (row_id int NOT NULL, itemid int, value text) PARTITION BY RANGE (itemid);
      CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (1) TO (50);
      CREATE TABLE events_2 PARTITION OF events FOR VALUES FROM (50) TO (1000000);
      ALTER TABLE events ADD CONSTRAINT events_fk_itemid FOREIGN KEY (itemid) REFERENCES items (itemid);`;
    const { script } = await loadScriptAndArchive(db, ddl, { rows: 60, seed: 1 });
    const rows = await script.query('SELECT count(*)::int AS n, count(itemid)::int AS set FROM events');
    expect(rows[0]?.n).toBeGreaterThan(0);
    expect(rows[0]?.set).toBe(rows[0]?.n);
  });

  it('SELECT ... INTO t makes a table as CREATE TABLE t AS does: filled, its indexes and keys kept (civitai)', async () => {
    // Before: refused, 'index comment_counts_thread_id_idx is on public.comment_counts, which is not a table defined in the DDL'.
    const ddl = `CREATE TABLE comment (id int PRIMARY KEY, thread_id int NOT NULL);
      SELECT thread_id, count(*) AS count INTO comment_counts FROM comment GROUP BY thread_id;
      CREATE INDEX ON comment_counts (thread_id);
      SELECT * INTO comment_copy FROM comment;
      ALTER TABLE comment_copy ADD PRIMARY KEY (id);
      DROP TABLE comment_counts;`;
    const { counts, script } = await loadScriptAndArchive(db, ddl, { rows: 20, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.comment': 20, 'public.comment_copy': 20 });
    const keys = await script.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'comment_copy'::regclass AND contype = 'p'`,
    );
    expect(keys).toEqual([{ conname: 'comment_copy_pkey' }]);
  });

  it("a view whose GROUP BY relies on a primary key through an expression (coalesce(m.n, 0), m.*) follows the key (civitai's BountyStat)", async () => {
    // Before: 'column "m.favorite_count" must appear in the GROUP BY clause', the key made after the view.
    const ddl = `CREATE TABLE metric (bounty_id int NOT NULL, timeframe text NOT NULL, favorite_count int,
        PRIMARY KEY (bounty_id, timeframe));
      CREATE VIEW bounty_stat AS
        WITH stats AS (SELECT m.bounty_id, m.timeframe, coalesce(m.favorite_count, 0) AS favorite_count
          FROM metric m GROUP BY m.bounty_id, m.timeframe)
        SELECT bounty_id, max(favorite_count) AS favorite_count FROM stats GROUP BY bounty_id;
      CREATE VIEW metric_all AS SELECT m.*, count(*) OVER () AS n FROM metric m GROUP BY m.bounty_id, m.timeframe;`;
    const { counts, script } = await loadScriptAndArchive(db, ddl, { rows: 20, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.metric': 20 });
    const rows = await script.query('SELECT count(*)::int AS n FROM metric_all');
    expect(rows[0]?.n).toBe(20);
  });

  it("a boolean or integer column named like a licence gets values of its type, not 'MIT' (civitai's allowDifferentLicense)", async () => {
    // Before: 'invalid input syntax for type boolean: "MIT"'.
    const ddl = `CREATE TABLE model (id int PRIMARY KEY, "allowDifferentLicense" boolean NOT NULL, license int,
      content_license text);`;
    const { counts, script } = await loadScriptAndArchive(db, ddl, { rows: 20, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.model': 20 });
    const rows = await script.query('SELECT DISTINCT content_license AS l FROM model ORDER BY 1');
    expect(rows.some((r) => ['MIT', 'Apache-2.0'].includes(r.l as string))).toBe(true);
  });

  it('a table made under the name of a materialized view a DO block drops is not refreshed as one (civitai\'s "ImageRank")', async () => {
    // Before: 'REFRESH MATERIALIZED VIEW public.image_rank' ran last on the table: '"image_rank" is not a materialized view'.
    const ddl = `CREATE TABLE image (id int PRIMARY KEY, score int NOT NULL);
      CREATE MATERIALIZED VIEW image_rank AS SELECT id AS image_id, score FROM image;
      CREATE VIEW image_rank_live AS SELECT id AS image_id, score FROM image;
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_class WHERE relname = 'image_rank' AND relkind = 'm') THEN
          DROP MATERIALIZED VIEW image_rank;
        END IF;
      END $$;
      CREATE TABLE image_rank AS SELECT * FROM image_rank_live;`;
    const { counts, script } = await loadScriptAndArchive(db, ddl, { rows: 20, seed: 1 });
    expect(counts.get('public.image')).toBe(20);
    const kinds = await script.query(`SELECT relkind FROM pg_class WHERE oid = 'image_rank'::regclass`);
    expect(kinds).toEqual([{ relkind: 'r' }]);
  });
});
