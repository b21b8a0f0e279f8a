/**
 * Hostile and unusual input, each shape minimal and written here: the output
 * loads into the real server with every constraint in place, or the run stops
 * with a located error. Never exit 0 with output that does not load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('hostile input', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hostile');
  });
  afterAll(async () => db.close());

  it('a pg_dump --inserts/COPY file of megabytes is read a piece at a time; COPY rows are data, not psql variables or quotes', async () => {
    // Before: one parser call over the whole text (tens of MB ran libpg-query out of memory, "exit(1)" at 1:1),
    // and the apostrophe in a COPY row hid the later :tname from psql variable substitution (a syntax error).
    const inserts = Array.from(
      { length: 12_000 },
      (_, i) => `INSERT INTO public.t (id, note) VALUES (${i}, 'row ${i}; with a semicolon and ''quotes''');`,
    ).join('\n');
    const { counts, result } = await loadGenerated(
      db,
      `\\set tname 'things'
      CREATE TABLE t (id int PRIMARY KEY, note text);
      ${inserts}
      COPY public.t (id, note) FROM stdin;
1	O'Brien :tname
2	a\\tb ;
\\.
      CREATE TABLE :tname (id int PRIMARY KEY, t_id int REFERENCES t(id));
      CREATE FUNCTION later() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;`,
      { defaultRows: 30, seed: 3 },
    );
    expect(inserts.length).toBeGreaterThan(1 << 20);
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 30, 'public.things': 30 });
    expect(result.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^12000 Insert statements \(the first at \S*schema\.sql:3:7\) are not DDL/),
        expect.stringMatching(/^Copy statement at \S*schema\.sql:12003:7 is not DDL/),
      ]),
    );
  });
});
