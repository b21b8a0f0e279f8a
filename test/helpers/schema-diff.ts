/**
 * A structural diff of two schema models: what the generator depends on
 * (tables, columns and their types, keys, foreign keys, CHECK names,
 * partitions, types, sequences), ignoring how things were written.
 *
 * Documented exceptions (not compared):
 * - expression text (DEFAULT, CHECK, partial-index WHERE, generated
 *   columns, index expressions): pg_dump prints PostgreSQL's normalized
 *   form (`CHECK ((price > (0)::numeric))` for `CHECK (price > 0)`); only
 *   whether there is one is compared;
 * - source locations, statements (their text and order), owners;
 * - unique keys are compared by their columns, kind and predicate presence,
 *   not by the order they were declared in;
 * - array dimensions: PostgreSQL stores only that a column is an array
 *   (`int[][]` reads back as `int[]`), so `[]` is compared, not how many;
 * - `DEFAULT NULL`: PostgreSQL stores no default for it, so it counts as none.
 */
import type { Expr, Schema, Table, TypeDefinition, TypeRef } from '../../src/schema/model.js';

const typeText = (t: TypeRef): string =>
  `${t.schema}.${t.name}${t.typmods.length > 0 ? `(${t.typmods.join(',')})` : ''}${t.arrayDims > 0 ? '[]' : ''}${t.intervalFields ? ` ${t.intervalFields}` : ''}`;

const isDefault = (e: Expr | null): boolean => e !== null && !/^\(*null(::[^)]*)?\)*$/i.test(e.text.trim());

function typeShape(t: TypeDefinition): unknown {
  switch (t.kind) {
    case 'enum':
      return { kind: t.kind, values: t.values };
    case 'domain':
      return {
        kind: t.kind,
        base: typeText(t.baseType),
        notNull: t.notNull,
        default: isDefault(t.default),
        checks: t.checks.map((c) => c.name).sort(),
      };
    case 'composite':
      return { kind: t.kind, attributes: t.attributes.map((a) => `${a.name} ${typeText(a.type)}`) };
    case 'range':
      return { kind: t.kind, subtype: typeText(t.subtype) };
  }
}

function tableShape(t: Table): Record<string, unknown> {
  const key = (k: NonNullable<Table['primaryKey']>) =>
    `${k.kind} (${k.columns.map((c) => c ?? '<expr>').join(', ')})${k.where ? ' WHERE' : ''}${k.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}${k.deferrable ? ' DEFERRABLE' : ''}`;
  return {
    columns: t.columns.map((c) => c.name),
    ...Object.fromEntries(
      t.columns.map((c) => [
        `column ${c.name}`,
        {
          type: typeText(c.type),
          notNull: c.notNull,
          default: isDefault(c.default) || c.identity !== null,
          identity: c.identity,
          generated: c.generated !== null,
          collation: c.collation,
        },
      ]),
    ),
    primaryKey: t.primaryKey ? key(t.primaryKey) : null,
    uniques: t.uniques.map(key).sort(),
    foreignKeys: t.foreignKeys
      .map(
        (f) =>
          `${f.name}: (${f.columns.join(', ')}) -> ${f.references.schema}.${f.references.name} (${f.referencedColumns.join(', ')}) ${f.match} ${f.onDelete} ${f.onUpdate}${f.deferrable ? ' DEFERRABLE' : ''}${f.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}${f.notValid ? ' NOT VALID' : ''}`,
      )
      .sort(),
    checks: t.checks
      .map((c) => `${c.name}${c.noInherit ? ' NO INHERIT' : ''}${c.notValid ? ' NOT VALID' : ''}`)
      .sort(),
    exclusions: t.exclusions.map((x) => x.name).sort(),
    partitionBy: t.partitionBy
      ? `${t.partitionBy.strategy} (${t.partitionBy.columns.map((c) => c ?? '<expr>').join(', ')})`
      : null,
    partitionOf: t.partitionOf
      ? `${t.partitionOf.parent.schema}.${t.partitionOf.parent.name}${t.partitionOf.isDefault ? ' DEFAULT' : ''}`
      : null,
    inherits: t.inherits.map((q) => `${q.schema}.${q.name}`),
    unlogged: t.unlogged,
  };
}

function projection(schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {
    namespaces: [...schema.namespaces].sort(),
    extensions: [...schema.extensions].sort(),
  };
  for (const t of schema.types) out[`type ${t.schema}.${t.name}`] = typeShape(t);
  for (const t of schema.tables) {
    for (const [field, value] of Object.entries(tableShape(t)))
      out[`table ${t.schema}.${t.name} ${field}`] = value;
  }
  for (const s of schema.sequences) {
    out[`sequence ${s.schema}.${s.name}`] = {
      dataType: s.dataType,
      increment: String(s.increment),
      min: String(s.minValue),
      max: String(s.maxValue),
      cycle: s.cycle,
      ownedBy: s.ownedBy ? `${s.ownedBy.table.schema}.${s.ownedBy.table.name}.${s.ownedBy.column}` : null,
    };
  }
  return out;
}

/** The differences between two models, one line each (empty when they agree). */
export function structuralDiff(expected: Schema, actual: Schema): string[] {
  const a = projection(expected);
  const b = projection(actual);
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = JSON.stringify(a[key]);
    const y = JSON.stringify(b[key]);
    if (x === y) continue;
    if (x === undefined) lines.push(`${key}: only in the second model`);
    else if (y === undefined) lines.push(`${key}: only in the first model`);
    else lines.push(`${key}:\n  first:  ${x}\n  second: ${y}`);
  }
  return lines;
}
