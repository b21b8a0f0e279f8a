/**
 * Which of a routine's overloads an `ALTER FUNCTION f(int) ...` names: `SET SCHEMA` (schema-moves.ts) and
 * `RENAME TO` change that one, the others (`f(text)`) stay where and what they are; and what a routine's
 * RENAME changes (its new name's key, the triggers that run it).
 */
import type { Node, ObjectWithArgs } from 'libpg-query';
import { formatTypeName } from '../../schema/format-type.js';
import type { QualifiedName } from '../../schema/model.js';
import { stringsOf } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import { rewriteStatements } from './relation-rename.js';
import { routineTag, typeText } from './routines.js';
import type { TableDraft } from './schema-builder.js';
import { objectKey } from './statement-list.js';

/** The overload an ALTER names, and the other overloads of its name in its schema. */
export interface NamedOverload {
  /** Its tag (`f(integer)`), where the ALTER gives an argument list matching one of the DDL's overloads. */
  readonly tag: string | undefined;
  /** Its argument types as tags write them (`integer`); undefined where the ALTER gives none (then it is the only one). */
  readonly types: readonly string[] | undefined;
  /** The argument types of the other overloads of its name in `schema`. */
  readonly others: readonly (readonly string[])[];
}

/** The argument types of a routine tag (`f(numeric(10,2), text)`), commas inside parentheses not splitting. */
function tagTypes(tag: string): string[] {
  const list = tag.slice(tag.indexOf('(') + 1, tag.lastIndexOf(')')).trim();
  if (list === '' || list === '*') return [];
  const types: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      types.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  return [...types, list.slice(start).trim()];
}

/** The overload `object` names among the DDL's routines of its name in `schema`. */
export function namedOverload(ctx: DdlContext, object: ObjectWithArgs, schema: string): NamedOverload {
  const name = stringsOf(object.objname).at(-1) ?? '';
  const tags = [...ctx.routineIdentities.keys()]
    .filter((key) => key.startsWith(`${schema}\u0000${name}(`))
    .map((key) => key.slice(schema.length + 1));
  const tag = routineTag(ctx, object, false).name;
  if (object.args_unspecified === true || !tags.includes(tag))
    return { tag: undefined, types: undefined, others: [] };
  return { tag, types: tagTypes(tag), others: tags.filter((t) => t !== tag).map(tagTypes) };
}

/** An argument's type where a glance tells it: a column of `table`, a cast, a number or boolean constant. */
function argumentType(ctx: DdlContext, arg: Node, table: TableDraft | undefined): string | undefined {
  if ('TypeCast' in arg) return typeText(ctx, arg.TypeCast.typeName);
  if ('ColumnRef' in arg) {
    const name = stringsOf(arg.ColumnRef.fields).at(-1);
    const column = table?.columns.find((c) => c.name === name);
    return column === undefined ? undefined : formatTypeName(column.type);
  }
  if (!('A_Const' in arg)) return undefined;
  const c = arg.A_Const;
  return c.ival !== undefined
    ? 'integer'
    : c.fval !== undefined
      ? 'numeric'
      : c.boolval !== undefined
        ? 'boolean'
        : undefined;
}

/**
 * Whether a call (`args`; a trigger's: none) of the overloaded name runs the named overload: the only one, or
 * the one whose argument types the call's are (a column of `table`, a cast, a constant), else the only one
 * taking that many arguments.
 */
export function callsNamedOverload(
  ctx: DdlContext,
  overload: NamedOverload,
  args: readonly Node[],
  table?: QualifiedName,
): boolean {
  const named = overload.types;
  if (overload.others.length === 0 || named === undefined) return true;
  const draft = table === undefined ? undefined : ctx.builder.table(table);
  const types = args.map((a) => argumentType(ctx, a, draft));
  const same = (list: readonly string[]) =>
    list.length === types.length && list.every((t, i) => t === types[i]);
  if (same(named)) return true;
  if (overload.others.some(same)) return false;
  return named.length === args.length && !overload.others.some((o) => o.length === args.length);
}

/** The object key of a routine renamed to `to`, in the schema where the DDL made it (else where it names it). */
export function renamedRoutineKey(ctx: DdlContext, object: Node, to: string): string {
  const names = 'ObjectWithArgs' in object ? stringsOf(object.ObjectWithArgs.objname) : [];
  return objectKey('function', routineSchema(ctx, object, names.at(-1) ?? ''), to);
}

/** The schema of the routine named `name` an ALTER FUNCTION names: its own, else the first one defining it. */
function routineSchema(ctx: DdlContext, object: Node, name: string): string {
  const names = 'ObjectWithArgs' in object ? stringsOf(object.ObjectWithArgs.objname) : [];
  const schemas =
    names.length >= 2 ? [names.at(-2) ?? ''] : [ctx.creationSchema(), ...ctx.builder.namespaces];
  return schemas.find((s) => ctx.out.has(objectKey('function', s, name))) ?? schemas[0] ?? '';
}

/**
 * `ALTER FUNCTION f RENAME TO g`: a trigger executes the function itself, not
 * its name, so the triggers created post-data (after the rename) call g.
 */
export function renameTriggerFunction(ctx: DdlContext, object: Node, to: string): void {
  const names = 'ObjectWithArgs' in object ? stringsOf(object.ObjectWithArgs.objname) : [];
  const from = names.at(-1);
  const schema = names.length >= 2 ? names.at(-2) : undefined;
  if (from === undefined || !('ObjectWithArgs' in object)) return;
  // `ALTER FUNCTION f(int) RENAME TO g` beside the trigger function f(): the triggers still run f.
  const home = routineSchema(ctx, object, from);
  if (!callsNamedOverload(ctx, namedOverload(ctx, object.ObjectWithArgs, home), [])) return;
  rewriteStatements(ctx, (s, n) => {
    if (s.desc !== 'TRIGGER' || !('CreateTrigStmt' in n)) return false;
    const called = n.CreateTrigStmt.funcname ?? [];
    const calledNames = stringsOf(called);
    if (calledNames.at(-1) !== from) return false;
    if (schema !== undefined && calledNames.length >= 2 && calledNames.at(-2) !== schema) return false;
    n.CreateTrigStmt.funcname = [...called.slice(0, -1), { String: { sval: to } }];
    return {};
  });
}
