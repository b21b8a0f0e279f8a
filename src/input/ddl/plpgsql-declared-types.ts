/**
 * plpgsql functions whose DECLARE names a type nothing defines (`z nowhere_type;`). A pg_dump file
 * (`check_function_bodies = false`, which datagen's output sets too) creates them, and their first call fails
 * (`type "nowhere_type" does not exist`). A table whose CHECK (its own, or its columns' domains'), generated
 * column or index expression calls one stops its load at its first row (the index: at its CREATE INDEX): it gets no rows instead (a CHECK over no rows calls
 * nothing), with the reason naming the function and the type. Types the DDL defines anywhere (also after the
 * function: the body is compiled at its first call), `%TYPE` and `%ROWTYPE` are fine, and so are the types
 * the DDL's extensions make (`extension-types.ts` `extensionMadeTypes`: contrib's, PostGIS', pgvector's);
 * nothing is judged where an extension whose types are not known (TimescaleDB, …) may make the type.
 */
import type { CreateFunctionStmt, Node, TypeName } from 'libpg-query';
import type { Expr, TypeRef } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { stringsOf, walkAst } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import { extensionMadeTypes } from './extension-types.js';
import { functionBodyText } from './inline-functions.js';
import { parsePlPgSQLSync, selectedExpression } from './pg-parser.js';
import type { SchemaBuilder } from './schema-builder.js';
import { catalogType, definedAnywhere } from './undefined-types.js';

/** One type a function's DECLARE names that was not defined when the function was read. */
interface DeclaredType {
  readonly written: string;
  readonly name: string;
  readonly schemas: readonly string[];
}

/** The type texts a plpgsql body's DECLARE names (not `%TYPE` / `%ROWTYPE`, which name relations' columns). */
function declaredTypeTexts(body: string): string[] {
  let tag = 'datagen';
  while (body.includes(`$${tag}$`)) tag += '_';
  // A value's RETURN parses only in a function returning one, a bare RETURN only in one returning void.
  for (const returns of ['boolean', 'void']) {
    const texts = declaredIn(
      `CREATE FUNCTION f() RETURNS ${returns} LANGUAGE plpgsql AS $${tag}$${body}$${tag}$`,
    );
    if (texts !== undefined) return texts;
  }
  return [];
}

/** The type texts of a CREATE FUNCTION's plpgsql DECLAREs; undefined when the body does not parse. */
function declaredIn(sql: string): string[] | undefined {
  try {
    const parsed = parsePlPgSQLSync(sql) as unknown as {
      plpgsql_funcs?: { PLpgSQL_function?: { datums?: Node[] } }[];
    };
    const datums = parsed.plpgsql_funcs?.[0]?.PLpgSQL_function?.datums ?? [];
    return datums
      .map((d) => {
        const datum = Object.values(d)[0] as { datatype?: { PLpgSQL_type?: { typname?: string } } };
        return datum?.datatype?.PLpgSQL_type?.typname ?? '';
      })
      .filter((t) => t !== '' && !t.includes('%'));
  } catch {
    return undefined;
  }
}

/** The TypeName a type's text reads as (`SELECT NULL::text`), or undefined. */
function typeNameOf(text: string): TypeName | undefined {
  const val = selectedExpression(`NULL::${text}`);
  return val !== undefined && 'TypeCast' in val ? val.TypeCast.typeName : undefined;
}

