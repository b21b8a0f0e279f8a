/**
 * Generate rows for a DDL snippet through the library and load them into the
 * real server with every CHECK in place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync } from 'libpg-query';
import { compileExpression } from '../../src/checks/evaluate-expr.js';
import type { SqlValue } from '../../src/checks/sql-value.js';
import { type GenerateResult, generate } from '../../src/index.js';
import type { TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

export interface LoadOptions {
  readonly rows?: number;
  readonly seed?: number;
  /** null: the default (today); undefined: REFERENCE. */
  readonly referenceTime?: Date | null;
}

export const REFERENCE = new Date('2024-06-15T00:00:00Z');

/** Writes the DDL, generates `rows` per table (default 3000), loads the script with psql (ON_ERROR_STOP). */
export async function generateAndLoad(
  db: TestDatabase,
  ddl: string,
  options: LoadOptions = {},
): Promise<GenerateResult> {
  const dir = tempDir('datagen-checks-');
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const output = join(dir, 'out.sql');
  const result = await generate({
    schema: [schema],
    output,
    defaultRows: options.rows ?? 3000,
    seed: options.seed ?? 7,
    ...(options.referenceTime === null ? {} : { referenceTime: options.referenceTime ?? REFERENCE }),
  });
  db.psqlFile(output);
  return result;
}

/** Count of rows matching a condition. */
export async function count(db: TestDatabase, sql: string): Promise<number> {
  const rows = await db.query<{ n: string }>(sql);
  return Number(rows[0]?.n);
}

/** How many distinct values the one-column query `sql` returns. */
export async function distinctCount(db: TestDatabase, sql: string): Promise<number> {
  return count(db, `SELECT count(DISTINCT v) AS n FROM (${sql}) s(v)`);
}

/** The parse tree of one SQL expression (libpg-query's module loaded first: `loadModule()`). */
export function parseExpression(sql: string): unknown {
  const tree = parseSync(`SELECT ${sql}`) as {
    stmts: { stmt: { SelectStmt: { targetList: { ResTarget: { val: unknown } }[] } } }[];
  };
  return tree.stmts[0]?.stmt.SelectStmt.targetList[0]?.ResTarget.val;
}

/** What datagen's evaluator makes of one SQL expression over no row, `now` its now() in seconds. */
export function evaluateSql(sql: string, now = 0): SqlValue {
  return compileExpression(parseExpression(sql), { now })(() => null);
}
