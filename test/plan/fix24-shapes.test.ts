/**
 * Constraint shapes of real schemas where datagen left a table empty, cut it
 * or misread the schema (issue 8), each reduced to its minimal tables,
 * generated as a plain script and a custom archive, and loaded into the real
 * server with every constraint in place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('fix24_shapes');

/** Class-table inheritance: a supertype keyed by (id, type), a subtype per type pinning it by CHECK. */
const subtypes = (type: string, values: readonly [string, string, string]) => {
  const [a, b, c] = values;
  return `CREATE TABLE parties (id int, t ${type} CHECK (t IN (${a}, ${b}, ${c})), PRIMARY KEY (id, t));
    CREATE TABLE customers (id int, t ${type} NOT NULL DEFAULT ${a} CHECK (t = ${a}), name text,
      PRIMARY KEY (id, t), FOREIGN KEY (id, t) REFERENCES parties (id, t));
    CREATE TABLE suppliers (id int, t ${type} NOT NULL DEFAULT ${b} CHECK (t IN (${b}, ${c})), name text,
      PRIMARY KEY (id, t), FOREIGN KEY (id, t) REFERENCES parties (id, t));`;
};

/** Two FK columns to one parent that a CHECK pairs: different, exactly one set, ordered. */
const PAIRS = `CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL);
  CREATE TABLE transfers (id serial PRIMARY KEY, from_account int NOT NULL REFERENCES accounts,
    to_account int NOT NULL REFERENCES accounts, amount numeric(12, 2) NOT NULL CHECK (amount > 0),
    CHECK (from_account <> to_account));
  CREATE TABLE links (id serial PRIMARY KEY, a_id int REFERENCES accounts, b_id int REFERENCES accounts,
    CHECK ((a_id IS NULL) <> (b_id IS NULL)));
  CREATE TABLE ordered (id serial PRIMARY KEY, a_id int NOT NULL REFERENCES accounts,
    b_id int NOT NULL REFERENCES accounts, CHECK (a_id < b_id));`;

describe('shapes of fix24', () => {
  for (const [type, values] of [
    ['text', ["'customer'", "'supplier'", "'vendor'"]],
    ['smallint', ['1', '2', '3']],
  ] as const) {
    it(`subtypes keyed by (id, type ${type}) with the type in the supertype's key: each subtype's rows point at parents of its type`, async () => {
      const { target, restored, counts, result } = await loadScriptAndArchive(db, subtypes(type, values), {
        defaultRows: 40,
        tables: { parties: 200 },
        seed: 5,
      });
      expect(result.warnings).toEqual([]);
      expect(counts.get('public.parties')).toBe(200);
      expect(counts.get('public.customers')).toBe(40);
      expect(counts.get('public.suppliers')).toBe(40);
      for (const t of [target, restored]) {
        const [row] = await t.query<{ types: string }>(
          "SELECT string_agg(DISTINCT t::text, ',' ORDER BY t::text) AS types FROM parties",
        );
        // The supertype keeps every type the subtypes ask for.
        expect(row?.types.split(',').length).toBeGreaterThanOrEqual(2);
      }
    });
  }

  it('a CHECK pairing two FK columns to a parent of 2 rows (<>, exactly one of, <): every row kept', async () => {
    const { target, counts, result } = await loadScriptAndArchive(db, PAIRS, {
      defaultRows: 30,
      tables: { accounts: 2 },
      seed: 3,
    });
    expect(result.warnings).toEqual([]);
    for (const t of ['transfers', 'links', 'ordered']) expect(counts.get(`public.${t}`), t).toBe(30);
    const [row] = await target.query<{ n: string }>('SELECT count(*) AS n FROM links WHERE a_id IS NOT NULL');
    // Both sides of the exactly-one-of are used.
    expect(Number(row?.n)).toBeGreaterThan(0);
    expect(Number(row?.n)).toBeLessThan(30);
  });

  it('a parent of 1 row for a CHECK needing two different ones: those tables left empty with the reason, the rest kept; asked for by name, refused', async () => {
    const { counts, result } = await loadScriptAndArchive(db, PAIRS, {
      defaultRows: 30,
      tables: { accounts: 1 },
      seed: 3,
    });
    expect(counts.get('public.links')).toBe(30);
    expect(counts.get('public.transfers')).toBe(0);
    expect(counts.get('public.ordered')).toBe(0);
    const told = result.warnings.filter((w) => w.code === 'TABLE_EMPTY').map((w) => w.message);
    expect(told).toEqual([
      expect.stringContaining(
        'public.transfers gets no rows instead of 30: CHECK transfers_check (from_account <> to_account) needs two different rows of public.accounts',
      ),
      expect.stringContaining('public.ordered gets no rows instead of 30: CHECK ordered_check (a_id < b_id)'),
    ]);
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, PAIRS);
    await expect(
      generate({
        schema: [schema],
        output: join(dir, 'out.sql'),
        tables: { accounts: 1, transfers: 30 },
        seed: 3,
      }),
    ).rejects.toThrow(/public\.transfers: 30 rows were requested, but CHECK transfers_check .* gets 1 row/);
  });

  it('an enum grown by ADD VALUE (BEFORE, AFTER, IF NOT EXISTS) takes every label in order; a RENAME VALUE after a CHECK naming the old label: the rows meet the CHECK the server holds (one transaction)', async () => {
    const { target, restored, counts } = await loadScriptAndArchive(
      db,
      `CREATE TYPE s AS ENUM ('a');
       ALTER TYPE s ADD VALUE 'b';
       ALTER TYPE s ADD VALUE 'c' BEFORE 'a';
       ALTER TYPE s ADD VALUE IF NOT EXISTS 'b';
       ALTER TYPE s ADD VALUE 'd' AFTER 'b';
       CREATE TABLE t (id int PRIMARY KEY, v s NOT NULL, w s CHECK (w <> 'd'), tags s[]);
       ALTER TYPE s RENAME VALUE 'd' TO 'e';`,
      { defaultRows: 200, seed: 4 },
      { singleTransaction: true },
    );
    expect(counts.get('public.t')).toBe(200);
    for (const db of [target, restored]) {
      const [row] = await db.query<{ labels: string; v: string; w: string }>(
        `SELECT (SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum) AS labels,
           (SELECT string_agg(DISTINCT v::text, ',' ORDER BY v::text) FROM t) AS v,
           (SELECT string_agg(DISTINCT w::text, ',' ORDER BY w::text) FROM t) AS w`,
      );
      expect(row).toEqual({ labels: 'c,a,b,e', v: 'a,b,c,e', w: 'a,b,c' });
    }
  });
});
