/**
 * `ALTER TYPE e RENAME VALUE 'old' TO 'new'` after a CHECK naming the old
 * label (`CHECK (status <> 'old')`): PostgreSQL stored the label's enum value
 * when it read the CHECK, so the CHECK now means `status <> 'new'`. The DDL is
 * written as it is (the CHECK's text valid where it stands); the model's CHECK
 * reads the new label, so the rows meet what the server holds. Only CHECKs of
 * tables with a column of the enum (or an array of it, or a domain over it),
 * where they read such a column, and only string constants equal to the old
 * label; likewise a domain's CHECKs and DEFAULT (`CREATE DOMAIN d AS e
 * CHECK (VALUE <> 'old') DEFAULT 'old'`) and the DEFAULTs of such columns
 * (`DEFAULT 'old'::e`).
 */
import { expressionColumns } from '../../schema/expression-columns.js';
import type { QualifiedName } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import type { SchemaBuilder } from './schema-builder.js';

/**
 * The model reads `newVal` where it named the enum's renamed label `oldVal`: in the CHECKs of tables reading a
 * column of the enum (or of a domain over it), in those columns' DEFAULTs, and in the CHECKs and DEFAULTs of
 * the domains over it (PostgreSQL stored the label's enum value in each).
 */
export function renameLabelInChecks(
  builder: SchemaBuilder,
  type: QualifiedName,
  oldVal: string,
  newVal: string,
): void {
  const keys = enumAndDomainsOver(builder, nameKey(type));
  const relabel = <T extends { readonly ast: unknown }>(expr: T): T => {
    const ast = withLabel(expr.ast, oldVal, newVal);
    return ast === expr.ast ? expr : { ...expr, ast };
  };
  for (const [key, t] of builder.types) {
    if (t.kind !== 'domain' || !keys.has(key)) continue;
    const checks = t.checks.map((c) => ({ ...c, expr: relabel(c.expr) }));
    builder.types.set(key, { ...t, checks, default: t.default === null ? null : relabel(t.default) });
  }
  for (const table of builder.tables.values()) {
    const own = table.columns.filter((c) => keys.has(nameKey({ schema: c.type.schema, name: c.type.name })));
    if (own.length === 0) continue;
    for (const column of own) if (column.default !== null) column.default = relabel(column.default);
    const columns = new Set(own.map((c) => c.name));
    table.checks = table.checks.map((check) => {
      if (!expressionColumns(check.expr.ast).some((c) => columns.has(c))) return check;
      const expr = relabel(check.expr);
      return expr === check.expr ? check : { ...check, expr };
    });
  }
}

/** The enum's key and those of the domains over it (over them in turn). */
function enumAndDomainsOver(builder: SchemaBuilder, enumKey: string): Set<string> {
  const keys = new Set([enumKey]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const [key, t] of builder.types) {
      if (t.kind !== 'domain' || keys.has(key)) continue;
      if (!keys.has(nameKey({ schema: t.baseType.schema, name: t.baseType.name }))) continue;
      keys.add(key);
      grown = true;
    }
  }
  return keys;
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
