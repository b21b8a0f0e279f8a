/**
 * A walk over libpg-query's JSON AST, apart from `ast.ts` so that what only
 * walks trees (checks/typed-casts.ts, in the generation worker's bundle)
 * does not load the deparser: pgsql-deparser's modules were ~15 ms of CPU of
 * every worker's start.
 */

/** Visit every object node of a JSON AST, with the key it is found under (`RangeVar`, `relation`, …). */
export function walkAst(
  value: unknown,
  visit: (key: string, node: Record<string, unknown>) => void,
  key = '',
): void {
  if (Array.isArray(value)) {
    for (const v of value) walkAst(v, visit, key);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  visit(key, record);
  for (const k in record) {
    const v = record[k];
    if (v !== null && typeof v === 'object') walkAst(v, visit, k);
  }
}
