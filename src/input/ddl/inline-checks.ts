/**
 * CHECKs, generated columns and expression keys read with their calls of one-expression functions the DDL
 * defines inlined (inline-functions.ts), a table CHECK's call of an overloaded name resolved by its arguments'
 * types (inline-overloads.ts: the column's type, a domain's base type, a constant's, a cast's).
 */

import { formatTypeName } from '../../schema/format-type.js';
import type { TypeRef } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { stringsOf } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import {
  type CastsArgument,
  type InlineBody,
  inlineChecks,
  inlineExpression,
  inlineResolved,
} from './inline-functions.js';
import type { ArgumentType } from './inline-overloads.js';
import type { SchemaBuilder } from './schema-builder.js';

/** A type's name for overload resolution: a domain's base type's (as the server resolves a domain argument). */
function resolvedName(builder: SchemaBuilder, type: TypeRef): string {
  const def = builder.types.get(nameKey(type));
  return formatTypeName(def?.kind === 'domain' && type.arrayDims === 0 ? def.baseType : type);
}

/**
 * The type of an argument in a table's CHECKs or generated columns (a column of it) or a domain's CHECKs
 * (`VALUE`, of its base type), a constant, a cast.
 */
function argumentTypes(
  ctx: DdlContext,
  builder: SchemaBuilder,
  columnType: (name: string | undefined) => TypeRef | undefined,
): ArgumentType {
  return (node) => {
    const n = node as Record<string, Record<string, unknown>>;
    if (n.ColumnRef !== undefined) {
      const fields = stringsOf(n.ColumnRef.fields as never[]);
      const type = fields.length > 2 ? undefined : columnType(fields.at(-1));
      return type === undefined ? undefined : resolvedName(builder, type);
    }
    if (n.A_Const !== undefined) {
      const c = n.A_Const;
      if (c.ival !== undefined) return 'integer';
      if (c.fval !== undefined) return 'numeric';
      if (c.sval !== undefined) return 'unknown';
      if (c.boolval !== undefined) return 'boolean';
      return undefined;
    }
    const cast = n.TypeCast?.typeName;
    return cast === undefined ? undefined : resolvedName(builder, ctx.quietTypeRef(cast as never).type);
  };
}

/** CHECKs of tables and domains, generated columns' and unique keys' expressions, read with their calls of single-expression DDL functions inlined. */
export function inlineFunctionsIntoChecks(
  ctx: DdlContext,
  builder: SchemaBuilder,
  bodies: ReadonlyMap<string, InlineBody | null>,
): void {
  const casts = castsToDomains(builder);
  for (const table of builder.tables.values()) {
    const typeOf = argumentTypes(ctx, builder, (name) => table.columns.find((c) => c.name === name)?.type);
    table.checks = inlineChecks(table.checks, bodies, casts, typeOf);
    // Generated columns too: their NOT NULL and CHECKs are read over the generation expression
    // (an overloaded call resolved from generator version 23: plan/version-checks.ts).
    table.columns = table.columns.map((c) => {
      if (!c.generated) return c;
      const { expr, before } = inlineResolved(c.generated, bodies, casts, typeOf);
      return before === undefined
        ? { ...c, generated: expr }
        : { ...c, generated: expr, generatedBefore23: before };
    });
    // Unique keys over expressions too (docs.rs' UNIQUE INDEX on normalize_crate_name(name)).
    table.uniques = table.uniques.map((u) =>
      u.expressions.some((e) => e !== null)
        ? {
            ...u,
            expressions: u.expressions.map((e) => (e === null ? e : inlineExpression(e, bodies, casts))),
          }
        : u,
    );
  }
  for (const [key, type] of builder.types)
    if (type.kind === 'domain') {
      // VALUE is of the domain's base type (an overloaded call resolved from version 23: type-resolution.ts).
      const typeOf = argumentTypes(ctx, builder, (name) => (name === 'value' ? type.baseType : undefined));
      builder.types.set(key, {
        ...type,
        checks: inlineChecks(type.checks, bodies, casts, typeOf, 'before23'),
      });
    }
}

/**
 * A function's parameter of a domain type: the server casts the argument to
 * it, so the domain's CHECKs hold of it (`half(positive)` called with -5
 * fails the load); the inlined call keeps that cast. Names as the DDL wrote
 * them: qualified, or any schema's domain of that name.
 */
function castsToDomains(builder: SchemaBuilder): CastsArgument {
  const qualified = new Set<string>();
  const bare = new Set<string>();
  for (const type of builder.types.values())
    if (type.kind === 'domain') {
      qualified.add(`${type.schema}.${type.name}`);
      bare.add(type.name);
    }
  if (bare.size === 0) return () => false;
  return (typeName) => {
    const node = typeName as { names?: never[]; arrayBounds?: unknown[] } | undefined;
    if (node?.names === undefined || (node.arrayBounds?.length ?? 0) > 0) return false;
    const names = stringsOf(node.names);
    return names.length >= 2 ? qualified.has(names.slice(-2).join('.')) : bare.has(names[0] ?? '');
  };
}
