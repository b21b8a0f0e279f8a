/**
 * What PostgreSQL refuses in a domain's definition, read as in a column's (literal-inputs.ts,
 * refused-typmods.ts): type modifiers its base type refuses (`AS varchar(0)`), a DEFAULT its base type
 * cannot read (`AS int DEFAULT 'abc'`), a CHECK comparing VALUE with such a constant
 * (`CHECK (VALUE > 'abc')`). Each is a located problem, as the statement stops a load.
 */
import type { Node } from 'libpg-query';
import type { Expr, QualifiedName, TypeRef } from '../../schema/model.js';
import { exprOf, stringsOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { enumDomainOf, reportEnumDomainComparison } from './enum-domain-operators.js';
import { reportRefusedConstants, reportRefusedDefaultOf, userTypeNamed } from './literal-inputs.js';
import { reportRefusedTypeTypmods, shownName } from './refused-typmods.js';
import { timeWordsRead } from './time-words.js';

/** A located problem when a domain's base type has type modifiers it refuses. */
export function reportRefusedDomainType(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  baseType: TypeRef,
  offset: number | undefined,
): void {
  reportRefusedTypeTypmods(ctx, `DOMAIN ${shownName(q)}`, baseType, stmt.at(offset));
}

/** A located problem when a domain's DEFAULT (or SET DEFAULT) is a constant its base type cannot read. */
export function reportRefusedDomainDefault(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  baseType: TypeRef,
  expr: Node,
): void {
  reportRefusedDefaultOf(ctx, `DEFAULT of domain ${shownName(q)}`, baseType, expr, (o) => stmt.at(o));
}

/** A located problem when a domain's CHECK `name` compares VALUE with a constant its base type cannot read. */
export function reportRefusedDomainCheck(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  baseType: TypeRef,
  check: { readonly name: string; readonly expr: Node; readonly location: number | undefined },
): void {
  const valueType = baseType.schema === 'pg_catalog' && baseType.arrayDims === 0 ? baseType.name : undefined;
  reportRefusedConstants(
    ctx,
    check.expr,
    `CHECK ${check.name} on domain ${shownName(q)}`,
    (ref) => (isValue(ref) ? valueType : undefined),
    (o) => stmt.at(o ?? check.location),
  );
  const over = enumDomainOf(ctx, baseType);
  const what = `CHECK ${check.name} on domain ${shownName(q)}`;
  reportEnumDomainComparison(
    ctx,
    check.expr,
    what,
    (ref) => (isValue(ref) ? over : undefined),
    (o) => stmt.at(o ?? check.location),
  );
}

/** A domain CHECK's expression as the model keeps it: `'today'`, `'now'`, … as what they mean at load time (time-words.ts). */
export function domainCheckExpr(ctx: DdlContext, baseType: TypeRef, expr: Node): Expr {
  const valueType = baseType.schema === 'pg_catalog' && baseType.arrayDims === 0 ? baseType.name : undefined;
  const read = timeWordsRead(
    expr,
    (ref) => (isValue(ref) ? valueType : undefined),
    (name) => userTypeNamed(ctx, name),
  );
  return exprOf(read as Node);
}

/** Whether `ref` is a domain CHECK's `VALUE` (a column reference of that one name). */
function isValue(ref: unknown): boolean {
  const fields = (ref as { ColumnRef?: { fields?: Node[] } } | undefined)?.ColumnRef?.fields;
  const names = fields === undefined ? [] : stringsOf(fields);
  return names.length === 1 && names[0]?.toLowerCase() === 'value';
}
