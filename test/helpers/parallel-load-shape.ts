/**
 * The schema of the -j direct-load tests (test/e2e/parallel-load*.test.ts):
 * the DDL datagen is given, the same tables in the target with a column
 * recording the backend that wrote each row (`loader DEFAULT pg_backend_pid()`,
 * which COPY leaves out and the server fills), and what the tests read back.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { generate } from '../../src/index.js';
import type { TestDatabase } from './database.js';
import { tempDir } from './generate-file.js';

export const DDL = `
CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE book (id int PRIMARY KEY, author_id int NOT NULL REFERENCES author, title text NOT NULL);
CREATE TABLE event (id bigint PRIMARY KEY, code text NOT NULL UNIQUE, at timestamptz NOT NULL, n int);
CREATE TABLE tag (id int PRIMARY KEY, label text NOT NULL);
`;
export const LOADER = 'loader int NOT NULL DEFAULT pg_backend_pid()';
/** The DDL as the database has it: every table also records the backend that wrote each row. */
export const TARGET_DDL = DDL.replace(/\);\n/g, `, ${LOADER});\n`);
export const ROWS = { event: 60_000, author: 3000, book: 9000, tag: 2000 };

/** The DDL datagen is given, as a file. */
export function ddlFile(): string {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, DDL);
  return file;
}

/** A database beside `db` holding TARGET_DDL. */
export async function loaderTarget(db: TestDatabase): Promise<TestDatabase> {
  const t = await db.createSibling();
  await t.query(TARGET_DDL);
  return t;
}

/** `t` filled from ddlFile() with ROWS over `workers` connections. */
export async function load(t: TestDatabase, workers: number): Promise<void> {
  await generate({
    schema: [ddlFile()],
    connection: { dbname: t.connectionString },
    tables: ROWS,
    workers,
  });
}

/** Every table's rows (less the loader column) as one digest, and its count. */
export async function contents(t: TestDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ['author', 'book', 'event', 'tag']) {
    const [row] = await t.query<{ n: string; digest: string }>(
      `SELECT count(*)::text AS n, md5(string_agg((to_jsonb(t) - 'loader')::text, ',' ORDER BY id)) AS digest
         FROM ${table} t`,
    );
    out[table] = `${row?.n} ${row?.digest}`;
  }
  return out;
}

/** Every table of the schema without a row (a load undone). */
export async function expectEveryTableEmpty(t: TestDatabase): Promise<void> {
  for (const table of ['author', 'book', 'event', 'tag']) {
    const [row] = await t.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
    expect(row?.n, table).toBe('0');
  }
}

/** How many backends wrote the rows of `table`. */
export async function loaders(t: TestDatabase, table: string): Promise<number> {
  const [row] = await t.query<{ n: string }>(`SELECT count(DISTINCT loader)::text AS n FROM ${table}`);
  return Number(row?.n);
}
