/**
 * A CHECK that compares text under a code-point collation (`COLLATE "C"`,
 * `"POSIX"`, `ucs_basic`) is read: the evaluator compares text by code point
 * already. Before, any COLLATE clause made the CHECK unreadable and its table
 * was left empty (warned; hostile14's note). Another collation still is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('COLLATE in CHECKs', () => {
  beforeAll(async () => {
    db = await createTestDatabase('collate_checks');
  });
  afterAll(async () => db.close());

  it('a code-point collation is read: rows kept and meeting it, and the output loads', async () => {
    const { counts, restored, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE tags (id serial PRIMARY KEY, tag text NOT NULL CHECK (tag > 'M' COLLATE "C"),
         code varchar(10) CHECK (code COLLATE "POSIX" BETWEEN 'a' AND 'n'),
         label text CHECK (label COLLATE ucs_basic >= 'b'));`,
      { defaultRows: 200, seed: 6 },
    );
    expect(counts.get('public.tags')).toBe(200);
    expect(result.warnings.filter((w) => w.message.includes('COLLATE'))).toEqual([]);
    const [row] = await restored.query<{ bad: string }>(
      `SELECT count(*) FILTER (WHERE NOT (tag > 'M' COLLATE "C") OR NOT (code COLLATE "C" BETWEEN 'a' AND 'n')
         OR NOT (label COLLATE "C" >= 'b')) AS bad FROM tags`,
    );
    expect(row?.bad).toBe('0');
  });

  it('another collation is not read: the table is left empty with a warning naming it, and the output loads', async () => {
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE other (id serial PRIMARY KEY, name text CHECK (name < 'q' COLLATE "default"));
       CREATE TABLE kept (id serial PRIMARY KEY);`,
      { defaultRows: 20, seed: 6 },
    );
    expect(counts.get('public.other')).toBe(0);
    expect(counts.get('public.kept')).toBe(20);
    expect(result.warnings.map((w) => w.message).join('\n')).toContain('a COLLATE clause (default)');
  });
});
