/** What a restored fixture database must look like, checked through SQL. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TestDatabase } from '../helpers/database.js';

/** Row count per `schema.table` of the expected map. */
export async function rowCounts(
  db: TestDatabase,
  expected: Record<string, number>,
): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const name of Object.keys(expected)) {
    const [schema, table] = name.split('.') as [string, string];
    const rows = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${JSON.stringify(schema)}.${JSON.stringify(table)}`,
    );
    result[name] = Number(rows[0]?.n);
  }
  return result;
}

/** Constraints (name, type, validated) and indexes of the fixture's schemas, sorted. */
export async function constraintsAndIndexes(db: TestDatabase): Promise<string[]> {
  const constraints = await db.query<{ d: string }>(
    `SELECT n.nspname || '.' || c.conname || ':' || c.contype::text || ':' || c.convalidated::text AS d
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname IN ('shop', 'public') ORDER BY 1`,
  );
  const indexes = await db.query<{ d: string }>(
    `SELECT schemaname || '.' || indexname AS d FROM pg_indexes WHERE schemaname IN ('shop', 'public') ORDER BY 1`,
  );
  return [...constraints.map((r) => r.d), ...indexes.map((r) => r.d)];
}

/** Everything the fixture restore must produce: counts, valid constraints, sequence, comments, values. */
export async function expectFixtureRestored(
  db: TestDatabase,
  expectedCounts: Record<string, number>,
): Promise<void> {
  expect(await rowCounts(db, expectedCounts)).toEqual(expectedCounts);
  const constraints = await constraintsAndIndexes(db);
  expect(constraints).toEqual(
    expect.arrayContaining([
      'shop.Book_pkey:p:true',
      'shop.author_email_key:u:true',
      'shop.author_pkey:p:true',
      'shop.book_author_id_fkey:f:true',
      'shop.events_pkey:p:true',
      'shop.price_positive:c:true',
      'shop.book_title_idx',
    ]),
  );
  expect(constraints.every((c) => !c.endsWith(':false'))).toBe(true);
  const [seq] = await db.query<{ v: string }>("SELECT nextval('shop.author_id_seq') AS v");
  expect(seq?.v).toBe('5');
  const [names] = await db.query<{ n: string }>('SELECT name AS n FROM shop.author WHERE id = 4');
  expect(names?.n).toBe('Zoë «quoted» 日本');
  const [tab] = await db.query<{ n: string }>('SELECT name AS n FROM shop.author WHERE id = 2');
  expect(tab?.n).toBe('Bob\ttab');
  const [title] = await db.query<{ t: string }>('SELECT title AS t FROM shop."Book" WHERE id = 11');
  expect(title?.t).toBe('Back\\slash\nnewline');
  const [comment] = await db.query<{ c: string }>(
    "SELECT obj_description('shop.book_title_idx'::regclass) AS c",
  );
  expect(comment?.c).toBe('by title');
}

/** Run `pg_restore -f -` (or with `input` on stdin) and load the script with psql. */
export function loadScript(db: TestDatabase, script: string, dir: string, name: string): void {
  const file = join(dir, `${name}.sql`);
  writeFileSync(file, script);
  db.psqlFile(file);
}
