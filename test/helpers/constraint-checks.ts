/**
 * Assertions on a loaded database: every constraint is present and valid,
 * and tables hold the rows asked for.
 */
import type { TestDatabase } from './database.js';

export async function userTableRowCounts(db: TestDatabase): Promise<Map<string, number>> {
  const tables = await db.query<{ name: string }>(`
    SELECT format('%s.%s', n.nspname, c.relname) AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%'`);
  const counts = new Map<string, number>();
  for (const { name } of tables) {
    const [schema, table] = name.split('.') as [string, string];
    const rows = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ONLY ${quote(schema)}.${quote(table)}`,
    );
    counts.set(name, Number(rows[0]?.n));
  }
  return counts;
}

function quote(ident: string): string {
  return `"${ident.replaceAll('"', '""')}"`;
}

/** Constraints by type ('p','u','f','c','x'), all of which must be validated. */
export async function constraintSummary(
  db: TestDatabase,
): Promise<{ byType: Record<string, number>; notValid: string[] }> {
  const rows = await db.query<{ contype: string; conname: string; convalidated: boolean }>(`
    SELECT con.contype, con.conname, con.convalidated
    FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND con.conrelid <> 0`);
  const byType: Record<string, number> = {};
  for (const r of rows) byType[r.contype] = (byType[r.contype] ?? 0) + 1;
  return { byType, notValid: rows.filter((r) => !r.convalidated).map((r) => r.conname) };
}
