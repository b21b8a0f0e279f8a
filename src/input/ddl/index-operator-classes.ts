/**
 * A key or an index element without an operator class on a type with no
 * default one for the access method (a PRIMARY KEY on json or point,
 * `USING gin (text_col)`, `USING gist (int_col)` without btree_gist), and a
 * UNIQUE index of an access method that cannot be unique (gin, gist, hash,
 * spgist, brin): PostgreSQL refuses the statement, datagen wrote it back and
 * the output stopped loading there. Judged from the catalog facts of
 * default-operator-classes.ts: domains follow their base type, arrays, enums,
 * ranges and composite types the pseudo-types standing for them, an
 * extension's types count once the DDL creates it. Where the facts do not
 * reach (a type or access method not listed, an extension of unknown
 * operator classes, a DEFAULT operator class the DDL makes) nothing is said.
 */
import type { IndexElem } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import { formatTypeName } from '../../schema/format-type.js';
import type { TypeRef } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import type { DdlContext } from './ddl-context.js';
import {
  BINARY_COERCIBLE,
  CORE_DEFAULTS,
  EXTENSION_DEFAULTS,
  KNOWN_BUILTINS,
} from './default-operator-classes.js';
import { EXTENSION_TYPES } from './extension-types.js';
import type { TableDraft } from './schema-builder.js';

/** Access methods for which the DDL creates a DEFAULT operator class, by schema builder. */
const madeDefaults = new WeakMap<object, Set<string>>();

/** A `CREATE OPERATOR CLASS ... DEFAULT ... USING am`: that method's defaults are no longer this file's to say. */
export function noteDefaultOperatorClass(ctx: Pick<DdlContext, 'builder'>, accessMethod: string): void {
  const made = madeDefaults.get(ctx.builder) ?? new Set<string>();
  made.add(accessMethod);
  madeDefaults.set(ctx.builder, made);
}

/** The types with a default operator class for `am` in this DDL's database, or undefined when not known. */
function defaultsFor(ctx: Pick<DdlContext, 'builder'>, am: string): ReadonlySet<string> | undefined {
  const core = CORE_DEFAULTS[am];
  if (core === undefined || madeDefaults.get(ctx.builder)?.has(am) === true) return undefined;
  const types = new Set(core);
  for (const { name } of ctx.builder.extensions) {
    const facts = EXTENSION_DEFAULTS[name];
    if (facts === undefined) return undefined;
    for (const t of facts[am] ?? []) types.add(t);
  }
  return types;
}

/** The names the server matches `type`'s operator classes by (itself, what it is coercible to), or undefined. */
function candidates(ctx: Pick<DdlContext, 'builder'>, type: TypeRef): readonly string[] | undefined {
  let t = type;
  for (let depth = 0; depth < 32; depth++) {
    const def = ctx.builder.types.get(nameKey(t));
    if (def?.kind !== 'domain' || t.arrayDims > 0) break;
    t = { ...def.baseType, arrayDims: def.baseType.arrayDims + t.arrayDims };
  }
  const def = ctx.builder.types.get(nameKey(t));
  const extension = EXTENSION_TYPES[t.name];
  const ownName =
    def !== undefined
      ? undefined
      : t.schema === 'pg_catalog' && KNOWN_BUILTINS.has(t.name)
        ? t.name
        : extension !== undefined && ctx.builder.extensions.some((e) => e.name === extension)
          ? t.name
          : undefined;
  if (t.arrayDims > 0)
    return def === undefined && ownName === undefined ? undefined : [`${t.name}[]`, 'anyarray'];
  if (def?.kind === 'enum') return ['anyenum'];
  if (def?.kind === 'range') return ['anyrange'];
  if (def?.kind === 'composite') return ['record'];
  if (ownName === undefined) return undefined;
  const coerced = BINARY_COERCIBLE[ownName];
  return coerced === undefined ? [ownName] : [ownName, coerced];
}

/** Why the server refuses an element of `type` without an operator class under `am`, or undefined. */
export function missingDefaultOperatorClass(
  ctx: Pick<DdlContext, 'builder'>,
  am: string,
  type: TypeRef,
): string | undefined {
  const defaults = defaultsFor(ctx, am);
  const names = candidates(ctx, type);
  if (defaults === undefined || names === undefined || names.some((n) => defaults.has(n))) return undefined;
  return `data type ${formatTypeName(type)} has no default operator class for access method "${am}"`;
}

function fixFor(am: string): string {
  return am === 'btree' || am === 'hash'
    ? 'key or index an expression of a type that has one (jsonb for json, text for xml), or leave the column out'
    : `name an operator class (USING ${am} (col opclass_ops)), create the extension that provides one, or use another access method`;
}

/** A PRIMARY KEY or UNIQUE constraint over `columns` (btree): a located problem for a column of a type without one. */
export function reportKeyWithoutOperatorClass(
  ctx: Pick<DdlContext, 'builder'>,
  table: TableDraft,
  what: string,
  columns: readonly string[],
  location: SourceLocation | null,
): void {
  for (const name of columns) {
    const column = table.columns.find((c) => c.name === name);
    const why = column === undefined ? undefined : missingDefaultOperatorClass(ctx, 'btree', column.type);
    if (why === undefined) continue;
    ctx.builder.problems.push({
      location,
      message: `${what} on ${displayName(table)}: PostgreSQL refuses it ("${why}"); ${fixFor('btree')}`,
    });
    return;
  }
}

/**
 * An index's (or an exclusion constraint's) elements under `am`: a located problem for a column element without
 * an operator class of a type without a default one, or for UNIQUE under a method that cannot be unique.
 */
export function reportIndexWithoutOperatorClass(
  ctx: Pick<DdlContext, 'builder'>,
  table: TableDraft,
  what: string,
  am: string,
  unique: boolean,
  elems: readonly IndexElem[],
  location: SourceLocation | null,
): void {
  const push = (why: string, fix: string) =>
    ctx.builder.problems.push({
      location,
      message: `${what} on ${displayName(table)}: PostgreSQL refuses it ("${why}"); ${fix}`,
    });
  if (unique && am !== 'btree' && CORE_DEFAULTS[am] !== undefined) {
    push(
      `access method "${am}" does not support unique indexes`,
      'only btree indexes can be UNIQUE: drop UNIQUE, or index with btree',
    );
    return;
  }
  for (const elem of elems) {
    if (elem.name === undefined || (elem.opclass ?? []).length > 0) continue;
    const column = table.columns.find((c) => c.name === elem.name);
    const why = column === undefined ? undefined : missingDefaultOperatorClass(ctx, am, column.type);
    if (why === undefined) continue;
    push(why, fixFor(am));
    return;
  }
}
