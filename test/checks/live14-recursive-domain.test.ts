/**
 * A domain whose CHECK calls a function taking the domain: the check casts
 * VALUE to the domain, whose CHECK casts it again, without end (the server
 * fails every value, NULL too, with "stack depth limit exceeded"). As
 * pg_dump (and the catalog reader) write it, the cast is explicit: planning
 * it overflowed datagen's stack; now the cast inside fails as the server's
 * does, the table gets no rows, and what is written loads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('a domain CHECK that casts to its own domain', () => {
  beforeAll(async () => {
    db = await createTestDatabase('recursive_domain');
  });
  afterAll(async () => db.close());

  it('is planned without overflowing the stack, and the output loads', async () => {
    const { counts, result } = await loadGenerated(
      db,
      `CREATE DOMAIN even AS integer;
       CREATE FUNCTION is_even(v even) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 % 2 = 0';
       ALTER DOMAIN even ADD CONSTRAINT even_check CHECK (public.is_even((VALUE)::public.even));
       CREATE TABLE counter (id integer PRIMARY KEY, n even);
       CREATE TABLE other (id integer PRIMARY KEY);`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.other')).toBe(50);
    expect(counts.get('public.counter')).toBe(0);
    expect(result.warnings.map((w) => w.code)).toContain('ROWS_CUT_BY_CHECK');
  });
});
