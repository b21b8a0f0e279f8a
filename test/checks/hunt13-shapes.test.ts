import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('shapes of hunt 13 (real schemas never tried)', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt13shapes');
  });
  afterAll(async () => db.close());

  it('CREATE TABLE AS over aggregates of a UNION ALL of tables (Lemmy post_actions, comment_actions) is a table with rows, its later keys and CHECKs met', async () => {
    // Before: 'CREATE TABLE public.comment_actions AS ... is written as it is', and the table (then given a primary
    // key, FKs and a CHECK by ALTER TABLE, its source tables dropped) got no rows: Lemmy's votes and saves.
    const { counts, result, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE TABLE person (id serial PRIMARY KEY, name varchar(40) NOT NULL);
       CREATE TABLE comment (id serial PRIMARY KEY, creator_id int NOT NULL REFERENCES person);
       CREATE TABLE comment_like (person_id int NOT NULL REFERENCES person, comment_id int NOT NULL REFERENCES comment,
         score smallint NOT NULL, published timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (person_id, comment_id));
       CREATE TABLE comment_saved (person_id int NOT NULL REFERENCES person, comment_id int NOT NULL REFERENCES comment,
         published timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (person_id, comment_id));
       CREATE TABLE comment_actions AS
       SELECT max(liked) AS liked, max(saved) AS saved, person_id, comment_id, max(like_score) = 1 AS vote_is_upvote
       FROM (SELECT person_id, comment_id, score AS like_score, published AS liked, NULL::timestamptz AS saved
             FROM comment_like
             UNION ALL
             SELECT person_id, comment_id, NULL::int, NULL::timestamptz, published FROM comment_saved)
       GROUP BY person_id, comment_id;
       DROP TABLE comment_saved, comment_like;
       ALTER TABLE comment_actions
         ALTER COLUMN person_id SET NOT NULL,
         ALTER COLUMN comment_id SET NOT NULL,
         ADD PRIMARY KEY (person_id, comment_id),
         ADD CONSTRAINT comment_actions_person_id_fkey FOREIGN KEY (person_id) REFERENCES person ON DELETE CASCADE,
         ADD CONSTRAINT comment_actions_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES comment ON DELETE CASCADE,
         ADD CONSTRAINT comment_actions_check_liked CHECK ((liked IS NULL) = (vote_is_upvote IS NULL));
       CREATE TABLE person_stats AS
       SELECT p.id AS person_id, p.name, count(c.id) AS comments, coalesce(sum(c.id), 0) AS id_sum,
              CASE WHEN p.id > 10 THEN 'many' ELSE NULL END AS label, bool_or(c.id IS NULL) AS lonely
       FROM person p LEFT JOIN comment c ON c.creator_id = p.id GROUP BY p.id, p.name;
       ALTER TABLE person_stats ADD PRIMARY KEY (person_id), ADD FOREIGN KEY (person_id) REFERENCES person;`,
      { defaultRows: 120, seed: 1 },
    );
    expect(counts.get('public.comment_actions')).toBe(120);
    expect(counts.get('public.person_stats')).toBe(120);
    expect(result.warnings.filter((w) => w.code === 'UNSUPPORTED_TABLE')).toEqual([]);
    for (const t of [target, restored]) {
      const columns = await t.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns
         WHERE table_name IN ('comment_actions', 'person_stats') ORDER BY table_name, ordinal_position`,
      );
      expect(columns.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
        'liked timestamp with time zone',
        'saved timestamp with time zone',
        'person_id integer',
        'comment_id integer',
        'vote_is_upvote boolean',
        'person_id integer',
        'name character varying',
        'comments bigint',
        'id_sum bigint',
        'label text',
        'lonely boolean',
      ]);
    }
  });

  it('a CREATE TABLE AS whose column types cannot be read (arithmetic, an unknown function) stays as written, warned', async () => {
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE src (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL);
       CREATE TABLE derived AS SELECT id, a + b AS total, md5(a::text) AS h FROM src;`,
      { defaultRows: 40, seed: 2 },
    );
    expect(counts.get('public.src')).toBe(40);
    expect(counts.has('public.derived')).toBe(true);
    expect(result.warnings.map((w) => w.code)).toContain('UNSUPPORTED_TABLE');
  });
});
