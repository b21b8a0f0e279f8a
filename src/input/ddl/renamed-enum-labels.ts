/**
 * `ALTER TYPE e RENAME VALUE 'old' TO 'new'` after a CHECK naming the old
 * label (`CHECK (status <> 'old')`): PostgreSQL stored the label's enum value
 * when it read the CHECK, so the CHECK now means `status <> 'new'`. The DDL is
 * written as it is (the CHECK's text valid where it stands); the model's CHECK
 * reads the new label, so the rows meet what the server holds. Only CHECKs of
 * tables with a column of the enum (or an array of it), where they read such a
 * column, and only string constants equal to the old label.
 */
import { expressionColumns } from '../../schema/expression-columns.js';
import type { QualifiedName } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import type { SchemaBuilder } from './schema-builder.js';

/** The model's CHECKs read `newVal` where they named the enum's renamed label `oldVal`. */
export function renameLabelInChecks(
  builder: SchemaBuilder,
  type: QualifiedName,
  oldVal: string,
  newVal: string,
): void {
  const key = nameKey(type);
  for (const table of builder.tables.values()) {
    const columns = new Set(
      table.columns
        .filter((c) => nameKey({ schema: c.type.schema, name: c.type.name }) === key)
        .map((c) => c.name),
    );
    if (columns.size === 0) continue;
    table.checks = table.checks.map((check) => {
      if (!expressionColumns(check.expr.ast).some((c) => columns.has(c))) return check;
      const ast = withLabel(check.expr.ast, oldVal, newVal);
      return ast === check.expr.ast ? check : { ...check, expr: { ...check.expr, ast } };
    });
  }
}

/** A copy of the tree with string constants `from` read as `to` (the same object where none is). */
function withLabel(node: unknown, from: string, to: string): unknown {
  if (Array.isArray(node)) {
    const items = node.map((n) => withLabel(n, from, to));
    return items.some((n, i) => n !== node[i]) ? items : node;
  }
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  const sval = record.sval as Record<string, unknown> | undefined;
  if (typeof sval === 'object' && sval !== null && sval.sval === from)
    return { ...record, sval: { ...sval, sval: to } };
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    const w = withLabel(v, from, to);
    if (w !== v) changed = true;
    out[k] = w;
  }
  return changed ? out : node;
}
