/**
 * unique12: a unique key over STORED generated columns defined by CASE (ente's `reactions`:
 * UNIQUE (actor_key, unique_key), each a CASE of tagged branches). Each branch's columns are
 * planned unique (plan/case-key-branches.ts), so the table gets its rows, and the output loads
 * with every constraint in place (plain script with psql ON_ERROR_STOP, custom archive through
 * pg_restore --exit-on-error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

/** ente server/migrations/114_comments_reactions.up.sql, the reactions table (triggers and defaults' function left out). */
const REACTIONS = `
CREATE TABLE reactions (
  id TEXT PRIMARY KEY,
  collection_id BIGINT NOT NULL,
  file_id BIGINT NULL,
  comment_id TEXT NULL,
  user_id BIGINT NOT NULL,
  anon_user_id TEXT NULL,
  actor_key TEXT GENERATED ALWAYS AS (
    CASE
      WHEN user_id = -1 AND anon_user_id IS NOT NULL THEN 'A:' || anon_user_id
      ELSE 'U:' || user_id::TEXT
    END
  ) STORED,
  payload JSONB,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
  CONSTRAINT reactions_target_shape CHECK (
    (comment_id IS NOT NULL AND file_id IS NULL) OR (comment_id IS NULL)
  ),
  CONSTRAINT reactions_payload_on_delete CHECK (
    (is_deleted = FALSE AND payload IS NOT NULL) OR (is_deleted = TRUE AND payload IS NULL)
  ),
  unique_key TEXT GENERATED ALWAYS AS (
    CASE
      WHEN comment_id IS NOT NULL THEN 'M:' || comment_id::TEXT
      WHEN file_id    IS NOT NULL THEN 'F:' || collection_id::TEXT || '/' || file_id::TEXT
      ELSE                             'C:' || collection_id::TEXT
    END
  ) STORED,
  CONSTRAINT uq_reactions_actor_target UNIQUE (actor_key, unique_key),
  CONSTRAINT reactions_user_or_anon_chk CHECK (
    (user_id = -1 AND anon_user_id IS NOT NULL) OR (user_id > 0 AND anon_user_id IS NULL)
  )
);`;

