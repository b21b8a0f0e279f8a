/**
 * Columns a DO block kept as written adds to a table whose rows datagen
 * still writes (a nullable or defaulted `ADD COLUMN`, Supabase storage's
 * `buckets.type`): the model leaves them out (COPY does not name them, so
 * each row takes the column's default), yet later DDL may read them
 * (`CHECK (type = 'STANDARD' OR ...)`). PostgreSQL accepts that DDL, so
 * datagen does too, and reads such a column in the model's CHECKs and
 * unique keys as the value every written row holds: its DEFAULT, or NULL.
 */
import type { ColumnDef, Node } from 'libpg-query';
import type { TableDraft } from './schema-builder.js';

/** A column `def` a DO block adds, read in later expressions as `DEFAULT::type` (NULL without a default). */
export function recordUnseenColumn(table: TableDraft, def: ColumnDef): void {
  const name = def.colname;
  if (name === undefined || def.typeName === undefined) return;
  const fallback = (def.constraints ?? []).flatMap((c) =>
    'Constraint' in c && c.Constraint.contype === 'CONSTR_DEFAULT' && c.Constraint.raw_expr !== undefined
      ? [c.Constraint.raw_expr]
      : [],
  )[0];
  const value: Node = fallback ?? { A_Const: { isnull: true } };
  table.addedUnseen ??= new Map();
  table.addedUnseen.set(name, { TypeCast: { arg: value, typeName: def.typeName } });
}

/** Whether `column` is one a DO block adds unseen to `table` (and the model still lacks). */
export function isUnseenColumn(table: TableDraft, column: string): boolean {
  return table.addedUnseen?.has(column) === true && !table.columns.some((c) => c.name === column);
}

/**
 * `node` with each reference to a column a DO block adds unseen (bare, or
 * qualified by the table's name) replaced by the value every written row
 * holds; `node` itself when it reads none.
 */
export function withUnseenColumns<T>(table: TableDraft, node: T): T {
  if (table.addedUnseen === undefined) return node;
  let replaced = false;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const fields = ((value as Record<string, unknown>).ColumnRef as { fields?: Node[] } | undefined)?.fields;
    if (fields !== undefined) {
      const names = fields.map((f) => ('String' in f ? (f.String.sval ?? '') : '*'));
      const column = names.at(-1) ?? '';
      const own = names.length === 1 || (names.length === 2 && names[0] === table.name);
      const unseen = own && isUnseenColumn(table, column) ? table.addedUnseen?.get(column) : undefined;
      if (unseen === undefined) return value;
      replaced = true;
      return structuredClone(unseen);
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = walk(v);
    return out;
  };
  const result = walk(node);
  return replaced ? (result as T) : node;
}
