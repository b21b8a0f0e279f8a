import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('shapes19');

describe('shapes of session 19 (issue 8: the known hard shapes)', () => {
  it('a UNIQUE index over a CASE of plain columns: every row steered into one branch, the table keeps its rows', async () => {
    // Before: 1 row each (the CASE was opaque: results of different branches may meet).
    const ddl = `CREATE TABLE t (id serial PRIMARY KEY, a int, b int NOT NULL);
      CREATE UNIQUE INDEX ON t ((CASE WHEN a IS NULL THEN b ELSE a END));
      CREATE TABLE u (id serial PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('x', 'y')), ref1 int, ref2 int);
      CREATE UNIQUE INDEX ON u ((CASE WHEN (kind = 'x'::text) THEN ref1 ELSE ref2 END));
      CREATE TABLE only_x (id serial PRIMARY KEY, kind text NOT NULL CHECK (kind = 'x'), ref1 int, ref2 int);
      CREATE UNIQUE INDEX ON only_x ((CASE WHEN kind = 'x' THEN ref1 ELSE ref2 END));
      CREATE TYPE k AS ENUM ('p', 'q');
      CREATE TABLE g (id serial PRIMARY KEY, kind k, r1 text, r2 text,
        v text GENERATED ALWAYS AS (CASE kind WHEN 'p' THEN r1 ELSE r2 END) STORED UNIQUE);`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 120, seed: 3 });
    expect(Object.fromEntries(counts)).toEqual({
      'public.t': 120,
      'public.u': 120,
      'public.only_x': 120,
      'public.g': 120,
    });
    expect(warnings).toEqual([]);
    // The branch taken: a set (the ELSE), kind other than 'x', kind 'x' where it can be nothing else.
    const taken = await script.query(`SELECT
        (SELECT count(*) FROM t WHERE a IS NULL)::int AS a_null,
        (SELECT count(*) FROM u WHERE kind = 'x')::int AS u_x,
        (SELECT count(DISTINCT ref1) FROM only_x)::int AS only_x_ref1`);
    expect(taken[0]).toEqual({ a_null: 0, u_x: 0, only_x_ref1: 120 });
  });
  it('primary keys that are foreign keys to each other (1:1, DEFERRABLE or not, a ring of three) hold the same keys', async () => {
    // Before: every table of each ring got no rows ("read public.a.id back from itself"). The output adds its
    // FKs after the rows, so a ring that is not DEFERRABLE loads too.
    const ddl = `CREATE TABLE a (id int PRIMARY KEY, v text);
      CREATE TABLE b (id int PRIMARY KEY, w text);
      ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (id) REFERENCES b (id) DEFERRABLE INITIALLY DEFERRED;
      ALTER TABLE b ADD CONSTRAINT b_a FOREIGN KEY (id) REFERENCES a (id) DEFERRABLE INITIALLY DEFERRED;
      CREATE TABLE c (id uuid PRIMARY KEY);
      CREATE TABLE d (id uuid PRIMARY KEY REFERENCES c);
      ALTER TABLE c ADD FOREIGN KEY (id) REFERENCES d (id);
      CREATE TABLE r1 (k text, n int, PRIMARY KEY (k, n));
      CREATE TABLE r2 (k text, n int, PRIMARY KEY (k, n), FOREIGN KEY (k, n) REFERENCES r1);
      CREATE TABLE r3 (k text, n int, PRIMARY KEY (k, n), FOREIGN KEY (k, n) REFERENCES r2);
      ALTER TABLE r1 ADD FOREIGN KEY (k, n) REFERENCES r3 DEFERRABLE;
      CREATE TABLE note (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a);`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, { rows: 40, seed: 2 });
    for (const t of ['a', 'b', 'c', 'd', 'r1', 'r2', 'r3', 'note'])
      expect(counts.get(`public.${t}`)).toBe(40);
    expect(warnings).toEqual([]);
  });
  it('more bytes than ASCII holds in the length (char_length(c) <= 3 AND octet_length(c) >= 8): multi-byte characters', async () => {
    // Before: 'its CHECKs allow no value (length at least 8 and at most 3)', no rows; past that, the cut to the
    // length split a 4-byte character (two UTF-16 units) and a label-like word ignored the byte minimum.
    const ddl = `CREATE TABLE t (id int PRIMARY KEY, c text NOT NULL CHECK (char_length(c) <= 3 AND octet_length(c) >= 8));
      CREATE TABLE v (id int PRIMARY KEY, code text UNIQUE CHECK (length(code) <= 4 AND octet_length(code) >= 10));`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 60, seed: 4 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 60, 'public.v': 60 });
    expect(warnings).toEqual([]);
    const [row] =
      await script.query(`SELECT max(char_length(c))::int AS chars, min(octet_length(c))::int AS bytes,
        (SELECT count(DISTINCT code) FROM v)::int AS codes FROM t`);
    expect(row).toEqual({ chars: 3, bytes: 8, codes: 60 });
  });
});
