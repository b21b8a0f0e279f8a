/**
 * Constraint shapes of real schemas where datagen left a table empty, cut it
 * or misread the schema (issue 8), each reduced to its minimal tables,
 * generated as a plain script and a custom archive, and loaded into the real
 * server with every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
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
});
