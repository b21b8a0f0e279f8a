/**
 * A comparison whose operand is a bare value of a domain over an enum (`x <> 'c'` on a column of
 * `CREATE DOMAIN d AS w`, `VALUE <> 'b'` in a domain over such a domain): PostgreSQL's enum comparisons
 * take `anyenum`, which a domain does not match, so the server refuses the statement (`operator does not
 * exist: d <> unknown`) while a cast operand (`x::w <> 'c'`) or a CHECK on the domain itself (where VALUE
 * is the enum) is accepted. datagen, which writes the statement back, would write output that stops
 * loading there: a located problem instead, as the server's.
 */
import type { SourceLocation } from '../../errors.js';
import type { QualifiedName, TypeRef } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { stringsOf, walkAst } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import type { TableDraft } from './schema-builder.js';

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);

/** The A_Expr kinds that compare their operands with an operator (`IN` and `BETWEEN` with `=` and `>=`). */
const COMPARING_KINDS: Record<string, string | null> = {
  AEXPR_OP: null,
  AEXPR_OP_ANY: null,
  AEXPR_OP_ALL: null,
  AEXPR_DISTINCT: '=',
  AEXPR_NOT_DISTINCT: '=',
  AEXPR_NULLIF: '=',
  AEXPR_IN: '=',
  AEXPR_BETWEEN: '>=',
  AEXPR_NOT_BETWEEN: '>=',
  AEXPR_BETWEEN_SYM: '>=',
  AEXPR_NOT_BETWEEN_SYM: '>=',
};

/** A domain whose base type, through domains over domains, is an enum: the domain and that enum. */
interface EnumDomain {
  readonly domain: QualifiedName;
  readonly enumType: QualifiedName;
}

/** The domain over an enum that `type` names (not an array of one), or undefined. */
export function enumDomainOf(ctx: DdlContext, type: TypeRef | undefined): EnumDomain | undefined {
  if (type === undefined || type.arrayDims > 0) return undefined;
  const seen = new Set<string>();
  let current: TypeRef = type;
  for (;;) {
    const key = nameKey(current);
    if (seen.has(key)) return undefined;
    seen.add(key);
    const defined = ctx.builder.types.get(key);
    if (defined?.kind === 'enum')
      return seen.size === 1
        ? undefined
        : { domain: { schema: type.schema, name: type.name }, enumType: defined };
    if (defined?.kind !== 'domain' || defined.baseType.arrayDims > 0) return undefined;
    current = defined.baseType;
  }
}

/** How PostgreSQL names an operand's type in `operator does not exist`: a constant is `unknown`. */
function operandType(
  node: unknown,
  operandDomain: (ref: unknown) => EnumDomain | undefined,
): string | undefined {
  const own = operandDomain(node);
  if (own !== undefined) return own.domain.name;
  if ((node as { A_Const?: { sval?: unknown } } | undefined)?.A_Const?.sval !== undefined) return 'unknown';
  const cast = (
    node as { TypeCast?: { typeName?: { names?: never[]; arrayBounds?: unknown[] } } } | undefined
  )?.TypeCast?.typeName;
  if (cast !== undefined && (cast.arrayBounds ?? []).length === 0) return stringsOf(cast.names).at(-1);
  return undefined;
}

/**
 * A located problem for the first comparison in `expr` (which `what` names) whose operand is a bare value
 * of a domain over an enum; `operandDomain`: the domain over an enum a column reference (or VALUE) is of.
 * Not when the DDL defines an operator of that name (it may take the domain).
 */
export function reportEnumDomainComparison(
  ctx: DdlContext,
  expr: unknown,
  what: string,
  operandDomain: (ref: unknown) => EnumDomain | undefined,
  at: (offset: number | undefined) => SourceLocation,
): void {
  let found: { message: string; offset: number | undefined } | undefined;
  walkAst(expr, (key, n) => {
    if (found !== undefined || key !== 'A_Expr') return;
    const kind = n.kind as string;
    if (!(kind in COMPARING_KINDS)) return;
    const written = stringsOf(n.name as never[] | undefined);
    const operator = COMPARING_KINDS[kind] ?? (written.length === 1 ? written[0] : undefined);
    if (operator === undefined || !COMPARISONS.has(operator) || ctx.userOperators.has(operator)) return;
    const sides = [n.lexpr, n.rexpr];
    const index = sides.findIndex((side) => operandDomain(side) !== undefined);
    const domain = index < 0 ? undefined : operandDomain(sides[index]);
    if (domain === undefined) return;
    const items = (n.rexpr as { List?: { items?: unknown[] } } | undefined)?.List?.items;
    const right = operandType(items?.[0] ?? n.rexpr, operandDomain);
    const left = operandType(n.lexpr, operandDomain);
    const shown =
      left !== undefined && right !== undefined
        ? `: operator does not exist: ${left} ${operator} ${right}`
        : '';
    const enumName = displayName(domain.enumType);
    found = {
      offset: n.location as number | undefined,
      message: `${what}${shown} (${displayName(domain.domain)} is a domain over the enum ${enumName}, and the enum's comparison operators do not take a domain), so PostgreSQL refuses the statement; cast the value to the enum where it is compared (\`x::${enumName} <> 'c'\`), or, for a CHECK, put it on a domain over the enum itself, where VALUE is the enum`,
    };
  });
  if (found !== undefined) ctx.builder.problems.push({ location: at(found.offset), message: found.message });
}

/** As reportEnumDomainComparison, for an expression of `table` (a CHECK, generated column, index). */
export function reportTableEnumDomainComparison(
  ctx: DdlContext,
  table: TableDraft,
  expr: unknown,
  what: string,
  at: (offset: number | undefined) => SourceLocation,
): void {
  reportEnumDomainComparison(
    ctx,
    expr,
    `${what} on ${displayName(table)}`,
    (ref) => {
      const fields = (ref as { ColumnRef?: { fields?: never[] } } | undefined)?.ColumnRef?.fields;
      if (fields === undefined) return undefined;
      const names = stringsOf(fields);
      if (names.length > 1 && names.at(-2) !== table.name) return undefined;
      return enumDomainOf(ctx, table.columns.find((c) => c.name === names.at(-1))?.type);
    },
    at,
  );
}