/** Rows per tag (the text before ':') of a generated key column. */
async function tags(t: TestDatabase, table: string, column: string): Promise<Record<string, number>> {
  const rows = await t.query<{ tag: string; n: string }>(
    `SELECT split_part(${column}, ':', 1) AS tag, count(*) AS n FROM ${table} GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.tag, Number(r.n)]));
}

const cuts = (warnings: readonly { code: string; message: string }[]) =>
  warnings.filter((w) => w.code === 'ROWS_REDUCED' || w.code === 'TABLE_EMPTY');

describe('unique12: unique keys over generated CASE columns', () => {
  beforeAll(async () => {
    db = await createTestDatabase('unique12shapes');
  });
  afterAll(async () => db.close());

  it("ente's reactions: UNIQUE (actor_key, unique_key) over two CASE columns gets every row", async () => {
    // Before: 'allows only 1 distinct values (datagen cannot make actor_key …, unique_key … unique by
    // construction', so reactions got 1 row.
    const { target, restored, counts, result } = await loadScriptAndArchive(db, REACTIONS, {
      defaultRows: 600,
      seed: 12,
    });
    expect(cuts(result.warnings)).toEqual([]);
    expect(counts.get('public.reactions')).toBe(600);
    for (const t of [target, restored]) {
      const [keys] = await t.query<{ n: string }>(
        'SELECT count(DISTINCT (actor_key, unique_key)) AS n FROM reactions',
      );
      expect(Number(keys?.n)).toBe(600);
      // comment_id is unique where set and NULL in some rows: comment and collection reactions both.
      const byTag = await tags(t, 'reactions', 'unique_key');
      expect(byTag.M ?? 0).toBeGreaterThan(0);
      expect(byTag.C ?? 0).toBeGreaterThan(0);
    }
  });

  it('a CASE whose integer column is followed by a separator: both branches hold rows', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE r (id int PRIMARY KEY, a bigint NOT NULL, b int,
         k text GENERATED ALWAYS AS (CASE WHEN b IS NOT NULL THEN 'F:' || a::text || '/' || b::text
                                          ELSE 'C:' || a::text END) STORED,
         CONSTRAINT r_k UNIQUE (k));`,
      { defaultRows: 800, seed: 3 },
    );
    expect(cuts(result.warnings)).toEqual([]);
    expect(counts.get('public.r')).toBe(800);
    const byTag = await tags(target, 'r', 'k');
    expect(byTag.F ?? 0).toBeGreaterThan(0);
    expect(byTag.C ?? 0).toBeGreaterThan(0);
  });

  it('a unique index on a CASE expression (not a generated column) gets every row', async () => {
    // Before: cut to 1 row like the generated column.
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE ix (id int PRIMARY KEY, a bigint NOT NULL, b text);
       CREATE UNIQUE INDEX ix_case ON ix ((CASE WHEN b IS NOT NULL THEN 'B:' || b ELSE 'A:' || a::text END));`,
      { defaultRows: 700, seed: 4 },
    );
    expect(cuts(result.warnings)).toEqual([]);
    expect(counts.get('public.ix')).toBe(700);
    const [split] = await target.query<{ set: string; unset: string }>(
      'SELECT count(b) AS set, count(*) - count(b) AS unset FROM ix',
    );
    expect(Number(split?.set)).toBeGreaterThan(0);
    expect(Number(split?.unset)).toBeGreaterThan(0);
  });

  it('a key of a plain FK column and a CASE over another FK: each branch with the FK column is unique', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE owners (id int PRIMARY KEY);
       CREATE TABLE s (id int PRIMARY KEY, owner int NOT NULL REFERENCES owners, x text,
         y int NOT NULL REFERENCES owners,
         k text GENERATED ALWAYS AS (CASE WHEN x IS NOT NULL THEN 'x' || x ELSE 'y' || y::text END) STORED,
         CONSTRAINT s_owner_k UNIQUE (owner, k));`,
      { defaultRows: 600, seed: 9 },
    );
    expect(cuts(result.warnings)).toEqual([]);
    expect(counts.get('public.s')).toBe(600);
    const [split] = await target.query<{ x: string; y: string }>(
      `SELECT count(*) FILTER (WHERE k LIKE 'x%') AS x, count(*) FILTER (WHERE k LIKE 'y%') AS y FROM s`,
    );
    expect(Number(split?.x)).toBeGreaterThan(0);
    expect(Number(split?.y)).toBeGreaterThan(0);
  });

  it('a CASE whose branches can meet (one tag a prefix of another, text before a separator) stays cut or is steered into one branch, and loads', async () => {
    // 'X' || a and 'XY' || b meet ('X' || 'Y1' = 'XY' || '1'); a text a before '/' can hold '/'. p's rows are
    // all steered into its ELSE (b set, unique: case-key-steering.ts); q's WHEN reads id > 0, which is not steered.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE p (id int PRIMARY KEY, a text NOT NULL, b text,
         k text GENERATED ALWAYS AS (CASE WHEN b IS NULL THEN 'X' || a ELSE 'XY' || b END) STORED,
         CONSTRAINT p_k UNIQUE (k));
       CREATE TABLE q (id int PRIMARY KEY, a text NOT NULL, b text NOT NULL,
         k text GENERATED ALWAYS AS (CASE WHEN id > 0 THEN 'F:' || a || '/' || b ELSE 'C:' || a END) STORED,
         CONSTRAINT q_k UNIQUE (k));`,
      { defaultRows: 500, seed: 5 },
    );
    expect(counts.get('public.p')).toBe(500);
    expect(counts.get('public.q')).toBe(1);
    expect(cuts(result.warnings).map((w) => w.message.split(':')[0])).toEqual(['public.q']);
  });
});
