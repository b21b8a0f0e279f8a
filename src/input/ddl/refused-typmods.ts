/**
 * Type modifiers a type refuses (`varchar(0)`, `numeric(0)`), in a column, a domain's base type or a
 * composite type's attribute: PostgreSQL refuses the statement, so datagen, which writes it back, would
 * write output that stops loading there; each is a located problem.
 */
import type { SourceLocation } from '../../errors.js';
import type { QualifiedName, TypeRef } from '../../schema/model.js';
import { displayName } from '../../schema/names.js';
import type { DdlContext } from './ddl-context.js';
import { columnName } from './literal-inputs.js';
import type { ColumnDraft, TableDraft } from './schema-builder.js';

/** The largest length of a varchar or char (PostgreSQL's MaxAttrSize). */
const MAX_LENGTH = 10485760;

/** Why PostgreSQL refuses `type` with its modifiers (`varchar(0)`, `numeric(0)`), or null. */
export function refusedTypmods(type: {
  schema: string;
  name: string;
  typmods: readonly number[];
}): string | null {
  if (type.schema !== 'pg_catalog') return null;
  const [first, second] = type.typmods;
  if (first === undefined) return null;
  switch (type.name) {
    case 'varchar':
    case 'bpchar': {
      const shown = type.name === 'varchar' ? 'varchar' : 'char';
      if (first < 1) return `length for type ${shown} must be at least 1`;
      return first > MAX_LENGTH ? `length for type ${shown} cannot exceed ${MAX_LENGTH}` : null;
    }
    case 'bit':
    case 'varbit':
      return first < 1 ? `length for type ${type.name} must be at least 1` : null;
    case 'numeric':
      if (first < 1 || first > 1000) return `NUMERIC precision ${first} must be between 1 and 1000`;
      return second !== undefined && (second < -1000 || second > 1000)
        ? `NUMERIC scale ${second} must be between -1000 and 1000`
        : null;
    case 'timestamp':
    case 'timestamptz':
    case 'time':
    case 'timetz':
    case 'interval':
      return first < 0 ? `${type.name}(${first}) precision must not be negative` : null;
    default:
      return null;
  }
}

/** A located problem when a column's type modifiers are refused (`varchar(0)`), as PostgreSQL refuses the statement. */
export function reportRefusedTypmods(
  ctx: DdlContext,
  table: TableDraft,
  column: ColumnDraft,
  location: SourceLocation,
): void {
  reportRefusedTypeTypmods(ctx, `column ${columnName(table, column)}`, column.type, location);
}

/** A located problem when `type`, which `what` names (a domain, an attribute), has refused type modifiers. */
export function reportRefusedTypeTypmods(
  ctx: DdlContext,
  what: string,
  type: TypeRef,
  location: SourceLocation,
): void {
  const typmods = refusedTypmods(type);
  if (typmods !== null)
    ctx.builder.problems.push({
      location,
      message: `${what}: ${typmods}, so PostgreSQL refuses the statement; give the type a modifier in its range`,
    });
}

/** A qualified name as messages show it. */
export function shownName(q: QualifiedName): string {
  return displayName(q);
}
