/**
 * --append over parents holding more non-integer keys than datagen reads
 * for foreign keys (MAX_EXISTING_PARENTS): new rows point across the whole
 * key range (every k-th key in key order), not only at its first keys, the
 * same rows every time; and new keys of such a table avoid every key held
 * (past MAX_EXACT_HELD read as fingerprints).
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { MAX_EXACT_HELD } from '../../src/plan/append-plan.js';
import { MAX_EXISTING_PARENTS } from '../../src/plan/existing-parents.js';
import { constraintSummary } from '../helpers/constraint-checks.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';

const SCHEMA = `
CREATE TABLE tag (code text PRIMARY KEY, label text);
CREATE TABLE node (id uuid PRIMARY KEY);
CREATE TABLE post (id serial PRIMARY KEY, tag text NOT NULL REFERENCES tag, node uuid NOT NULL REFERENCES node);
`;
const TAGS = 250_000;
const NODES = 150_000;
const EXISTING = `
INSERT INTO tag SELECT 'k' || lpad(g::text, 7, '0'), 'existing' FROM generate_series(1, ${TAGS}) g;
INSERT INTO node SELECT md5(g::text)::uuid FROM generate_series(1, ${NODES}) g;
`;

const db = useTestDatabase('append_many_parents');

describe('--append over more existing parents than are read', () => {
  it('foreign keys point across all existing text and uuid keys; new text keys avoid every held one', async () => {
    expect(TAGS).toBeGreaterThan(MAX_EXISTING_PARENTS);
    expect(NODES).toBeGreaterThan(MAX_EXISTING_PARENTS);
    expect(NODES).toBeGreaterThan(MAX_EXACT_HELD);
    const digests: string[] = [];
    for (let run = 0; run < 2; run++) {
      const target = await siblingWith(db, SCHEMA, EXISTING);
      const result = await generate({
        connection: { dbname: target.connectionString },
        selection: { tables: ['post'] },
        defaultRows: 4000,
        seed: 9,
        append: true,
      });
      const sampled = result.warnings.filter((w) => w.code === 'APPEND_PARENTS_SAMPLED').map((w) => w.where);
      expect(sampled.sort()).toEqual(['public.node', 'public.tag']);
      // Keys past the 100,000th in key order are reached, in both parents.
      const [spread] = await target.query<Record<string, number>>(
        `SELECT count(*)::int AS posts,
                count(*) FILTER (WHERE tag > 'k0200000')::int AS late_tags,
                count(*) FILTER (WHERE node > (SELECT id FROM node ORDER BY id OFFSET ${MAX_EXISTING_PARENTS} LIMIT 1))::int AS late_nodes
           FROM post`,
      );
      expect(spread?.posts).toBe(4000);
      expect(spread?.late_tags).toBeGreaterThan(400);
      expect(spread?.late_nodes).toBeGreaterThan(400);
      const [digest] = await target.query<{ d: string }>(
        "SELECT md5(string_agg(id || ':' || tag || ':' || node, ',' ORDER BY id)) AS d FROM post",
      );
      digests.push(digest?.d ?? '');

      if (run === 0) {
        // The parents appended to as well: 3000 new codes, none of the 250,000 held ones again.
        await generate({
          connection: { dbname: target.connectionString },
          tables: { tag: 3000, node: 10, post: 100 },
          seed: 4,
          append: true,
        });
        const [tags] = await target.query<Record<string, number>>(
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE label = 'existing')::int AS existing FROM tag`,
        );
        expect(tags).toEqual({ n: TAGS + 3000, existing: TAGS });
        const [nodes] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM node');
        expect(nodes?.n).toBe(NODES + 10);
        expect((await constraintSummary(target)).notValid).toEqual([]);
      }
      await target.close();
    }
    // The same existing parents read, the same rows.
    expect(digests[1]).toBe(digests[0]);
  });
});
