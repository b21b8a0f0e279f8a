/**
 * Assertions on a loaded database: every constraint is present and valid,
 * and tables hold the rows asked for.
 */
import type { TestDatabase } from './database.js';

export async function userTableRowCounts(db: TestDatabase): Promise<Map<string, number>> {
  const tables = await db.query<{ name: string; schema: string; table: string }>(`
    SELECT format('%s.%s', n.nspname, c.relname) AS name, n.nspname AS schema, c.relname AS table
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%'`);
  const counts = new Map<string, number>();
  if (tables.length === 0) return counts;
  // One query for every table, not a round trip per table (camunda: 49).
  // The parts as the catalog has them: a name holding a dot (a."b.c") is not split at it.
  const rows = await db.query<{ i: number; n: string }>(
    tables
      .map(
        ({ schema, table }, i) =>
          `SELECT ${i} AS i, count(*) AS n FROM ONLY ${quote(schema)}.${quote(table)}`,
      )
      .join(' UNION ALL '),
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), Number(r.n)]));
  tables.forEach(({ name }, i) => {
    counts.set(name, byIndex.get(i) as number);
  });
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

interface PlannedTable {
  readonly table: { readonly schema: string; readonly name: string; readonly partitionBy?: unknown };
  readonly filledThrough: unknown;
}

/**
 * Row counts checked against the request, not the plan: every table not
 * holding `requested` rows must be explained by a warning on that table (or
 * one of its columns) that gives the count it got ("gets N rows", "gets no rows").
 */
export function cutsExplained(
  tables: readonly PlannedTable[],
  counts: ReadonlyMap<string, number>,
  requested: (table: string) => number,
  warnings: readonly { readonly where: string; readonly message: string }[],
): string[] {
  const unexplained: string[] = [];
  for (const t of tables) {
    if (t.filledThrough || t.table.partitionBy) continue;
    const name = `${t.table.schema}.${t.table.name}`;
    const got = counts.get(name) ?? 0;
    const asked = requested(name);
    if (got === asked) continue;
    const said = got === 0 ? /gets no rows|gets 0 rows/ : new RegExp(`gets ${got} rows?\\b`);
    // On the table, or on one of its columns (a NOT NULL column without values says its table gets no rows).
    const onTable = (where: string) => where === name || where.startsWith(`${name}.`);
    if (!warnings.some((w) => onTable(w.where) && said.test(w.message))) {
      unexplained.push(`${name}: ${got} rows of ${asked} asked, no warning says so`);
    }
  }
  return unexplained;
}