/** Note the types a plpgsql function's DECLARE names that nothing has defined yet (by the function's name). */
export function noteDeclaredTypes(ctx: DdlContext, node: CreateFunctionStmt, name: string): void {
  const language = (node.options ?? []).find((o) => 'DefElem' in o && o.DefElem.defname === 'language') as
    | { DefElem: { arg?: Node } }
    | undefined;
  const arg = language?.DefElem.arg as { String?: { sval?: string } } | undefined;
  const body = functionBodyText(node);
  ctx.declaredTypes.delete(name);
  if (arg?.String?.sval?.toLowerCase() !== 'plpgsql' || body === undefined) return;
  const missing: DeclaredType[] = [];
  for (const text of declaredTypeTexts(body)) {
    const typeName = typeNameOf(text);
    if (typeName === undefined) continue;
    const names = stringsOf(typeName.names);
    const bare = names.at(-1) ?? '';
    if (names.length > 2 || (names.length === 2 ? names[0] === 'pg_catalog' : catalogType(bare))) continue;
    if (ctx.quietTypeRef(typeName).resolved) continue;
    const path = ctx.searchPath.filter((s) => s !== '$user' && s !== 'pg_temp');
    const schemas = names.length === 2 ? [names[0] ?? ''] : path.length > 0 ? path : ['public'];
    missing.push({ written: names.join('.'), name: bare, schemas });
  }
  if (missing.length > 0) ctx.declaredTypes.set(name, missing);
}

/** Calls (their last names) in an expression. */
function callsIn(ast: unknown, into: Set<string>): void {
  walkAst(ast, (key, n) => {
    if (key === 'FuncCall') into.add(stringsOf(n.funcname as never[] | undefined).at(-1) ?? '');
  });
}

/** The CHECKs of a column's domains, walked down the chain. */
function domainChecks(builder: SchemaBuilder, type: TypeRef): Expr[] {
  const out: Expr[] = [];
  let current: TypeRef | undefined = type;
  for (let depth = 0; current !== undefined && depth < 32; depth++) {
    const def = builder.types.get(nameKey(current));
    if (def?.kind !== 'domain') break;
    out.push(...def.checks.map((c) => c.expr));
    current = def.baseType;
  }
  return out;
}

/** Tables whose CHECKs, generated columns or indexes call a plpgsql function declaring a type nothing defines: no rows. */
export function leaveTablesCallingUndeclaredTypes(ctx: DdlContext, builder: SchemaBuilder): void {
  const made = builder.extensions.map((e) => extensionMadeTypes(e.name));
  if (ctx.declaredTypes.size === 0 || made.some((types) => types === undefined)) return;
  // An extension's type is taken as there in any schema: where it is installed and the path are not judged.
  const byExtensions = new Set(made.flatMap((types) => types ?? []));
  const broken = new Map<string, string>();
  for (const [name, types] of ctx.declaredTypes) {
    const missing = types.find(
      (t) =>
        !byExtensions.has(t.name.replace(/^_/, '')) &&
        !definedAnywhere(builder, ctx.out, ctx.usedTypes.made, t),
    );
    if (missing !== undefined) broken.set(name, missing.written);
  }
  if (broken.size === 0) return;
  // An index expression calling one fails its CREATE INDEX, built after the rows (post-data), at the first row.
  const indexCalls = new Map<string, Set<string>>();
  ctx.out.update((s) => {
    const on = s.tables[0];
    if (s.desc !== 'INDEX' || s.node === undefined || on === undefined) return undefined;
    const calls = indexCalls.get(nameKey(on)) ?? new Set<string>();
    callsIn(s.node, calls);
    indexCalls.set(nameKey(on), calls);
    return undefined;
  });
  for (const table of builder.tables.values()) {
    const calls = new Set<string>(indexCalls.get(nameKey(table)));
    for (const c of table.checks) callsIn(c.expr.ast, calls);
    for (const column of table.columns) {
      if (column.generated) callsIn(column.generated.ast, calls);
      for (const check of domainChecks(builder, column.type)) callsIn(check.ast, calls);
    }
    const called = [...calls].find((c) => broken.has(c));
    if (called === undefined) continue;
    table.noRowsBecause ??= `${displayName(table)} calls ${called}() in a CHECK, generated column or index, and its plpgsql body declares a variable of type ${broken.get(called)}, which the DDL never creates: the server fails the call (type "${broken.get(called)}" does not exist) at the first row, so the table gets no rows; create the type in the DDL, or fix the function's DECLARE`;
  }
}
