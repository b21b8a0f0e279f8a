/**
 * A column as a CREATE TABLE or ALTER TABLE ADD COLUMN declares it: its type,
 * NOT NULL, default, serial or identity sequence, generated expression, and
 * PostgreSQL's limit on a table's columns.
 */
import type { ColumnDef, Constraint, Node } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import type { QualifiedName } from '../../schema/model.js';
import { displayName } from '../../schema/names.js';
import { exprOf, stringsOf } from './ast.js';
import { reportConflictingColumnConstraints } from './constraint-definitions.js';
import type { DdlContext } from './ddl-context.js';
import { reportRefusedDefault } from './literal-inputs.js';
import { reportRefusedTypmods } from './refused-typmods.js';
import type { ColumnDraft, TableDraft } from './schema-builder.js';
import { addSequence } from './sequences.js';
import { applyConstraintAttributes } from './table-constraints.js';

/**
 * The column a ColumnDef declares; table-level effects (keys, checks) are returned for the caller. `at`: the
 * place of a node of the statement (a type modifier or DEFAULT PostgreSQL refuses is a located problem).
 */
export function buildColumn(
  ctx: DdlContext,
  table: TableDraft,
  def: ColumnDef,
  location: SourceLocation,
  at: (offset: number | undefined) => SourceLocation,
): { column: ColumnDraft; constraints: Constraint[]; serial: boolean } {
  const name = def.colname ?? '';
  const { type, serial } =
    def.typeName === undefined ? { type: null, serial: null } : ctx.typeRef(def.typeName, location);
  const column: ColumnDraft = {
    kind: 'column',
    name,
    type: type ?? { kind: 'type-ref', schema: 'pg_catalog', name: 'text', typmods: [], arrayDims: 0 },
    notNull: def.is_not_null === true,
    default: null,
    identity: null,
    generated: null,
    sequence: null,
    collation: def.collClause === undefined ? null : (stringsOf(def.collClause.collname).at(-1) ?? null),
  };
  const self = { schema: table.schema, name: table.name };
  if (serial !== null) {
    const sequence = addSequence(ctx, {
      schema: table.schema,
      name: ctx.names.chooseRelationName(table.schema, table.name, name, 'seq', false),
      dataType: column.type.name,
      options: [],
      ownedBy: { table: self, column: name },
    });
    column.sequence = sequence;
    column.default = ctx.nextvalExpr(sequence);
    column.notNull = true;
  }
  const constraints = applyConstraintAttributes(def.constraints ?? []);
  let defaultExpr: Node | undefined;
  for (const c of constraints) {
    switch (c.contype) {
      case 'CONSTR_NOTNULL':
        column.notNull = true;
        break;
      case 'CONSTR_DEFAULT':
        if (c.raw_expr !== undefined) {
          defaultExpr = c.raw_expr;
          column.default = exprOf(c.raw_expr);
          column.sequence = ctx.nextvalSequence(c.raw_expr) ?? column.sequence;
        }
        break;
      case 'CONSTR_IDENTITY':
        addIdentity(ctx, table, column, c, at(c.location));
        break;
      case 'CONSTR_GENERATED':
        if (c.raw_expr !== undefined) column.generated = exprOf(c.raw_expr);
        break;
      default:
        break;
    }
  }
  const where = (offset: number | undefined) => at(offset ?? def.location);
  reportRefusedTypmods(ctx, table, column, where(undefined));
  reportConflictingColumnConstraints(ctx, table, column, constraints, serial !== null, where(undefined));
  if (defaultExpr !== undefined) reportRefusedDefault(ctx, table, column, defaultExpr, where);
  return { column, constraints, serial: serial !== null };
}

/** `GENERATED ... AS IDENTITY [(options)]`, inline or from `ALTER COLUMN ... ADD GENERATED`. */
export function addIdentity(
  ctx: DdlContext,
  table: TableDraft,
  column: ColumnDraft,
  c: Constraint,
  /** The identity's place: sequence options PostgreSQL refuses are a problem there. */
  location?: SourceLocation,
): void {
  column.identity = c.generated_when === 'a' ? 'always' : 'by-default';
  column.notNull = true;
  const options = c.options ?? [];
  let sequenceName: QualifiedName | null = null;
  for (const o of options) {
    if ('DefElem' in o && o.DefElem.defname === 'sequence_name') {
      const parts = stringsOf(
        o.DefElem.arg !== undefined && 'List' in o.DefElem.arg ? o.DefElem.arg.List.items : [],
      );
      const name = parts.at(-1) ?? '';
      sequenceName = { schema: parts.length >= 2 ? (parts.at(-2) ?? table.schema) : table.schema, name };
    }
  }
  const name = sequenceName ?? {
    schema: table.schema,
    name: ctx.names.chooseRelationName(table.schema, table.name, column.name, 'seq', false),
  };
  column.sequence = addSequence(ctx, {
    ...name,
    dataType: column.type.name,
    options: options.filter((o) => !('DefElem' in o && o.DefElem.defname === 'sequence_name')),
    ownedBy: { table: { schema: table.schema, name: table.name }, column: column.name },
    ...(location === undefined ? {} : { location }),
  });
}

/** PostgreSQL's MaxHeapAttributeNumber: "tables can have at most 1600 columns". */
const MAX_COLUMNS = 1600;

/**
 * A table past PostgreSQL's 1,600 columns (its own, inherited and LIKE ones), which the server refuses: a
 * located problem once, when the statement that made it so is read (before: exit 0 and a script whose
 * CREATE TABLE failed to load).
 */
export function tooManyColumns(
  ctx: DdlContext,
  table: TableDraft,
  q: QualifiedName,
  location: SourceLocation,
  what: string,
): void {
  if (table.columns.length <= MAX_COLUMNS) return;
  if (what !== 'CREATE TABLE' && table.columns.length > MAX_COLUMNS + 1) return; // told when it passed
  ctx.builder.problems.push({
    location,
    message: `${what} ${displayName(q)}: the table has ${table.columns.length} columns, and a PostgreSQL table can have at most ${MAX_COLUMNS}; split it into tables of fewer columns (one-to-one, sharing the key)`,
  });
}
